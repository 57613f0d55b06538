/*
 * test_compliance.c - the compliance step (gen/compliance.c) and the
 * deadlines (gen/timeliness.c) on small hand-made models with a ledger in
 * a temporary state folder: every rule of domain.md "Rules gongshi
 * applies" that concerns dates — before the ledger, first published, late,
 * overdue, withdrawal, 变更/更正, expiry from the first-published date,
 * deleted rows, a bad edit never unpublishes, an earlier --today, a
 * repeated build.  Uses content/calendar; run from the top of the
 * repository.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "compliance.h"
#include "diag.h"
#include "jsonval.h"
#include "ledger.h"
#include "loaders.h"
#include "privacy.h"
#include "publish.h"
#include "t.h"

static char tmpdir[256];
static int state_no;
static char state[300];

static gs_date D(const char *s)
{
    return date_parse_iso(s);
}

/* a fresh state folder for one scenario */
static void new_state(void)
{
    snprintf(state, sizeof state, "%s/s%d", tmpdir, ++state_no);
}

typedef struct row {
    const char *doc, *date;
    int cat;          /* enum gs_category */
    unsigned pens;    /* penalty bits */
    int64_t fine_fen;
    int status;
    const char *status_date;
    bool pending;
    int party;
} row;

typedef struct run {
    gs_model m;
    ledger *lg;
    compliance c;
} run;

static void add_decision(gs_model *m, const row *r)
{
    gs_decision *d = GS_PUSH(m->decisions);
    d->doc_no = model_text(m, r->doc, strlen(r->doc));
    d->category = (uint8_t)r->cat;
    d->party_type = (uint8_t)r->party;
    d->agency = 0;
    d->party_name = r->party == PARTY_PERSON ? "钱多多" : "示例县某某有限公司";
    d->credit_code = r->party == PARTY_PERSON ? "" : "91419999MA9TXND21A";
    d->legal_rep = d->id_type = d->violation_type = d->basis = "";
    d->id_no = r->party == PARTY_PERSON ? "419999198001011230" : "";
    d->facts = "当事人钱多多（电话13800138000）超限运输。";
    d->conclusion = "罚款。";
    d->permit_class = d->permit_cert = d->permit_no = d->place = "";
    d->withheld = "";
    d->status_note = r->status ? "经复议予以处理。" : "";
    d->date = D(r->date);
    d->penalties = (uint16_t)(r->cat == CAT_CHUFA ? (r->pens ? r->pens : 1u << PEN_DIAOXIAO) : 0);
    d->fine_fen = r->fine_fen ? r->fine_fen : -1;
    d->confiscation_fen = -1;
    d->occur_minute = -1;
    d->status = (uint8_t)r->status;
    d->status_date = r->status_date ? D(r->status_date) : GS_NODATE;
    d->review_pending = r->pending;
    d->permit_result = r->cat == CAT_XUKE ? PERMIT_GRANT : PERMIT_NONE;
    char slug[64];
    snprintf(slug, sizeof slug, "d/00/%016llx", (unsigned long long)hash_bytes(r->doc, strlen(r->doc)));
    d->slug = model_text(m, slug, strlen(slug));
    d->src.file = "decisions.csv";
    d->src.line = (uint32_t)m->decisions.n + 1;
}

static void add_agency(gs_model *m)
{
    gs_agency *a = GS_PUSH(m->agencies);
    a->name = "示例县交通运输局";
    a->credit_code = a->short_name = a->duties = a->address = a->phone = "";
    a->complaint_phone = a->review_body = a->court = "";
    a->slug = "a";
}

/* one build: the model from rows (plus officers when given), the ledger
 * step on `today`, committed */
static void begin(run *r, const char *today, const row *rows, size_t n)
{
    memset(r, 0, sizeof *r);
    diag_init();
    model_init(&r->m);
    calendar_load(&r->m, "content/calendar");
    add_agency(&r->m);
    for (size_t i = 0; i < n; i++)
        add_decision(&r->m, &rows[i]);
    model_finish(&r->m);
    r->lg = ledger_open(state);
    CHECK(r->lg != NULL);
    if (r->lg) {
        CHECK_INT(compliance_prepare(&r->c, &r->m, r->lg, D(today)), 0);
        CHECK(compliance_stage(&r->c, r->lg));
    }
}

static void commit(run *r)
{
    if (r->lg)
        CHECK(compliance_commit(&r->c, &r->m, r->lg));
}

static void end(run *r)
{
    compliance_free(&r->c);
    ledger_close(r->lg);
    model_free(&r->m);
}

static void build(const char *today, const row *rows, size_t n)
{
    run r;
    begin(&r, today, rows, n);
    commit(&r);
    end(&r);
}

static const tl_record *record(const compliance *c, const char *key, int what)
{
    for (size_t i = 0; i < c->records.n; i++)
        if (strcmp(c->records.v[i].key, key) == 0 && c->records.v[i].what == what)
            return &c->records.v[i];
    return NULL;
}

static bool has_event(const compliance *c, const char *key, int action)
{
    for (size_t i = 0; i < c->events.n; i++)
        if (strcmp(c->events.v[i].key, key) == 0 && c->events.v[i].action == action)
            return true;
    return false;
}

