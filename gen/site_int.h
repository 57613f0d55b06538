/*
 * site_int.h - what the site_*.c files share: the render context, page
 * writing and small JSON/format helpers.  Not used outside the site.
 */
#ifndef GONGSHI_SITE_INT_H
#define GONGSHI_SITE_INT_H

#include <jansson.h>

#include "fsout.h"
#include "model.h"
#include "mustache.h"
#include "publish.h"
#include "site.h"

#define SITE_PAGE_SIZE 20

typedef struct site {
    const gs_model *m;
    const site_opts *o;
    fsout *out;
    mus_env *env;
    gs_date today;
    char today_s[11];
    enum pub_state *state; /* per decision */
    size_t n_live;
    buf page;              /* reused render buffer */
    bool failed;
} site;

/* json helpers.  Keys are always set ("" when empty, which is falsy in
 * sections) so a missing value never resolves to an enclosing context's */
void jset(json_t *o, const char *key, const char *val);
void jset_own(json_t *o, const char *key, char *val); /* frees val */
void jset_date(json_t *o, const char *key, gs_date d);
void jset_int(json_t *o, const char *key, long long v);
json_t *jstr(const char *s);
/* "12,000" or "12,000.5"; fen >= 0 */
void fmt_yuan(buf *b, int64_t fen);

/* render template `name` with ctx (stolen) plus the common keys (root,
 * site, nav, title, crumbs) and write it to rel.  crumbs: array of
 * {title, url} (stolen, may be NULL); nav_key marks the current section */
void site_page(site *s, const char *rel, const char *tpl, const char *title,
               const char *nav_key, json_t *crumbs, json_t *ctx);
/* crumb list helpers */
json_t *crumbs_new(void); /* starts with 首页 */
void crumb_add(json_t *crumbs, const char *title, const char *url);

/* the URL of a decision page below the site root (".html" included) */
char *decision_url(const gs_decision *d);

/* public summary of a decision for lists (privacy-filtered) */
json_t *decision_summary(site *s, const gs_decision *d);

/* paginated list of decision indexes (sorted oldest first): writes
 * DIR/index.html (newest page) and DIR/p/N.html */
void site_decision_list(site *s, const char *dir, const char *title,
                        const char *nav_key, json_t *crumbs,
                        const uint32_t *idx, size_t n, json_t *extra);

void site_decisions(site *s);
void site_agencies(site *s);
void site_officers(site *s);
void site_lists(site *s);   /* powers, inspections */
void site_pages(site *s);   /* policy pages */
void site_home(site *s);

#endif
