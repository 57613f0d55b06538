/*
 * publish.h - may this decision be published today, and until when?
 *
 * One rule set for every public output (site pages, lists, feeds, search,
 * public PDFs): review status, 不予公开, minors, summary procedure,
 * withdrawal (撤销/确认违法/确认无效) and the publicity period.
 *
 * The publicity period runs from the first-published date (domain.md,
 * "Expiry").  The build's ledger step (compliance.c) stores it per decision
 * in m->pub_since; every function here that takes `since` uses that date
 * when `since` is GS_NODATE, so all outputs agree without passing it
 * around.  Without a ledger (or before it) the period runs from 决定日期.
 */
#ifndef GONGSHI_PUBLISH_H
#define GONGSHI_PUBLISH_H

#include <stdbool.h>

#include "model.h"

enum pub_state {
    PUB_LIVE,      /* published */
    PUB_FUTURE,    /* dated after today: not yet */
    PUB_PENDING,   /* 公示审核 = 待审 */
    PUB_WITHHELD,  /* 不予公开 */
    PUB_MINOR,     /* party under 18: never published */
    PUB_SUMMARY,   /* 简易程序 penalty and summary_procedure: skip */
    PUB_WITHDRAWN, /* 撤销 / 确认违法 / 确认无效: notice page only */
    PUB_EXPIRED,   /* publicity period over: notice page only */
    PUB_COUNT
};

extern const char *const pub_state_names[PUB_COUNT];

/* the date d's publicity period runs from per the ledger (m->pub_since),
 * GS_NODATE when unknown; d must point into m->decisions to be found */
gs_date publish_since(const gs_model *m, const gs_decision *d);

/* state of d on `today`; `since` is the first-published date when known
 * (GS_NODATE: publish_since(m, d), else 决定日期) */
enum pub_state publish_state(const gs_model *m, const gs_decision *d,
                             gs_date today, gs_date since);

/* last day d may stay public when published on `since` (GS_NODATE: as
 * above); returns GS_NODATE for no end */
gs_date publish_until(const gs_model *m, const gs_decision *d, gs_date since);

/* the status in force on `today` (a 状态 dated later is not yet in force) */
enum gs_status publish_status(const gs_decision *d, gs_date today);

/* true for states that keep a short notice page at the decision's URL */
static inline bool publish_has_notice(enum pub_state s)
{
    return s == PUB_WITHDRAWN || s == PUB_EXPIRED;
}

#endif