static lg_item *item(run *r, const char *key)
{
    return ledger_find(r->lg, LG_DECISION, key);
}

static int32_t index_of(const gs_model *m, const char *doc)
{
    for (size_t i = 0; i < m->decisions.n; i++)
        if (strcmp(m->decisions.v[i].doc_no, doc) == 0)
            return (int32_t)i;
    return -1;
}

#define NROWS(a) (sizeof(a) / sizeof *(a))

/* ---- deadlines ---- */

TEST(deadlines)
{
    diag_init();
    gs_model m;
    model_init(&m);
    calendar_load(&m, "content/calendar");
    tl_record r = {.event = D("2024-09-27"), .window = 7, .done = D("2024-10-12")};
    tl_eval(&m, &r, D("2024-11-01"));
    CHECK_INT(r.result, TL_ONTIME); /* on the deadline itself: on time */
    CHECK_INT(r.due, D("2024-10-12"));
    r.done = D("2024-10-15"); /* 14 (Mon), 15 (Tue) */
    tl_eval(&m, &r, D("2024-11-01"));
    CHECK_INT(r.result, TL_LATE);
    CHECK_INT(r.days, 2);
    r.done = GS_NODATE;
    tl_eval(&m, &r, D("2024-10-14"));
    CHECK_INT(r.result, TL_OVERDUE);
    CHECK_INT(r.days, 1);
    tl_eval(&m, &r, D("2024-10-12"));
    CHECK_INT(r.result, TL_WAITING);
    CHECK_INT(r.days, 0);
    tl_eval(&m, &r, D("2024-09-30")); /* 10-08 .. 10-12: 5 working days left */
    CHECK_INT(r.result, TL_WAITING);
    CHECK_INT(r.days, 5);
    r.event = D("2026-12-20"); /* runs into 2027 */
    r.window = 20;
    tl_eval(&m, &r, D("2026-12-21"));
    CHECK_INT(r.result, TL_UNKNOWN);
    CHECK_INT(r.missing_year, 2027);
    char *s = tl_describe(&r);
    CHECK(strstr(s, "2027") != NULL);
    free(s);
    /* windows from site.yaml */
    gs_decision d;
    memset(&d, 0, sizeof d);
    d.category = CAT_XUKE;
    CHECK_INT(tl_window_publish(&m.settings, &d), 7);
    d.category = CAT_JIANCHA;
    CHECK_INT(tl_window_publish(&m.settings, &d), 20);
    CHECK_INT(tl_window_status(&m.settings, ST_REVOKED), 3);
    CHECK_INT(tl_window_status(&m.settings, ST_CHANGED), 3);
    CHECK_INT(tl_window_status(&m.settings, ST_CORRECTED), 20);
    model_free(&m);
}

/* ---- the ledger's life ---- */

TEST(before_the_ledger)
{
    new_state();
    row rows[] = {
        {"甲〔2026〕1号", "2026-03-02", CAT_CHUFA, 0, 0, 0, NULL, false, 0},
        {"甲〔2026〕2号", "2026-05-29", CAT_CHUFA, 0, 0, 0, NULL, true, 0},  /* pending */
        {"甲〔2026〕3号", "2026-06-01", CAT_XUKE, 0, 0, 0, NULL, true, 0},   /* pending, today */
        {"甲〔2026〕4号", "2020-01-06", CAT_CHUFA, 1u << PEN_JINGGAO, 0, 0, NULL, false, 0},
    };
    run r;
    begin(&r, "2026-06-01", rows, NROWS(rows));
    CHECK(r.c.before_ledger);
    CHECK_INT(r.c.start, D("2026-06-01"));
    CHECK(item(&r, "甲〔2026〕1号") && item(&r, "甲〔2026〕1号")->first_published == GS_NODATE);
    CHECK(!item(&r, "甲〔2026〕2号"));
    /* expired long ago: recorded as public before the ledger, taken down */
    lg_item *old = item(&r, "甲〔2026〕4号");
    CHECK(old && old->withdrawn == D("2026-06-01") && strcmp(old->withdrawn_reason, "公示期满") == 0);
    const tl_record *t = record(&r.c, "甲〔2026〕1号", TL_PUBLISH);
    CHECK(t && t->result == TL_BEFORE);
    /* pending from before the ledger: not overdue; dated today: timed */
    t = record(&r.c, "甲〔2026〕2号", TL_PUBLISH);
    CHECK(t && t->result == TL_BEFORE);
    t = record(&r.c, "甲〔2026〕3号", TL_PUBLISH);
    CHECK(t && t->result == TL_WAITING && t->due == D("2026-06-10"));
    CHECK_INT(r.c.overdue, 0);
    CHECK(!compliance_failed(&r.c));
    CHECK_INT(r.m.pub_since[0], GS_NODATE);
    commit(&r);
    end(&r);

    /* the same day again: nothing changes */
    begin(&r, "2026-06-01", rows, NROWS(rows));
    CHECK(!r.c.before_ledger);
    for (size_t i = 0; i < ledger_count(r.lg); i++)
        CHECK(!ledger_at(r.lg, i)->dirty);
    CHECK_INT(r.c.events.n, 0);
    /* the expired one does not come back as new */
    CHECK_INT(publish_state(&r.m, &r.m.decisions.v[3], D("2026-06-01"), GS_NODATE), PUB_EXPIRED);
    commit(&r);
    end(&r);
    CHECK_INT(ledger_started(r.lg = ledger_open(state)), D("2026-06-01"));
    ledger_close(r.lg);
}

