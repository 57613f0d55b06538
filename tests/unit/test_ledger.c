/*
 * test_ledger.c - the publication ledger's storage (gen/ledger.c): the
 * state folder made on demand, items written in one commit and read back
 * field by field, the kept public JSON surviving updates that do not
 * carry it, events and runs, a note of its own (rollback), a build that
 * stopped between staging and committing (recorded when its site went
 * live, dropped when not), a folder that cannot be used, a database from
 * a newer gongshi.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ledger.h"
#include "model.h"
#include "t.h"

static char tmpdir[256];

static gs_date D(const char *s)
{
    return date_parse_iso(s);
}

static char *path(const char *rel)
{
    return xasprintf("%s/%s", tmpdir, rel);
}

/* one integer from a query */
static long long query(const char *state, const char *sql)
{
    char *db = xasprintf("%s/ledger.sqlite", state);
    sqlite3 *h;
    long long v = -1;
    if (sqlite3_open(db, &h) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                v = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(h);
    free(db);
    return v;
}

static char *make_public(const void *ctx, const void *src)
{
    (void)ctx;
    return xstrdup(src);
}

TEST(round_trip)
{
    char *state = path("a/b/state"); /* made with its parents */
    ledger *lg = ledger_open(state);
    CHECK(lg != NULL);
    if (!lg) {
        free(state);
        return;
    }
    CHECK_INT(ledger_started(lg), GS_NODATE);
    CHECK_INT(ledger_count(lg), 0);
    lg_item *it = ledger_add(lg, LG_DECISION, "示市监处罚〔2024〕15号");
    it->hash = 0xfedcba9876543210ull;
    it->first_published = D("2024-03-01");
    it->last_changed = D("2024-03-05");
    it->event_date = D("2024-02-27");
    it->status = ST_CORRECTED;
    it->status_date = D("2024-03-04");
    it->status_done = D("2024-03-05");
    ledger_set_public(it, xstrdup("{\"doc_no\":\"x\"}"));
    lg_item *o = ledger_add(lg, LG_OFFICER, "41099901001");
    o->hash = 1;
    o->withdrawn = o->removed = D("2024-03-05");
    o->withdrawn_reason = "已删除";
    CHECK(ledger_find(lg, LG_DECISION, "示市监处罚〔2024〕15号") == it);
    CHECK(ledger_find(lg, LG_OFFICER, "示市监处罚〔2024〕15号") == NULL);
    ledger_event(lg, LG_DECISION, it->key, "published", NULL);
    ledger_event(lg, -1, NULL, "ledger_started", "2 items");
    lg_run run = {.today = D("2024-03-05"), .before_ledger = true, .published = 2};
    CHECK(ledger_stage(lg, &run) && ledger_commit(lg));
    CHECK(!it->dirty && !it->public_json);
    CHECK_INT(ledger_started(lg), D("2024-03-05"));
    ledger_close(lg);

    lg = ledger_open(state);
    CHECK_INT(ledger_count(lg), 2);
    CHECK_INT(ledger_started(lg), D("2024-03-05"));
    CHECK_INT(ledger_last_run(lg), D("2024-03-05"));
    it = ledger_find(lg, LG_DECISION, "示市监处罚〔2024〕15号");
    CHECK(it != NULL);
    if (it) {
        CHECK(it->hash == 0xfedcba9876543210ull);
        CHECK_INT(it->first_published, D("2024-03-01"));
        CHECK_INT(it->last_changed, D("2024-03-05"));
        CHECK_INT(it->event_date, D("2024-02-27"));
        CHECK_INT(it->status, ST_CORRECTED);
        CHECK_INT(it->status_date, D("2024-03-04"));
        CHECK_INT(it->status_done, D("2024-03-05"));
        CHECK_INT(it->withdrawn, GS_NODATE);
        /* an update without public JSON keeps the stored one */
        it->withdrawn = D("2024-04-01");
        it->withdrawn_reason = "撤销";
        it->dirty = true;
    }
    o = ledger_find(lg, LG_OFFICER, "41099901001");
    CHECK(o && o->removed == D("2024-03-05") && strcmp(o->withdrawn_reason, "已删除") == 0);
    char *pub = ledger_public(lg, LG_DECISION, "示市监处罚〔2024〕15号");
    CHECK_STR(pub, "{\"doc_no\":\"x\"}");
    free(pub);
    CHECK(ledger_public(lg, LG_DECISION, "无此文书") == NULL);
    run = (lg_run){.today = D("2024-04-01"), .withdrawn = 1};
    CHECK(ledger_stage(lg, &run) && ledger_commit(lg));
    ledger_close(lg);

    lg = ledger_open(state);
    it = ledger_find(lg, LG_DECISION, "示市监处罚〔2024〕15号");
    CHECK(it && it->withdrawn == D("2024-04-01") && strcmp(it->withdrawn_reason, "撤销") == 0);
    pub = ledger_public(lg, LG_DECISION, "示市监处罚〔2024〕15号");
    CHECK_STR(pub, "{\"doc_no\":\"x\"}");
    free(pub);
    CHECK_INT(ledger_last_run(lg), D("2024-04-01"));
    CHECK_INT(ledger_started(lg), D("2024-03-05"));
    /* public JSON made only when staged, by the ledger's function */
    static const char src[] = "{\"doc_no\":\"made when staged\"}";
    ledger_public_fn(lg, make_public, NULL);
    it = ledger_find(lg, LG_DECISION, "示市监处罚〔2024〕15号");
    if (it)
        ledger_set_public_src(it, src);
    run = (lg_run){.today = D("2024-04-02")};
    CHECK(ledger_stage(lg, &run) && ledger_commit(lg));
    pub = ledger_public(lg, LG_DECISION, "示市监处罚〔2024〕15号");
    CHECK_STR(pub, src);
    free(pub);
    ledger_close(lg);

    CHECK_INT(query(state, "SELECT count(*) FROM runs"), 3);
    CHECK_INT(query(state, "SELECT count(*) FROM events WHERE run = 1"), 2);
    CHECK_INT(query(state, "SELECT withdrawn FROM runs WHERE id = 2"), 1);
    /* a note of its own: an event, no item touched */
    CHECK(ledger_note(state, D("2024-04-02"), "rollback", "to the previous generation"));
    CHECK_INT(query(state, "SELECT count(*) FROM events WHERE event = 'rollback' AND run IS NULL"),
              1);
    CHECK_INT(query(state, "SELECT count(*) FROM runs"), 3);
    free(state);
}

TEST(many_items)
{
    char *state = path("many");
    ledger *lg = ledger_open(state);
    char key[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "文书%d", i);
        lg_item *it = ledger_add(lg, i % 2 ? LG_DECISION : LG_POWER, key);
        it->hash = (uint64_t)i;
    }
    lg_run run = {.today = D("2025-01-02")};
    CHECK(ledger_stage(lg, &run) && ledger_commit(lg));
    ledger_close(lg);
    lg = ledger_open(state);
    CHECK_INT(ledger_count(lg), 5000);
    int bad = 0;
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "文书%d", i);
        lg_item *it = ledger_find(lg, i % 2 ? LG_DECISION : LG_POWER, key);
        bad += !it || it->hash != (uint64_t)i;
        bad += ledger_find(lg, i % 2 ? LG_POWER : LG_DECISION, key) != NULL;
    }
    CHECK_INT(bad, 0);
    char hex[17];
    ledger_hash_hex(0xabcull, hex);
    CHECK_STR(hex, "0000000000000abc");
    /* the first build's staged table became the items table: nothing was
     * copied, so no page was freed, and a new staging table is there */
    CHECK_INT(query(state, "PRAGMA freelist_count"), 0);
    CHECK_INT(query(state, "SELECT count(*) FROM pending_items"), 0);
    CHECK_INT(query(state, "SELECT count(*) FROM items"), 5000);
    /* a second build changes some and adds one: merged, not renamed */
    for (int i = 0; i < 5000; i += 7) {
        snprintf(key, sizeof key, "文书%d", i);
        lg_item *it = ledger_find(lg, i % 2 ? LG_DECISION : LG_POWER, key);
        it->hash = (uint64_t)i + 1;
        it->dirty = true;
    }
    ledger_add(lg, LG_PAGE, "新页")->hash = 9;
    run.today = D("2025-01-03");
    CHECK(ledger_stage(lg, &run) && ledger_commit(lg));
    ledger_close(lg);
    lg = ledger_open(state);
    CHECK_INT(ledger_count(lg), 5001);
    bad = 0;
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "文书%d", i);
        lg_item *it = ledger_find(lg, i % 2 ? LG_DECISION : LG_POWER, key);
        bad += !it || it->hash != (uint64_t)i + (i % 7 == 0);
    }
    CHECK_INT(bad, 0);
    CHECK(ledger_find(lg, LG_PAGE, "新页") && ledger_find(lg, LG_PAGE, "新页")->hash == 9);
    CHECK_INT(query(state, "SELECT count(*) FROM runs"), 2);
    ledger_close(lg);
    free(state);
}

