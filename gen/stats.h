/*
 * stats.h - the annual statistics (行政执法统计年报): one computation over
 * the model, read by every output that shows figures (the XLSX workbooks,
 * the 统计 pages of the site).
 *
 * A year's statistics cover every decision whose 决定日期 falls in that
 * year, whatever its publication state: withdrawn (撤销, 确认违法, 确认无效),
 * expired, 待审 and 不予公开 decisions happened and are counted; each state
 * has its own column so a withdrawn one shows in a line of its own.  The
 * figures exist per agency and for the county as a whole (unit 0).
 *
 * Rules settled here (see docs "The annual statistics"):
 * - 处罚 cases are counted once, under their single heaviest penalty type
 *   (stats_heaviest); every type also has its own occurrence count.
 *   没收违法所得 and 没收非法财物 share a rank, so do 责令关闭 and 限制从业;
 *   其他 counts only when a decision has no other type.
 * - 违法分析 (type, township, month, hour) covers 处罚 decisions; month and
 *   hour come from 发生时间 (a bare date has no hour: "未注明").
 * - officers are the current roster (officers.csv); a certificate counts
 *   as held when 证件状态 is 有效 and 有效期至 is empty or not before the
 *   reference day (31 December of the year, or --today when earlier).
 *   Empty training hours count as zero.
 * - 公示时效 needs first-published dates, which only the publication
 *   ledger knows: a stats_ledger supplies them; without one the timeliness
 *   figures are absent (has_ledger false) and outputs say 暂无台账数据.
 *
 * Money is summed in fen (int64).
 */
#ifndef GONGSHI_STATS_H
#define GONGSHI_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "publish.h"

/* penalty ranks for "the heaviest penalty counts once", lightest first */
enum stats_heavy {
    HV_JINGGAO,     /* 警告 */
    HV_TONGBAO,     /* 通报批评 */
    HV_FAKUAN,      /* 罚款 */
    HV_MOSHOU,      /* 没收违法所得、没收非法财物 */
    HV_ZANKOU,      /* 暂扣许可证件 */
    HV_JIANGDI,     /* 降低资质等级 */
    HV_XIANZHI_JY,  /* 限制开展生产经营活动 */
    HV_TINGCHAN,    /* 责令停产停业 */
    HV_GUANBI,      /* 责令关闭、限制从业 */
    HV_DIAOXIAO,    /* 吊销许可证件 */
    HV_JULIU,       /* 行政拘留 */
    HV_QITA,        /* 其他 (no listed type, or none given) */
    HV_COUNT
};
extern const char *const stats_heavy_names[HV_COUNT];

/* the rank a decision with this 处罚类别 bitmask counts under */
enum stats_heavy stats_heaviest(unsigned penalties);

/* 许可类别 rows: the six of interface.md plus 未注明 (empty or unknown) */
enum { PCLASS_COUNT = 7 };
extern const char *const stats_permit_class_names[PCLASS_COUNT];
int stats_permit_class(const char *s);

/* a count keyed by a string (违法行为类型, 发生地点) */
typedef struct stats_kv {
    const char *key;  /* model string ("" = 未注明) */
    int64_t n;        /* decisions */
    int64_t public_n; /* of which neither 不予公开 nor about a minor */
    int64_t fine_fen; /* 罚款 summed */
} stats_kv;

typedef struct stats_tally {
    stats_kv *v;
    size_t n, cap;
    uint32_t *slot; /* open addressing: index + 1, 0 = empty */
    size_t nslot;
} stats_tally;

/* indexes into t->v sorted by n descending, then key; malloc'd */
uint32_t *stats_tally_order(const stats_tally *t);