TEST(published_late_and_overdue)
{
    new_state();
    row base[] = {{"乙〔2026〕1号", "2026-05-20", CAT_CHUFA, 0, 0, 0, NULL, false, 0}};
    build("2026-06-01", base, 1);
    row rows[] = {
        base[0],
        {"乙〔2026〕2号", "2026-06-10", CAT_CHUFA, 0, 0, 0, NULL, false, 0}, /* due 06-22 */
        {"乙〔2026〕3号", "2026-06-02", CAT_XUKE, 0, 0, 0, NULL, false, 0},  /* due 06-11 */
        {"乙〔2026〕4号", "2026-06-03", CAT_CHUFA, 0, 0, 0, NULL, true, 0},  /* due 06-12 */
        {"乙〔2026〕5号", "2026-06-08", CAT_CHUFA, 0, 0, 0, NULL, true, 0},  /* due 06-17 */
        {"乙〔2026〕6号", "2026-05-25", CAT_JIANCHA, 0, 0, 0, NULL, false, 0}, /* before start */
    };
    run r;
    begin(&r, "2026-06-15", rows, NROWS(rows));
    const tl_record *t = record(&r.c, "乙〔2026〕2号", TL_PUBLISH);
    CHECK(t && t->result == TL_ONTIME && t->done == D("2026-06-15"));
    t = record(&r.c, "乙〔2026〕3号", TL_PUBLISH);
    CHECK(t && t->result == TL_LATE && t->days == 2 && t->due == D("2026-06-11"));
    t = record(&r.c, "乙〔2026〕4号", TL_PUBLISH);
    CHECK(t && t->result == TL_OVERDUE && t->days == 1);
    t = record(&r.c, "乙〔2026〕5号", TL_PUBLISH);
    CHECK(t && t->result == TL_WAITING && t->days == 2);
    t = record(&r.c, "乙〔2026〕6号", TL_PUBLISH);
    CHECK(t && t->result == TL_BEFORE); /* event before the ledger's start */
    CHECK(has_event(&r.c, "乙〔2026〕2号", CP_PUBLISHED));
    CHECK_INT(r.c.overdue, 1);
    CHECK_INT(r.c.late_run, 1);
    CHECK_INT(r.c.due_soon, 1);
    CHECK(compliance_failed(&r.c));
    CHECK(item(&r, "乙〔2026〕2号")->first_published == D("2026-06-15"));
    CHECK(!item(&r, "乙〔2026〕4号")); /* pending: not published */
    CHECK_INT(r.m.pub_since[1], D("2026-06-15"));
    CHECK_INT(r.m.pub_since[3], GS_NODATE);
    commit(&r);
    end(&r);

    /* later: dates stay, the pending one is published late */
    rows[3].pending = false;
    begin(&r, "2026-07-01", rows, NROWS(rows));
    CHECK(item(&r, "乙〔2026〕3号")->first_published == D("2026-06-15"));
    t = record(&r.c, "乙〔2026〕3号", TL_PUBLISH);
    CHECK(t && t->result == TL_LATE && t->days == 2);
    t = record(&r.c, "乙〔2026〕4号", TL_PUBLISH);
    CHECK(t && t->result == TL_LATE && t->done == D("2026-07-01"));
    CHECK_INT(r.c.late_run, 1);
    commit(&r);
    end(&r);
}

