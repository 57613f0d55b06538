/*
 * ledger.c - the publication ledger in SQLite (see ledger.h).
 *
 * Items live in memory while a build runs: one arena holds the structs
 * and their keys (so pointers stay valid while items are added), an open
 * addressing table finds them by (kind, key).  Public JSON is read from
 * the database only when asked for (a kept decision), never in bulk.
 *
 * A build's changes go to the pending_* tables first (ledger_stage, its
 * own transaction, before the site is switched), then move into the
 * ledger proper in one transaction (ledger_commit, after the switch).  A
 * build that stops in between leaves them pending; the next build's
 * ledger_reconcile records them with their own date when the live site
 * generation is no longer the one they were staged on (the switch
 * happened), and drops them otherwise.
 */
#include "ledger.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fsout.h"
#include "model.h"
#include "util.h"

const char *const lg_kind_names[LG_KIND_COUNT] = {"decision", "officer", "agency",
                                                  "power", "inspection", "page"};
const char *const lg_kind_titles[LG_KIND_COUNT] = {"执法决定", "执法人员", "执法主体",
                                                   "权责清单", "随机抽查事项", "制度页面"};

#define SCHEMA_VERSION 1

typedef struct lg_event {
    int kind;
    char *key, *event, *detail;
} lg_event;

