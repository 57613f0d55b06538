#!/usr/bin/env node
/*
 * search_test.js SITE - runs real queries through the site's search.js
 * (under Node, index files loaded as scripts from SITE) and checks every
 * result list against a brute-force scan of all stored documents:
 * a bigram, a single character, longer phrases, a phrase whose bigrams
 * all occur in a document that does not contain it (the candidate must
 * be verified away), full-width and punctuation variants, and filters by
 * scope, category, agency and year.  Prints "N passed, N failed".
 */
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const site = process.argv[2];
if (!site) {
  console.error('usage: search_test.js SITE');
  process.exit(2);
}
const env = require('./search_env')(site);
const SEP = '\u0001';

/* every stored record, by collection, index = document number */
function loadAll() {
  const sb = { out: {} };
  sb.gsIdx = (name, data) => { sb.out[name] = data; };
  vm.createContext(sb);
  const run = (rel) => vm.runInContext(fs.readFileSync(path.join(site, 'idx', rel + '.js'), 'utf8'), sb);
  run('meta');
  const meta = sb.out.meta;
  const docs = { s: [], d: [] };
  for (const c of ['s', 'd']) {
    const C = meta[c];
    for (let k = 0; k < Math.ceil(C.n / C.B); k++) {
      const n = Math.min(C.B, C.n - k * C.B);
      const chunks = typeof C.ch === 'number' ? Math.ceil(n / C.ch) : C.ch.length;
      for (let i = 0; i < chunks; i++) {
        const name = `${c}/c/${k}/${i}`;
        run(name);
        docs[c].push(...sb.out[name]);
      }
    }
    if (docs[c].length !== C.n) throw new Error(`${c}: ${docs[c].length} records for ${C.n} documents`);
  }
  return { meta, docs, sb, run };
}
const { meta, docs, sb, run } = loadAll();

function brute(q, f) {
  f = Object.assign({ t: '', c: '', a: '', y: '' }, f);
  const nq = env.norm(q), out = [];
  const tiers = nq ? [0, 1, 2] : [-1];
  /* the exact-title table lists a title shared by at most 512 documents */
  let listed = false;
  if (nq) {
    const same = docs.s.concat(docs.d).filter((r) => env.norm(r[2]) === nq || env.norm(r[3]) === nq);
    const perColl = ['s', 'd'].map((c) => docs[c].filter((r) => env.norm(r[2]) === nq || env.norm(r[3]) === nq).length);
    listed = Array.from(nq).length >= 2 && same.length > 0 && Math.max(...perColl) <= 512;
  }
  for (const tier of tiers) {
    for (const c of ['s', 'd']) {
      for (let id = docs[c].length - 1; id >= 0; id--) {
        const r = docs[c][id];
        if (f.t === 'd' && c === 's') continue;
        if (f.t && f.t !== 'd' && (c === 'd' || r[0] !== f.t)) continue;
        if (f.y && (c === 's' || r[4].slice(0, 4) !== f.y)) continue;
        if (f.c !== '' && r[5] !== +f.c) continue;
        if (f.a !== '' && r[6] !== +f.a) continue;
        if (tier >= 0) {
          const t = env.norm(r[2]), s = env.norm(r[3]);
          const exact = t === nq || s === nq, inTitle = t.includes(nq) || s.includes(nq);
          if (tier === 0 && !(listed && exact)) continue;
          if (tier === 1 && (!inTitle || (listed && exact))) continue;
          if (tier === 2 && (inTitle || !r[7].some((x) => env.norm(x).includes(nq)))) continue;
        }
        out.push(c + id);
      }
    }
  }
  return out;
}

/* the documents whose body holds every bigram of q (no phrase check):
 * what the index offers as candidates */
function candidates(q) {
  const nq = env.norm(q), terms = env.termsOf(nq, false), out = [];
  for (const c of ['s', 'd']) {
    const C = meta[c];
    let sets = null;
    for (const t of terms) {
      const bucket = env.hash(t.a, t.b) & (meta.ht - 1);
      run(`t/${bucket}`);
      const dv = sb.out[`t/${bucket}`][t.key];
      const v = dv === undefined ? undefined : dv.split('~')[c === 'd' ? 0 : 1] || undefined;
      let ids = [];
      if (v !== undefined && v[0] !== '#') ids = env.decodeList(v);
      else if (v !== undefined) {
        const segs = env.decodeList(v.slice(v.indexOf(':') + 1));
        for (let i = 0; i < segs.length; i++) {
          const name = `${c}/p/${env.termPath(t.key)}/${i}`;
          run(name);
          ids.push(...env.decodeList(sb.out[name]));
        }
      }
      const set = new Set(ids);
      sets = sets ? new Set([...sets].filter((x) => set.has(x))) : set;
    }
    for (const id of sets || []) out.push(c + id);
  }
  return out;
}

let pass = 0, fail = 0;
function check(name, ok, detail) {
  if (ok) { pass++; console.log('ok   ' + name); }
  else { fail++; console.log('FAIL ' + name + (detail ? ': ' + detail : '')); }
}