TEST(withdrawal_change_correction)
{
    new_state();
    row rows[] = {
        {"丙〔2026〕1号", "2026-05-20", CAT_CHUFA, 0, 0, 0, NULL, false, 0},
        {"丙〔2026〕2号", "2026-05-21", CAT_CHUFA, 0, 0, 0, NULL, false, 0},
        {"丙〔2026〕3号", "2026-05-22", CAT_CHUFA, 0, 0, 0, NULL, false, 0},
        {"丙〔2026〕4号", "2026-05-22", CAT_CHUFA, 0, 0, 0, NULL, false, 0},
    };
    build("2026-06-01", rows, NROWS(rows));
    rows[0].status = ST_REVOKED, rows[0].status_date = "2026-06-10"; /* due 06-15 */
    rows[1].status = ST_CHANGED, rows[1].status_date = "2026-06-05"; /* due 06-10 */
    rows[2].status = ST_CORRECTED, rows[2].status_date = "2026-06-05"; /* due 07-06 */
    rows[3].status = ST_ILLEGAL, rows[3].status_date = "2026-06-30"; /* not yet in force */
    run r;
    begin(&r, "2026-06-15", rows, NROWS(rows));
    int32_t i0 = index_of(&r.m, "丙〔2026〕1号");
    CHECK_INT(publish_state(&r.m, &r.m.decisions.v[i0], D("2026-06-15"), GS_NODATE), PUB_WITHDRAWN);
    lg_item *it = item(&r, "丙〔2026〕1号");
    CHECK(it->withdrawn == D("2026-06-15") && strcmp(it->withdrawn_reason, "撤销") == 0);
    CHECK(it->status == ST_REVOKED && it->status_done == D("2026-06-15"));
    CHECK(has_event(&r.c, "丙〔2026〕1号", CP_WITHDRAWN));
    const tl_record *t = record(&r.c, "丙〔2026〕1号", TL_WITHDRAW);
    CHECK(t && t->result == TL_ONTIME && t->due == D("2026-06-15"));
    t = record(&r.c, "丙〔2026〕2号", TL_CHANGE);
    CHECK(t && t->result == TL_LATE && t->window == 3 && t->days == 3);
    CHECK(has_event(&r.c, "丙〔2026〕2号", CP_STATUS));
    CHECK(item(&r, "丙〔2026〕2号")->withdrawn == GS_NODATE); /* 变更: still public */
    t = record(&r.c, "丙〔2026〕3号", TL_CORRECT);
    CHECK(t && t->result == TL_ONTIME && t->window == 20 && t->due == D("2026-07-06"));
    CHECK(!record(&r.c, "丙〔2026〕4号", TL_WITHDRAW));
    CHECK(item(&r, "丙〔2026〕4号")->withdrawn == GS_NODATE);
    commit(&r);
    end(&r);
    /* the next build: nothing new, the takedown keeps its date */
    begin(&r, "2026-07-10", rows, NROWS(rows));
    it = item(&r, "丙〔2026〕1号");
    CHECK(it->withdrawn == D("2026-06-15"));
    CHECK(!has_event(&r.c, "丙〔2026〕1号", CP_WITHDRAWN));
    t = record(&r.c, "丙〔2026〕4号", TL_WITHDRAW);
    CHECK(t && t->result == TL_LATE && t->done == D("2026-07-10"));
    commit(&r);
    end(&r);
}

TEST(expiry_from_first_published)
{
    new_state();
    build("2026-06-01", NULL, 0);
    row rows[] = {{"丁〔2026〕1号", "2026-06-10", CAT_CHUFA, 1u << PEN_JINGGAO, 0, 0, NULL,
                   false, 0}};
    build("2026-06-15", rows, 1);
    run r;
    /* from the decision date it would end 2026-09-09; it runs from 06-15 */
    begin(&r, "2026-09-14", rows, 1);
    CHECK_INT(publish_state(&r.m, &r.m.decisions.v[0], D("2026-09-14"), GS_NODATE), PUB_LIVE);
    CHECK_INT(publish_until(&r.m, &r.m.decisions.v[0], GS_NODATE), D("2026-09-14"));
    CHECK_INT(publish_since(&r.m, &r.m.decisions.v[0]), D("2026-06-15"));
    commit(&r);
    end(&r);
    begin(&r, "2026-09-15", rows, 1);
    CHECK_INT(publish_state(&r.m, &r.m.decisions.v[0], D("2026-09-15"), GS_NODATE), PUB_EXPIRED);
    CHECK(has_event(&r.c, "丁〔2026〕1号", CP_EXPIRED));
    lg_item *it = item(&r, "丁〔2026〕1号");
    CHECK(it->withdrawn == D("2026-09-15") && strcmp(it->withdrawn_reason, "公示期满") == 0);
    CHECK(it->first_published == D("2026-06-15"));
    commit(&r);
    end(&r);
}

TEST(deleted_rows)
{
    new_state();
    row rows[] = {
        {"戊〔2026〕1号", "2026-05-20", CAT_CHUFA, 0, 0, 0, NULL, false, 0},
        {"戊〔2026〕2号", "2026-05-21", CAT_CHUFA, 0, 0, 0, NULL, false, 0},
    };
    build("2026-06-01", rows, 2);
    run r;
    begin(&r, "2026-06-15", rows, 1);
    CHECK(has_event(&r.c, "戊〔2026〕2号", CP_REMOVED));
    CHECK(!has_event(&r.c, "戊〔2026〕2号", CP_WITHDRAWN));
    lg_item *it = item(&r, "戊〔2026〕2号");
    CHECK(it->removed == D("2026-06-15") && it->withdrawn == D("2026-06-15"));
    CHECK_INT(r.m.decisions.n, 1);
    CHECK(!compliance_failed(&r.c));
    commit(&r);
    end(&r);
    /* back in the data: public again, first-published date unchanged */
    begin(&r, "2026-06-20", rows, 2);
    CHECK(has_event(&r.c, "戊〔2026〕2号", CP_REPUBLISHED));
    it = item(&r, "戊〔2026〕2号");
    CHECK(it->removed == GS_NODATE && it->withdrawn == GS_NODATE);
    CHECK(it->first_published == GS_NODATE);
    commit(&r);
    end(&r);
}

