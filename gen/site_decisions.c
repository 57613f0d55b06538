/*
 * site_decisions.c - decision pages, withdrawal/expiry notices and the
 * paginated decision lists (all, by category, by agency).
 *
 * The pages and notices, most of a site's files, are made on every
 * processor (decision_pages); the lists after them, on the calling thread.
 *
 * Lists are numbered from the oldest: p/1.html holds the oldest
 * SITE_PAGE_SIZE decisions, so a new decision changes only the newest
 * page and the list's front page (index.html, the newest decisions).
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model_digest.h"
#include "jsonmem.h"
#include "privacy.h"
#include "progress.h"
#include "site_int.h"
#include "task.h"
#include "tpl.h"

static char *yuan(int64_t fen)
{
    if (fen < 0)
        return xstrdup("");
    buf b;
    buf_init(&b);
    fmt_yuan(&b, fen);
    buf_puts(&b, " 元");
    return buf_detach(&b);
}

/* a decision's line in a list.  List pages are keyed by the fields read
 * here (digest_decision_summary, model_digest.c): a field added here must
 * be added there, or lists keep showing its old value */
json_t *decision_summary(site *s, const gs_decision *d)
{
    const gs_model *m = s->m;
    json_t *o = json_object();
    jset_own(o, "url", decision_url(d));
    jset(o, "doc_no", d->doc_no);
    jset(o, "category", gs_category_names[d->category]);
    jset(o, "agency", m->agencies.v[d->agency].name);
    jset_own(o, "party", privacy_party_name(m, d));
    jset_date(o, "date", d->date);
    if (d->category == CAT_CHUFA)
        jset_own(o, "result", gs_join_names(d->penalties, gs_penalty_names, PEN_COUNT, "、"));
    else if (d->category == CAT_XUKE)
        jset(o, "result", gs_permit_names[d->permit_result]);
    else if (d->category == CAT_QIANGZHI)
        jset_own(o, "result", gs_join_names(d->coercive, gs_coercive_names, COER_COUNT, "、"));
    return o;
}

static json_t *decision_json(site *s, const gs_decision *d)
{
    const gs_model *m = s->m;
    const gs_agency *ag = &m->agencies.v[d->agency];
    json_t *o = decision_summary(s, d);
    char *agency_url = xstrcat3("agencies/", ag->slug, ".html");
    jset_own(o, "agency_url", agency_url);
    jset(o, "party_type", gs_party_names[d->party_type]);
    if (d->party_type != PARTY_PERSON)
        jset(o, "credit_code", d->credit_code);
    if (d->party_type != PARTY_PERSON)
        jset_own(o, "legal_rep", privacy_legal_rep(m, d));
    jset_own(o, "violation_type", privacy_decision_text(m, d, d->violation_type));
    jset_own(o, "facts", privacy_decision_text(m, d, d->facts));
    jset_own(o, "basis", privacy_decision_text(m, d, d->basis));
    jset_own(o, "conclusion", privacy_decision_text(m, d, d->conclusion));
    jset_own(o, "penalties", gs_join_names(d->penalties, gs_penalty_names, PEN_COUNT, "、"));
    jset_own(o, "fine", yuan(d->fine_fen));
    jset_own(o, "confiscation", yuan(d->confiscation_fen));
    jset(o, "permit_result", gs_permit_names[d->permit_result]);
    jset(o, "permit_class", d->permit_class);
    jset(o, "permit_cert", d->permit_cert);
    jset(o, "permit_no", d->permit_no);
    jset_date(o, "permit_from", d->permit_from);
    jset_date(o, "permit_to", d->permit_to);
    jset_own(o, "coercive", gs_join_names(d->coercive, gs_coercive_names, COER_COUNT, "、"));
    jset(o, "procedure", gs_procedure_names[d->procedure]);
    jset(o, "place", d->place);
    enum gs_status st = publish_status(d, s->today);
    if (st != ST_VALID) {
        jset(o, "status", gs_status_names[st]);
        jset_date(o, "status_date", d->status_date);
        jset_own(o, "status_note", privacy_decision_text(m, d, d->status_note));
    }
    json_t *offs = json_array();
    for (size_t i = 0; i < d->n_officers; i++) {
        int32_t k = model_find_officer(m, d->officers[i]);
        if (k < 0)
            continue;
        const gs_officer *of = &m->officers.v[k];
        json_t *x = json_object();
        jset(x, "name", of->name);
        jset(x, "cert_no", of->cert_no);
        jset_own(x, "url", xstrcat3("officers/", of->slug, ".html"));
        json_array_append_new(offs, x);
    }
    if (json_array_size(offs))
        json_object_set_new(o, "officers", offs);
    else
        json_decref(offs);
    return o;
}

