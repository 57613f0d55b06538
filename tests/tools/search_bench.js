#!/usr/bin/env node
/*
 * search_bench.js SITE - bytes a visitor downloads to see the first page
 * of search results, per query: the search page, its stylesheet and
 * scripts, idx/meta.js and every index file the query loads.  Queries
 * cover common and rare bigrams, single characters, long phrases, names,
 * numbers, a phrase verified away, and filters.  Prints one line per
 * query and the largest figure.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const site = process.argv[2];
const env = require('./search_env')(site);

/* a few real strings from the newest and an older chunk of decisions */
function sample() {
  const sb = { out: {} };
  sb.gsIdx = (n, d) => { sb.out[n] = d; };
  vm.createContext(sb);
  const run = (rel) => vm.runInContext(fs.readFileSync(path.join(site, 'idx', rel + '.js'), 'utf8'), sb);
  run('meta');
  const C = sb.out.meta.d, S = sb.out.meta.s;
  const k = Math.ceil(C.n / C.B) - 1, last = Math.floor((C.n - 1 - k * C.B) / C.ch);
  run(`d/c/${k}/${last}`);
  run(`d/c/0/3`);
  run('s/c/0/0');
  return { newest: sb.out[`d/c/${k}/${last}`], old: sb.out['d/c/0/3'], s: sb.out['s/c/0/0'], meta: sb.out.meta };
}

(async () => {
  const x = sample();
  const nd = x.newest[x.newest.length - 1], od = x.old[0], off = x.s[0];
  const oldParty = env.norm(od[3]);
  const queries = [
    ['common bigram', '罚款'],
    ['single character', '罚'],
    ['rare single character', '鑫'],
    ['long phrase', '超过保质期'],
    ['phrase from an old decision', Array.from(env.norm(od[7][1] || od[7][0] || od[2])).slice(10, 18).join('')],
    ['old party name', oldParty],
    ['newest document number', nd[2]],
    ['old document number', od[2]],
    ['officer name', off[2]],
    ['certificate number', off[3]],
    ['no such phrase', '甲乙丙丁'],
    ['bigrams everywhere, phrase nowhere', '罚款示例'],
    ['filter: agency + year', '罚款', { a: '5', y: '2023' }],
    ['filter: category', '许可', { c: '0' }],
    ['filters alone', '', { t: 'd', a: '3', y: '2022' }],
    ['officers only', '执法', { t: 'o' }],
  ];
  let max = 0, sum = 0, maxAll = 0;
  console.log(`# ${x.meta.d.n} decisions in ${Math.ceil(x.meta.d.n / x.meta.d.B)} folders; search page and scripts: ${env.pageBytes} bytes`);
  console.log('# first view: bytes, files and hits when the first page shows (at the byte budget the');
  console.log('# page shows what it found and a "continue" button); then the same to a full first page');
  for (const [name, q, f] of queries) {
    const r = await env.query(q, f, 1);
    const fv = r.firstView, total = env.pageBytes + fv.bytes, full = env.pageBytes + r.bytes;
    max = Math.max(max, total);
    maxAll = Math.max(maxAll, full);
    sum += total;
    const rest = r.pauses ? `  (paused; full page: ${full} bytes, ${r.files.length} files, ${r.hits.length} hits)` : '';
    console.log(`${String(total).padStart(8)} bytes ${String(fv.files).padStart(4)} files ${String(Math.min(fv.hits, 10)).padStart(3)} hits  ${name}: ${q}${f ? ' ' + JSON.stringify(f) : ''}${rest}`);
  }
  console.log(`bytes per query (first view): max ${max}, mean ${Math.round(sum / queries.length)} over ${queries.length} queries; ` +
              `largest full first page ${maxAll}`);
})().catch((e) => { console.error(e); process.exit(1); });