TEST(bad_edit_keeps_last_good)
{
    new_state();
    build("2026-06-01", NULL, 0);
    row rows[] = {
        {"己〔2026〕1号", "2026-06-05", CAT_CHUFA, 0, 0, 0, NULL, false, PARTY_PERSON},
        {"己〔2026〕2号", "2026-06-05", CAT_CHUFA, 0, 0, 0, NULL, false, 0},
    };
    build("2026-06-10", rows, 2);
    /* row 1 missing and not rejected: removed (not recorded here) */
    run r;
    begin(&r, "2026-06-15", rows + 1, 1);
    CHECK(has_event(&r.c, "己〔2026〕1号", CP_REMOVED));
    end(&r);
    /* row 1 rejected by the loader, which names it */
    diag_init();
    model_init(&r.m);
    calendar_load(&r.m, "content/calendar");
    add_agency(&r.m);
    add_decision(&r.m, &rows[1]);
    gs_rejected rj = {"己〔2026〕1号", {"decisions.csv", 7}, NULL};
    r.m.rejected_decisions = &rj;
    model_finish(&r.m);
    r.lg = ledger_open(state);
    CHECK_INT(compliance_prepare(&r.c, &r.m, r.lg, D("2026-06-17")), 0);
    CHECK(compliance_stage(&r.c, r.lg));
    int32_t k = index_of(&r.m, "己〔2026〕1号");
    CHECK(k >= 0);
    if (k >= 0) {
        const gs_decision *d = &r.m.decisions.v[k];
        CHECK(d->kept);
        CHECK_STR(d->party_name, "钱某");
        CHECK_STR(d->id_no, "");
        CHECK(strstr(d->facts, "13800138000") == NULL && strstr(d->facts, "钱多多") == NULL);
        CHECK_INT(d->src.line, 7);
        CHECK_INT(publish_state(&r.m, d, D("2026-06-17"), GS_NODATE), PUB_LIVE);
        CHECK_INT(publish_since(&r.m, d), D("2026-06-10"));
    }
    CHECK(has_event(&r.c, "己〔2026〕1号", CP_KEPT));
    CHECK(!has_event(&r.c, "己〔2026〕1号", CP_REMOVED));
    CHECK(compliance_failed(&r.c));
    CHECK(item(&r, "己〔2026〕1号")->withdrawn == GS_NODATE);
    commit(&r);
    end(&r);

    /* the whole file unreadable: everything public is kept */
    diag_init();
    model_init(&r.m);
    calendar_load(&r.m, "content/calendar");
    add_agency(&r.m);
    r.m.decisions_incomplete = true;
    model_finish(&r.m);
    r.lg = ledger_open(state);
    CHECK_INT(compliance_prepare(&r.c, &r.m, r.lg, D("2026-06-18")), 0);
    CHECK(compliance_stage(&r.c, r.lg));
    CHECK_INT(r.m.decisions.n, 2);
    CHECK_INT(r.c.counts[CP_KEPT], 2);
    CHECK_INT(r.c.counts[CP_REMOVED], 0);
    end(&r);

    /* ... and when its agency is gone too, it cannot be kept: reported */
    diag_init();
    model_init(&r.m);
    calendar_load(&r.m, "content/calendar");
    r.m.decisions_incomplete = true;
    model_finish(&r.m);
    r.lg = ledger_open(state);
    CHECK_INT(compliance_prepare(&r.c, &r.m, r.lg, D("2026-06-18")), 0);
    CHECK(compliance_stage(&r.c, r.lg));
    CHECK_INT(r.m.decisions.n, 0);
    CHECK_INT(r.c.counts[CP_KEEP_FAILED], 2);
    CHECK(compliance_failed(&r.c));
    end(&r);
}

/* a kept decision renders as its last good version did */
/* decision_public_json as the first versions wrote it, with jansson: the
 * ledger compares these bytes to tell edits, so the direct writer must
 * give exactly them */
static void ref_flags(json_t *o, const char *k, unsigned mask, const char *const *names, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        if (mask & (1u << i))
            json_array_append_new(a, json_string(names[i]));
    json_object_set_new(o, k, a);
}

