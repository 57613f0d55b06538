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

#include "model.h"

/* site.yaml; false when the file cannot be used at all (exit 2) */
bool siteconf_load(gs_model *m, const char *path);

/* data/NAME.csv: a missing or unreadable file is an error for that file */
void load_agencies(gs_model *m, const char *path);
void load_officers(gs_model *m, const char *path);
void load_decisions(gs_model *m, const char *path);
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