/* a build stopped after staging: its site went live (another generation
 * now) or did not (the same one) */
TEST(reconcile)
{
    char *state = path("rec");
    for (int went_live = 0; went_live < 2; went_live++) {
        ledger *lg = ledger_open(state);
        CHECK_INT(ledger_reconcile(lg, 3), 0);
        lg_item *it = ledger_add(lg, LG_DECISION, went_live ? "甲" : "乙");
        it->first_published = D(went_live ? "2024-05-02" : "2024-05-01");
        ledger_event(lg, LG_DECISION, it->key, "published", NULL);
        lg_run run = {.today = it->first_published, .published = 1};
        CHECK(ledger_stage(lg, &run));
        ledger_close(lg); /* stopped here */
        lg = ledger_open(state);
        CHECK(ledger_find(lg, LG_DECISION, went_live ? "甲" : "乙") == NULL);
        CHECK_INT(ledger_reconcile(lg, went_live ? 4 : 3), went_live ? 2 : 1);
        it = ledger_find(lg, LG_DECISION, went_live ? "甲" : "乙");
        if (went_live) {
            CHECK(it && it->first_published == D("2024-05-02"));
            CHECK_INT(ledger_last_run(lg), D("2024-05-02"));
            CHECK_INT(ledger_started(lg), D("2024-05-02"));
        } else {
            CHECK(it == NULL);
            CHECK_INT(ledger_last_run(lg), GS_NODATE);
        }
        CHECK_INT(ledger_reconcile(lg, 4), 0); /* settled */
        ledger_close(lg);
    }
    CHECK_INT(query(state, "SELECT count(*) FROM runs"), 1);
    CHECK_INT(query(state, "SELECT count(*) FROM events WHERE event = 'published' AND run = 1"), 1);
    CHECK_INT(query(state, "SELECT count(*) FROM events WHERE event = 'reconciled'"), 1);
    CHECK_INT(query(state, "SELECT count(*) FROM events WHERE event = 'unfinished_build'"), 1);
    CHECK_INT(query(state, "SELECT count(*) FROM pending_items"), 0);
    /* a commit without anything staged fails */
    ledger *lg = ledger_open(state);
    CHECK(!ledger_commit(lg));
    ledger_close(lg);
    free(state);
}

