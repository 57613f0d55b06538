/*
 * model.h - the one in-memory model of a county's content.
 *
 * Loaders (load_*.c, siteconf.c, pages.c, calendar.c) fill a gs_model; every
 * output (site, report, later pdf/xlsx) only reads it.  All strings live in
 * the model's arena; repeated values are interned, so a million decisions
 * cost a few hundred bytes each.  Cross references are indexes into the
 * model's arrays (-1 = none), stable once loading has finished.
 *
 * Empty CSV cells are stored as "" (never NULL) for string fields.
 */
#ifndef GONGSHI_MODEL_H
#define GONGSHI_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "dates.h"
#include "util.h"

/* --- enumerations (values are indexes into the name tables in model.c) --- */

enum gs_category {
    CAT_XUKE,      /* 行政许可 */
    CAT_CHUFA,     /* 行政处罚 */
    CAT_QIANGZHI,  /* 行政强制 */
    CAT_JIANCHA,   /* 行政检查 */
    CAT_ZHENGSHOU, /* 行政征收 */
    CAT_ZHENGYONG, /* 行政征用 */
    CAT_QUEREN,    /* 行政确认 */
    CAT_QITA,      /* 其他 */
    CAT_COUNT
};

enum gs_party { PARTY_ORG, PARTY_GETI, PARTY_PERSON, PARTY_COUNT };

/* 处罚类别, in the order of interface.md; bit i of gs_decision.penalties */
enum gs_penalty {
    PEN_JINGGAO,       /* 警告 */
    PEN_TONGBAO,       /* 通报批评 */
    PEN_FAKUAN,        /* 罚款 */
    PEN_MOSHOU_SUODE,  /* 没收违法所得 */
    PEN_MOSHOU_CAIWU,  /* 没收非法财物 */
    PEN_ZANKOU,        /* 暂扣许可证件 */
    PEN_JIANGDI,       /* 降低资质等级 */
    PEN_DIAOXIAO,      /* 吊销许可证件 */
    PEN_XIANZHI_JINGYING, /* 限制开展生产经营活动 */
    PEN_TINGCHAN,      /* 责令停产停业 */
    PEN_GUANBI,        /* 责令关闭 */
    PEN_XIANZHI_CONGYE, /* 限制从业 */
    PEN_JULIU,         /* 行政拘留 */
    PEN_QITA,          /* 其他 */
    PEN_COUNT
};

enum gs_permit_result { PERMIT_NONE, PERMIT_GRANT, PERMIT_REFUSE, PERMIT_REVOKE, PERMIT_COUNT };

/* 强制措施, bit i of gs_decision.coercive */
enum gs_coercive { COER_CHAFENG, COER_KOUYA, COER_DONGJIE, COER_QITA, COER_COUNT };

enum gs_procedure { PROC_NONE, PROC_SIMPLE, PROC_NORMAL, PROC_COUNT };

enum gs_status {
    ST_VALID,     /* 有效 */
    ST_CHANGED,   /* 变更 */
    ST_REVOKED,   /* 撤销 */
    ST_ILLEGAL,   /* 确认违法 */
    ST_VOID,      /* 确认无效 */
    ST_CORRECTED, /* 更正 */
    ST_COUNT
};

enum gs_cert_status { CERT_VALID, CERT_SUSPENDED, CERT_CANCELLED, CERT_EXPIRED, CERT_COUNT };

/* 是/否 cells */
enum gs_yesno { YN_UNSET = 0, YN_YES = 1, YN_NO = 2 };

extern const char *const gs_category_names[CAT_COUNT];
extern const char *const gs_category_slugs[CAT_COUNT]; /* ASCII, for URLs */
extern const char *const gs_party_names[PARTY_COUNT];
extern const char *const gs_penalty_names[PEN_COUNT];
extern const char *const gs_permit_names[PERMIT_COUNT]; /* [0] = "" */
extern const char *const gs_coercive_names[COER_COUNT];
extern const char *const gs_procedure_names[PROC_COUNT]; /* [0] = "" */
extern const char *const gs_status_names[ST_COUNT];
extern const char *const gs_cert_status_names[CERT_COUNT];

/* the names of the bits set in mask, joined by sep (e.g. 处罚类别 as
 * "警告、罚款"); malloc'd */
char *gs_join_names(unsigned mask, const char *const *names, int n, const char *sep);

/* look a name up in a table of n names; -1 when absent */
int gs_lookup(const char *const *names, int n, const char *s);

/* where a row came from, for diagnostics and the report */
typedef struct gs_src {
    const char *file; /* interned path as opened */
    uint32_t line;    /* physical line where the record starts */
} gs_src;