static void notice_page(site *s, const gs_decision *d, enum pub_state ps)
{
    const gs_model *m = s->m;
    json_t *o = json_object();
    jset(o, "doc_no", d->doc_no);
    jset(o, "agency", m->agencies.v[d->agency].name);
    if (ps == PUB_WITHDRAWN) {
        jset(o, "status", gs_status_names[publish_status(d, s->today)]);
        jset_date(o, "status_date", d->status_date);
        /* the note may name the party: scrub and mask like the page */
        jset_own(o, "status_note", privacy_decision_text(m, d, d->status_note));
        json_object_set_new(o, "withdrawn", json_true());
    } else {
        jset(o, "status", "公示期满");
        json_object_set_new(o, "expired", json_true());
    }
    char *rel = decision_url(d);
    json_t *cr = crumbs_new();
    crumb_add(cr, "执法决定", "decisions/index.html");
    site_page(s, rel, "decision_notice", d->doc_no, "decisions", cr, o);
    free(rel);
}

static void pager_link(json_t *links, const char *dir, size_t k, size_t page)
{
    json_t *l = json_object();
    jset_int(l, "n", (long long)k);
    jset_own(l, "url", xasprintf("%s/p/%zu.html", dir, k));
    if (k == page)
        json_object_set_new(l, "current", json_true());
    json_array_append_new(links, l);
}

static void pager_gap(json_t *links)
{
    json_t *gap = json_object();
    json_object_set_new(gap, "gap", json_true());
    json_array_append_new(links, gap);
}

/* links newest first: the newest page, a window of 3 around the current
 * page (the front page counts as the newest), the oldest page */
static json_t *pager_json(const char *dir, size_t page, size_t pages)
{
    json_t *o = json_object();
    jset_int(o, "page", (long long)page);
    jset_int(o, "pages", (long long)pages);
    size_t cur = page ? page : pages;
    size_t hi = cur + 3 < pages ? cur + 3 : pages;
    size_t lo = cur > 4 ? cur - 3 : 1;
    json_t *links = json_array();
    if (hi < pages) {
        pager_link(links, dir, pages, page);
        if (hi + 1 < pages)
            pager_gap(links);
    }
    for (size_t k = hi; k >= lo; k--)
        pager_link(links, dir, k, page);
    if (lo > 1) {
        if (lo > 2)
            pager_gap(links);
        pager_link(links, dir, 1, page);
    }
    json_object_set_new(o, "links", links);
    size_t older = page ? page - 1 : pages - 1;
    if (older >= 1)
        jset_own(o, "older", xasprintf("%s/p/%zu.html", dir, older));
    if (page && page < pages)
        jset_own(o, "newer", xasprintf("%s/p/%zu.html", dir, page + 1));
    return o;
}

