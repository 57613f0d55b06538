/*
 * search.js - the site's static search (search/index.html).
 *
 * Reads the index written by gen/site_search.c (docs/search.md): every
 * file is a script calling gsIdx(name, data), loaded with a <script>
 * element, so search works from file:// and under any subpath.  A query
 * is normalised like the index (full-width ASCII folded, A-Z lower-cased,
 * spaces and punctuation dropped); its character bigrams (or its one
 * character) give candidates, newest first, and a candidate is a hit only
 * when its stored text really contains the query.  Title matches rank
 * before matches in the body; within a rank officers, powers and policy
 * pages come before decisions, and decisions run newest first.  The walk
 * stops as soon as the page is full, so a query downloads only the
 * directory shards of its terms, the newest blocks it needs and the
 * documents it shows.
 */
(function () {
  'use strict';

  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var D64 = new Int8Array(128).fill(-1);
  for (var i = 0; i < 64; i++) D64[B64.charCodeAt(i)] = i;
  var SEP = '\u0001';
  var PAGE = 10;
  var KIND = { d: '执法决定', o: '执法人员', p: '权责清单', g: '制度公开' };

  /* ---- normalisation: keep in step with gen/site_search_docs.c ---- */
  function keep(c) {
    if (c <= 0x20 || c === 0x7f) return false;
    if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    if (c <= 0xbf || c === 0xd7 || c === 0xf7) return false;
    if (c >= 0x2000 && c <= 0x206f) return false;
    if (c >= 0x3000 && c <= 0x303f) return c >= 0x3005 && c <= 0x3007;
    if ((c >= 0xfe10 && c <= 0xfe1f) || (c >= 0xfe30 && c <= 0xfe6f)) return false;
    if (c >= 0xff00 && c <= 0xff65) return false;
    return c !== 0xfeff && c !== 0xfffd;
  }
  function fold(c) {
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c >= 65 && c <= 90) c += 32;
    return c;
  }
  /* normalised text; with map, map[i] = index in s of normalised char i */
  function norm(s, map) {
    var out = '';
    for (var i = 0; i < s.length; i++) {
      var c = s.codePointAt(i), at = i;
      if (c > 0xffff) i++;
      c = fold(c);
      if (!keep(c)) continue;
      if (map) {
        map.push(at);
        if (c > 0xffff) map.push(at);
      }
      out += String.fromCodePoint(c);
    }
    return out;
  }
  function hash(a, b) {
    var h = Math.imul(2166136261 ^ a, 16777619) >>> 0;
    if (b) h = Math.imul(h ^ b, 16777619) >>> 0;
    return h;
  }
  /* the distinct terms of a normalised query: its bigrams, or its one char */
  function termsOf(q, title) {
    var cps = Array.from(q, function (ch) { return ch.codePointAt(0); });
    var pre = title ? '^' : '', out = [], seen = {};
    if (cps.length === 1) return [{ key: pre + q, a: cps[0], b: 0 }];
    for (var i = 0; i + 1 < cps.length; i++) {
      var key = pre + String.fromCodePoint(cps[i], cps[i + 1]);
      if (seen[key]) continue;
      seen[key] = 1;
      out.push({ key: key, a: cps[i], b: cps[i + 1] });
    }
    return out;
  }

  /* ---- lists: ascending ids, as gaps (5-bit groups) or a bitmap ---- */
  function decodeList(s) {
    var out = [], c, d;
    if (!s) return out;
    var v = 0, shift = 0, prev = 0, from = 0;
    if (s.charCodeAt(0) === 42) {
      /* "*", the first number, a bitmap from it */
      for (c = 1; ; c++) {
        d = D64[s.charCodeAt(c)];
        v += (d & 31) * Math.pow(2, shift);
        shift += 5;
        if (!(d & 32)) break;
      }
      for (from = ++c; c < s.length; c++) {
        d = D64[s.charCodeAt(c)];
        for (var j = 0; j < 6; j++) if ((d >> j) & 1) out.push(v + (c - from) * 6 + j);
      }
      return out;
    }
    for (c = 0; c < s.length; c++) {
      d = D64[s.charCodeAt(c)];
      v += (d & 31) * Math.pow(2, shift);
      shift += 5;
      if (!(d & 32)) {
        prev = out.length ? prev + v : v;
        out.push(prev);
        v = 0;
        shift = 0;
      }
    }
    return out;
  }
  /* folder of a term's segments: "t" for a title term, hex of its UTF-8 */
  function termPath(key) {
    var out = '';
    if (key.charAt(0) === '^') {
      out = 't';
      key = key.slice(1);
    }
    for (var i = 0; i < key.length; i++) {
      var c = key.codePointAt(i), bytes;
      if (c > 0xffff) i++;
      if (c < 0x80) bytes = [c];
      else if (c < 0x800) bytes = [0xc0 | (c >> 6), 0x80 | (c & 63)];
      else if (c < 0x10000) bytes = [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
      else bytes = [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
      for (var j = 0; j < bytes.length; j++) out += (bytes[j] < 16 ? '0' : '') + bytes[j].toString(16);
    }
    return out;
  }

  /* ---- loading index files as scripts ---- */
  var ROOT = '';
  var cache = Object.create(null), waiting = Object.create(null);
  var loads = { files: 0, bytes: 0 };
  /* about how many bytes a loaded file had */
  function approx(d) {
    if (d === null || d === undefined) return 0;
    var s = typeof d === 'string' ? d : JSON.stringify(d), n = s.length + 20;
    for (var i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) n += 2;
    return n;
  }
  window.gsIdx = function (name, data) {
    cache[name] = data;
    var w = waiting[name];
    if (w) {
      delete waiting[name];
      loads.bytes += approx(data);
      w.forEach(function (f) { f(data); });
    }
  };
  function load(name) {
    if (name in cache) return Promise.resolve(cache[name]);
    if (waiting[name]) return new Promise(function (r) { waiting[name].push(r); });
    return new Promise(function (resolve) {
      waiting[name] = [resolve];
      loads.files++;
      var el = document.createElement('script');
      var done = function () {
        if (el.parentNode) el.parentNode.removeChild(el);
        if (waiting[name]) window.gsIdx(name, null); /* missing file: empty */
      };
      el.onload = done;
      el.onerror = done;
      el.src = ROOT + 'idx/' + name + '.js';
      document.head.appendChild(el);
    });
  }

  /* ---- a term's list: whole, or in segments read on demand ---- */
  var SEG_COST = 3500, DOC_COST = 3000; /* bytes: a segment, a stored document */
  function Entry(v, path, n) {
    if (v.charCodeAt(0) === 35) {
      var colon = v.indexOf(':');
      this.count = +v.slice(1, colon);
      this.segs = decodeList(v.slice(colon + 1));
      this.path = path;
      this.seg = [];
    } else {
      this.list = decodeList(v);
      this.count = this.list.length;
    }
    this.p = n ? Math.min(1, this.count / n) : 1;
  }
  /* the segment that would hold id, -1 when none */
  Entry.prototype.segOf = function (id) {
    var a = 0, b = this.segs.length - 1;
    if (b < 0 || id < this.segs[0]) return -1;
    while (a < b) {
      var m = (a + b + 1) >> 1;
      if (this.segs[m] <= id) a = m;
      else b = m - 1;
    }
    return a;
  };
  Entry.prototype.load = function (i) {
    var self = this;
    return load(this.path + '/' + i).then(function (d) {
      var ids = decodeList(d);
      if (!self.seg[i]) self.seg[i] = new Set(ids);
      return ids;
    });
  };
  Entry.prototype.has = function (id) {
    if (this.list) {
      if (!this.set) this.set = new Set(this.list);
      return this.set.has(id);
    }
    var i = this.segOf(id);
    return i >= 0 && this.seg[i].has(id);
  };

  /* ---- the engine ---- */
  var BYTE_BUDGET = 180000, FILE_BUDGET = 120; /* per step before asking to go on */
  function Search(meta, q, f) {
    this.meta = meta;
    this.q = q;
    this.f = f;
    this.hits = [];
    this.done = false;
    this.budget = { bytes: loads.bytes + BYTE_BUDGET, files: loads.files + FILE_BUDGET };
    this.gate = null;
    this.onPause = null;
    var gens = [], self = this;
    /* 0: exact title, 1: in a title, 2: elsewhere; -1: filters alone */
    var tiers = q ? [0, 1, 2] : [-1];
    tiers.forEach(function (tier) {
      ['s', 'd'].forEach(function (c) { gens.push(tier ? self.walk(c, tier) : self.exact(c)); });
    });
    this.gens = gens;
    this.xinfo = null;
  }
  /* the exact-title entry of the query: {d: ids, s: ids} when the table
   * lists it, {} when no title is the query, null when too many are */
  Search.prototype.exactInfo = function () {
    if (this.xinfo) return this.xinfo;
    var q = this.q, cps = Array.from(q, function (ch) { return ch.codePointAt(0); });
    if (cps.length < 2) return (this.xinfo = Promise.resolve(null));
    var h = 2166136261;
    for (var i = 0; i < cps.length; i++) h = Math.imul(h ^ cps[i], 16777619) >>> 0;
    this.xinfo = load('x/' + (h & (this.meta.hx - 1))).then(function (d) {
      var v = d && d[q];
      if (v === undefined || v === null) return {};
      if (v === '!') return null;
      var parts = v.split('~');
      return { d: decodeList(parts[0]), s: decodeList(parts[1] || '') };
    });
    return this.xinfo;
  };
  Search.prototype.exact = async function* (c) {
    var range = this.range(c), x = await this.exactInfo();
    if (!range || !x || !x[c]) return;
    var ids = x[c].filter(function (id) { return id >= range[0] && id < range[1]; }).reverse();
    yield* this.verify(c, ids, 0);
  };
  Search.prototype.need = function () { return Math.max(1, this.want - this.hits.length); };
  /* called before each new step: waits for "continue" past the budget */
  Search.prototype.step = function () {
    if (loads.bytes < this.budget.bytes && loads.files < this.budget.files) return Promise.resolve();
    var self = this;
    if (!this.gate) {
      this.gate = new Promise(function (r) {
        self.resume = function () {
          self.gate = null;
          self.budget = { bytes: loads.bytes + BYTE_BUDGET, files: loads.files + FILE_BUDGET };
          r();
        };
      });
      this.paused = true;
      if (this.onPause) this.onPause();
    }
    return this.gate;
  };
  /* fill hits up to want; resolves when done or enough */
  Search.prototype.fill = async function (want) {
    this.want = want;
    while (this.hits.length < want && this.gens.length) {
      var r = await this.gens[0].next();
      if (r.done) this.gens.shift();
      else {
        this.hits.push(r.value);
        if (this.onHit) this.onHit();
      }
    }
    this.done = !this.gens.length;
  };
  Search.prototype.range = function (c) {
    var C = this.meta[c], f = this.f, lo = 0, hi = C.n;
    if (c === 's') {
      if (f.y || f.t === 'd') return null;
      if (f.t) { lo = C.types[f.t][0]; hi = C.types[f.t][1]; }
    } else {
      if (f.t && f.t !== 'd') return null;
      if (f.y) {
        var ys = C.years, k;
        for (k = 0; k < ys.length && ys[k][0] !== +f.y; k++);
        if (k === ys.length) return null;
        lo = ys[k][1];
        hi = k + 1 < ys.length ? ys[k + 1][1] : C.n;
      }
    }
    return lo < hi ? [lo, hi] : null;
  };
  Search.prototype.record = async function (c, id) {
    var C = this.meta[c], k, n, at;
    if (typeof C.ch === 'number') {
      k = Math.floor(id / C.B);
      var local = id - k * C.B;
      n = Math.floor(local / C.ch);
      at = local - n * C.ch;
    } else {
      k = 0;
      for (n = C.ch.length - 1; n > 0 && C.ch[n] > id; n--);
      at = id - C.ch[n];
    }
    var chunk = await load(c + '/c/' + k + '/' + n);
    return chunk ? chunk[at] : null;
  };
  /* does record r match: tier 0 its title or subtitle is the query, 1 one
   * of them holds it (and, when tier 0 listed exact ones, is not it), 2 the
   * body holds it and no title does; -1 filters only */
  Search.prototype.match = function (r, tier) {
    var f = this.f, q = this.q;
    if (f.c !== '' && r[5] !== +f.c) return false;
    if (f.a !== '' && r[6] !== +f.a) return false;
    if (tier < 0) return true;
    var t = norm(r[2]), s = norm(r[3]);
    if (tier === 0) return t === q || s === q;
    var inTitle = t.indexOf(q) >= 0 || s.indexOf(q) >= 0;
    if (tier === 1) return inTitle && !(this.exactListed && (t === q || s === q));
    if (inTitle) return false;
    return r[7].some(function (x) { return norm(x).indexOf(this.q) >= 0; }, this);
  };
  /* drop candidates not in t's list, loading the segments this needs when
   * that costs less than checking the dropped ones' documents would */
  Search.prototype.prune = async function (t, batch) {
    if (!batch.length) return batch;
    if (t.segs) {
      var want = [], seen = {};
      batch.forEach(function (id) {
        var i = t.segOf(id);
        if (i >= 0 && !t.seg[i] && !seen[i]) {
          seen[i] = 1;
          want.push(i);
        }
      });
      if (want.length && want.length * SEG_COST > batch.length * (1 - t.p) * DOC_COST) return batch;
      if (want.length) await this.step();
      await Promise.all(want.map(function (i) { return t.load(i); }));
    }
    return batch.filter(function (id) { return t.has(id); });
  };
  /* the driver's candidates, newest first, in pieces */
  Search.prototype.pieces = async function* (e, lo, hi) {
    var PIECE = 256, p, id, i, j;
    if (!e) {
      for (var top = hi; top > lo; top -= PIECE) {
        p = [];
        for (id = top - 1; id >= Math.max(lo, top - PIECE); id--) p.push(id);
        yield p;
      }
      return;
    }
    if (e.list) {
      var l = e.list.filter(function (x) { return x >= lo && x < hi; }).reverse();
      for (i = 0; i < l.length; i += PIECE) yield l.slice(i, i + PIECE);
      return;
    }
    for (i = e.segs.length - 1; i >= 0; i--) {
      if (e.segs[i] >= hi) continue;
      if (i + 1 < e.segs.length && e.segs[i + 1] <= lo) break;
      await this.step();
      var ids = await e.load(i);
      p = [];
      for (j = ids.length - 1; j >= 0; j--) if (ids[j] >= lo && ids[j] < hi) p.push(ids[j]);
      if (p.length) yield p;
    }
  };
  Search.prototype.walk = async function* (c, tier) {
    var C = this.meta[c], range = this.range(c), f = this.f, i;
    if (!range || !C.n) return;
    if (tier === 1) this.exactListed = !!(await this.exactInfo());
    var terms = tier > 0 ? termsOf(this.q, tier === 1) : [];
    var ht = this.meta.ht;
    var dirs = await Promise.all(terms.map(function (t) {
      return load('t/' + (hash(t.a, t.b) & (ht - 1)));
    }));
    var ents = [];
    for (i = 0; i < terms.length; i++) {
      /* a directory value: the term in d, "~" and the term in s */
      var v = dirs[i] && dirs[i][terms[i].key];
      v = typeof v === 'string' ? v.split('~')[c === 'd' ? 0 : 1] : '';
      if (!v) return; /* a term nowhere: no hit */
      ents.push(new Entry(v, c + '/p/' + termPath(terms[i].key), C.n));
    }
    var filters = [['a', C.fa], ['c', C.fc]];
    for (i = 0; i < filters.length; i++) {
      var key = filters[i][0], val = f[key];
      if (val === '') continue;
      var fv = filters[i][1][+val];
      if (!fv) return; /* nothing of that agency or category */
      ents.push(new Entry(fv, c + '/p/' + key + val, C.n));
    }
    ents.sort(function (x, y) { return x.count - y.count; });
    var driver = ents.shift() || null;
    for await (var piece of this.pieces(driver, range[0], range[1])) {
      await this.step();
      for (i = 0; i < ents.length && piece.length; i++) piece = await this.prune(ents[i], piece);
      yield* this.verify(c, piece, tier);
    }
  };
  /* candidates (newest first) checked against their stored documents */
  Search.prototype.verify = async function* (c, ids, tier) {
    for (var i = 0; i < ids.length;) {
      await this.step();
      var batch = ids.slice(i, i + this.need());
      i += batch.length;
      var recs = await Promise.all(batch.map(this.record.bind(this, c)));
      for (var j = 0; j < batch.length; j++)
        if (recs[j] && this.match(recs[j], tier)) yield { c: c, id: batch[j], r: recs[j], tier: tier };
    }
  };

  /* ---- results ---- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  /* a piece of the first field holding q, with the match marked */
  function snippet(fields, q) {
    for (var i = 0; i < fields.length; i++) {
      var map = [], n = norm(fields[i], map), at = q ? n.indexOf(q) : -1;
      if (!q) return fields[i] ? [fields[i].slice(0, 80)] : null;
      if (at < 0) continue;
      var s = fields[i], a = map[at], b = map[at + q.length - 1] + 1;
      if (s.codePointAt(b - 1) > 0xffff) b++;
      var from = Math.max(0, a - 30), to = Math.min(s.length, b + 60);
      return [(from ? '…' : '') + s.slice(from, a), s.slice(a, b), s.slice(b, to) + (to < s.length ? '…' : '')];
    }
    return null;
  }
  function renderHit(meta, h, q) {
    var r = h.r, li = el('li', 'hit');
    var t = el('p', 'hit-t');
    t.appendChild(el('span', 'tag tag-' + r[0], KIND[r[0]] || ''));
    t.appendChild(document.createTextNode(' '));
    var a = el('a', null, r[2] || r[1]);
    a.href = ROOT + r[1];
    t.appendChild(a);
    li.appendChild(t);
    var m = [];
    if (r[0] === 'd') m.push('相对人：' + r[3]);
    else if (r[0] === 'o') m.push('执法证号：' + r[3]);
    else if (r[3]) m.push(r[3]);
    if (r[6] >= 0) m.push(meta.agencies[r[6]]);
    if (r[5] >= 0 && r[0] === 'd') m.push(meta.cats[r[5]]);
    if (r[4]) m.push(r[4]);
    li.appendChild(el('p', 'hit-m', m.join(' · ')));
    /* the body where it holds the query, else its beginning */
    var sn = snippet(r[7], q) || snippet(r[7], '');
    if (sn) {
      var p = el('p', 'hit-s');
      p.appendChild(document.createTextNode(sn[0]));
      if (sn.length > 1) {
        p.appendChild(el('mark', null, sn[1]));
        p.appendChild(document.createTextNode(sn[2]));
      }
      li.appendChild(p);
    }
    return li;
  }

  function readForm(form) {
    var f = {};
    ['t', 'c', 'a', 'y'].forEach(function (k) { f[k] = form.elements[k] ? form.elements[k].value : ''; });
    return f;
  }
  function params() {
    var p = new URLSearchParams(location.search), f = {};
    ['t', 'c', 'a', 'y'].forEach(function (k) { f[k] = p.get(k) || ''; });
    return { raw: p.get('q') || '', f: f, page: Math.max(1, parseInt(p.get('p'), 10) || 1) };
  }
  function pageUrl(raw, f, page) {
    var p = new URLSearchParams();
    if (raw) p.set('q', raw);
    ['t', 'c', 'a', 'y'].forEach(function (k) { if (f[k] !== '') p.set(k, f[k]); });
    if (page > 1) p.set('p', page);
    return '?' + p.toString();
  }

  function ui(meta) {
    var form = document.getElementById('sf');
    var status = document.getElementById('status');
    var list = document.getElementById('results');
    var pager = document.getElementById('spager');
    var current = null, token = 0;

    async function run(push) {
      var my = ++token, st = params(), q = norm(st.raw);
      ['q', 't', 'c', 'a', 'y'].forEach(function (k) {
        if (form.elements[k]) form.elements[k].value = k === 'q' ? st.raw : st.f[k];
      });
      list.textContent = '';
      pager.textContent = '';
      var filtered = ['t', 'c', 'a', 'y'].some(function (k) { return st.f[k] !== ''; });
      if (!q && !filtered) {
        status.textContent = st.raw ? '请输入文字或数字（标点和空格不参与搜索）。' : '请输入要搜索的文书号、相对人名称、执法人员姓名或证号、事项名称等。';
        return;
      }
      var key = q + '|' + JSON.stringify(st.f);
      if (!current || current.key !== key) {
        current = new Search(meta, q, st.f);
        current.key = key;
      }
      var s = current;
      s.onPause = function () {
        if (my !== token) return;
        show(s, st, q, true);
      };
      /* hits on this page show as they come */
      s.onHit = function () {
        if (my !== token || s.hits.length > st.page * PAGE || s.hits.length <= (st.page - 1) * PAGE) return;
        show(s, st, q, false, true);
      };
      status.textContent = '正在搜索…';
      await s.fill(st.page * PAGE + 1);
      if (my !== token) return;
      show(s, st, q, false);
      if (push === 'focus') status.focus();
    }

    function show(s, st, q, paused, busy) {
      var from = (st.page - 1) * PAGE, hits = s.hits.slice(from, from + PAGE);
      list.textContent = '';
      list.start = from + 1;
      hits.forEach(function (h) { list.appendChild(renderHit(meta, h, q)); });
      var what = st.raw ? '“' + st.raw + '”' : '筛选条件';
      var shown = hits.length ? '第 ' + (from + 1) + '–' + (from + hits.length) + ' 条' : '';
      if (!s.hits.length && s.done) status.textContent = '没有找到与' + what + '相符的内容。可以换一个词，或减少筛选条件。';
      else if (!hits.length && paused) status.textContent = '已检索较新的内容，暂未找到与' + what + '相符的结果。';
      else if (s.done) status.textContent = '搜索' + what + '：共 ' + s.hits.length + ' 条结果' + (shown ? '，当前显示' + shown : '') + '。';
      else status.textContent = '搜索' + what + '：当前显示' + shown + '，还有更多结果。';
      if (busy) status.textContent = '正在搜索' + what + '…已找到 ' + s.hits.length + ' 条';
      pager.textContent = '';
      var ul = el('ul');
      if (st.page > 1) ul.appendChild(pagerLink('上一页', st.page - 1, st));
      if (st.page > 1 || s.hits.length > from + PAGE) ul.appendChild(el('li', 'cur', '第 ' + st.page + ' 页'));
      if (s.hits.length > from + PAGE) ul.appendChild(pagerLink('下一页', st.page + 1, st));
      if (paused) {
        var li = el('li'), b = el('button', 'more', '继续搜索更早的内容');
        b.type = 'button';
        b.addEventListener('click', function () { s.resume(); status.textContent = '正在搜索…'; });
        li.appendChild(b);
        ul.appendChild(li);
      }
      if (ul.children.length) pager.appendChild(ul);
    }

    function pagerLink(text, page, st) {
      var li = el('li'), a = el('a', null, text);
      a.href = pageUrl(st.raw, st.f, page);
      a.addEventListener('click', function (e) {
        e.preventDefault();
        history.pushState(null, '', a.href);
        run('focus');
      });
      li.appendChild(a);
      return li;
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var f = readForm(form);
      history.pushState(null, '', pageUrl(form.elements.q.value.trim(), f, 1));
      run();
    });
    ['t', 'c', 'a', 'y'].forEach(function (k) {
      if (form.elements[k]) form.elements[k].addEventListener('change', function () {
        form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit'));
      });
    });
    window.addEventListener('popstate', function () { run(); });
    run();
  }

  /* the root of the site: where this script came from, minus assets/ */
  var me = document.currentScript && document.currentScript.src;
  if (me) ROOT = me.replace(/assets\/search\.js(\?.*)?$/, '');

  var api = { norm: norm, termsOf: termsOf, decodeList: decodeList, hash: hash, termPath: termPath, Search: Search, loads: loads, PAGE: PAGE,
              meta: function () { return cache.meta; } };
  window.gsSearch = api;
  function start() {
    var meta = cache.meta;
    if (!meta || !document.getElementById('sf')) return;
    ui(meta);
  }
  /* deferred scripts run before DOMContentLoaded: meta.js comes after this */
  if (document.readyState === 'complete') start();
  else document.addEventListener('DOMContentLoaded', start);
})();
