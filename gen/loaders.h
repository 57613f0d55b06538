/*
 * loaders.h - everything that reads the content folder into the model.
 *
 * Each loader reports bad rows through diag (file:line: message) and keeps
 * every good row.  load_content() runs them in dependency order:
 * site.yaml, calendar, agencies, officers, then the rest, then pages.
 */
#ifndef GONGSHI_LOADERS_H
#define GONGSHI_LOADERS_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

/* site.yaml; false when the file cannot be used at all (exit 2) */
bool siteconf_load(gs_model *m, const char *path);

/* data/NAME.csv: a missing or unreadable file is an error for that file */
void load_agencies(gs_model *m, const char *path);
void load_officers(gs_model *m, const char *path);
void load_decisions(gs_model *m, const char *path);

/* a decision's URL path without extension: d/ + 2 + / + the 16 hex digits
 * of the 64-bit hash h of its 文书号; the twins-th other 文书号 with the same
 * hash (earlier in the file) gets -2, -3, ...  A hash whose digits would
 * show a mobile-number-shaped run (about one in 400) is hashed again until
 * they do not: nothing in the public site may look like a phone number,
 * and the path stays a function of the 文书号 alone.  Returns the length */
#define DECISION_SLUG_MAX 48
int decision_slug(uint64_t h, unsigned twins, char s[DECISION_SLUG_MAX]);
/* a path read back (a ledger's copy of a published decision, made by an
 * older gongshi) as decision_slug makes it now: one whose digits hold a
 * mobile-number shape is hashed on; the same path otherwise.  -1 when old
 * is not of that form */
int decision_slug_renew(const char *old, char s[DECISION_SLUG_MAX]);
void load_powers(gs_model *m, const char *path);
void load_inspections(gs_model *m, const char *path);
void load_phrases(gs_model *m, const char *path);

/* calendar/YYYY.csv files in dir */
void calendar_load(gs_model *m, const char *dir);

/* pages/ ** / *.md: front matter + Markdown rendered to m->pages[].html */
void pages_load(gs_model *m, const char *dir);

/* all of the above; false only when nothing can be built (exit 2) */
bool load_content(gs_model *m, const char *content_dir);

#endif