struct ledger {
    sqlite3 *db;
    char *path;
    arena a;
    lg_item **items;
    size_t n, cap;
    uint64_t *slots; /* index + 1 in the low half (0 = empty), the key's
                        hash in the high half: most probes need no item */
    size_t nslots;
    gs_date started, last_run;
    gs_date staged;   /* --today of the build staged, GS_NODATE = none */
    long live_gen;    /* the live site generation when this build began */
    lg_event *events;
    size_t nev, capev;
    lg_public_fn public_fn;
    const void *public_ctx;
    bool quiet;       /* ledger_open_existing: failures are not reported */
    buf *held;        /* ledger_hold_messages: failures go here */
};

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS items("
    " kind TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL,"
    " first_published TEXT, last_changed TEXT, event_date TEXT,"
    " status TEXT, status_date TEXT, status_done TEXT,"
    " withdrawn TEXT, withdrawn_reason TEXT, removed TEXT, public TEXT,"
    " UNIQUE(kind, key));"
    "CREATE TABLE IF NOT EXISTS runs("
    " id INTEGER PRIMARY KEY, today TEXT NOT NULL, finished_utc TEXT NOT NULL,"
    " before_ledger INTEGER NOT NULL, published INTEGER, changed INTEGER,"
    " withdrawn INTEGER, expired INTEGER, removed INTEGER, kept INTEGER,"
    " late INTEGER, overdue INTEGER, rejected INTEGER);"
    "CREATE TABLE IF NOT EXISTS events("
    " run INTEGER REFERENCES runs(id), date TEXT NOT NULL, kind TEXT, key TEXT,"
    " event TEXT NOT NULL, detail TEXT);"
    "CREATE INDEX IF NOT EXISTS events_key ON events(kind, key);"
    /* a build's changes wait here until its site is live */
    "CREATE TABLE IF NOT EXISTS pending_run("
    " today TEXT NOT NULL, before_ledger INTEGER NOT NULL, published INTEGER,"
    " changed INTEGER, withdrawn INTEGER, expired INTEGER, removed INTEGER, kept INTEGER,"
    " late INTEGER, overdue INTEGER, rejected INTEGER, live_gen INTEGER);"
    "CREATE TABLE IF NOT EXISTS pending_items("
    " kind TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL,"
    " first_published TEXT, last_changed TEXT, event_date TEXT,"
    " status TEXT, status_date TEXT, status_done TEXT,"
    " withdrawn TEXT, withdrawn_reason TEXT, removed TEXT, public TEXT,"
    " UNIQUE(kind, key));"
    "CREATE TABLE IF NOT EXISTS pending_events("
    " date TEXT NOT NULL, kind TEXT, key TEXT, event TEXT NOT NULL, detail TEXT);";

/* sqlite's message, and the system's reason when a file operation failed
 * (a full disk says only "disk I/O error"); what may be NULL */
static void db_error(const ledger *lg, const char *what)
{
    if (lg->quiet)
        return;
    int ext = sqlite3_extended_errcode(lg->db), sys = sqlite3_system_errno(lg->db);
    const char *why = NULL;
    if (((ext & 0xff) == SQLITE_IOERR || (ext & 0xff) == SQLITE_CANTOPEN) && sys)
        why = strerror(sys);
    else if (ext == SQLITE_READONLY_DIRECTORY)
        why = "its folder is not writable";
    buf line;
    buf_init(&line);
    buf_printf(&line, "gongshi: ledger %s: %s%s%s%s%s\n", lg->path, what ? what : "",
               what ? ": " : "", sqlite3_errmsg(lg->db), why ? ": " : "", why ? why : "");
    if (lg->held)
        buf_add(lg->held, line.p, line.len);
    else
        fputs(line.p, stderr);
    buf_free(&line);
}

void ledger_hold_messages(ledger *lg, buf *held)
{
    lg->held = held;
}

static bool exec(ledger *lg, const char *sql)
{
    if (sqlite3_exec(lg->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        db_error(lg, NULL);
        return false;
    }
    return true;
}

/* end a failed transaction, quietly: sqlite may have rolled it back
 * already (a full disk does), and the failure is reported */
static void rollback(ledger *lg)
{
    if (!sqlite3_get_autocommit(lg->db))
        sqlite3_exec(lg->db, "ROLLBACK", NULL, NULL, NULL);
}

static gs_date col_date(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return s ? date_parse_iso((const char *)s) : GS_NODATE;
}

static void bind_date(sqlite3_stmt *st, int col, gs_date d)
{
    if (d == GS_NODATE) {
        sqlite3_bind_null(st, col);
    } else {
        char s[11];
        date_format(d, s);
        sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
    }
}

static void bind_str(sqlite3_stmt *st, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, col);
}

void ledger_hash_hex(uint64_t h, char out[17])
{
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static uint64_t hex_hash(const char *s)
{
    return s ? strtoull(s, NULL, 16) : 0;
}

static void clear_events(ledger *lg);
static bool read_meta(ledger *lg);
static bool read_items(ledger *lg);

/* ---- the in-memory table ---- */

static uint64_t key_hash(int kind, const char *key)
{
    return hash_bytes(key, strlen(key)) ^ ((uint64_t)kind * 0x9E3779B97F4A7C15ull);
}

/* a slot: the key's hash's high half (its tag), then index + 1 */
#define SLOT_TAG 0xFFFFFFFF00000000ull

static uint64_t slot_value(size_t idx, uint64_t h)
{
    return (h & SLOT_TAG) | (uint64_t)(idx + 1);
}

static void table_put(ledger *lg, size_t idx)
{
    uint64_t h = key_hash(lg->items[idx]->kind, lg->items[idx]->key);
    size_t s = (size_t)h & (lg->nslots - 1);
    while (lg->slots[s])
        s = (s + 1) & (lg->nslots - 1);
    lg->slots[s] = slot_value(idx, h);
}

static void table_grow(ledger *lg)
{
    free(lg->slots);
    lg->nslots = lg->nslots ? lg->nslots * 2 : 1024;
    lg->slots = xcalloc(lg->nslots, sizeof *lg->slots);
    for (size_t i = 0; i < lg->n; i++)
        table_put(lg, i);
}

/* copy: the key into the ledger's arena; otherwise it is the caller's,
 * valid until ledger_close */
static lg_item *push_item(ledger *lg, int kind, const char *key, bool copy)
{
    if (lg->n == lg->cap) {
        lg->cap = lg->cap ? lg->cap * 2 : 1024;
        lg->items = xreallocarray(lg->items, lg->cap, sizeof *lg->items);
    }
    lg_item *it = arena_alloc(&lg->a, sizeof *it);
    it->kind = (uint8_t)kind;
    it->key = copy ? arena_strdup(&lg->a, key) : key;
    lg->items[lg->n++] = it;
    if ((lg->n + 1) * 2 > lg->nslots)
        table_grow(lg);
    else
        table_put(lg, lg->n - 1);
    return it;
}

lg_item *ledger_find(ledger *lg, int kind, const char *key)
{
    if (!lg->nslots)
        return NULL;
    uint64_t h = key_hash(kind, key), tag = h & SLOT_TAG;
    size_t s = (size_t)h & (lg->nslots - 1);
    while (lg->slots[s]) {
        if ((lg->slots[s] & SLOT_TAG) == tag) {
            lg_item *it = lg->items[(uint32_t)lg->slots[s] - 1];
            if (it->kind == kind && strcmp(it->key, key) == 0)
                return it;
        }
        s = (s + 1) & (lg->nslots - 1);
    }
    return NULL;
}

lg_item *ledger_add(ledger *lg, int kind, const char *key)
{
    lg_item *it = push_item(lg, kind, key, true);
    it->dirty = true;
    return it;
}

lg_item *ledger_add_ref(ledger *lg, int kind, const char *key)
{
    lg_item *it = push_item(lg, kind, key, false);
    it->dirty = true;
    return it;
}

void ledger_set_public(lg_item *it, char *json)
{
    free(it->public_json);
    it->public_json = json;
    it->public_src = NULL;
    it->dirty = true;
}

void ledger_public_fn(ledger *lg, lg_public_fn fn, const void *ctx)
{
    lg->public_fn = fn;
    lg->public_ctx = ctx;
}

void ledger_set_public_src(lg_item *it, const void *src)
{
    free(it->public_json);
    it->public_json = NULL;
    it->public_src = src;
    it->dirty = true;
}

size_t ledger_count(const ledger *lg)
{
    return lg->n;
}

lg_item *ledger_at(ledger *lg, size_t i)
{
    return lg->items[i];
}

gs_date ledger_started(const ledger *lg)
{
    return lg->started;
}

gs_date ledger_last_run(const ledger *lg)
{
    return lg->last_run;
}

const char *ledger_path(const ledger *lg)
{
    return lg->path;
}

/* ---- opening ---- */

static bool read_meta(ledger *lg)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(lg->db, "SELECT key, value FROM meta", -1, &st, NULL) != SQLITE_OK) {
        db_error(lg, "reading meta");
        return false;
    }
    int version = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        if (k && strcmp(k, "schema") == 0)
            version = sqlite3_column_int(st, 1);
        else if (k && strcmp(k, "started") == 0)
            lg->started = col_date(st, 1);
    }
    sqlite3_finalize(st);
    if (version > SCHEMA_VERSION) {
        if (!lg->quiet)
            fprintf(stderr, "gongshi: ledger %s was written by a newer gongshi (schema %d)\n",
                    lg->path, version);
        return false;
    }
    if (sqlite3_prepare_v2(lg->db, "SELECT max(today) FROM runs", -1, &st, NULL) != SQLITE_OK) {
        db_error(lg, "reading runs");
        return false;
    }
    if (sqlite3_step(st) == SQLITE_ROW)
        lg->last_run = col_date(st, 0);
    sqlite3_finalize(st);
    return true;
}

