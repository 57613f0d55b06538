/*
 * site_int.h - what the site_*.c files share: the render context, page
 * writing and small JSON/format helpers.  Not used outside the site.
 */
#ifndef GONGSHI_SITE_INT_H
#define GONGSHI_SITE_INT_H

#include <jansson.h>
#include <stdatomic.h>
#include <xxhash.h>

#include "fsout.h"
#include "jsonval.h"
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
    atomic_bool *reported; /* a template error was reported (shared by copies) */
    uint32_t *live;        /* published decisions, oldest first (site_live_order) */
    size_t live_n;
    bool live_ready;
    bool no_sitemap;       /* pages written now stay out of the sitemap */
    char **urls;           /* pages for the sitemap (rel paths) */
    size_t n_urls, cap_urls;
    /* input keys (site_keys.c) */
    XXH3_state_t *keys;
    XXH128_hash_t salt;
    XXH128_hash_t *dkey, *akey, *okey; /* per decision, agency, officer */
    XXH128_hash_t *skey; /* per decision: what its line in a list shows */
    bool keys_off;         /* never reuse (the binary could not be read) */
    fsout_key key;         /* the key of page key_rel, when key_set */
    bool key_set;
    buf key_rel;
    struct { char *name; bool uses; } *tpl_today;
    size_t n_tpl_today;
} site;

/* ---- input keys (site_keys.c) ----
 * A page writer that can name its inputs starts a key, feeds the records
 * it reads and asks site_key_reuse before building its context: when the
 * recycled generation has the page made from the same inputs, it is kept
 * (and listed in the sitemap) and the writer skips it; otherwise the key
 * goes with the page that the writer then renders with site_page. */
void site_keys_init(site *s);
void site_keys_free(site *s);
/* keys for w, a copy of a site used by another thread: its own hashing
 * state and caches; the salt and the record keys stay the original's
 * (read only) */
void site_keys_fork(site *w);
void site_keys_fork_free(site *w); /* what site_keys_fork made */
XXH3_state_t *site_key_begin(site *s, const char *tpl, const char *rel);
void site_key_hash(XXH3_state_t *st, XXH128_hash_t h);
void site_key_json(XXH3_state_t *st, json_t *v);
bool site_key_reuse(site *s, XXH3_state_t *st, const char *rel);
/* add rel to the sitemap (unless s->no_sitemap) */
void site_note_url(site *s, const char *rel);

/* "12,000" or "12,000.5"; fen >= 0 */
void fmt_yuan(buf *b, int64_t fen);

/* render template `name` with ctx (stolen) plus the common keys (root,
 * site, nav, title, crumbs) and write it to rel.  A "root" already in ctx
 * is kept (the 404 page links absolutely from base_url).  crumbs: array of
 * {title, url} (stolen, may be NULL); nav_key marks the current section */
/* render template tpl with ctx (not stolen) and write it to rel; false
 * (and s->failed set) on a template or write error */
bool site_write(site *s, const char *rel, const char *tpl, json_t *ctx);
void site_page(site *s, const char *rel, const char *tpl, const char *title,
               const char *nav_key, json_t *crumbs, json_t *ctx);
/* crumb list helpers */
json_t *crumbs_new(void); /* starts with 首页 */
void crumb_add(json_t *crumbs, const char *title, const char *url);

/* the URL of a decision page below the site root: its slug and
 * DECISION_EXT */
#define DECISION_EXT ".html"
char *decision_url(const gs_decision *d);

/* indexes of the published decisions sorted oldest first (by 决定日期,
 * then 文书号); computed once, owned by s */
const uint32_t *site_live_order(site *s, size_t *n);

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
void site_stats(site *s);   /* annual statistics (site_stats.c) */
/* the search index (site_search.c): the idx/ scripts, returning what the search
 * page needs to know of it.  It reads the model and writes through s->out
 * only (no templates), so it may run on its own thread with a copy of s
 * whose out is a fsout_fork; site_live_order must have been called. */
json_t *site_search_index(site *s);
/* the search page (templates: the main thread); frees meta */
void site_search_page(site *s, json_t *meta);
void site_feeds(site *s);   /* Atom feeds (site_feeds.c) */
void site_finish(site *s);  /* 404, robots.txt, sitemaps: after every page */

#endif
