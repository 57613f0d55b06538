#!/usr/bin/python3
"""Golden test of the compliance engine: the sample county built on three
--today dates with one persisted state folder (the publication ledger).

Run from the top of the repository: compliance_golden.py BINARY.
Each build gets its own copy of content/ with rows added or edited
between builds; after each build the script checks what appears on the
site, what leaves it, what the ledger holds and what the report lists.

  build 1, 2026-06-01: empty ledger -> everything "published before the
    ledger" (no dates, nothing late), exit 0.
  build 2, 2026-06-15: A new (on time), B new (late by 2 working days),
    D pending past its deadline (overdue, exit 1), P2 pending and due in
    2 working days, C revoked (notice page, leaves every list), E deleted
    (removed, page gone, no notice), F's row broken (rejected; its last good
    version stays, privacy intact), G's publicity period over (notice).
  build 3, 2026-09-11: F fixed, D approved (published late), H corrected
    late (dated note), an officer changed late and another deleted, A
    still public because its 3 months run from its first-published date
    (2026-06-15), not its decision date; first-published dates unchanged.
"""
import csv
import glob
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

BIN = sys.argv[1] if len(sys.argv) > 1 else "gen/gongshi"
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, rows, header):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)


SRC = read_csv("content/data/decisions.csv")
HEADER = list(SRC[0].keys())
TEMPLATE = next(r for r in SRC if r["文书号"] == "示县交处罚〔2024〕1号")
AGENCY = TEMPLATE["执法机关"]


def row(doc, date, **kw):
    r = dict(TEMPLATE)
    # a fine above low_fine: published for long_years, not 3 months
    r.update({"文书号": doc, "决定日期": date, "发生时间": date, "罚款金额": "56000",
              "执法结论": "责令改正，罚款56000元。"})
    r.update(kw)
    return r


WARN = {"处罚类别": "警告", "罚款金额": "", "执法结论": "给予警告。"}
PERSON = {"相对人名称": "钱多多", "相对人类别": "自然人", "统一社会信用代码": "",
          "法定代表人": "", "证件类型": "身份证", "证件号码": "419999198001011230",
          "违法事实": "当事人钱多多（手机13800138000）驾驶车辆超限运输，钱多多对事实无异议。"}
PERMIT = {"执法类别": "行政许可", "处罚类别": "", "罚款金额": "", "违法行为类型": "",
          "许可结果": "准予", "许可类别": "普通", "执法结论": "准予许可。"}

A = "金标测试〔2026〕A号"   # new in build 2, 警告 only
B = "金标测试〔2026〕B号"   # new in build 2, published late
C = "金标测试〔2026〕C号"   # revoked before build 2
D = "金标测试〔2026〕D号"   # pending past its deadline in build 2
E = "金标测试〔2026〕E号"   # deleted before build 2
F = "金标测试〔2026〕F号"   # row broken in build 2, fixed in build 3
G = "金标测试〔2026〕G号"   # 警告, expires between build 1 and 2
H = "金标测试〔2026〕H号"   # corrected late before build 3
P2 = "金标测试〔2026〕P2号"  # pending, due within 3 working days in build 2

BASE = [
    row(C, "2026-05-22"),
    row(E, "2026-05-20", 罚款金额="50000", 执法结论="罚款50000元。"),
    row(F, "2026-05-21", **PERSON),
    row(G, "2026-03-02", **WARN),
    row(H, "2026-05-25"),
]


def content(tmp, n, decisions, officers_edit=None):
    d = os.path.join(tmp, "c%d" % n)
    shutil.copytree("content", d)
    write_csv(os.path.join(d, "data/decisions.csv"), SRC + decisions, HEADER)
    if officers_edit:
        p = os.path.join(d, "data/officers.csv")
        rows = read_csv(p)
        hdr = list(rows[0].keys())
        write_csv(p, officers_edit(rows), hdr)
    return d


def build(tmp, n, cdir, today):
    out = os.path.join(tmp, "out")
    p = subprocess.run([BIN, "build", "--content", cdir, "--out", out, "--state",
                        os.path.join(tmp, "state"), "--today", today, "--quiet"],
                       capture_output=True, text=True)
    for bad in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
        check(bad not in p.stderr, "build %d: sanitizer report:\n%s" % (n, p.stderr[-2000:]))
    return p.returncode, p.stderr, out


