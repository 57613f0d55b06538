/*
 * search_env.js - runs the site's search.js under Node against a built
 * site folder, loading index files from disk the way the browser loads
 * them (as scripts) and counting the bytes each query downloads.
 *
 *   const env = require('./search_env')(siteDir);
 *   const r = await env.query('食品', {t: '', c: '', a: '', y: ''}, 1);
 *   // r.hits (records of the requested page), r.all, r.bytes, r.files
 */
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const ROOT = 'file:///site/';

/* a fresh browser-like context: nothing cached */
function context(site, counter) {
  const head = {
    appendChild(el) {
      setImmediate(() => {
        const rel = el.src.slice(ROOT.length);
        let code;
        try {
          code = fs.readFileSync(path.join(site, rel));
        } catch (e) {
          if (el.onerror) el.onerror();
          return;
        }
        counter.bytes += code.length;
        counter.files.push(rel);
        vm.runInContext(code.toString('utf8'), sandbox, { filename: rel });
        if (el.onload) el.onload();
      });
    },
  };
  const document = {
    currentScript: { src: ROOT + 'assets/search.js' },
    readyState: 'complete',
    head,
    createElement: () => ({}),
    getElementById: () => null,
    addEventListener() {},
  };
  const sandbox = { console, setTimeout, setImmediate, URLSearchParams, document };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  const js = fs.readFileSync(path.join(site, 'assets/search.js'));
  vm.runInContext(js.toString('utf8'), sandbox, { filename: 'search.js' });
  const meta = fs.readFileSync(path.join(site, 'idx/meta.js'));
  vm.runInContext(meta.toString('utf8'), sandbox, { filename: 'meta.js' });
  return sandbox;
}

module.exports = function (site) {
  /* what a visitor downloads before any index shard: the search page and
   * the files it names */
  const pageFiles = ['search/index.html', 'assets/style.css', 'assets/site.js', 'assets/search.js', 'idx/meta.js'];
  const pageBytes = pageFiles.reduce((n, f) => n + fs.statSync(path.join(site, f)).size, 0);
  const base = context(site, { bytes: 0, files: [] });
  const api = base.gsSearch;
  return {
    site,
    pageBytes,
    norm: api.norm,
    termsOf: api.termsOf,
    decodeList: api.decodeList,
    hash: api.hash,
    /* run a query in a fresh context; page 1-based; want = all to exhaust */
    async query(q, f, page, opts) {
      opts = opts || {};
      const counter = { bytes: 0, files: [] };
      const sb = context(site, counter);
      const g = sb.gsSearch;
      const s = new g.Search(g.meta(), g.norm(q), Object.assign({ t: '', c: '', a: '', y: '' }, f || {}));
      /* past its byte budget a search pauses: the page shows what it
       * found and offers to go on.  firstView: the bytes and hits at the
       * first pause (what a visitor sees first); the search then goes on
       * to the end (opts.noResume: stops there) */
      let pauses = 0, firstView = null, stop;
      const stopped = new Promise((r) => { stop = r; });
      const snap = () => ({ bytes: counter.bytes, files: counter.files.length, hits: s.hits.length });
      s.onPause = () => {
        pauses++;
        if (!firstView) firstView = snap();
        if (opts.noResume) stop();
        else setImmediate(() => s.resume());
      };
      const want = opts.all ? Infinity : page * g.PAGE + 1;
      await Promise.race([s.fill(want), stopped]);
      if (!firstView) firstView = snap();
      const from = (page - 1) * g.PAGE;
      return {
        all: s.hits,
        hits: s.hits.slice(from, from + g.PAGE),
        done: s.done,
        bytes: counter.bytes,
        files: counter.files,
        pauses,
        firstView,
      };
    },
  };
};
