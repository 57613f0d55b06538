/*
 * ledger.h - the publication ledger: what gongshi published and when.
 *
 * One SQLite database, STATE/ledger.sqlite (STATE = --state, default
 * state/, made when missing).  It is the evidence of timeliness: for every
 * item that ever went public (decision, officer, agency, power, inspection
 * item, policy page) it keeps the key, a hash of the public fields, the
 * first-published and last-changed dates, the 状态 published with its date
 * and the date that went public, and the date and reason the item left
 * the site.  For decisions it also keeps the last good public fields
 * (privacy-filtered JSON), so a row that turns bad never unpublishes it.
 * A runs table has one row per build, an events table what each did.
 *
 * ledger_open reads every item into memory; the build's compliance step
 * (compliance.c) compares them with the model, marks what changes and
 * adds events; ledger_stage puts all of it aside before the site goes
 * live, ledger_commit moves it into the ledger in one transaction once the
 * site is live.  Dates are --today dates, stored as YYYY-MM-DD.
 *
 * Schema (version 1):
 *   meta(key PRIMARY KEY, value)        schema, started (first build's --today)
 *   items(kind, key, hash, first_published, last_changed, event_date,
 *         status, status_date, status_done, withdrawn, withdrawn_reason,
 *         removed, public, UNIQUE(kind, key))
 *   runs(id INTEGER PRIMARY KEY, today, finished_utc, before_ledger,
 *        published, changed, withdrawn, expired, removed, kept, late,
 *        overdue, rejected)
 *   events(run, date, kind, key, event, detail)
 *   pending_run, pending_items, pending_events: a build staged, not yet
 *        committed (see ledger_reconcile)
 * first_published / last_changed NULL = published before the ledger.
 */
#ifndef GONGSHI_LEDGER_H
#define GONGSHI_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dates.h"
#include "util.h"

enum lg_kind { LG_DECISION, LG_OFFICER, LG_AGENCY, LG_POWER, LG_INSPECTION, LG_PAGE,
               LG_KIND_COUNT };
extern const char *const lg_kind_names[LG_KIND_COUNT]; /* "decision", ... */
extern const char *const lg_kind_titles[LG_KIND_COUNT]; /* 执法决定, ... */

typedef struct lg_item {
    uint8_t kind;            /* enum lg_kind */
    uint8_t status;          /* decisions: enum gs_status as published */
    bool dirty;              /* changed in this build: written by ledger_commit */
    bool seen;               /* found in this build's model (compliance.c) */
    const char *key;
    uint64_t hash;           /* of the fields that make up its public page */
    gs_date first_published; /* GS_NODATE: before the ledger */
    gs_date last_changed;    /* build that published the current hash; NODATE: before */
    gs_date event_date;      /* 决定日期 / 更新日期 as last published */
    gs_date status_date;     /* 状态日期 of the status published */
    gs_date status_done;     /* build that published that status; NODATE: before */
    gs_date withdrawn;       /* left the site on; GS_NODATE = live */
    const char *withdrawn_reason;
    gs_date removed;         /* its row left the data on; GS_NODATE = present */
    char *public_json;       /* decisions: new public fields to store (owned), or NULL */
    const void *public_src;  /* or what the ledger's public function makes them from */
} lg_item;

typedef struct ledger ledger;

/* open (creating) STATE/ledger.sqlite; NULL with a message on stderr */
ledger *ledger_open(const char *state_dir);
/* the same for a ledger that exists already, saying nothing: NULL when
 * there is none or it cannot be read (ledger_open then tells why).  It
 * touches nothing outside the database, so a build can read the ledger on
 * a thread while it loads the content */
ledger *ledger_open_existing(const char *state_dir);
void ledger_close(ledger *lg);

/* while held is not NULL, the ledger's failure messages are appended to
 * it instead of printed (a ledger written on another thread, whose caller
 * decides whether they are the build's first failure); NULL: printed */
void ledger_hold_messages(ledger *lg, buf *held);
/* the first build's --today, GS_NODATE when the ledger is empty */
gs_date ledger_started(const ledger *lg);
/* --today of the latest build recorded, GS_NODATE when none */
gs_date ledger_last_run(const ledger *lg);
/* the path of the database file */
const char *ledger_path(const ledger *lg);

size_t ledger_count(const ledger *lg);
lg_item *ledger_at(ledger *lg, size_t i);
lg_item *ledger_find(ledger *lg, int kind, const char *key);
/* a new item (marked dirty); key is copied */
lg_item *ledger_add(ledger *lg, int kind, const char *key);
/* the same without copying key, which must stay valid until ledger_close
 * (a string of the model: a million decisions' 文书号 are not held twice) */
lg_item *ledger_add_ref(ledger *lg, int kind, const char *key);
/* set an item's public JSON to store (takes ownership) and mark it dirty */
void ledger_set_public(lg_item *it, char *json);
/* the same, made only when the build is staged, by fn(ctx, src) (malloc'd
 * JSON, freed at once), so that a first build with a million decisions
 * never holds all their JSON at the same time */
typedef char *(*lg_public_fn)(const void *ctx, const void *src);
void ledger_public_fn(ledger *lg, lg_public_fn fn, const void *ctx);
void ledger_set_public_src(lg_item *it, const void *src);
/* the stored public JSON of an item, malloc'd; NULL when none */
char *ledger_public(ledger *lg, int kind, const char *key);

/* an event of this build (kind -1: not about one item); strings copied */
void ledger_event(ledger *lg, int kind, const char *key, const char *event,
                  const char *detail);

typedef struct lg_run {
    gs_date today;
    bool before_ledger;
    int published, changed, withdrawn, expired, removed, kept, late, overdue, rejected;
} lg_run;

/* settle a build that stopped between ledger_stage and ledger_commit:
 * live_gen is the live site generation now (-1 when out/site is not a
 * generation link).  Staged on another generation than live_gen: its
 * site went live, so record it (with its own --today) and read the
 * ledger again; staged on this one: its site never went live, drop it.
 * Remembers live_gen for ledger_stage.  Returns 0 when nothing was
 * pending, 1 dropped, 2 recorded, -1 on error (message on stderr). */
int ledger_reconcile(ledger *lg, long live_gen);
/* write this build's run, events and dirty items aside, in their own
 * transaction, before the site goes live; false on error */
bool ledger_stage(ledger *lg, const lg_run *run);
/* move the staged build into the ledger in one transaction, once the site
 * is live; false (with a message on stderr) when it failed */
bool ledger_commit(ledger *lg);

/* record one event of its own (e.g. a rollback) in its own transaction,
 * without touching any item's dates; false on error */
bool ledger_note(const char *state_dir, gs_date today, const char *event, const char *detail);

/* "0123456789abcdef" <-> hash */
void ledger_hash_hex(uint64_t h, char out[17]);

#endif
