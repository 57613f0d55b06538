/*
 * site.c - the site driver: template environment, common page context,
 * page writing, helpers shared by site_*.c.
 */
#include "site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "site_int.h"
#include "task.h"
#include "tpl.h"

/* ---- helpers ---- */

void fmt_yuan(buf *b, int64_t fen)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", (long long)(fen / 100));
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf_putc(b, ',');
        buf_putc(b, digits[i]);
    }
    int cents = (int)(fen % 100);
    if (cents % 10)
        buf_printf(b, ".%02d", cents);
    else if (cents)
        buf_printf(b, ".%d", cents / 10);
}

json_t *crumbs_new(void)
{
    json_t *c = json_array();
    crumb_add(c, "首页", "index.html");
    return c;
}

void crumb_add(json_t *crumbs, const char *title, const char *url)
{
    json_t *o = json_object();
    jset(o, "title", title);
    jset(o, "url", url);
    json_array_append_new(crumbs, o);
}

char *decision_url(const gs_decision *d)
{
    return xstrcat3(d->slug, DECISION_EXT, "");
}

/* ---- navigation ---- */

static const struct {
    const char *key, *title, *url;
} nav_items[] = {
    {"home", "首页", "index.html"},
    {"agencies", "执法主体", "agencies/index.html"},
    {"officers", "执法人员", "officers/index.html"},
    {"powers", "权责清单", "powers/index.html"},
    {"inspections", "随机抽查", "inspections/index.html"},
    {"policies", "制度公开", "policies/index.html"},
    {"decisions", "执法决定", "decisions/index.html"},
    {"stats", "统计", "stats/index.html"},
};

static json_t *nav_json(const char *current)
{
    json_t *a = json_array();
    for (size_t i = 0; i < sizeof nav_items / sizeof *nav_items; i++) {
        json_t *o = json_object();
        jset(o, "title", nav_items[i].title);
        jset(o, "url", nav_items[i].url);
        if (current && strcmp(current, nav_items[i].key) == 0)
            json_object_set_new(o, "current", json_true());
        json_array_append_new(a, o);
    }
    return a;
}

static char *root_prefix(const char *rel)
{
    buf b;
    buf_init(&b);
    for (const char *p = rel; *p; p++)
        if (*p == '/')
            buf_puts(&b, "../");
    return buf_detach(&b);
}

bool site_write(site *s, const char *rel, const char *tpl, json_t *ctx)
{
    char *err = NULL;
    const mus_template *t = mus_env_get(s->env, tpl, &err);
    buf_reset(&s->page);
    if (!t || mus_render(s->env, t, ctx, &s->page, &err) != 0) {
        if (!atomic_exchange(s->reported, true))
            fprintf(stderr, "gongshi: template %s: %s\n", tpl, err ? err : "not found");
        free(err);
        s->failed = true;
        return false;
    }
    /* the key goes with the page it was made for only */
    bool keyed = s->key_set && s->key_rel.len && strcmp(s->key_rel.p, rel) == 0;
    s->key_set = false;
    if (!(keyed ? fsout_write_key(s->out, rel, &s->key, s->page.p, s->page.len)
                : fsout_write(s->out, rel, s->page.p, s->page.len))) {
        s->failed = true;
        return false;
    }
    return true;
}

void site_note_url(site *s, const char *rel)
{
    if (s->no_sitemap)
        return;
    if (s->n_urls == s->cap_urls) {
        s->cap_urls = s->cap_urls ? s->cap_urls * 2 : 1024;
        s->urls = xreallocarray(s->urls, s->cap_urls, sizeof *s->urls);
    }
    s->urls[s->n_urls++] = xstrdup(rel);
}

void site_page(site *s, const char *rel, const char *tpl, const char *title,
               const char *nav_key, json_t *crumbs, json_t *ctx)
{
    const gs_settings *st = &s->m->settings;
    if (!json_object_get(ctx, "root"))
        jset_own(ctx, "root", root_prefix(rel));
    jset(ctx, "title", title);
    json_t *sj = json_object();
    jset(sj, "name", st->name);
    jset(sj, "base_url", st->base_url);
    json_object_set_new(ctx, "site", sj);
    jset(ctx, "today", s->today_s);
    json_object_set_new(ctx, "nav", nav_json(nav_key));
    if (crumbs) {
        crumb_add(crumbs, title, NULL);
        json_object_set_new(ctx, "crumbs", crumbs);
    }
    if (site_write(s, rel, tpl, ctx))
        site_note_url(s, rel);
    json_decref(ctx);
}

/* ---- published decisions in date order ---- */

static const gs_decision *sort_base;

static int cmp_oldest(const void *a, const void *b)
{
    const gs_decision *x = &sort_base[*(const uint32_t *)a];
    const gs_decision *y = &sort_base[*(const uint32_t *)b];
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return strcmp(x->doc_no, y->doc_no);
}

const uint32_t *site_live_order(site *s, size_t *n)
{
    if (!s->live_ready) {
        const gs_model *m = s->m;
        s->live = xcalloc(m->decisions.n ? m->decisions.n : 1, sizeof *s->live);
        for (size_t i = 0; i < m->decisions.n; i++)
            if (s->state[i] == PUB_LIVE)
                s->live[s->live_n++] = (uint32_t)i;
        sort_base = m->decisions.v;
        qsort(s->live, s->live_n, sizeof *s->live, cmp_oldest);
        s->live_ready = true;
    }
    *n = s->live_n;
    return s->live;
}