static char *ref_public_json(const gs_model *m, const gs_decision *d)
{
    json_t *o = json_object();
    jset(o, "doc_no", d->doc_no);
    jset(o, "category", gs_category_names[d->category]);
    jset(o, "agency", d->agency >= 0 ? m->agencies.v[d->agency].name : "");
    jset_own(o, "party", privacy_party_name(m, d));
    jset(o, "party_type", gs_party_names[d->party_type]);
    jset(o, "credit_code", d->party_type == PARTY_PERSON ? "" : d->credit_code);
    jset_own(o, "legal_rep", privacy_legal_rep(m, d));
    jset(o, "id_type", d->id_type);
    jset_date(o, "date", d->date);
    jset_own(o, "violation_type", privacy_decision_text(m, d, d->violation_type));
    jset_own(o, "facts", privacy_decision_text(m, d, d->facts));
    jset_own(o, "basis", privacy_decision_text(m, d, d->basis));
    jset_own(o, "conclusion", privacy_decision_text(m, d, d->conclusion));
    ref_flags(o, "penalties", d->penalties, gs_penalty_names, PEN_COUNT);
    json_object_set_new(o, "fine_fen", json_integer(d->fine_fen));
    json_object_set_new(o, "confiscation_fen", json_integer(d->confiscation_fen));
    jset(o, "permit_result", gs_permit_names[d->permit_result]);
    jset(o, "permit_class", d->permit_class);
    jset(o, "permit_cert", d->permit_cert);
    jset(o, "permit_no", d->permit_no);
    jset_date(o, "permit_from", d->permit_from);
    jset_date(o, "permit_to", d->permit_to);
    ref_flags(o, "coercive", d->coercive, gs_coercive_names, COER_COUNT);
    jset(o, "procedure", gs_procedure_names[d->procedure]);
    jset(o, "place", d->place);
    jset_date(o, "occur_date", d->occur_date);
    json_object_set_new(o, "occur_minute", json_integer(d->occur_minute));
    json_t *offs = json_array();
    for (size_t i = 0; i < d->n_officers; i++)
        json_array_append_new(offs, json_stringn_nocheck(d->officers[i], strlen(d->officers[i])));
    json_object_set_new(o, "officers", offs);
    json_t *yn = json_array();
    json_array_append_new(yn, json_integer(d->major));
    json_array_append_new(yn, json_integer(d->legal_review));
    json_array_append_new(yn, json_integer(d->lawyer));
    json_array_append_new(yn, json_integer(d->hearing));
    json_object_set_new(o, "major_review_lawyer_hearing", yn);
    jset(o, "status", gs_status_names[d->status]);
    jset_date(o, "status_date", d->status_date);
    jset_own(o, "status_note", privacy_decision_text(m, d, d->status_note));
    jset(o, "slug", d->slug);
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    return s ? s : xstrdup("{}");
}

static int same_as_jansson(const gs_model *m, const gs_decision *d)
{
    char *a = decision_public_json(m, d), *b = ref_public_json(m, d);
    int same = strcmp(a, b) == 0;
    if (!same)
        fprintf(stderr, "  new: %s\n  old: %s\n", a, b);
    free(a);
    free(b);
    return same;
}

/* every sample decision, both name settings, then one decision with each
 * text field set in turn to strings that need escaping or are not valid
 * UTF-8, and every flag and number at its edges */
TEST(public_json_bytes_as_jansson)
{
    diag_init();
    gs_model m;
    model_init(&m);
    CHECK(load_content(&m, "content"));
    CHECK(m.decisions.n > 50);
    size_t differ = 0;
    for (int mask = 0; mask < 2; mask++) {
        m.settings.mask_names = mask;
        for (size_t i = 0; i < m.decisions.n; i++)
            differ += !same_as_jansson(&m, &m.decisions.v[i]);
    }
    CHECK_INT((int)differ, 0);

    static const char *const odd[] = {
        "", "a\"b\\c/d", "\b\f\n\r\t", "\x01\x1f\x7f", "行\x1e政", "😀 U+1F600",
        "\xef\xbf\xbd", "\xef\xbb\xbf前", "\x80", "\xc0\x80", "\xc3", "\xed\xa0\x80",
        "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "ok\xe4\xb8", "\xe4\xb8\xad\xe6\x96\x87",
    };
    gs_decision base = m.decisions.v[0];
    const char *offs[3];
    const char **fields[] = {&base.doc_no, &base.party_name, &base.credit_code, &base.legal_rep,
                             &base.id_type, &base.violation_type, &base.facts, &base.basis,
                             &base.conclusion, &base.permit_class, &base.permit_cert,
                             &base.permit_no, &base.place, &base.status_note, &base.slug,
                             &offs[1]};
    gs_decision keep = base;
    differ = 0;
    size_t checked = 0;
    for (size_t f = 0; f < sizeof fields / sizeof *fields; f++)
        for (size_t k = 0; k < sizeof odd / sizeof *odd; k++)
            for (int pt = 0; pt < PARTY_COUNT; pt++) {
                base = keep;
                offs[0] = "41099903004", offs[1] = "", offs[2] = "41099903005";
                *fields[f] = odd[k];
                base.officers = offs;
                base.n_officers = (uint16_t)(f + k) % 4;
                base.party_type = (uint8_t)pt;
                differ += !same_as_jansson(&m, &base);
                checked++;
            }
    base = keep;
    base.officers = NULL;
    base.n_officers = 0;
    const int64_t nums[] = {-1, 0, 1, 9, 10, 560000, INT64_MAX, INT64_MIN};
    for (size_t k = 0; k < sizeof nums / sizeof *nums; k++) {
        base.fine_fen = nums[k];
        base.confiscation_fen = nums[(k + 3) % 8];
        base.occur_minute = (int16_t)(k * 211 - 1);
        base.penalties = (uint16_t)((1u << PEN_COUNT) - 1) >> k;
        base.coercive = (uint8_t)(((1u << COER_COUNT) - 1) >> k);
        base.major = base.legal_review = (uint8_t)k;
        base.lawyer = YN_UNSET;
        base.date = k ? base.date + (gs_date)k * 400 : GS_NODATE;
        base.permit_to = k & 1 ? GS_NODATE : base.date;
        base.category = (uint8_t)(k % CAT_COUNT);
        base.status = (uint8_t)(k % ST_COUNT);
        base.procedure = (uint8_t)(k % PROC_COUNT);
        base.permit_result = (uint8_t)(k % PERMIT_COUNT);
        base.agency = k == 5 ? -1 : 0;
        differ += !same_as_jansson(&m, &base);
        checked++;
    }
    CHECK_INT((int)differ, 0);
    CHECK(checked > 500);
    model_free(&m);
}

