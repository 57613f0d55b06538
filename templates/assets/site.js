/*
 * site.js - small progressive enhancements shared by every page; the site
 * works without it.
 *
 * - 适老化: text size (three steps) and high contrast, remembered in
 *   localStorage and applied before the page is drawn (this script is
 *   loaded in <head>).
 * - Officer list: filter by agency, certificate status and name or number;
 *   certificate lookup (?cert=NUMBER opens that officer's page).
 */
(function () {
  'use strict';
  var root = document.documentElement;
  function get(k) {
    try { return localStorage.getItem(k); } catch (e) { return null; }
  }
  function put(k, v) {
    try { localStorage.setItem(k, v); } catch (e) { /* private mode */ }
  }
  function apply() {
    var size = get('gs-size') || '0';
    root.classList.remove('fs1', 'fs2');
    if (size === '1' || size === '2') root.classList.add('fs' + size);
    root.classList.toggle('hc', get('gs-contrast') === '1');
  }
  apply();

  function fold(s) {
    return s.replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\s+/g, '').toLowerCase();
  }

  /* the 适老化 tools: text size and contrast buttons in the header */
  function tools() {
    var bar = document.querySelector('.top .bar');
    if (!bar) return;
    var box = document.createElement('div');
    box.className = 'tools';
    box.id = 'tools';
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', '阅读辅助');
    var label = document.createElement('span');
    label.setAttribute('aria-hidden', 'true');
    label.textContent = '字号';
    box.appendChild(label);
    [['0', '标准', '标准字号'], ['1', '大', '大字号'], ['2', '特大', '特大字号'], ['', '高对比度', '']].forEach(function (b) {
      var e = document.createElement('button');
      e.type = 'button';
      e.textContent = b[1];
      if (b[0]) {
        e.setAttribute('data-size', b[0]);
        e.setAttribute('aria-label', b[2]);
      } else {
        e.setAttribute('data-contrast', '');
      }
      box.appendChild(e);
    });
    bar.appendChild(box);
    var sizes = box.querySelectorAll('[data-size]');
    var hc = box.querySelector('[data-contrast]');
    function mark() {
      var size = get('gs-size') || '0';
      sizes.forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-size') === size)); });
      hc.setAttribute('aria-pressed', String(get('gs-contrast') === '1'));
    }
    sizes.forEach(function (b) {
      b.addEventListener('click', function () { put('gs-size', b.getAttribute('data-size')); apply(); mark(); });
    });
    hc.addEventListener('click', function () {
      put('gs-contrast', get('gs-contrast') === '1' ? '0' : '1');
      apply();
      mark();
    });
    mark();
  }

  /* rows of the officer list: [row, agency, valid, text, cert, href] */
  function officerRows() {
    return Array.prototype.map.call(document.querySelectorAll('tr[data-ag]'), function (tr) {
      var a = tr.querySelector('a');
      return { tr: tr, ag: tr.getAttribute('data-ag'), ok: tr.getAttribute('data-ok'),
               text: fold(tr.textContent), cert: fold(tr.cells[1].textContent), href: a && a.href };
    });
  }

  function certLookup(rows, value, out) {
    var want = fold(value);
    if (!want) return false;
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].cert === want && rows[i].href) {
        location.href = rows[i].href;
        return true;
      }
    }
    out.textContent = '未找到执法证号“' + value + '”：该号码不在本县公示的执法人员名单中，不能作为执法证件。如有疑问，请拨打执法机关投诉电话核实。';
    out.className = 'verdict bad';
    return false;
  }

  function officerFilter() {
    var form = document.getElementById('of');
    if (!form) return;
    var rows = officerRows();
    var count = document.getElementById('of-count');
    var certForm = document.getElementById('cf');
    var certOut = document.getElementById('cf-out');
    form.hidden = false;
    if (certForm) {
      certForm.hidden = false;
      certForm.addEventListener('submit', function (e) {
        e.preventDefault();
        certLookup(rows, certForm.elements.cert.value, certOut);
      });
      var asked = new URLSearchParams(location.search).get('cert');
      if (asked) {
        certForm.elements.cert.value = asked;
        certLookup(rows, asked, certOut);
      }
    }
    function update() {
      var ag = form.elements.ag.value, ok = form.elements.ok.value, q = fold(form.elements.q.value);
      var shown = 0;
      rows.forEach(function (r) {
        var on = (!ag || r.ag === ag) && (!ok || r.ok === ok) && (!q || r.text.indexOf(q) >= 0);
        r.tr.hidden = !on;
        shown += on;
      });
      document.querySelectorAll('section[data-group]').forEach(function (sec) {
        sec.hidden = !sec.querySelector('tr[data-ag]:not([hidden])');
      });
      count.textContent = '显示 ' + shown + ' 名执法人员';
    }
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
  }

  function ready() {
    tools();
    officerFilter();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