/* what a decision page or notice is made from, for its key */
static void decision_inputs(site *s, XXH3_state_t *st, size_t i)
{
    const gs_model *m = s->m;
    const gs_decision *d = &m->decisions.v[i];
    site_key_hash(st, s->dkey[i]);
    site_key_hash(st, s->akey[d->agency]);
    for (size_t k = 0; k < d->n_officers; k++) {
        int32_t o = model_find_officer(m, d->officers[k]);
        site_key_hash(st, o < 0 ? (XXH128_hash_t){0, 0} : s->okey[o]);
    }
    digest_u64(st, publish_status(d, s->today));
    digest_u64(st, s->state[i]);
}

static XXH128_hash_t json_hash(json_t *a, json_t *b)
{
    XXH3_state_t *st = XXH3_createState();
    if (!st)
        xmalloc((size_t)-1); /* reports out of memory and exits */
    XXH3_128bits_reset(st);
    site_key_json(st, a);
    site_key_json(st, b);
    XXH128_hash_t h = XXH3_128bits_digest(st);
    XXH3_freeState(st);
    return h;
}

static void list_page(site *s, const char *rel, const char *dir, const char *title,
                      const char *nav_key, json_t *crumbs, const uint32_t *idx,
                      size_t from, size_t to, size_t page, size_t pages,
                      size_t total, json_t *extra, XXH128_hash_t ctx_hash)
{
    XXH3_state_t *st = site_key_begin(s, "decision_list", rel);
    site_key_hash(st, ctx_hash);
    digest_str(st, title);
    digest_str(st, nav_key);
    digest_u64(st, page);
    digest_u64(st, pages);
    digest_u64(st, total);
    for (size_t i = from; i < to; i++) {
        site_key_hash(st, s->skey[idx[i]]);
        site_key_hash(st, s->akey[s->m->decisions.v[idx[i]].agency]);
    }
    if (site_key_reuse(s, st, rel)) {
        json_decref(crumbs);
        return;
    }
    json_t *o = extra ? json_deep_copy(extra) : json_object();
    json_t *items = json_array();
    for (size_t i = to; i > from; i--)
        json_array_append_new(items, decision_summary(s, &s->m->decisions.v[idx[i - 1]]));
    if (json_array_size(items))
        json_object_set_new(o, "decisions", items);
    else
        json_decref(items);
    jset_int(o, "total", (long long)total);
    if (pages > 1)
        json_object_set_new(o, "pager", pager_json(dir, page, pages));
    char *t = page ? xasprintf("%s（第 %zu 页）", title, page) : xstrdup(title);
    site_page(s, rel, "decision_list", t, nav_key, crumbs, o);
    free(t);
}

void site_decision_list(site *s, const char *dir, const char *title,
                        const char *nav_key, json_t *crumbs,
                        const uint32_t *idx, size_t n, json_t *extra)
{
    size_t pages = (n + SITE_PAGE_SIZE - 1) / SITE_PAGE_SIZE;
    char *rel = xasprintf("%s/index.html", dir);
    size_t from = n > SITE_PAGE_SIZE ? n - SITE_PAGE_SIZE : 0;
    XXH128_hash_t ch = json_hash(extra, crumbs);
    /* each page's values are its own (copies of crumbs and extra) */
    jsonmem_page_begin();
    list_page(s, rel, dir, title, nav_key, json_deep_copy(crumbs), idx, from, n, 0,
              pages, n, extra, ch);
    jsonmem_page_end();
    free(rel);
    if (pages > 1) {
        for (size_t p = 1; p <= pages; p++) {
            size_t a = (p - 1) * SITE_PAGE_SIZE;
            size_t b = a + SITE_PAGE_SIZE < n ? a + SITE_PAGE_SIZE : n;
            char *r = xasprintf("%s/p/%zu.html", dir, p);
            jsonmem_page_begin();
            json_t *cr = json_deep_copy(crumbs);
            char *u = xasprintf("%s/index.html", dir);
            crumb_add(cr, title, u);
            free(u);
            list_page(s, r, dir, title, nav_key, cr, idx, a, b, p, pages, n, extra, ch);
            jsonmem_page_end();
            free(r);
        }
    }
    json_decref(crumbs);
}