TEST(public_json_round_trip)
{
    diag_init();
    gs_model m;
    model_init(&m);
    add_agency(&m);
    row rows[] = {
        {"庚〔2026〕1号", "2026-06-05", CAT_CHUFA, (1u << PEN_FAKUAN) | (1u << PEN_JINGGAO),
         560000, ST_CORRECTED, "2026-06-09", false, PARTY_PERSON},
        {"庚〔2026〕2号", "2026-06-05", CAT_XUKE, 0, 0, 0, NULL, false, PARTY_ORG},
    };
    for (size_t i = 0; i < 2; i++)
        add_decision(&m, &rows[i]);
    const char *offs[] = {"41099903004", "41099903005"};
    m.decisions.v[0].officers = xmalloc(sizeof offs);
    memcpy(m.decisions.v[0].officers, offs, sizeof offs);
    m.decisions.v[0].n_officers = 2;
    for (size_t i = 0; i < 2; i++) {
        char *j1 = decision_public_json(&m, &m.decisions.v[i]);
        CHECK(strstr(j1, "419999198001011230") == NULL && strstr(j1, "13800138000") == NULL);
        gs_decision d;
        const char *why = NULL;
        CHECK(decision_from_public(&m, j1, &d, &why));
        *GS_PUSH(m.decisions) = d;
        char *j2 = decision_public_json(&m, &m.decisions.v[m.decisions.n - 1]);
        CHECK_STR(j2, j1);
        free(j1);
        free(j2);
    }
    gs_decision d;
    const char *why = NULL;
    CHECK(!decision_from_public(&m, "not json", &d, &why) && why);
    CHECK(!decision_from_public(&m, "{\"agency\":\"无此机关\"}", &d, &why) && why);
    model_free(&m);
}

/* a ledger's copy with the slug `slug` read back: the slug the kept
 * decision gets ("" when the copy is refused) */
static char *kept_slug(gs_model *m, const char *json, const char *slug)
{
    json_t *o = json_loads(json, 0, NULL);
    json_object_set_new(o, "slug", json_string(slug));
    char *j = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    gs_decision d;
    const char *why = NULL;
    char *r = xstrdup(decision_from_public(m, j, &d, &why) ? d.slug : "");
    free(j);
    free(d.officers);
    return r;
}

/* a ledger written before decision URLs were kept free of mobile-number
 * shapes: such a kept decision moves to the path its 文书号 gets now */
TEST(kept_slug_renewed)
{
    diag_init();
    gs_model m;
    model_init(&m);
    add_agency(&m);
    row r = {"辛〔2026〕1号", "2026-06-05", CAT_CHUFA, 0, 0, 0, NULL, false, PARTY_ORG};
    add_decision(&m, &r);
    char *j = decision_public_json(&m, &m.decisions.v[0]);
    char want[DECISION_SLUG_MAX];
    CHECK(decision_slug(0x15847818709b069cull, 0, want) == 21);
    CHECK(strcmp(want, "d/15/15847818709b069c") != 0);
    CHECK(!privacy_has_mobile_shape(want, strlen(want)));
    char *got = kept_slug(&m, j, "d/15/15847818709b069c");
    CHECK_STR(got, want);
    free(got);
    /* a twin keeps its number */
    got = kept_slug(&m, j, "d/15/15847818709b069c-2");
    CHECK(strncmp(got, want, 21) == 0 && strcmp(got + 21, "-2") == 0);
    free(got);
    /* an ordinary path stays */
    got = kept_slug(&m, j, "d/3a/3a00000000000001");
    CHECK_STR(got, "d/3a/3a00000000000001");
    free(got);
    /* not of the form: left as it was (the loader makes no such path) */
    char s[DECISION_SLUG_MAX];
    CHECK_INT(decision_slug_renew("d/15/15847818709b069", s), -1);
    CHECK_INT(decision_slug_renew("", s), -1);
    CHECK_INT(decision_slug_renew("d/16/15847818709b069c", s), -1);
    CHECK_INT(decision_slug_renew("d/15/15847818709b069c-1", s), -1);
    CHECK_INT(decision_slug_renew("d/15/15847818709b069cx", s), -1);
    CHECK_INT(decision_slug_renew("d/15/15847818709B069C", s), -1);
    CHECK_INT(decision_slug_renew("d/15/15847818709b069c-02", s), -1);
    CHECK_INT(decision_slug_renew("d/15/15847818709b069c-+2", s), -1);
    CHECK(decision_slug_renew("d/15/15847818709b069c-10", s) == 24 && strcmp(s + 21, "-10") == 0);
    free(j);
    model_free(&m);
}

/* the ledger stores decision_hash values: its bytes must stay those of
 * the fields joined by 0x1F, numbers as "%lld" (the first versions) */
