/*
 * site_feeds.c - what points into the site from outside: Atom feeds of
 * newly published decisions (overall and per agency), the 404 page,
 * robots.txt and the sitemaps (an index plus files of at most
 * SITEMAP_MAX URLs).  Feeds, sitemaps and the 404 page use absolute URLs
 * from site.yaml's base_url; withdrawn and expired decisions appear in
 * none of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "site_int.h"

#define FEED_ENTRIES 50
#define SITEMAP_MAX 50000

/* RFC 3339 time of a date: local midnight in China's zone when the site's
 * time zone is China's, else UTC */
static char *feed_time(const site *s, gs_date d)
{
    char ds[11];
    date_format(d, ds);
    const char *tz = s->m->settings.timezone;
    bool cn = !tz || !*tz || strcmp(tz, "Asia/Shanghai") == 0 || strcmp(tz, "Asia/Chongqing") == 0 ||
              strcmp(tz, "PRC") == 0;
    return xasprintf("%sT00:00:00%s", ds, cn ? "+08:00" : "Z");
}

static void write_rendered(site *s, const char *rel, const char *tpl, json_t *ctx)
{
    site_write(s, rel, tpl, ctx);
    json_decref(ctx);
}

/* one feed of the newest decisions among idx[0..n) (oldest first) */
static void feed(site *s, const char *rel, const char *title, const char *alt,
                 const uint32_t *idx, size_t n)
{
    const gs_model *m = s->m;
    const char *base = m->settings.base_url;
    json_t *ctx = json_object();
    jset(ctx, "title", title);
    jset(ctx, "name", m->settings.name);
    jset_own(ctx, "self", xasprintf("%s%s", base, rel));
    jset_own(ctx, "alt", xasprintf("%s%s", base, alt));
    json_t *entries = json_array();
    gs_date newest = GS_NODATE;
    for (size_t k = 0; k < n && k < FEED_ENTRIES; k++) {
        const gs_decision *d = &m->decisions.v[idx[n - 1 - k]];
        json_t *e = decision_summary(s, d);
        gs_date upd = d->date;
        if (publish_status(d, s->today) != ST_VALID && d->status_date > upd)
            upd = d->status_date;
        if (upd > newest)
            newest = upd;
        jset_own(e, "abs", xasprintf("%s%s", base, json_string_value(json_object_get(e, "url"))));
        jset_own(e, "updated", feed_time(s, upd));
        jset_own(e, "published", feed_time(s, d->date));
        json_array_append_new(entries, e);
    }
    jset_own(ctx, "updated", feed_time(s, newest != GS_NODATE ? newest : s->today));
    json_object_set_new(ctx, "entries", entries);
    write_rendered(s, rel, "feed", ctx);
}

void site_feeds(site *s)
{
    const gs_model *m = s->m;
    size_t live;
    const uint32_t *all = site_live_order(s, &live);
    char *t = xasprintf("%s行政执法决定", m->settings.name);
    feed(s, "feed.xml", t, "decisions/index.html", all, live);
    free(t);
    uint32_t *sub = xcalloc(live ? live : 1, sizeof *sub);
    for (size_t a = 0; a < m->agencies.n; a++) {
        const gs_agency *ag = &m->agencies.v[a];
        size_t k = 0;
        for (size_t i = 0; i < live; i++)
            if (m->decisions.v[all[i]].agency == (int32_t)a)
                sub[k++] = all[i];
        char *rel = xasprintf("decisions/agency/%s/feed.xml", ag->slug);
        char *alt = xasprintf("decisions/agency/%s/index.html", ag->slug);
        char *title = xasprintf("%s行政执法决定", ag->name);
        feed(s, rel, title, alt, sub, k);
        free(title);
        free(alt);
        free(rel);
    }
    free(sub);
}

static void put_file(site *s, const char *rel, const buf *b)
{
    if (!fsout_write(s->out, rel, b->p, b->len))
        s->failed = true;
}

/* a + ea against b + eb, as strcmp orders the joined strings, without
 * joining them (a decision's path is its slug + DECISION_EXT) */
