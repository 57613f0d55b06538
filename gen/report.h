/*
 * report.h - the staff-only report (out/report, never under out/site):
 * what needs attention (overdue items, deadlines within 3 working days,
 * due dates the calendar cannot give), rejected rows and warnings with
 * file:line, decisions kept at their last good version, pending reviews
 * with their deadlines, what this build withdrew, let expire, removed and
 * published late, and the timeliness of every decision, as an HTML page
 * (templates/report.mustache) and CSV files:
 *
 *   problems.csv    every diagnostic (file, line, level, message)
 *   attention.csv   overdue, due soon, due date unknown
 *   held.csv        decisions not published, why, deadline, days left
 *   actions.csv     what this build did (published, withdrawn, removed …)
 *   timeliness.csv  every deadline: event, due, done, on time / late by N
 */
#ifndef GONGSHI_REPORT_H
#define GONGSHI_REPORT_H

#include "compliance.h"
#include "model.h"
#include "tpl.h"

typedef struct report_opts {
    const char *out_dir;         /* e.g. out/report */
    tpl_dirs tpl;
    gs_date today;
    const compliance *cp;        /* the ledger step's findings; NULL = none */
} report_opts;

/* 0 on success, -1 when it could not be written */
int report_build(const gs_model *m, const report_opts *o);

/* a CSV field, quoted when needed (RFC 4180) */
void csv_field(buf *b, const char *s, bool last);

#endif