TEST(decision_hash_is_stable)
{
    gs_model m;
    model_init(&m);
    add_agency(&m);
    row r = {"辛〔2026〕3号", "2026-06-05", CAT_CHUFA, 1u << PEN_FAKUAN, 560000, ST_VALID, NULL,
             false, PARTY_PERSON};
    add_decision(&m, &r);
    gs_decision *d = &m.decisions.v[0];
    d->fine_fen = -1;
    d->occur_minute = -1;
    d->confiscation_fen = 9223372036854775807LL;
    buf want, scratch;
    buf_init(&want);
    buf_init(&scratch);
    buf_printf(&want, "%lld\x1f", (long long)m.settings.mask_names);
    const char *strs[] = {d->doc_no, m.agencies.v[d->agency].name, d->party_name,
                          d->credit_code, d->legal_rep, d->id_type, d->violation_type,
                          d->facts, d->basis, d->conclusion, d->permit_class, d->permit_cert,
                          d->permit_no, d->place, d->status_note, d->slug};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        buf_printf(&want, "%s\x1f", strs[i] ? strs[i] : "");
    const long long nums[] = {d->category, d->party_type, d->permit_result, d->procedure,
                              d->coercive, d->status, d->major, d->legal_review, d->lawyer,
                              d->hearing, d->penalties, d->date, d->fine_fen,
                              d->confiscation_fen, d->permit_from, d->permit_to,
                              d->occur_date, d->occur_minute, d->status_date};
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        buf_printf(&want, "%lld\x1f", nums[i]);
    CHECK(decision_hash(&m, d, &scratch) == hash_bytes(want.p, want.len));
    CHECK(scratch.len == want.len && memcmp(scratch.p, want.p, want.len) == 0);
    buf_free(&want);
    buf_free(&scratch);
    model_free(&m);
}

TEST(earlier_today_is_read_only)
{
    new_state();
    row rows[] = {{"辛〔2026〕1号", "2026-05-20", CAT_CHUFA, 0, 0, 0, NULL, false, 0}};
    build("2026-06-01", rows, 1);
    row more[] = {rows[0], {"辛〔2026〕2号", "2026-05-25", CAT_CHUFA, 0, 0, 0, NULL, false, 0}};
    run r;
    begin(&r, "2026-05-28", more, 2);
    CHECK(r.c.read_only);
    commit(&r);
    end(&r);
    r.lg = ledger_open(state);
    CHECK(ledger_find(r.lg, LG_DECISION, "辛〔2026〕2号") == NULL);
    CHECK_INT(ledger_last_run(r.lg), D("2026-06-01"));
    ledger_close(r.lg);
}

TEST(officer_changes)
{
    new_state();
    run r;
    begin(&r, "2026-06-01", NULL, 0);
    commit(&r);
    end(&r);
    for (int pass = 0; pass < 3; pass++) {
        diag_init();
        model_init(&r.m);
        calendar_load(&r.m, "content/calendar");
        add_agency(&r.m);
        if (pass < 2) {
            gs_officer *o = GS_PUSH(r.m.officers);
            o->name = "沈宇";
            o->cert_no = "41099901001";
            o->title = pass ? "副局长" : "局长";
            o->categories = o->area = "";
            o->updated = pass ? D("2026-06-10") : D("2026-05-20");
        }
        model_finish(&r.m);
        r.lg = ledger_open(state);
        const char *today[] = {"2026-06-05", "2026-06-19", "2026-06-22"};
        CHECK_INT(compliance_prepare(&r.c, &r.m, r.lg, D(today[pass])), 0);
        CHECK(compliance_stage(&r.c, r.lg));
        lg_item *it = ledger_find(r.lg, LG_OFFICER, "41099901001");
        const tl_record *t = record(&r.c, "41099901001", TL_INFO);
        if (pass == 0) {
            CHECK(it && it->first_published == D("2026-06-05"));
            CHECK(t && t->result == TL_BEFORE); /* 更新日期 before the ledger */
        } else if (pass == 1) {
            CHECK(has_event(&r.c, "41099901001", CP_CHANGED));
            CHECK(t && t->result == TL_LATE && t->due == D("2026-06-17") && t->days == 1);
            CHECK(it && it->first_published == D("2026-06-05"));
        } else {
            CHECK(has_event(&r.c, "41099901001", CP_REMOVED));
            CHECK(it && it->removed == D("2026-06-22"));
        }
        commit(&r);
        end(&r);
    }
}

int main(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/gongshi-cp-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    diag_set_quiet(true);
    RUN(deadlines);
    RUN(before_the_ledger);
    RUN(published_late_and_overdue);
    RUN(withdrawal_change_correction);
    RUN(expiry_from_first_published);
    RUN(deleted_rows);
    RUN(bad_edit_keeps_last_good);
    RUN(public_json_bytes_as_jansson);
    RUN(public_json_round_trip);
    RUN(kept_slug_renewed);
    RUN(decision_hash_is_stable);
    RUN(earlier_today_is_read_only);
    RUN(officer_changes);
    diag_free();
    for (int i = 1; i <= state_no; i++) {
        char p[400];
        snprintf(p, sizeof p, "%s/s%d/ledger.sqlite", tmpdir, i);
        unlink(p);
        snprintf(p, sizeof p, "%s/s%d", tmpdir, i);
        rmdir(p);
    }
    rmdir(tmpdir);
    return T_DONE();
}