/* links to sub-lists: {title, url, count} */
static void sub_link(json_t *arr, const char *title, char *url, size_t count)
{
    json_t *o = json_object();
    jset(o, "title", title);
    jset_own(o, "url", url);
    jset_int(o, "count", (long long)count);
    json_array_append_new(arr, o);
}

/* decisions/YYYY/ and decisions/YYYY/MM/: all is sorted oldest first, so
 * a year and a month are runs of it */
static json_t *year_lists(site *s, const uint32_t *all, size_t live)
{
    const gs_model *m = s->m;
    json_t *years = json_array();
    size_t i = live;
    while (i > 0) {
        int y = date_year(m->decisions.v[all[i - 1]].date);
        size_t end = i;
        while (i > 0 && date_year(m->decisions.v[all[i - 1]].date) == y)
            i--;
        /* [i, end) is year y; its months, newest first */
        json_t *months = json_array();
        size_t j = end;
        while (j > i) {
            int yy, mo, dd;
            date_to_ymd(m->decisions.v[all[j - 1]].date, &yy, &mo, &dd);
            size_t mend = j;
            while (j > i) {
                int y2, m2, d2;
                date_to_ymd(m->decisions.v[all[j - 1]].date, &y2, &m2, &d2);
                if (m2 != mo)
                    break;
                j--;
            }
            char *dir = xasprintf("decisions/%04d/%02d", y, mo);
            char *title = xasprintf("%d 年 %d 月执法决定", y, mo);
            char *mt = xasprintf("%d 月", mo);
            sub_link(months, mt, xasprintf("%s/index.html", dir), mend - j);
            json_t *cr = crumbs_new();
            crumb_add(cr, "执法决定", "decisions/index.html");
            char *yt = xasprintf("%d 年", y), *yu = xasprintf("decisions/%04d/index.html", y);
            crumb_add(cr, yt, yu);
            site_decision_list(s, dir, title, "decisions", cr, all + j, mend - j, NULL);
            free(yt);
            free(yu);
            free(mt);
            free(title);
            free(dir);
        }
        char *dir = xasprintf("decisions/%04d", y);
        char *title = xasprintf("%d 年执法决定", y);
        char *yt = xasprintf("%d 年", y);
        sub_link(years, yt, xasprintf("%s/index.html", dir), end - i);
        json_t *extra = json_object();
        json_object_set_new(extra, "months", months);
        json_t *cr = crumbs_new();
        crumb_add(cr, "执法决定", "decisions/index.html");
        site_decision_list(s, dir, title, "decisions", cr, all + i, end - i, extra);
        json_decref(extra);
        free(yt);
        free(title);
        free(dir);
    }
    return years;
}

/* decision i's page or notice: kept when its inputs are unchanged,
 * rendered otherwise.  s->no_sitemap is set (see decision_pages) */
static void decision_page(site *s, size_t i)
{
    const gs_decision *d = &s->m->decisions.v[i];
    bool live = s->state[i] == PUB_LIVE;
    if (!live && !publish_has_notice(s->state[i]))
        return;
    char *rel = decision_url(d);
    XXH3_state_t *st = site_key_begin(s, live ? "decision" : "decision_notice", rel);
    decision_inputs(s, st, i);
    if (site_key_reuse(s, st, rel)) {
        free(rel);
        return;
    }
    if (live) {
        json_t *cr = crumbs_new();
        crumb_add(cr, "执法决定", "decisions/index.html");
        char *cu = xstrcat3("decisions/", gs_category_slugs[d->category], "/index.html");
        crumb_add(cr, gs_category_names[d->category], cu);
        free(cu);
        site_page(s, rel, "decision", d->doc_no, "decisions", cr, decision_json(s, d));
    } else {
        notice_page(s, d, s->state[i]); /* at its URL, out of the sitemap */
    }
    free(rel);
}