TEST(unusable)
{
    /* a file where the folder should be */
    char *file = path("plain-file");
    FILE *f = fopen(file, "w");
    if (f)
        fclose(f);
    CHECK(ledger_open(file) == NULL);
    /* a database written by a newer gongshi */
    char *state = path("newer");
    ledger *lg = ledger_open(state);
    ledger_close(lg);
    char *db = xasprintf("%s/ledger.sqlite", state);
    sqlite3 *h;
    CHECK(sqlite3_open(db, &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h, "UPDATE meta SET value = '99' WHERE key = 'schema'", NULL, NULL, NULL) ==
          SQLITE_OK);
    sqlite3_close(h);
    CHECK(ledger_open(state) == NULL);
    /* not a database at all */
    f = fopen(db, "w");
    if (f) {
        fputs("this is not sqlite, but long enough to have a header of sorts......\n", f);
        fclose(f);
    }
    CHECK(ledger_open(state) == NULL);
    free(db);
    free(state);
    free(file);
}

int main(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/gongshi-lg-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(round_trip);
    RUN(many_items);
    RUN(reconcile);
    RUN(unusable);
    const char *files[] = {"a/b/state/ledger.sqlite", "a/b/state", "a/b", "a",
                           "many/ledger.sqlite", "many", "rec/ledger.sqlite", "rec", "plain-file", "newer/ledger.sqlite",
                           "newer"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *p = path(files[i]);
        if (unlink(p) != 0)
            rmdir(p);
        free(p);
    }
    rmdir(tmpdir);
    return T_DONE();
}
