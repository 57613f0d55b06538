/*
 * timeliness.h - deadlines in working days and whether they were met.
 *
 * An obligation has an event date (决定日期 for publishing a decision,
 * 状态日期 for a withdrawal, change or correction, 更新日期 for an officer,
 * power or inspection-list change), a window from site.yaml and the date
 * it was done (the --today of the build that published it, GS_NODATE when
 * not yet).  The deadline is the window-th working day after the event
 * (calendar.h); done on or before it is on time, after it late by the
 * working days in between; not done and --today past it is overdue.
 */
#ifndef GONGSHI_TIMELINESS_H
#define GONGSHI_TIMELINESS_H

#include <stdbool.h>

#include "model.h"

enum tl_what {
    TL_PUBLISH,  /* a decision published */
    TL_WITHDRAW, /* 撤销/确认违法/确认无效 taken down */
    TL_CHANGE,   /* 变更 published */
    TL_CORRECT,  /* 更正 published */
    TL_INFO,     /* officer / power / inspection change reflected */
    TL_WHAT_COUNT
};
extern const char *const tl_what_names[TL_WHAT_COUNT];

enum tl_result {
    TL_ONTIME,  /* done by the deadline */
    TL_LATE,    /* done after it: days = working days late */
    TL_OVERDUE, /* not done and today past it: days = working days past */
    TL_WAITING, /* not done, not yet due: days = working days left */
    TL_UNKNOWN, /* the calendar does not cover the deadline */
    TL_BEFORE,  /* before the ledger: not timed */
    TL_RESULT_COUNT
};
extern const char *const tl_result_names[TL_RESULT_COUNT];

typedef struct tl_record {
    uint8_t kind;     /* enum lg_kind */
    uint8_t what;     /* enum tl_what */
    uint8_t result;   /* enum tl_result */
    int32_t index;    /* into the model's array of that kind */
    const char *key;  /* 文书号, 执法证号, … */
    gs_date event, due, done;
    int window;       /* working days */
    int days;         /* see enum tl_result */
    int missing_year; /* TL_UNKNOWN: the calendar year missing */
} tl_record;

/* windows from site.yaml */
int tl_window_publish(const gs_settings *s, const gs_decision *d);
int tl_window_status(const gs_settings *s, enum gs_status st);

/* fill r->due, result, days and missing_year from r->event, window and
 * done, on `today` */
void tl_eval(const gs_model *m, tl_record *r, gs_date today);

/* "late by 3 working days"-style text for staff, malloc'd */
char *tl_describe(const tl_record *r);

#endif