typedef struct stats_unit {
    int32_t agency;   /* -1 for the county total */
    const char *name; /* agency name, or the publishing body */

    /* all categories */
    int64_t cases;
    int64_t by_cat[CAT_COUNT];
    int64_t by_cat_state[CAT_COUNT][PUB_COUNT]; /* publication state on today */
    int64_t by_state[PUB_COUNT];
    int64_t by_status[ST_COUNT]; /* 状态 in force on today */
    int64_t withdrawn;           /* 撤销 + 确认违法 + 确认无效 */
    int64_t by_month[12];        /* 决定日期 month */

    /* 行政处罚 */
    int64_t pen_heavy[HV_COUNT];
    int64_t pen_heavy_fine_fen[HV_COUNT]; /* 罚款 summed per rank */
    int64_t pen_occur[PEN_COUNT];
    int64_t pen_proc[PROC_COUNT];
    int64_t pen_party[PARTY_COUNT];
    int64_t fine_cases, fine_fen;       /* decisions with 罚款金额 > 0 */
    int64_t confisc_cases, confisc_fen; /* decisions with 没收金额 > 0 */

    /* 行政许可 */
    int64_t permit[PERMIT_COUNT]; /* [PERMIT_NONE] = result not given */
    int64_t permit_by_class[PCLASS_COUNT][PERMIT_COUNT];

    /* 行政强制 */
    int64_t coer_cases;
    int64_t coer[COER_COUNT];

    /* 重大执法决定 and 法制审核 (every category) */
    int64_t major, major_reviewed, reviewed, reviewed_lawyer, hearing;

    /* 违法分析 (处罚 decisions) */
    stats_tally vtype, place;
    int64_t occ_month[13]; /* [0] = 发生时间 not given */
    int64_t occ_hour[25];  /* [24] = hour unknown */

    /* 执法人员 */
    int64_t officers, cert_valid, legal_reviewers;
    int64_t train_ok, business_short, law_short; /* officers meeting / short */
    int64_t business_hours, law_hours;           /* summed (empty = 0) */

    /* 公示时效 (only with a ledger) */
    int64_t tl_items;    /* decisions to be published, event on/after ledger start */
    int64_t tl_on_time;  /* first published on or before the due day */
    int64_t tl_late;     /* published after it */
    int64_t tl_late_days; /* working days late, summed */
    int64_t tl_overdue;  /* not published, due day passed */
    int64_t tl_waiting;  /* not published, not yet due */
    int64_t tl_unknown;  /* due day unknown: calendar missing */
} stats_unit;

/* what the publication ledger tells the statistics (wired once it exists) */
typedef struct stats_ledger {
    const void *ctx;
    /* first-published date of decision i (index into m->decisions);
     * GS_NODATE when it has not been published (or is not known) */
    gs_date (*first_published)(const void *ctx, const gs_model *m, size_t i);
    /* timeliness covers decisions dated on or after this day */
    gs_date start;
} stats_ledger;

typedef struct gs_stats {
    int year;
    gs_date today;
    gs_date from, to;  /* 1 January .. 31 December of year */
    gs_date ref;       /* reference day for certificates */
    bool has_ledger;
    double target_legal_review_staff, target_lawyer_share;
    int business_hours, law_hours; /* training requirement per officer */
    size_t n_units;
    stats_unit *units; /* [0] county, [1 + a] agency a */
} gs_stats;

/* the default statistics year: the calendar year before today */
int stats_default_year(gs_date today);

/* compute year's statistics (year 0 = default); ledger may be NULL */
void stats_compute(gs_stats *st, const gs_model *m, int year, gs_date today,
                   const stats_ledger *ledger);
void stats_free(gs_stats *st);

/* per-officer rules shared by the outputs */
bool stats_cert_held(const gs_officer *o, gs_date ref);
/* true when the officer meets both training requirements */
bool stats_training_ok(const gs_stats *st, const gs_officer *o);

/* the timeliness window (working days) that applies to d */
int stats_window(const gs_settings *s, const gs_decision *d);

/* a / b, 0 when b is 0 */
static inline double stats_ratio(int64_t a, int64_t b)
{
    return b > 0 ? (double)a / (double)b : 0.0;
}

#endif