typedef struct gs_agency {
    const char *name;        /* 机关名称, unique */
    const char *credit_code; /* 统一社会信用代码 */
    const char *short_name;  /* 简称 */
    const char *duties;      /* 职责 */
    const char *address;     /* 地址 (office address: public) */
    const char *phone;       /* 电话 */
    const char *complaint_phone; /* 投诉电话 */
    const char *review_body; /* 复议机关 */
    const char *court;       /* 诉讼法院 */
    gs_date updated;         /* 更新日期 */
    const char *slug;        /* ASCII URL segment, unique */
    gs_src src;
} gs_agency;

typedef struct gs_officer {
    const char *name;     /* 姓名 */
    const char *cert_no;  /* 执法证号, unique */
    int32_t agency;       /* index into agencies */
    const char *title;    /* 职务 */
    const char *categories; /* 执法类别 (as written) */
    const char *area;     /* 执法区域 */
    uint8_t cert_status;  /* enum gs_cert_status */
    uint8_t legal_reviewer; /* enum gs_yesno: 法制审核人员 */
    gs_date valid_to;     /* 有效期至 */
    int32_t business_hours; /* 业务培训学时, -1 = empty */
    int32_t law_hours;    /* 法律培训学时, -1 = empty */
    gs_date updated;      /* 更新日期 */
    const char *slug;     /* ASCII URL segment, unique */
    gs_src src;
} gs_officer;

typedef struct gs_decision {
    const char *doc_no;      /* 文书号, unique */
    uint8_t category;        /* enum gs_category */
    uint8_t party_type;      /* enum gs_party */
    uint8_t permit_result;   /* enum gs_permit_result */
    uint8_t procedure;       /* enum gs_procedure */
    uint8_t coercive;        /* bitmask of enum gs_coercive */
    uint8_t status;          /* enum gs_status */
    uint8_t major, legal_review, lawyer, hearing; /* enum gs_yesno */
    uint8_t review_pending;  /* 公示审核 = 待审 */
    uint8_t kept;            /* its row was rejected: the last good version,
                                restored from the ledger (compliance.c) */
    uint16_t penalties;      /* bitmask of enum gs_penalty */
    int32_t agency;          /* index into agencies */
    const char *party_name;  /* 相对人名称 (raw: privacy.c makes it public) */
    const char *credit_code; /* 统一社会信用代码 */
    const char *legal_rep;   /* 法定代表人 */
    const char *id_type;     /* 证件类型 */
    const char *id_no;       /* 证件号码: never published */
    gs_date date;            /* 决定日期 */
    const char *violation_type; /* 违法行为类型 */
    const char *facts;       /* 违法事实 */
    const char *basis;       /* 执法依据 */
    const char *conclusion;  /* 执法结论 */
    int64_t fine_fen;        /* 罚款金额 in fen, -1 = empty */
    int64_t confiscation_fen; /* 没收金额 in fen, -1 = empty */
    const char *permit_class; /* 许可类别 */
    const char *permit_cert;  /* 许可证书名称 */
    const char *permit_no;    /* 许可编号 */
    gs_date permit_from, permit_to; /* 有效期自, 有效期至 */
    const char *place;       /* 发生地点 */
    gs_date occur_date;      /* 发生时间 (date part) */
    int16_t occur_minute;    /* minutes after midnight, -1 = unknown */
    uint16_t n_officers;
    const char **officers;   /* 执法证号 list */
    const char *withheld;    /* 不予公开 reason, "" = publish */
    gs_date status_date;     /* 状态日期 */
    const char *status_note; /* 状态说明 */
    const char *slug;        /* ASCII URL path below the site root, stable */
    gs_src src;
} gs_decision;

typedef struct gs_power {
    const char *code, *type, *name, *basis, *duties, *time_limit, *fees;
    int32_t agency;
    gs_date updated;
    gs_src src;
} gs_power;

typedef struct gs_inspection {
    const char *item, *basis, *subject, *target, *ratio, *frequency, *method,
        *content;
    int32_t agency; /* 抽查主体 when it names an agency, else -1 */
    gs_date updated;
    gs_src src;
} gs_inspection;

typedef struct gs_phrase {
    const char *category; /* 执法类别 or 通用 */
    const char *scene;    /* 场景 */
    int32_t seq;          /* 序号, 0 when empty */
    const char *text;     /* 规范用语 */
    const char *points;   /* 要点 */
    const char *banned;   /* 禁用语 */
    const char *basis;    /* 依据 */
    int32_t agency;       /* -1 = every agency */
    gs_src src;
} gs_phrase;

typedef struct gs_page {
    const char *title;
    const char *section; /* one of the fixed sections, default 其他 */
    int32_t agency;      /* -1 = county-wide */
    int32_t weight;
    gs_date date;
    bool raw_html;
    const char *path;    /* path below content/pages, e.g. guide/permit.md */
    const char *slug;    /* URL path below the site root, e.g. pages/guide/permit */
    const char *html;    /* rendered (and sanitized) body */
    gs_src src;
} gs_page;

enum gs_daykind { DAY_NORMAL = 0, DAY_OFF = 1 /* 休 */, DAY_WORK = 2 /* 班 */ };

