/*
 * site.h - the public static website (out/site).
 *
 * site_build renders every page from templates/ with the mustache engine:
 * home, agencies, officers (one verification page each), decisions (one
 * page each, paginated lists overall, by category and by agency), powers,
 * inspection items and policy pages.  Every value passes through
 * privacy.c; what is published at all is decided by publish.c.
 */
#ifndef GONGSHI_SITE_H
#define GONGSHI_SITE_H

#include <stdbool.h>

#include "model.h"
#include "tpl.h"

typedef struct site_opts {
    const char *out_dir;        /* e.g. out/site */
    tpl_dirs tpl;               /* template folders, searched in order */
    gs_date today;
    bool verbose;
} site_opts;

/* 0 on success; -1 when the site could not be written (exit 2) */
int site_build(const gs_model *m, const site_opts *o);

/* every page template found and parsed; else a message on stderr naming
 * the template and the cause.  gongshi build checks this before the ledger
 * is touched, so a missing template stops it at once. */
bool site_templates_usable(const tpl_dirs *dirs);

#endif
