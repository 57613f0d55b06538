#!/usr/bin/env node
/*
 * browser_test.js SITE [--quick] [--shots DIR] - the built site in Debian's Chromium
 * (playwright-core driving /usr/bin/chromium; nothing is downloaded):
 *
 * - axe-core on one page of every kind, in the normal, large-text and
 *   high-contrast modes: 0 violations;
 * - no page requests anything from another host;
 * - search from file:// and over HTTP under a subpath: real queries,
 *   results, paging, a filter;
 * - the officer filter and certificate lookup, the text-size switch
 *   persisting across pages, the skip link first in keyboard order;
 * - a 相对人名称 holding markup shows as text (when the site has one);
 * - with --shots DIR, screenshots at 390 and 1280 px wide.
 * --quick runs only the search, markup and other-host checks.
 * Prints "N passed, N failed".
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { chromium } = require('playwright-core');

const argv = process.argv.slice(2);
const site = path.resolve(argv[0] || '');
const quick = argv.includes('--quick');
const shots = argv.includes('--shots') ? path.resolve(argv[argv.indexOf('--shots') + 1]) : null;
const axePath = require.resolve('axe-core/axe.min.js');
let pass = 0, fail = 0;
function check(name, ok, detail) {
  if (ok) { pass++; console.log('ok   ' + name); }
  else { fail++; console.log('FAIL ' + name + (detail ? ': ' + detail : '')); }
}

function files(dir, re) {
  const out = [];
  if (!fs.existsSync(path.join(site, dir))) return out;
  (function walk(d) {
    for (const e of fs.readdirSync(path.join(site, d), { withFileTypes: true })) {
      const rel = d ? d + '/' + e.name : e.name;
      if (e.isDirectory()) walk(rel);
      else if (re.test(rel)) out.push(rel);
    }
  })(dir);
  return out.sort();
}
function withText(list, text) {
  return list.find((f) => fs.readFileSync(path.join(site, f), 'utf8').includes(text));
}

/* one page of every kind */
function pages() {
  const dec = files('d', /\.html$/);
  const offs = files('officers', /^officers\/(?!index).*\.html$/);
  const kinds = [
    ['home', 'index.html'],
    ['agency list', 'agencies/index.html'],
    ['agency', files('agencies', /^agencies\/(?!index).*\.html$/)[0]],
    ['officer list', 'officers/index.html'],
    ['officer (valid)', withText(offs, 'verdict ok')],
    ['officer (not valid)', withText(offs, 'verdict bad')],
    ['powers', 'powers/index.html'],
    ['inspections', 'inspections/index.html'],
    ['policies', 'policies/index.html'],
    ['policy page', files('pages', /\.html$/)[0]],
    ['decision list', 'decisions/index.html'],
    ['decision list page', files('decisions/p', /\.html$/)[0]],
    ['decisions by category', 'decisions/chufa/index.html'],
    ['decisions by agency', files('decisions/agency', /index\.html$/)[0]],
    ['decisions by year', files('decisions', /^decisions\/\d{4}\/index\.html$/)[0]],
    ['decisions by month', files('decisions', /^decisions\/\d{4}\/\d{2}\/index\.html$/)[0]],
    ['decision', withText(dec, '<dt>违法事实</dt>')],
    ['decision with a status note', withText(dec, 'class="notice"')],
    ['withdrawn decision notice', withText(dec, '已撤下')],
    ['search', 'search/index.html'],
    ['404', '404.html'],
  ];
  if (fs.existsSync(path.join(site, 'stats/index.html'))) kinds.push(['statistics', 'stats/index.html']);
  return kinds.filter(([, f]) => f);
}

function url(rel, query) {
  return 'file://' + path.join(site, rel) + (query || '');
}

async function axe(page, label) {
  await page.addScriptTag({ path: axePath });
  const r = await page.evaluate(async () => {
    const res = await window.axe.run(document, { resultTypes: ['violations'] });
    return res.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}× ${v.nodes[0].target.join(' ')}`);
  });
  check(`axe ${label}: ${r.length} violations`, r.length === 0, r.join('; '));
}

/* serve SITE under /county/sub/ on a loopback port */
function serve() {
  const prefix = '/county/sub/';
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.xml': 'application/xml' };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    let p = decodeURIComponent(u.pathname);
    if (!p.startsWith(prefix)) { res.writeHead(404); return res.end(); }
    p = path.normalize(p.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
    if (p === '' || p.endsWith('/')) p += 'index.html';
    const f = path.join(site, p);
    if (!f.startsWith(site) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) {
      res.writeHead(404, { 'content-type': types['.html'] });
      return res.end(fs.readFileSync(path.join(site, '404.html')));
    }
    res.writeHead(200, { 'content-type': types[path.extname(f)] || 'application/octet-stream' });
    res.end(fs.readFileSync(f));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, base: `http://127.0.0.1:${server.address().port}${prefix}` })));
}

async function results(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('status');
    return s && s.textContent && !/正在搜索/.test(s.textContent);
  }, null, { timeout: 20000 });
  return page.evaluate(() => ({
    status: document.getElementById('status').textContent,
    hits: Array.from(document.querySelectorAll('#results .hit-t a')).map((a) => ({ text: a.textContent, href: a.getAttribute('href') })),
    next: !!Array.from(document.querySelectorAll('#spager a')).find((a) => a.textContent === '下一页'),
  }));
}