/*
 * Decision pages are made on every processor.  Decisions are handed out in
 * chunks (DEC_CHUNK at most; smaller when there are few decisions, so that
 * every thread gets some, a county sample included); each thread renders
 * with its own copy of the site (templates, key state, page buffer) and
 * writes through its own fork of the output.  Each chunk's manifest lines are cut off when it is done and
 * the calling thread adds them in chunk order as they become ready, so
 * the manifest is that of a build on one thread.  No thread notes paths
 * for the sitemap: it lists every published decision (site_live_order).
 */
#define DEC_CHUNK 512

typedef struct dec_pool {
    site *s;
    size_t n, chunk, nchunks;
    atomic_size_t next;      /* the next chunk to hand out */
    atomic_size_t done;      /* decisions done, for the progress line */
    mf_writer **parts;       /* per chunk, set before ready[k] */
    atomic_bool *ready;
    size_t added;            /* chunks whose lines are in the manifest */
    size_t shown;            /* decisions counted on the progress line */
} dec_pool;

typedef struct dec_worker {
    dec_pool *p;
    site w;
    task t;
} dec_worker;

static void worker_init(dec_worker *dw, dec_pool *p)
{
    dw->p = p;
    dw->w = *p->s;
    dw->w.out = fsout_fork(p->s->out);
    dw->w.env = tpl_env_new(&p->s->o->tpl);
    buf_init(&dw->w.page);
    dw->w.failed = false;
    dw->w.no_sitemap = true;
    dw->w.urls = NULL;
    dw->w.n_urls = dw->w.cap_urls = 0;
    site_keys_fork(&dw->w);
}

/* add the manifest lines of the chunks done in order (calling thread) */
static void add_ready(dec_pool *p)
{
    while (p->added < p->nchunks &&
           atomic_load_explicit(&p->ready[p->added], memory_order_acquire)) {
        fsout_manifest_add(p->s->out, p->parts[p->added]);
        p->parts[p->added++] = NULL;
    }
}

/* chunk k's pages; its manifest lines are set aside for add_ready */
static void do_chunk(dec_worker *dw, size_t k)
{
    dec_pool *p = dw->p;
    size_t a = k * p->chunk, b = a + p->chunk < p->n ? a + p->chunk : p->n;
    for (size_t i = a; i < b; i++) {
        jsonmem_page_begin();
        decision_page(&dw->w, i);
        jsonmem_page_end();
    }
    p->parts[k] = fsout_manifest_cut(dw->w.out);
    atomic_store_explicit(&p->ready[k], true, memory_order_release);
    atomic_fetch_add(&p->done, b - a);
}

/* the next chunk not handed out yet, made; false when there is none */
static bool next_chunk(dec_worker *dw)
{
    size_t k = atomic_fetch_add(&dw->p->next, 1);
    if (k >= dw->p->nchunks)
        return false;
    do_chunk(dw, k);
    return true;
}

static void *worker_main(void *arg)
{
    while (next_chunk(arg))
        ;
    return NULL;
}

/* the calling thread's share: chunks, the progress line, the manifest */
static void caller_main(dec_worker *dw)
{
    dec_pool *p = dw->p;
    bool more;
    do {
        more = next_chunk(dw);
        size_t done = atomic_load(&p->done);
        progress_add(done - p->shown);
        p->shown = done;
        add_ready(p);
    } while (more);
}

static void worker_end(dec_worker *dw, site *s)
{
    s->failed |= dw->w.failed;
    fsout_join(s->out, dw->w.out);
    mus_env_free(dw->w.env);
    buf_free(&dw->w.page);
    site_keys_fork_free(&dw->w);
}