class Site:
    def __init__(self, out):
        self.root = os.path.join(out, "site")
        self.files = {}
        for p in glob.glob(self.root + "/**/*", recursive=True):
            if os.path.isfile(p) and not p.endswith((".css", ".png", ".svg")):
                with open(p, encoding="utf-8", errors="replace") as f:
                    self.files[os.path.relpath(p, self.root)] = f.read()

    def page(self, doc):
        """the decision's own page (d/...), or None"""
        hits = [k for k, v in self.files.items() if k.startswith("d/") and
                "<h1>%s</h1>" % doc in v]
        return self.files[hits[0]] if len(hits) == 1 else None, hits[0] if hits else None

    def elsewhere(self, doc, own):
        """files other than its own page that mention the decision"""
        esc = doc.encode("unicode_escape").decode("ascii").replace("\\u", "\\u")
        return [k for k, v in self.files.items() if k != own and (doc in v or esc in v)]


def ledger(tmp):
    db = sqlite3.connect(os.path.join(tmp, "state/ledger.sqlite"))
    db.row_factory = sqlite3.Row
    items = {(r["kind"], r["key"]): dict(r) for r in db.execute("SELECT * FROM items")}
    runs = [dict(r) for r in db.execute("SELECT * FROM runs ORDER BY id")]
    events = [dict(r) for r in db.execute("SELECT * FROM events")]
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    db.close()
    return items, runs, events, meta


def report_rows(out, name):
    return read_csv(os.path.join(out, "report", name))


def tl(out, key, what="公开"):
    for r in report_rows(out, "timeliness.csv"):
        if r["编号"] == key and r["事项"] == what:
            return r
    return None


def live(site, doc):
    page, own = site.page(doc)
    return page is not None and "decision_notice" not in page and "已撤下" not in page \
        and "公示期已满" not in page, own


