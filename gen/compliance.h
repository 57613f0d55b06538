/*
 * compliance.h - the build's compliance step: the model against the
 * publication ledger, deadlines, late and overdue items.
 *
 * compliance_prepare runs after loading and before any output:
 *   - a live decision whose row is now rejected (or whose file could not be
 *     read) is put back into the model from the ledger's last good public
 *     fields (gs_decision.kept): a bad edit never unpublishes;
 *   - m->pub_since gets every decision's first-published date, so
 *     publish.c runs publicity periods from it;
 *   - every item is compared with the ledger: published, changed, status
 *     published (变更/更正/撤销…), taken down (withdrawn, expired, held
 *     again), removed from the data (rows gone), kept;
 *   - timeliness records: per decision the publication deadline and, for a
 *     status change of a published decision, the withdrawal or correction
 *     deadline; per officer/power/inspection change the info_change
 *     deadline: on time, late by N working days, overdue, waiting, or due
 *     date unknown (calendar year missing).
 * compliance_stage then puts all of it aside in the ledger (ledger_stage);
 * it reads the model and the ledger's items and writes only the ledger's
 * file, so cmd_build runs it beside the site and waits for it before the
 * switch.  compliance_commit then records it in the ledger in one
 * transaction; cmd_build calls it once the site is live.
 *
 * The rules are domain.md's "Rules gongshi applies where the law leaves a
 * choice": the first build records everything as published before the
 * ledger (no dates claimed, nothing late), and timeliness covers only
 * events on or after the ledger's start.
 */
#ifndef GONGSHI_COMPLIANCE_H
#define GONGSHI_COMPLIANCE_H

#include <stdbool.h>

#include "ledger.h"
#include "model.h"
#include "timeliness.h"

/* what this build did to an item */
enum cp_action {
    CP_PUBLISHED,   /* first published */
    CP_REPUBLISHED, /* public again after it had left */
    CP_CHANGED,     /* public fields changed */
    CP_STATUS,      /* a 变更/更正 published */
    CP_WITHDRAWN,   /* 撤销/确认违法/确认无效: notice page */
    CP_EXPIRED,     /* publicity period over: notice page */
    CP_TAKEN_DOWN,  /* held again (待审, 不予公开, …) */
    CP_REMOVED,     /* its row left the data */
    CP_KEPT,        /* row rejected: last good version still published */
    CP_KEEP_FAILED, /* row rejected and the last good version unusable */
    CP_ACTION_COUNT
};
extern const char *const cp_action_names[CP_ACTION_COUNT];

typedef struct cp_event {
    uint8_t kind;       /* enum lg_kind */
    uint8_t action;     /* enum cp_action */
    int32_t index;      /* into the model's array of that kind, -1 when gone */
    const char *key;
    const char *detail; /* reason, status, … ("" when none) */
    gs_src src;         /* the rejected row for CP_KEPT / CP_KEEP_FAILED */
} cp_event;

typedef struct compliance {
    gs_date today;
    gs_date start;       /* timeliness covers events on or after this day */
    bool before_ledger;  /* first build: nothing is dated */
    bool read_only;      /* --today before the ledger's last build: not recorded */
    bool committed;
    arena a;             /* strings of events */
    buf scratch;
    GS_VEC(tl_record) records;
    GS_VEC(cp_event) events;
    int counts[CP_ACTION_COUNT];
    int overdue, unknown, late_run, due_soon, waiting;
    int ledger_items;    /* items in the ledger after this build */
} compliance;

/* 0 when done.  May append kept decisions to m and sets m->pub_since.
 * Call ledger_reconcile first. */
int compliance_prepare(compliance *c, gs_model *m, ledger *lg, gs_date today);
/* put the prepared build aside in the ledger; false (reported) on failure.
 * Nothing but reads of m and lg may run beside it. */
bool compliance_stage(compliance *c, ledger *lg);
/* ledger_started as it will be once this build is committed: on the first
 * build its --today, unless the build is not recorded (read-only) */
gs_date compliance_ledger_start(const compliance *c, const ledger *lg);
/* record the build in the ledger (one transaction); false on failure */
bool compliance_commit(compliance *c, const gs_model *m, ledger *lg);
void compliance_free(compliance *c);
/* overdue items, unknown due dates or kept decisions: exit status 1 */
bool compliance_failed(const compliance *c);
/* a line for stderr summing up what needs attention ("" when nothing) */
char *compliance_summary(const compliance *c);
/* "file:line: 文书号 X: overdue …" for each item that needs attention now
 * (overdue, due date unknown, kept), at most `max` lines, to stderr */
void compliance_print(const compliance *c, const gs_model *m, size_t max);

/* the public fields of a decision as the ledger keeps them: compact JSON
 * with sorted keys, every value privacy-filtered; malloc'd */
char *decision_public_json(const gs_model *m, const gs_decision *d);
/* the content hash the ledger compares: xxHash of every field that makes
 * up the public page (and of the masking setting); scratch is reused */
uint64_t decision_hash(const gs_model *m, const gs_decision *d, buf *scratch);
/* rebuild a decision from decision_public_json output (strings into the
 * model); false with *why set when it cannot be used */
bool decision_from_public(gs_model *m, const char *json, gs_decision *d, const char **why);

#endif