typedef struct gs_calday {
    gs_date date;
    uint8_t kind; /* enum gs_daykind */
    const char *name;
} gs_calday;

typedef struct gs_settings {
    const char *name;     /* publishing body */
    const char *base_url; /* always ends in '/' */
    int win_xuke, win_chufa, win_default, win_info_change, win_withdrawal,
        win_correction;
    int short_months, long_years, person_years, other_years;
    int64_t low_fine_fen;
    bool publish_summary; /* summary_procedure: publish */
    bool mask_names;      /* privacy.person_name: mask */
    const char *timezone;
    const char *credit_code;
    int business_hours, law_hours;
    double target_legal_review_staff, target_lawyer_share;
} gs_settings;

/* a decision row the loader rejected, by 文书号: if that decision is live,
 * the ledger keeps publishing its last good version (arena list) */
typedef struct gs_rejected {
    const char *key;
    gs_src src;
    struct gs_rejected *next;
} gs_rejected;

#define GS_VEC(T) struct { T *v; size_t n, cap; }

/* a content file a loader read, for outputs that are skipped when their
 * inputs are unchanged (digest.h) */
enum gs_input_kind {
    GS_IN_SITE,        /* site.yaml */
    GS_IN_CALENDAR,    /* calendar/YYYY.csv */
    GS_IN_AGENCIES,    /* data/agencies.csv ... */
    GS_IN_OFFICERS,
    GS_IN_DECISIONS,
    GS_IN_POWERS,
    GS_IN_INSPECTIONS,
    GS_IN_PHRASES,
    GS_IN_PAGE,        /* pages/ ** / *.md */
    GS_IN_COUNT
};

typedef struct gs_input {
    const char *path;  /* as opened (interned) */
    uint8_t kind;      /* enum gs_input_kind */
    bool read;         /* false: it could not be read or was refused whole */
    uint64_t hash[2];  /* XXH3-128 of its bytes (high, low) when read */
} gs_input;

typedef struct gs_model {
    arena arena;
    intern strings;
    gs_settings settings;
    GS_VEC(gs_agency) agencies;
    GS_VEC(gs_officer) officers;
    GS_VEC(gs_decision) decisions;
    GS_VEC(gs_power) powers;
    GS_VEC(gs_inspection) inspections;
    GS_VEC(gs_phrase) phrases;
    GS_VEC(gs_page) pages;
    GS_VEC(gs_calday) calendar;   /* sorted by date after loading */
    int cal_first_year, cal_last_year; /* 0 when no calendar */
    uint8_t *cal_years;          /* covered[y - cal_first_year] */
    int32_t *cal_cum;            /* working days from cal_first_year-01-01 to each
                                    day, inclusive (arena; calendar_index) */
    int32_t *officer_order;      /* officers sorted by cert_no */
    size_t officer_order_n;
    gs_rejected *rejected_decisions; /* rows of decisions.csv rejected, newest first */
    bool decisions_incomplete;   /* decisions.csv rejected whole, or records lost
                                    before their 文书号 could be read */
    gs_date *pub_since;          /* per decision: the date its publicity period
                                    runs from, set from the ledger (arena; NULL
                                    without one); see publish.h */
    size_t pub_since_n;
    GS_VEC(gs_input) inputs;     /* files read, in the order read */
} gs_model;

/* append one zeroed element to a GS_VEC and return a pointer to it */
#define GS_PUSH(vec)                                                        \
    (((vec).n == (vec).cap                                                  \
          ? ((vec).cap = (vec).cap ? (vec).cap * 2 : 16,                    \
             (vec).v = xreallocarray((vec).v, (vec).cap, sizeof *(vec).v))  \
          : 0),                                                             \
     memset(&(vec).v[(vec).n], 0, sizeof *(vec).v), &(vec).v[(vec).n++])

void model_init(gs_model *m);
void model_free(gs_model *m);
void settings_defaults(gs_settings *s);

/* intern a string into the model ("" for NULL/empty) */
const char *model_str(gs_model *m, const char *s, size_t n);
/* arena copy of a string that is likely unique (free text) */
const char *model_text(gs_model *m, const char *s, size_t n);

/* record a content file the loaders read (hash NULL: it could not be
 * read or was refused whole) */
void model_add_input(gs_model *m, const char *path, enum gs_input_kind kind,
                     const uint64_t hash[2]);

/* index of the agency with this 机关名称 (or 简称), -1 when none */
int32_t model_find_agency(const gs_model *m, const char *name);
/* index of the officer with this 执法证号, -1 when none */
int32_t model_find_officer(const gs_model *m, const char *cert_no);

/* sort the officer index used by model_find_officer */
void model_index_officers(gs_model *m);
/* build lookup tables and sort what outputs expect sorted; call once after
 * all loaders ran */
void model_finish(gs_model *m);

#endif