static bool read_items(ledger *lg)
{
    sqlite3_stmt *st;
    const char *sql = "SELECT kind, key, hash, first_published, last_changed, event_date,"
                      " status, status_date, status_done, withdrawn, withdrawn_reason,"
                      " removed FROM items ORDER BY kind, key";
    if (sqlite3_prepare_v2(lg->db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_error(lg, "reading items");
        return false;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(st, 0);
        const char *key = (const char *)sqlite3_column_text(st, 1);
        int k = kind ? gs_lookup(lg_kind_names, LG_KIND_COUNT, kind) : -1;
        if (k < 0 || !key)
            continue;
        lg_item *it = push_item(lg, k, key, true);
        it->hash = hex_hash((const char *)sqlite3_column_text(st, 2));
        it->first_published = col_date(st, 3);
        it->last_changed = col_date(st, 4);
        it->event_date = col_date(st, 5);
        const char *status = (const char *)sqlite3_column_text(st, 6);
        int s = status ? gs_lookup(gs_status_names, ST_COUNT, status) : -1;
        it->status = s < 0 ? ST_VALID : (uint8_t)s;
        it->status_date = col_date(st, 7);
        it->status_done = col_date(st, 8);
        it->withdrawn = col_date(st, 9);
        const char *why = (const char *)sqlite3_column_text(st, 10);
        it->withdrawn_reason = why ? arena_strdup(&lg->a, why) : NULL;
        it->removed = col_date(st, 11);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        db_error(lg, "reading items");
        return false;
    }
    return true;
}

static ledger *open_db(const char *state_dir, bool existing)
{
    ledger *lg = xcalloc(1, sizeof *lg);
    lg->live_gen = -1;
    lg->quiet = existing;
    arena_init(&lg->a);
    lg->path = xasprintf("%s/ledger.sqlite", state_dir);
    int flags = SQLITE_OPEN_READWRITE | (existing ? 0 : SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(lg->path, &lg->db, flags, NULL) != SQLITE_OK) {
        db_error(lg, "cannot open");
        ledger_close(lg);
        return NULL;
    }
    sqlite3_busy_timeout(lg->db, 10000);
    char *sql = xasprintf("%s INSERT OR IGNORE INTO meta VALUES('schema', '%d');", schema_sql,
                          SCHEMA_VERSION);
    bool ok = exec(lg, "PRAGMA foreign_keys = ON;") && exec(lg, sql) && read_meta(lg) &&
              read_items(lg);
    free(sql);
    if (!ok) {
        ledger_close(lg);
        return NULL;
    }
    lg->quiet = false;
    return lg;
}

ledger *ledger_open(const char *state_dir)
{
    if (!mkdir_p(state_dir)) {
        fprintf(stderr, "gongshi: cannot create the state folder %s: %s\n", state_dir,
                strerror(errno));
        return NULL;
    }
    return open_db(state_dir, false);
}

ledger *ledger_open_existing(const char *state_dir)
{
    return open_db(state_dir, true);
}

void ledger_close(ledger *lg)
{
    if (!lg)
        return;
    if (lg->db)
        sqlite3_close(lg->db);
    for (size_t i = 0; i < lg->n; i++)
        free(lg->items[i]->public_json);
    clear_events(lg);
    free(lg->events);
    free(lg->items);
    free(lg->slots);
    free(lg->path);
    arena_free(&lg->a);
    free(lg);
}

char *ledger_public(ledger *lg, int kind, const char *key)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(lg->db, "SELECT public FROM items WHERE kind = ? AND key = ?", -1,
                           &st, NULL) != SQLITE_OK) {
        db_error(lg, "reading an item");
        return NULL;
    }
    sqlite3_bind_text(st, 1, lg_kind_names[kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
    char *r = NULL;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        r = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return r;
}

void ledger_event(ledger *lg, int kind, const char *key, const char *event, const char *detail)
{
    if (lg->nev == lg->capev) {
        lg->capev = lg->capev ? lg->capev * 2 : 64;
        lg->events = xreallocarray(lg->events, lg->capev, sizeof *lg->events);
    }
    lg_event *e = &lg->events[lg->nev++];
    e->kind = kind;
    e->key = key ? xstrdup(key) : NULL;
    e->event = xstrdup(event);
    e->detail = detail && *detail ? xstrdup(detail) : NULL;
}

/* ---- committing ---- */

static void clear_events(ledger *lg)
{
    for (size_t i = 0; i < lg->nev; i++) {
        free(lg->events[i].key);
        free(lg->events[i].event);
        free(lg->events[i].detail);
    }
    lg->nev = 0;
}

static void utc_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static bool stage_run(ledger *lg, const lg_run *r)
{
    sqlite3_stmt *st;
    const char *sql = "INSERT INTO pending_run(today, before_ledger, published, changed,"
                      " withdrawn, expired, removed, kept, late, overdue, rejected, live_gen)"
                      " VALUES(?,?,?,?,?,?,?,?,?,?,?,?)";
    if (sqlite3_prepare_v2(lg->db, sql, -1, &st, NULL) != SQLITE_OK)
        return false;
    bind_date(st, 1, r->today);
    sqlite3_bind_int(st, 2, r->before_ledger);
    const int v[] = {r->published, r->changed, r->withdrawn, r->expired, r->removed,
                     r->kept, r->late, r->overdue, r->rejected};
    for (int i = 0; i < 9; i++)
        sqlite3_bind_int(st, 3 + i, v[i]);
    sqlite3_bind_int64(st, 12, lg->live_gen);
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return ok;
}

static bool stage_items(ledger *lg)
{
    sqlite3_stmt *st;
    const char *sql =
        "INSERT OR REPLACE INTO pending_items(kind, key, hash, first_published, last_changed,"
        " event_date, status, status_date, status_done, withdrawn, withdrawn_reason, removed,"
        " public) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)";
    if (sqlite3_prepare_v2(lg->db, sql, -1, &st, NULL) != SQLITE_OK)
        return false;
    bool ok = true;
    for (size_t i = 0; i < lg->n && ok; i++) {
        lg_item *it = lg->items[i];
        if (!it->dirty)
            continue;
        char hex[17];
        ledger_hash_hex(it->hash, hex);
        sqlite3_bind_text(st, 1, lg_kind_names[it->kind], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, it->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, hex, -1, SQLITE_TRANSIENT);
        bind_date(st, 4, it->first_published);
        bind_date(st, 5, it->last_changed);
        bind_date(st, 6, it->event_date);
        bind_str(st, 7, it->kind == LG_DECISION ? gs_status_names[it->status] : NULL);
        bind_date(st, 8, it->status_date);
        bind_date(st, 9, it->status_done);
        bind_date(st, 10, it->withdrawn);
        bind_str(st, 11, it->withdrawn == GS_NODATE ? NULL : it->withdrawn_reason);
        bind_date(st, 12, it->removed);
        char *made = !it->public_json && it->public_src && lg->public_fn
                         ? lg->public_fn(lg->public_ctx, it->public_src)
                         : NULL;
        bind_str(st, 13, made ? made : it->public_json);
        ok = sqlite3_step(st) == SQLITE_DONE;
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        free(made);
    }
    sqlite3_finalize(st);
    return ok;
}

/* events into table (pending_events: no run; events: run NULL) */
static bool write_events(ledger *lg, const char *table, gs_date today)
{
    sqlite3_stmt *st;
    char *sql = xasprintf("INSERT INTO %s(date, kind, key, event, detail) VALUES(?,?,?,?,?)",
                          table);
    bool ok = sqlite3_prepare_v2(lg->db, sql, -1, &st, NULL) == SQLITE_OK;
    free(sql);
    for (size_t i = 0; i < lg->nev && ok; i++) {
        const lg_event *e = &lg->events[i];
        bind_date(st, 1, today);
        bind_str(st, 2, e->kind >= 0 ? lg_kind_names[e->kind] : NULL);
        bind_str(st, 3, e->key);
        bind_str(st, 4, e->event);
        bind_str(st, 5, e->detail);
        ok = sqlite3_step(st) == SQLITE_DONE;
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    sqlite3_finalize(st);
    return ok;
}

static const char clear_pending_sql[] =
    "DELETE FROM pending_items; DELETE FROM pending_events; DELETE FROM pending_run;";

bool ledger_stage(ledger *lg, const lg_run *run)
{
    if (!exec(lg, "BEGIN IMMEDIATE"))
        return false;
    if (!exec(lg, clear_pending_sql)) {
        rollback(lg);
        return false;
    }
    if (!stage_run(lg, run) || !stage_items(lg) ||
        !write_events(lg, "pending_events", run->today)) {
        db_error(lg, "cannot record this build");
        rollback(lg);
        return false;
    }
    if (!exec(lg, "COMMIT")) {
        rollback(lg);
        return false;
    }
    lg->staged = run->today;
    return true;
}

/* whether the ledger proper holds no item yet (its first build) */
static int items_empty(ledger *lg)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(lg->db, "SELECT NOT EXISTS(SELECT 1 FROM items)", -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    int r = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return r;
}

/* the staged items into the ledger proper.  On the first build every item
 * is new: the staged table becomes the items table (a rename, the same
 * rows) instead of being copied row by row, which at a million decisions
 * is most of a first build's ledger time */
static bool apply_items(ledger *lg)
{
    int empty = items_empty(lg);
    if (empty < 0) {
        db_error(lg, "reading");
        return false;
    }
    if (empty)
        return exec(lg, "DROP TABLE items; ALTER TABLE pending_items RENAME TO items;") &&
               exec(lg, schema_sql);
    return exec(lg,
        "INSERT INTO items(kind, key, hash, first_published, last_changed, event_date, status,"
        " status_date, status_done, withdrawn, withdrawn_reason, removed, public)"
        " SELECT kind, key, hash, first_published, last_changed, event_date, status,"
        " status_date, status_done, withdrawn, withdrawn_reason, removed, public"
        " FROM pending_items WHERE true"
        " ON CONFLICT(kind, key) DO UPDATE SET hash = excluded.hash,"
        " first_published = excluded.first_published, last_changed = excluded.last_changed,"
        " event_date = excluded.event_date, status = excluded.status,"
        " status_date = excluded.status_date, status_done = excluded.status_done,"
        " withdrawn = excluded.withdrawn, withdrawn_reason = excluded.withdrawn_reason,"
        " removed = excluded.removed, public = coalesce(excluded.public, items.public);");
}

/* move the staged build into the ledger proper; inside a transaction */
static bool apply_pending(ledger *lg)
{
    char now[32];
    utc_now(now);
    char *sql = xasprintf(
        "INSERT INTO runs(today, finished_utc, before_ledger, published, changed, withdrawn,"
        " expired, removed, kept, late, overdue, rejected)"
        " SELECT today, '%s', before_ledger, published, changed, withdrawn, expired, removed,"
        " kept, late, overdue, rejected FROM pending_run;"
        "INSERT OR IGNORE INTO meta(key, value) SELECT 'started', today FROM pending_run;"
        "INSERT INTO events(run, date, kind, key, event, detail)"
        " SELECT (SELECT max(id) FROM runs), date, kind, key, event, detail"
        " FROM pending_events ORDER BY rowid;",
        now);
    bool ok = exec(lg, sql) && apply_items(lg) && exec(lg, clear_pending_sql);
    free(sql);
    return ok;
}

bool ledger_commit(ledger *lg)
{
    if (lg->staged == GS_NODATE)
        return false;
    if (!exec(lg, "BEGIN IMMEDIATE"))
        return false;
    if (!apply_pending(lg)) { /* reported */
        rollback(lg);
        return false;
    }
    if (!exec(lg, "COMMIT")) {
        rollback(lg);
        return false;
    }
    if (lg->started == GS_NODATE)
        lg->started = lg->staged;
    if (lg->staged > lg->last_run)
        lg->last_run = lg->staged;
    lg->staged = GS_NODATE;
    for (size_t i = 0; i < lg->n; i++) {
        lg->items[i]->dirty = false;
        free(lg->items[i]->public_json);
        lg->items[i]->public_json = NULL;
        lg->items[i]->public_src = NULL;
    }
    clear_events(lg);
    return true;
}

/* an event of its own, outside any build; in its own transaction */
static bool note(ledger *lg, gs_date today, const char *event, const char *detail)
{
    lg_event *keep = lg->events;
    size_t keepn = lg->nev, keepcap = lg->capev;
    lg->events = NULL;
    lg->nev = lg->capev = 0;
    ledger_event(lg, -1, NULL, event, detail);
    bool ok = exec(lg, "BEGIN IMMEDIATE");
    ok = ok && write_events(lg, "events", today);
    ok = ok && exec(lg, "COMMIT");
    if (!ok)
        rollback(lg);
    clear_events(lg);
    free(lg->events);
    lg->events = keep;
    lg->nev = keepn;
    lg->capev = keepcap;
    return ok;
}

int ledger_reconcile(ledger *lg, long live_gen)
{
    lg->live_gen = live_gen;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(lg->db, "SELECT today, live_gen FROM pending_run", -1, &st, NULL) !=
        SQLITE_OK) {
        db_error(lg, "reading");
        return -1;
    }
    gs_date today = GS_NODATE;
    long staged_gen = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        today = col_date(st, 0);
        staged_gen = (long)sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (today == GS_NODATE)
        return 0;
    char ds[11];
    date_format(today, ds);
    if (staged_gen == live_gen) {
        /* the unfinished build never went live: forget it */
        bool ok = exec(lg, clear_pending_sql);
        ok = ok && note(lg, today, "unfinished_build",
                        "its site never went live; nothing recorded");
        if (ok)
            fprintf(stderr, "gongshi: note: the build of %s did not finish; the ledger has "
                            "none of its changes\n", ds);
        return ok ? 1 : -1;
    }
    /* its site went live and the build stopped before recording it: record
     * it now, with its own date */
    bool ok = exec(lg, "BEGIN IMMEDIATE");
    ok = ok && apply_pending(lg);
    ok = ok && exec(lg, "COMMIT");
    if (!ok) { /* reported */
        rollback(lg);
        return -1;
    }
    note(lg, today, "reconciled", "its site went live before it was recorded");
    fprintf(stderr, "gongshi: note: the build of %s went live without being recorded; "
                    "the ledger has it now\n", ds);
    /* read everything again */
    for (size_t i = 0; i < lg->n; i++)
        free(lg->items[i]->public_json);
    lg->n = 0;
    if (lg->slots)
        memset(lg->slots, 0, lg->nslots * sizeof *lg->slots);
    return read_meta(lg) && read_items(lg) ? 2 : -1;
}

bool ledger_note(const char *state_dir, gs_date today, const char *event, const char *detail)
{
    ledger *lg = ledger_open(state_dir);
    if (!lg)
        return false;
    bool ok = note(lg, today, event, detail);
    ledger_close(lg);
    return ok;
}