def main():
    tmp = tempfile.mkdtemp(prefix="gsgold.")
    try:
        run(tmp)
    finally:
        if os.environ.get("KEEP"):
            print("kept", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("%d checks failed" % len(failures))
        sys.exit(1)
    print("compliance golden: 3 builds checked")


def run(tmp):
    # ---- build 1: the ledger starts ----
    c1 = content(tmp, 1, BASE)
    rc, err, out = build(tmp, 1, c1, "2026-06-01")
    check(rc == 0, "build 1 exit %d: %s" % (rc, err[-500:]))
    items, runs, events, meta = ledger(tmp)
    check(meta.get("started") == "2026-06-01", "ledger start %r" % meta.get("started"))
    dec = [v for k, v in items.items() if k[0] == "decision"]
    check(len(dec) > 200, "only %d decisions recorded" % len(dec))
    check(all(v["first_published"] is None for v in items.values()),
          "build 1 claimed first-published dates")
    check(not report_rows(out, "attention.csv"), "build 1 reports something to attend to")
    check(all(r["结果"] == "账本建立前" for r in report_rows(out, "timeliness.csv")
              if r["类型"] == "执法决定" and r["事项"] == "公开" and r["完成日期"]),
          "build 1 timed a decision")
    site = Site(out)
    for doc in (C, E, F, G, H):
        check(live(site, doc)[0], "build 1: %s not published" % doc)
    f_page = site.page(F)[0] or ""
    check("钱某" in f_page and "钱多多" not in f_page and "13800138000" not in f_page,
          "build 1: F's page not privacy-filtered")

    # ---- build 2 ----
    b2 = [r for r in BASE if r["文书号"] != E]
    for r in b2:
        if r["文书号"] == C:
            r.update({"状态": "撤销", "状态日期": "2026-06-12", "状态说明": "证据不足，自行撤销。"})
        if r["文书号"] == F:
            r["决定日期"] = "2026-13-01"  # a bad edit
    b2 += [
        row(A, "2026-06-10", **WARN),
        row(B, "2026-06-02", **PERMIT),
        row(D, "2026-06-03", 公示审核="待审"),
        row(P2, "2026-06-08", 公示审核="待审"),
    ]
    c2 = content(tmp, 2, b2)
    rc, err, out = build(tmp, 2, c2, "2026-06-15")
    check(rc == 1, "build 2 exit %d, expected 1" % rc)
    check("决定日期" in err and F in err, "build 2: the rejected row is not on stderr")
    check("overdue" in err and D in err, "build 2: the overdue item is not on stderr")
    check("13800138000" not in err and "419999198001011230" not in err,
          "build 2: personal data on stderr")
    site = Site(out)
    items, runs, events, meta = ledger(tmp)
    # A and B: first published now; B late by 2 working days
    for doc in (A, B):
        check(live(site, doc)[0], "build 2: %s not published" % doc)
        check(items[("decision", doc)]["first_published"] == "2026-06-15",
              "build 2: %s first_published %r" % (doc, items[("decision", doc)]["first_published"]))
    t = tl(out, A)
    check(t and t["结果"] == "按时" and t["截止日期"] == "2026-06-22", "A timeliness %r" % t)
    t = tl(out, B)
    check(t and t["结果"] == "逾期完成" and t["工作日"] == "2" and t["截止日期"] == "2026-06-11",
          "B timeliness %r" % t)
    # D overdue, P2 due soon, both pending and unpublished
    att = {r["编号"]: r for r in report_rows(out, "attention.csv")}
    check(D in att and att[D]["结果"] == "超期未办" and att[D]["截止日期"] == "2026-06-12"
          and att[D]["工作日"] == "1", "D not overdue: %r" % att.get(D))
    check(P2 in att and att[P2]["结果"] == "待办" and att[P2]["截止日期"] == "2026-06-17"
          and att[P2]["工作日"] == "2", "P2 not due soon: %r" % att.get(P2))
    held = {r["文书号"]: r for r in report_rows(out, "held.csv")}
    check(held.get(P2, {}).get("剩余工作日") == "2", "held.csv P2 %r" % held.get(P2))
    for doc in (D, P2):
        check(site.page(doc)[1] is None, "build 2: pending %s published" % doc)
        check(("decision", doc) not in items, "build 2: pending %s in the ledger" % doc)
    # C withdrawn: notice page at the same URL, nowhere else
    page, own = site.page(C)
    check(page is not None and "撤销" in page and "证据不足" in page, "C: no notice page")
    check(page is not None and "示例县泰和物流" not in page, "C's notice names the party")
    check(not site.elsewhere(C, own), "C still listed in %s" % site.elsewhere(C, own)[:5])
    it = items[("decision", C)]
    check(it["withdrawn"] == "2026-06-15" and it["withdrawn_reason"] == "撤销"
          and it["status_done"] == "2026-06-15", "C ledger %r" % it)
    t = tl(out, C, "撤下")
    check(t and t["结果"] == "按时" and t["截止日期"] == "2026-06-17", "C takedown %r" % t)
    # E deleted: page gone, reported as removed
    check(site.page(E)[1] is None and not site.elsewhere(E, None), "E still on the site")
    acts = report_rows(out, "actions.csv")
    check(any(r["编号"] == E and r["动作"] == "数据中已删除" for r in acts), "E not reported removed")
    check(items[("decision", E)]["removed"] == "2026-06-15", "E not removed in the ledger")
    # F rejected: kept at its last good version, privacy intact
    ok, own = live(site, F)
    check(ok, "build 2: F taken down by a bad edit")
    page = site.page(F)[0] or ""
    check("钱某" in page and "钱多多" not in page and "13800138000" not in page
          and "419999198001011230" not in page, "kept F leaks personal data")
    check(any(own in v for k, v in site.files.items() if k.startswith("decisions/")),
          "kept F left the lists")
    check(any(r["编号"] == F and r["动作"].startswith("数据有误，继续公开") for r in acts),
          "F not reported as kept")
    check(items[("decision", F)]["withdrawn"] is None, "F withdrawn in the ledger")
    # G expired: from its decision date (published before the ledger)
    page, own = site.page(G)
    check(page is not None and "公示期" in page, "G: no expiry notice")
    check(not site.elsewhere(G, own), "G still listed")
    check(items[("decision", G)]["withdrawn_reason"] == "公示期满", "G ledger %r" % items[("decision", G)])
    check(any(r["编号"] == G and r["动作"] == "公示期满撤下" for r in acts), "G expiry not reported")
    check(runs[-1]["overdue"] == 1 and runs[-1]["kept"] == 1, "run 2 counts %r" % runs[-1])
    officer = read_csv(os.path.join(c2, "data/officers.csv"))

    # ---- build 3 ----
    b3 = [r for r in b2 if r["文书号"] not in (F, D)]
    b3.append(row(F, "2026-05-21", **PERSON))
    b3.append(row(D, "2026-06-03"))  # approved
    for r in b3:
        if r["文书号"] == H:
            r.update({"状态": "更正", "状态日期": "2026-08-03",
                      "状态说明": "原公示的违法事实有误，已予更正。", "违法事实": "经更正的违法事实。"})
    changed, gone = officer[0]["执法证号"], officer[1]["执法证号"]

    def edit(rows):
        out_rows = []
        for r in rows:
            if r["执法证号"] == gone:
                continue
            if r["执法证号"] == changed:
                r["职务"] = "副局长"
                r["更新日期"] = "2026-09-01"
            out_rows.append(r)
        return out_rows
    c3 = content(tmp, 3, b3, edit)
    rc, err, out = build(tmp, 3, c3, "2026-09-11")
    site = Site(out)
    items, runs, events, meta = ledger(tmp)
    check(rc == 1, "build 3 exit %d, expected 1 (P2 overdue)" % rc)
    check(live(site, F)[0] and not any(r["编号"] == F for r in report_rows(out, "actions.csv")),
          "build 3: F not back to normal")
    check(items[("decision", F)]["first_published"] is None, "F's date changed")
    # D published late
    check(live(site, D)[0], "build 3: D not published")
    t = tl(out, D)
    check(t and t["结果"] == "逾期完成" and t["完成日期"] == "2026-09-11", "D timeliness %r" % t)
    # first-published dates stay fixed
    check(items[("decision", B)]["first_published"] == "2026-06-15", "B's first date moved")
    t = tl(out, B)
    check(t and t["工作日"] == "2", "B's lateness changed: %r" % t)
    # A: 3 months from 2026-06-15 (first published), not from 2026-06-10
    check(live(site, A)[0], "build 3: A expired from its decision date")
    # H corrected: dated note, late (due 2026-08-31)
    page = site.page(H)[0] or ""
    check("更正" in page and "2026-08-03" in page and "经更正的违法事实" in page,
          "H: no correction note")
    t = tl(out, H, "更正")
    check(t and t["结果"] == "逾期完成" and t["截止日期"] == "2026-08-31", "H correction %r" % t)
    check(items[("decision", H)]["last_changed"] == "2026-09-11", "H change not recorded")
    # officers: one changed late (due 2026-09-08), one removed
    t = tl(out, changed, "信息更新")
    check(t and t["结果"] == "逾期完成" and t["工作日"] == "3", "officer change %r" % t)
    check(items[("officer", gone)]["removed"] == "2026-09-11", "officer removal not recorded")
    check(not any(gone in v for k, v in site.files.items() if k.startswith("officers/")),
          "removed officer still on the site")
    # C and G stay down, E stays gone
    check(site.page(C)[0] is not None and not site.elsewhere(C, site.page(C)[1]), "C came back")
    check(site.page(E)[1] is None, "E came back")
    att = {r["编号"]: r for r in report_rows(out, "attention.csv")}
    check(P2 in att and att[P2]["结果"] == "超期未办", "P2 not overdue in build 3")
    check([r["today"] for r in runs] == ["2026-06-01", "2026-06-15", "2026-09-11"],
          "runs %r" % [r["today"] for r in runs])
    # the report names no ID or phone number
    for name in glob.glob(os.path.join(out, "report", "*")):
        with open(name, encoding="utf-8-sig") as f:
            text = f.read()
        check("419999198001011230" not in text and "13800138000" not in text,
              "%s shows personal data" % os.path.basename(name))


if __name__ == "__main__":
    main()