async function same(name, q, f, minHits) {
  const want = brute(q, f);
  const got = await env.query(q, f, 1, { all: true });
  const ids = got.all.map((h) => h.c + h.id);
  const okList = JSON.stringify(ids) === JSON.stringify(want);
  check(`${name} [${q}${f ? ' ' + JSON.stringify(f) : ''}]: ${ids.length} hits`, okList && ids.length >= (minHits || 0),
        okList ? `only ${ids.length} hits` : `got ${ids.slice(0, 8)} … want ${want.slice(0, 8)} … (${ids.length} vs ${want.length})`);
  const first = await env.query(q, f, 1);
  check(`${name}: first page is the first ${first.hits.length} of the list`,
        JSON.stringify(first.hits.map((h) => h.c + h.id)) === JSON.stringify(want.slice(0, 10)));
  return got;
}

/* a phrase ABC whose bigrams AB and BC occur in some document that does
 * not contain ABC: the index offers it, the check must drop it */
function falsePositive() {
  for (const c of ['d', 's']) {
    for (let id = docs[c].length - 1; id >= 0; id--) {
      const r = docs[c][id];
      const text = r[7].map((x) => env.norm(x)).join(SEP);
      const chars = Array.from(text);
      for (let i = 0; i + 1 < chars.length && i < 400; i++) {
        const a = chars[i], b = chars[i + 1];
        if (a === SEP || b === SEP || !/[\u4e00-\u9fff]/.test(a + b)) continue;
        for (let j = 0; j + 1 < chars.length; j++) {
          if (chars[j] !== b || chars[j + 1] === SEP || j === i + 1) continue;
          const phrase = a + b + chars[j + 1];
          const all = [r[2], r[3]].concat(r[7]).map((x) => env.norm(x)).join(SEP);
          if (!/^[\u4e00-\u9fff]{3}$/.test(phrase) || all.includes(phrase)) continue;
          return { phrase, doc: c + id };
        }
      }
    }
  }
  return null;
}

(async () => {
  const d0 = docs.d[docs.d.length - 1];
  // a bigram from the newest decision's party name, a single character
  const party = env.norm(d0[3]);
  await same('bigram', Array.from(party).slice(-2).join(''), null, 1);
  await same('single character', '罚', null, 1);
  await same('single character (rare)', Array.from(env.norm(d0[2])).slice(-1)[0], null, 1);
  await same('longer phrase', '责令改正', null, 1);
  await same('document number with brackets', d0[2], null, 1);
  const fw = d0[2].replace(/[0-9]/g, (x) => String.fromCharCode(x.charCodeAt(0) + 0xfee0)).replace(/〔/g, ' [ ');
  await same('full-width digits and spaces', fw, null, 1);
  const off = docs.s.find((r) => r[0] === 'o');
  await same('officer by certificate number', off[3], null, 1);
  await same('officer by name', off[2], null, 1);
  await same('power name', docs.s.find((r) => r[0] === 'p')[2], null, 1);
  await same('policy page words', '复议', null, 1);
  await same('no such phrase', '甲乙丙丁戊', null, 0);
  const fp = falsePositive();
  check('found a phrase to verify away', !!fp);
  if (fp) {
    const cand = candidates(fp.phrase);
    check(`false positive "${fp.phrase}": ${fp.doc} is a candidate from the index`, cand.includes(fp.doc));
    const got = await same('false positive verified away', fp.phrase, null, 0);
    check(`false positive "${fp.phrase}": ${fp.doc} is not a hit`, !got.all.some((h) => h.c + h.id === fp.doc));
  }
  // filters
  await same('filter: decisions only', '罚', { t: 'd' }, 1);
  await same('filter: officers only', '行政', { t: 'o' }, 1);
  await same('filter: policy pages only', '行政', { t: 'g' }, 1);
  await same('filter: category 行政处罚', '罚款', { c: '1' }, 1);
  await same('filter: agency', '罚', { a: String(d0[6]) }, 1);
  const year = d0[4].slice(0, 4);
  await same('filter: year', '示例', { y: year }, 1);
  await same('filter: year + category + agency', '县', { y: year, c: String(d0[5]), a: String(d0[6]) }, 1);
  await same('filters alone (no query)', '', { t: 'd', a: String(d0[6]) }, 1);
  await same('filter excluding everything', '罚款', { t: 'o', c: '1', y: year }, 0);
  // paging: page 2 continues page 1
  const p1 = await env.query('县', null, 1), p2 = await env.query('县', null, 2);
  const all = brute('县');
  check('page 2 holds hits 11-20', JSON.stringify(p2.hits.map((h) => h.c + h.id)) === JSON.stringify(all.slice(10, 20)) && p1.hits.length === 10);
  // bytes for a first page on this site
  const b = await env.query('罚款', null, 1);
  console.log(`# first page of "罚款": ${b.files.length} index files, ${b.bytes} bytes (+ ${env.pageBytes} page and scripts)`);
  console.log(`${pass} passed, ${fail} failed`);
  process.exit(fail ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