/* ---- template loading ---- */

static void copy_assets(site *s)
{
    static const char *const assets[] = {"style.css", "site.js", "search.js"};
    for (size_t a = 0; a < sizeof assets / sizeof *assets; a++) {
        char *rel = xasprintf("assets/%s", assets[a]);
        size_t len;
        char *data = tpl_read_asset(&s->o->tpl, rel, &len);
        if (data && !fsout_write(s->out, rel, data, len))
            s->failed = true;
        free(data);
        free(rel);
    }
}

/* the search index on its own thread: it only reads the model and writes
 * through its own fsout (joined afterwards) */
typedef struct search_job {
    site s;
    json_t *meta;
    double secs;
} search_job;

static void *search_main(void *arg)
{
    search_job *j = arg;
    double t = clock_thread_cpu();
    j->meta = site_search_index(&j->s);
    j->secs = clock_thread_cpu() - t;
    return NULL;
}

/* the page templates the site renders */
static const char *const page_templates[] = {
    "404",    "agency", "agency_list", "decision", "decision_list", "decision_notice",
    "feed",   "home",   "inspections", "officer",  "officer_list",  "page",
    "policies", "powers", "search",    "stats"};

bool site_templates_usable(const tpl_dirs *dirs)
{
    mus_env *env = tpl_env_new(dirs);
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof page_templates / sizeof *page_templates; i++) {
        char *err = NULL;
        if (!mus_env_get(env, page_templates[i], &err)) {
            char *path = tpl_path(dirs, page_templates[i]);
            if (path) {
                fprintf(stderr, "gongshi: %s: %s\n", path, err ? err : "cannot be read");
            } else {
                buf where;
                buf_init(&where);
                for (size_t d = 0; d < dirs->n; d++)
                    buf_printf(&where, "%s%s", d ? ", " : "", dirs->v[d]);
                fprintf(stderr, "gongshi: template %s.mustache not found in %s\n",
                        page_templates[i], where.p ? where.p : "(no folder)");
                buf_free(&where);
            }
            free(path);
            ok = false;
        }
        free(err);
    }
    mus_env_free(env);
    return ok;
}

int site_build(const gs_model *m, const site_opts *o)
{
    site s;
    memset(&s, 0, sizeof s);
    s.m = m;
    s.o = o;
    s.today = o->today;
    date_format(o->today, s.today_s);
    buf_init(&s.page);
    atomic_bool reported;
    atomic_init(&reported, false);
    s.reported = &reported;
    s.out = fsout_open(o->out_dir);
    if (!s.out)
        return -1;
    s.env = tpl_env_new(&o->tpl);
    site_keys_init(&s);
    s.state = xcalloc(m->decisions.n ? m->decisions.n : 1, sizeof *s.state);
    for (size_t i = 0; i < m->decisions.n; i++) {
        s.state[i] = publish_state(m, &m->decisions.v[i], s.today, GS_NODATE);
        if (s.state[i] == PUB_LIVE)
            s.n_live++;
    }
    size_t nlive;
    site_live_order(&s, &nlive); /* before the search thread reads it */
    /* the search index is built beside the pages, on the other core */
    search_job *sj = xcalloc(1, sizeof *sj);
    sj->s = s;
    sj->s.out = fsout_fork(s.out);
    sj->s.env = NULL;
    sj->s.keys = NULL;
    buf_init(&sj->s.page);
    task search;
    task_start(&search, search_main, sj);
    bool threaded = search.threaded;
    copy_assets(&s);
    site_home(&s);
    site_agencies(&s);
    site_officers(&s);
    site_lists(&s);
    site_pages(&s);
    double t0 = clock_wall();
    site_decisions(&s);
    double t1 = clock_wall();
    site_stats(&s);
    double t2 = clock_wall();
    task_join(&search);
    double t3 = clock_wall();
    s.failed |= sj->s.failed;
    fsout_join(s.out, sj->s.out);
    buf_free(&sj->s.page);
    site_search_page(&s, sj->meta);
    site_feeds(&s);
    site_finish(&s);
    if (o->verbose)
        fprintf(stderr, "site: decisions %.1fs, statistics %.1fs, waiting for the search "
                        "index %.1fs (%.1fs of cpu on %s)\n",
                t1 - t0, t2 - t1, t3 - t2, sj->secs, threaded ? "its own thread" : "this thread");
    free(sj);
    bool ok = !s.failed && fsout_finish(s.out);
    if (o->verbose)
        fprintf(stderr, "site: %zu files written, %zu unchanged, %zu removed\n",
                fsout_files_written(s.out), fsout_files_unchanged(s.out),
                fsout_files_removed(s.out));
    if (o->verbose)
        fprintf(stderr, "site: %zu pages kept without rendering (inputs unchanged)\n",
                fsout_files_reused(s.out));
    fsout_free(s.out);
    site_keys_free(&s);
    mus_env_free(s.env);
    free(s.state);
    free(s.live);
    for (size_t i = 0; i < s.n_urls; i++)
        free(s.urls[i]);
    free(s.urls);
    buf_free(&s.page);
    return ok ? 0 : -1;
}