static void decision_pages(site *s)
{
    size_t n = s->m->decisions.n;
    size_t nw = task_processors();
    size_t chunk = n / (nw * 8);
    chunk = chunk < 8 ? 8 : chunk > DEC_CHUNK ? DEC_CHUNK : chunk;
    dec_pool p = {.s = s, .n = n, .chunk = chunk, .nchunks = (n + chunk - 1) / chunk};
    atomic_init(&p.next, 0);
    atomic_init(&p.done, 0);
    p.parts = xcalloc(p.nchunks ? p.nchunks : 1, sizeof *p.parts);
    p.ready = xcalloc(p.nchunks ? p.nchunks : 1, sizeof *p.ready);
    for (size_t k = 0; k < p.nchunks; k++)
        atomic_init(&p.ready[k], false);
    if (nw > p.nchunks)
        nw = p.nchunks ? p.nchunks : 1;
    dec_worker *dw = xcalloc(nw, sizeof *dw);
    for (size_t t = 0; t < nw; t++)
        worker_init(&dw[t], &p);
    progress_start("decisions", n);
    for (size_t t = 1; t < nw; t++)
        task_start(&dw[t].t, worker_main, &dw[t]);
    caller_main(&dw[0]);
    for (size_t t = 1; t < nw; t++)
        task_join(&dw[t].t);
    progress_add(atomic_load(&p.done) - p.shown);
    add_ready(&p);
    progress_end();
    for (size_t t = 0; t < nw; t++)
        worker_end(&dw[t], s);
    free(dw);
    free(p.parts);
    free(p.ready);
    /* the published decisions' pages go in the sitemap from the site's
     * list of them (site_feeds.c), not one noted path each */
}

void site_decisions(site *s)
{
    const gs_model *m = s->m;
    decision_pages(s);
    size_t live;
    const uint32_t *all = site_live_order(s, &live);

    /* the overall list, with links to the category, agency and year lists */
    json_t *extra = json_object();
    json_t *cats = json_array();
    uint32_t *sub = xcalloc(live ? live : 1, sizeof *sub);
    for (int c = 0; c < CAT_COUNT; c++) {
        size_t k = 0;
        for (size_t i = 0; i < live; i++)
            if (m->decisions.v[all[i]].category == c)
                sub[k++] = all[i];
        sub_link(cats, gs_category_names[c],
                 xasprintf("decisions/%s/index.html", gs_category_slugs[c]), k);
        char *dir = xasprintf("decisions/%s", gs_category_slugs[c]);
        json_t *cr = crumbs_new();
        crumb_add(cr, "执法决定", "decisions/index.html");
        site_decision_list(s, dir, gs_category_names[c], "decisions", cr, sub, k, NULL);
        free(dir);
    }
    json_t *ags = json_array();
    for (size_t a = 0; a < m->agencies.n; a++) {
        size_t k = 0;
        for (size_t i = 0; i < live; i++)
            if (m->decisions.v[all[i]].agency == (int32_t)a)
                sub[k++] = all[i];
        const gs_agency *ag = &m->agencies.v[a];
        sub_link(ags, ag->name, xasprintf("decisions/agency/%s/index.html", ag->slug), k);
        char *dir = xasprintf("decisions/agency/%s", ag->slug);
        json_t *cr = crumbs_new();
        crumb_add(cr, "执法决定", "decisions/index.html");
        char *title = xasprintf("%s 执法决定", ag->name);
        json_t *fx = json_object();
        jset_own(fx, "feed", xasprintf("decisions/agency/%s/feed.xml", ag->slug));
        site_decision_list(s, dir, title, "decisions", cr, sub, k, fx);
        json_decref(fx);
        free(title);
        free(dir);
    }
    json_object_set_new(extra, "categories", cats);
    json_object_set_new(extra, "agencies", ags);
    json_object_set_new(extra, "years", year_lists(s, all, live));
    jset(extra, "feed", "feed.xml");
    site_decision_list(s, "decisions", "执法决定", "decisions", crumbs_new(), all, live, extra);
    json_decref(extra);
    free(sub);
}