/* accessibility of every kind of page (three ways), text size, keyboard,
 * officer list */
async function slow(page, kinds) {
  for (const [kind, rel] of kinds) {
    await page.goto(url(rel, kind === 'search' ? '?q=' + encodeURIComponent('罚款') : ''));
    if (kind === 'search') await results(page);
    await axe(page, `${kind} (${rel})`);
  }
  for (const mode of [['gs-contrast', '1', 'high contrast'], ['gs-size', '2', 'largest text']]) {
    await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, mode);
    for (const kind of ['home', 'decision', 'officer (valid)', 'officer (not valid)', 'search']) {
      const rel = (kinds.find(([k]) => k === kind) || [])[1];
      if (!rel) continue;
      await page.goto(url(rel, kind === 'search' ? '?q=' + encodeURIComponent('罚款') : ''));
      if (kind === 'search') await results(page);
      await axe(page, `${kind}, ${mode[2]}`);
    }
  }
  await page.evaluate(() => localStorage.clear());

  // text size switch persists across pages
  await page.goto(url('index.html'));
  await page.click('#tools [data-size="1"]');
  check('text size: class set at once', await page.evaluate(() => document.documentElement.classList.contains('fs1')));
  await page.goto(url('officers/index.html'));
  check('text size: kept on the next page', await page.evaluate(() => document.documentElement.classList.contains('fs1')));
  await page.click('#tools [data-contrast]');
  await page.goto(url('index.html'));
  check('high contrast: kept on the next page', await page.evaluate(() => document.documentElement.classList.contains('hc')));
  await page.evaluate(() => localStorage.clear());

  // keyboard: the skip link comes first and moves focus to main
  await page.goto(url('index.html'));
  await page.keyboard.press('Tab');
  check('keyboard: first Tab reaches the skip link', await page.evaluate(() => document.activeElement.classList.contains('skip')));
  await page.keyboard.press('Enter');
  check('keyboard: skip link moves to the main content', await page.evaluate(() => document.activeElement.id === 'main'));

  // officer list: filter and certificate lookup
  await page.goto(url('officers/index.html'));
  const all = await page.locator('tr[data-ag]').count();
  const first = await page.evaluate(() => document.querySelector('#of select[name=ag] option:nth-child(2)').value);
  await page.selectOption('#of select[name=ag]', first);
  const shown = await page.locator('tr[data-ag]:not([hidden])').count();
  check(`officer filter by agency: ${shown} of ${all} shown`, shown > 0 && shown < all);
  await page.selectOption('#of select[name=ag]', '');
  await page.selectOption('#of select[name=ok]', '0');
  const bad = await page.locator('tr[data-ag]:not([hidden])').count();
  const badOk = await page.evaluate(() => Array.from(document.querySelectorAll('tr[data-ag]:not([hidden])')).every((r) => r.dataset.ok === '0'));
  check(`officer filter by status: ${bad} not valid`, bad > 0 && bad < all && badOk);
  const cert = await page.evaluate(() => document.querySelector('tr[data-ag] td:nth-child(2)').textContent);
  await page.goto(url('officers/index.html', '?cert=' + encodeURIComponent(cert)));
  await page.waitForURL(/officers\/(?!index).*\.html$/, { timeout: 10000 });
  check('certificate lookup opens the officer page', (await page.locator('.verdict').count()) === 1);
  await page.goto(url('officers/index.html', '?cert=00000000000'));
  check('certificate lookup of an unknown number says so', /未找到/.test(await page.locator('#cf-out').textContent()));

}

