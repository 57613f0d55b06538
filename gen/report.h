/*
 * report.h - the staff-only report (out/report, never under out/site):
 * rejected rows and warnings with file:line, decisions held back from
 * publication and why, as an HTML page (from templates/) and CSV files.
 */
#ifndef GONGSHI_REPORT_H
#define GONGSHI_REPORT_H

#include "model.h"
#include "tpl.h"

typedef struct report_opts {
    const char *out_dir;         /* e.g. out/report */
    tpl_dirs tpl;
    gs_date today;
} report_opts;

/* 0 on success, -1 when it could not be written */
int report_build(const gs_model *m, const report_opts *o);

/* a CSV field, quoted when needed (RFC 4180) */
void csv_field(buf *b, const char *s, bool last);

#endif
