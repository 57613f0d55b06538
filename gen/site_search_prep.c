/*
 * site_search_prep.c - documents made ready for the search index
 * (site_search.c), in batches: fetched (sx_get, which scrubs their text
 * through privacy.c), made into the records a result shows, cut into
 * term keys and exact-table keys.  That is about half of the index's
 * work and needs nothing the index holds, so for the decisions it runs
 * on a thread of its own, PREP_SLOTS batches ahead, while the index's
 * thread adds the postings and writes the files in document order: the
 * index is the same whichever thread prepared a batch.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "site_search.h"

#define PREP_SLOTS 4

/* ---- one document ---- */

static void key_push(sx_batch *x, uint64_t k)
{
    if (x->nkeys == x->capkeys) {
        x->capkeys = x->capkeys ? x->capkeys * 2 : 1024;
        x->keys = xreallocarray(x->keys, x->capkeys, sizeof *x->keys);
    }
    x->keys[x->nkeys++] = k;
}

/* the term keys of d added to x->keys, repeats included (the index
 * drops them): "^" terms of the title fields, plain terms of the others,
 * never across a field's end */
static void doc_keys(sx_batch *x, const sx_doc *d)
{
    for (int i = 0; i < d->nf; i++) {
        x->cps.n = 0;
        sx_norm(&x->cps, d->f[i]);
        sx_cps_push(&x->cps, SX_SEP);
        uint64_t mark = i <= 1 ? SX_TITLE : 0;
        const uint32_t *v = x->cps.v;
        for (size_t j = 0; v[j] != SX_SEP; j++) {
            uint64_t uni = mark | (uint64_t)v[j] << 21;
            key_push(x, uni);
            if (v[j + 1] != SX_SEP)
                key_push(x, uni | v[j + 1]);
        }
    }
    if (d->agency >= 0)
        key_push(x, SX_FILTER | (uint64_t)'a' << 32 | (uint32_t)d->agency);
    if (d->cat >= 0)
        key_push(x, SX_FILTER | (uint64_t)'c' << 32 | (uint32_t)d->cat);
}

/* the record a result shows and a hit is checked against:
 * [kind, url, title, subtitle, date, category, agency, [body fields]] */
static void doc_record(buf *b, const sx_doc *d)
{
    char kind[2] = {d->kind, 0};
    buf_putc(b, '[');
    buf_json_str(b, kind);
    buf_putc(b, ',');
    buf_json_str(b, d->url);
    buf_putc(b, ',');
    buf_json_str(b, d->nf > 0 ? d->f[0] : "");
    buf_putc(b, ',');
    buf_json_str(b, d->nf > 1 ? d->f[1] : "");
    char ds[11] = "";
    if (d->date != GS_NODATE)
        date_format(d->date, ds);
    buf_putc(b, ',');
    buf_json_str(b, ds);
    buf_printf(b, ",%d,%d,[", d->cat, d->agency);
    for (int i = 2; i < d->nf; i++) {
        if (i > 2)
            buf_putc(b, ',');
        buf_json_str(b, d->f[i]);
    }
    buf_puts(b, "]]");
}

/* ---- batches ---- */

static void batch_fill(const sx_src *src, sx_batch *b, size_t first, size_t n)
{
    b->first = first;
    b->n = n;
    buf_reset(&b->rec);
    b->nkeys = 0;
    for (size_t i = 0; i < n; i++) {
        sx_doc d;
        sx_get(src, first + i, &d);
        doc_record(&b->rec, &d);
        b->rec_end[i] = b->rec.len;
        doc_keys(b, &d);
        b->key_end[i] = b->nkeys;
        b->nxk[i] = sx_exact_keys(&d, &b->cps, b->xk[i]);
        sx_doc_free(&d);
    }
}

struct sx_prep {
    const sx_src *src;
    size_t nb;
    sx_batch slot[PREP_SLOTS];
    bool ready[PREP_SLOTS];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t th;
    bool threaded;
};

/* batch k into its slot */
static sx_batch *fill(sx_prep *p, size_t k)
{
    size_t first = k * SX_PREP_BATCH, n = p->src->n - first;
    sx_batch *b = &p->slot[k % PREP_SLOTS];
    batch_fill(p->src, b, first, n < SX_PREP_BATCH ? n : SX_PREP_BATCH);
    return b;
}

static void *prep_main(void *arg)
{
    sx_prep *p = arg;
    for (size_t k = 0; k < p->nb; k++) {
        size_t i = k % PREP_SLOTS;
        pthread_mutex_lock(&p->mu);
        while (p->ready[i])
            pthread_cond_wait(&p->cv, &p->mu);
        pthread_mutex_unlock(&p->mu);
        fill(p, k);
        pthread_mutex_lock(&p->mu);
        p->ready[i] = true;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    return NULL;
}

sx_prep *sx_prep_start(const sx_src *src, bool thread)
{
    sx_prep *p = xcalloc(1, sizeof *p);
    p->src = src;
    p->nb = (src->n + SX_PREP_BATCH - 1) / SX_PREP_BATCH;
    for (size_t i = 0; i < PREP_SLOTS; i++)
        buf_init(&p->slot[i].rec);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    /* without a thread (one batch, or none to be had) batches are made
     * when taken */
    p->threaded = thread && p->nb > 1 && pthread_create(&p->th, NULL, prep_main, p) == 0;
    return p;
}

size_t sx_prep_batches(const sx_prep *p) { return p->nb; }

const sx_batch *sx_prep_take(sx_prep *p, size_t k)
{
    if (!p->threaded)
        return fill(p, k);
    size_t i = k % PREP_SLOTS;
    pthread_mutex_lock(&p->mu);
    while (!p->ready[i])
        pthread_cond_wait(&p->cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
    return &p->slot[i];
}

void sx_prep_done(sx_prep *p, size_t k)
{
    if (!p->threaded)
        return;
    pthread_mutex_lock(&p->mu);
    p->ready[k % PREP_SLOTS] = false;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

void sx_prep_finish(sx_prep *p)
{
    if (p->threaded)
        pthread_join(p->th, NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    for (size_t i = 0; i < PREP_SLOTS; i++) {
        buf_free(&p->slot[i].rec);
        free(p->slot[i].cps.v);
        free(p->slot[i].keys);
    }
    free(p);
}