static unsigned char joined_char(const char **s, const char **ext)
{
    if (**s)
        return (unsigned char)*(*s)++;
    if (**ext)
        return (unsigned char)*(*ext)++;
    return 0;
}

static int cmp_joined(const char *a, const char *ea, const char *b, const char *eb)
{
    for (;;) {
        unsigned char x = joined_char(&a, &ea), y = joined_char(&b, &eb);
        if (x != y)
            return x < y ? -1 : 1;
        if (!x)
            return 0;
    }
}

static const gs_decision *by_url_base;

static int cmp_decision_url(const void *a, const void *b)
{
    return cmp_joined(by_url_base[*(const uint32_t *)a].slug, DECISION_EXT,
                      by_url_base[*(const uint32_t *)b].slug, DECISION_EXT);
}

/* every page noted for the sitemap, and every published decision's page
 * (the site's bulk, never noted one by one: 10⁶ paths would be held for
 * this alone), merged in path order */
static void sitemaps(site *s)
{
    const char *base = s->m->settings.base_url;
    const gs_decision *dv = s->m->decisions.v;
    if (s->n_urls)
        qsort(s->urls, s->n_urls, sizeof *s->urls, cmp_strp);
    size_t nd;
    const uint32_t *live = site_live_order(s, &nd);
    uint32_t *dec = xreallocarray(NULL, nd ? nd : 1, sizeof *dec);
    if (nd)
        memcpy(dec, live, nd * sizeof *dec);
    by_url_base = dv;
    qsort(dec, nd, sizeof *dec, cmp_decision_url);
    size_t total = s->n_urls + nd, ui = 0, di = 0;
    size_t files = (total + SITEMAP_MAX - 1) / SITEMAP_MAX;
    if (!files)
        files = 1;
    buf b, idx;
    buf_init(&b);
    buf_init(&idx);
    buf_puts(&idx, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (size_t f = 0; f < files; f++) {
        buf_reset(&b);
        buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (size_t i = f * SITEMAP_MAX; i < total && i < (f + 1) * SITEMAP_MAX; i++) {
            buf_puts(&b, "<url><loc>");
            buf_add_html(&b, base, strlen(base));
            if (ui < s->n_urls &&
                (di == nd || cmp_joined(s->urls[ui], "", dv[dec[di]].slug, DECISION_EXT) < 0)) {
                buf_add_html(&b, s->urls[ui], strlen(s->urls[ui]));
                ui++;
            } else {
                buf_add_html(&b, dv[dec[di]].slug, strlen(dv[dec[di]].slug));
                buf_puts(&b, DECISION_EXT);
                di++;
            }
            buf_puts(&b, "</loc></url>\n");
        }
        buf_puts(&b, "</urlset>\n");
        char *rel = xasprintf("sitemap-%zu.xml", f + 1);
        put_file(s, rel, &b);
        buf_puts(&idx, "<sitemap><loc>");
        buf_add_html(&idx, base, strlen(base));
        buf_add_html(&idx, rel, strlen(rel));
        buf_puts(&idx, "</loc></sitemap>\n");
        free(rel);
    }
    buf_puts(&idx, "</sitemapindex>\n");
    put_file(s, "sitemap.xml", &idx);
    buf_free(&b);
    buf_free(&idx);
    free(dec);
}

static void robots(site *s)
{
    const char *base = s->m->settings.base_url;
    const char *path = strstr(base, "://");
    path = path ? strchr(path + 3, '/') : NULL;
    if (!path)
        path = "/";
    buf b;
    buf_init(&b);
    buf_printf(&b, "User-agent: *\nDisallow: %sidx/\n\nSitemap: %ssitemap.xml\n", path, base);
    put_file(s, "robots.txt", &b);
    buf_free(&b);
}

void site_finish(site *s)
{
    /* the 404 page is served at any depth: every link absolute */
    json_t *ctx = json_object();
    jset(ctx, "root", s->m->settings.base_url);
    s->no_sitemap = true;
    site_page(s, "404.html", "404", "页面不存在", NULL, crumbs_new(), ctx);
    s->no_sitemap = false;
    robots(s);
    sitemaps(s);
}