/* search from file://: results, paging, a filter, no hit */
async function fileSearch(page) {
  await page.goto(url('search/index.html', '?q=' + encodeURIComponent('罚款')));
  let r = await results(page);
  check(`file:// search 罚款: ${r.hits.length} results shown`, r.hits.length === 10 && r.next, r.status);
  const target = decodeURIComponent(new URL(r.hits[0].href, url('search/index.html')).pathname);
  check('file:// search: result links resolve', fs.existsSync(target), r.hits[0].href);
  await page.click('#spager a:text("下一页")');
  r = await results(page);
  check('file:// search: next page', /第 11–/.test(r.status) && page.url().includes('p=2'), r.status);
  await page.goto(url('search/index.html', '?q=' + encodeURIComponent('罚') + '&t=d'));
  r = await results(page);
  check(`file:// search single character with a filter: ${r.hits.length}`, r.hits.length > 0);
  await page.goto(url('search/index.html'));
  await page.fill('#q', '甲乙丙丁戊');
  await page.press('#q', 'Enter');
  r = await results(page);
  check('file:// search with no hit says so', r.hits.length === 0 && /没有找到/.test(r.status), r.status);

  return r;
}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  /* the 404 page links absolutely to base_url, the site's own address */
  const own = (fs.readFileSync(path.join(site, '404.html'), 'utf8').match(/<link rel="stylesheet" href="([^"]*)assets\/style\.css"/) || [])[1];
  const foreign = [];
  ctx.on('request', (req) => {
    const u = req.url();
    if (own && u.startsWith(own)) return;
    if (!/^(file:|data:|about:|http:\/\/127\.0\.0\.1:)/.test(u)) foreign.push(u);
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push('dialog: ' + d.message()); d.dismiss(); });
  try {
    const kinds = pages();
    if (!quick) await slow(page, kinds);

    // search from file://
    let r;
    if (quick) {
      await page.goto(url('search/index.html', '?q=' + encodeURIComponent('罚款')));
      r = await results(page);
      check(`file:// search 罚款: ${r.hits.length} results`, r.hits.length > 0, r.status);
    } else {
      r = await fileSearch(page);
    }

    // markup in a party name shows as text (test fixtures carry one)
    const evil = withText(files('d', /\.html$/), '&lt;script&gt;');
    if (evil) {
      await page.goto(url(evil));
      const txt = await page.locator('.fields').textContent();
      check('decision page: markup in 相对人名称 shows as text', txt.includes('<script>') && (await page.locator('main script').count()) === 0);
      await page.goto(url('search/index.html', '?q=script'));
      r = await results(page);
      const shown2 = await page.evaluate(() => document.getElementById('results').textContent);
      check('search: markup in 相对人名称 shows as text', r.hits.length > 0 && shown2.includes('<script>') && (await page.locator('#results script, #results img').count()) === 0);
    }

    // over HTTP under a subpath
    const { server, base } = await serve();
    try {
      if (quick) throw 'skip';
      await page.goto(base + 'search/index.html?q=' + encodeURIComponent('罚款') + '&c=1');
      r = await results(page);
      check(`http subpath search with a category filter: ${r.hits.length} results`, r.hits.length === 10);
      await page.goto(base + r.hits[0].href.replace(/^\.\.\//, ''));
      check('http subpath: a result opens', (await page.locator('h1').count()) === 1);
      const resp = await page.goto(base + 'no/such/page.html');
      const css = await page.evaluate(() => getComputedStyle(document.querySelector('.top')).backgroundColor);
      check('404 at depth: served, styled only when base_url is live', resp.status() === 404 && (await page.locator('h1').textContent()) === '页面不存在', css);
    } catch (e) {
      if (e !== 'skip') throw e;
    } finally {
      server.close();
    }

    check(`no request to another host`, foreign.length === 0, foreign.slice(0, 5).join(' '));
    check(`no script errors or dialogs`, errors.length === 0, errors.slice(0, 5).join(' | '));

    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      const list = [['home', 'index.html', ''], ['list', 'decisions/index.html', ''],
        ['decision', kinds.find(([k]) => k === 'decision')[1], ''],
        ['officer', kinds.find(([k]) => k === 'officer (valid)')[1], ''],
        ['officer-invalid', kinds.find(([k]) => k === 'officer (not valid)')[1], ''],
        ['officers', 'officers/index.html', ''],
        ['search', 'search/index.html', '?q=' + encodeURIComponent('食品')]];
      for (const w of [390, 1280]) {
        await page.setViewportSize({ width: w, height: 900 });
        for (const [name, rel, q] of list) {
          await page.goto(url(rel, q));
          if (name === 'search') await results(page);
          await page.screenshot({ path: path.join(shots, `${name}-${w}.png`), fullPage: false });
        }
      }
      await page.evaluate(() => localStorage.setItem('gs-contrast', '1'));
      await page.goto(url('index.html'));
      await page.screenshot({ path: path.join(shots, 'home-contrast-1280.png') });
      await page.evaluate(() => { localStorage.clear(); localStorage.setItem('gs-size', '2'); });
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto(url(kinds.find(([k]) => k === 'officer (valid)')[1]));
      await page.screenshot({ path: path.join(shots, 'officer-large-390.png') });
      await page.evaluate(() => localStorage.clear());
    }
  } catch (e) {
    check('browser run', false, e.stack);
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${pass} passed, ${fail} failed`);
  process.exit(fail ? 1 : 0);
})();
