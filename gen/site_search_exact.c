/*
 * site_search_exact.c - the search index's exact-title table (idx/x/H.js).
 *
 * Every document's title and subtitle (a decision's 文书号 and party, an
 * officer's name and certificate number, a power's name and code, a
 * policy page's title and section), normalised like the search terms,
 * map to the documents that carry exactly that.  search.js looks the
 * whole query up here first: a query naming a document finds it with one
 * small file, and such hits rank first.  A value shared by more than
 * SX_EXACT_MAX documents (a common masked name) has the value "!" instead
 * of lists; search.js then treats exact matches as ordinary title matches.
 *
 * File: gsIdx("x/H", {"KEY": "D~S"}), D and S the lists (site_search.c
 * format) of collections d and s, "~S" left out when empty.
 */
#include <stdlib.h>
#include <string.h>

#include "site_search.h"

#define SX_EXACT_MAX 512
#define SX_EXACT_BYTES 6000 /* aim for files of about this size */

/* 8 bytes an entry and no text: there are two entries a decision, and at
 * a million decisions their keys' text (39 MB) beside the entries was the
 * largest part of the build's peak.  The text is made again, one bucket
 * at a time, when the table is written (sx_title) */
typedef struct xent {
    uint32_t h;   /* sx_hash_cps of the key */
    uint32_t cid; /* collection (0 d, 1 s) << 31 | document number << 1 | field */
} xent;

#define CID_COLL(c) ((c) >> 31)
#define CID_ID(c) (((c) & 0x7FFFFFFFu) >> 1)
#define CID_FIELD(c) ((int)((c) & 1))
#define CID_MAX_ID 0x3FFFFFFFu

struct sx_exact {
    xent *v;
    size_t n, cap;
    size_t bytes; /* of the files, roughly: keys and their lists */
};

sx_exact *sx_exact_new(void)
{
    return xcalloc(1, sizeof(sx_exact));
}

void sx_exact_free(sx_exact *e)
{
    free(e->v);
    free(e);
}

static size_t utf8_len(const sx_cps *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        n += c->v[i] < 0x80 ? 1 : c->v[i] < 0x800 ? 2 : c->v[i] < 0x10000 ? 3 : 4;
    return n;
}

/* the key of one title field: false when too short to be one */
static bool field_key(sx_cps *cps, int field, const char *text, sx_xkey *k)
{
    cps->n = 0;
    sx_norm(cps, text);
    if (cps->n < 2)
        return false;
    k->h = sx_hash_cps(cps->v, cps->n);
    k->bytes = (uint32_t)utf8_len(cps);
    k->field = (uint8_t)field;
    return true;
}

int sx_exact_keys(const sx_doc *d, sx_cps *scratch, sx_xkey k[2])
{
    int n = 0;
    if (d->nf > 0 && field_key(scratch, 0, d->f[0], &k[n]))
        n++;
    /* a subtitle equal to the title adds nothing */
    if (d->nf > 1 && strcmp(d->f[1], d->f[0]) != 0 && field_key(scratch, 1, d->f[1], &k[n]))
        n++;
    return n;
}

void sx_exact_put(sx_exact *e, int coll, const sx_xkey *k, uint32_t id)
{
    if (id > CID_MAX_ID)
        return;
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 1024;
        e->v = xreallocarray(e->v, e->cap, sizeof *e->v);
    }
    e->bytes += k->bytes + 8;
    xent *x = &e->v[e->n++];
    x->h = k->h;
    x->cid = (uint32_t)coll << 31 | id << 1 | k->field;
}

/* e->v ordered by bucket (h & (nb - 1)): entries are moved into their
 * bucket's run in place (a counting sort that swaps, so no second array
 * of millions of entries) */
static void sort_by_bucket(sx_exact *e, unsigned nb)
{
    if (!e->n)
        return;
    /* at[h]: where bucket h starts, so bucket h is v[at[h]] .. v[at[h + 1] - 1];
     * next[h]: its first place not yet holding one of its entries */
    size_t *at = xcalloc((size_t)nb + 1, sizeof *at);
    size_t *next = xcalloc(nb, sizeof *next);
    for (size_t i = 0; i < e->n; i++)
        at[(e->v[i].h & (nb - 1)) + 1]++;
    for (unsigned h = 0; h < nb; h++)
        at[h + 1] += at[h];
    memcpy(next, at, nb * sizeof *next);
    xent *v = e->v;
    for (unsigned h = 0; h < nb; h++)
        while (next[h] < at[h + 1]) {
            unsigned k = v[next[h]].h & (nb - 1);
            if (k == h) {
                next[h]++;
            } else { /* to its own bucket, and take what was there */
                xent t = v[next[k]];
                v[next[k]++] = v[next[h]];
                v[next[h]] = t;
            }
        }
    free(next);
    free(at);
}

/* one bucket's entries with their keys made again: by key, then
 * collection, then number (qsort has no argument for the keys' text:
 * write_bucket sets it, on one thread) */
typedef struct kent {
    size_t key; /* offset in the bucket's text */
    uint32_t cid;
} kent;

static const char *sort_text;

static int cmp_kent(const void *a, const void *b)
{
    const kent *x = a, *y = b;
    int c = strcmp(sort_text + x->key, sort_text + y->key);
    if (c)
        return c;
    return x->cid < y->cid ? -1 : x->cid > y->cid;
}

typedef struct bucket {
    kent *k;
    size_t cap;
    buf text;
    sx_cps cps;
    uint32_t *ids;
    size_t ids_cap;
} bucket;

static void write_bucket(const sx_src *const src[2], const xent *v, size_t n, bucket *bk,
                         buf *b)
{
    if (n > bk->cap) {
        bk->cap = n;
        bk->k = xreallocarray(bk->k, n, sizeof *bk->k);
    }
    buf_reset(&bk->text);
    for (size_t i = 0; i < n; i++) {
        uint32_t cid = v[i].cid;
        char *t = sx_title(src[CID_COLL(cid)], CID_ID(cid), CID_FIELD(cid));
        bk->cps.n = 0;
        sx_norm(&bk->cps, t);
        free(t);
        buf *kb = &bk->text;
        buf_grow(kb, 4 * bk->cps.n + 1);
        bk->k[i].key = kb->len;
        bk->k[i].cid = cid & ~1u; /* a document once a key, whichever field */
        for (size_t j = 0; j < bk->cps.n; j++)
            kb->len += utf8_encode(bk->cps.v[j], kb->p + kb->len);
        kb->p[kb->len++] = 0;
        kb->p[kb->len] = 0;
    }
    sort_text = bk->text.p;
    if (n > 1)
        qsort(bk->k, n, sizeof *bk->k, cmp_kent);
    buf_putc(b, '{');
    for (size_t i = 0; i < n;) {
        /* one key: its d list, then its s list */
        const char *key = bk->text.p + bk->k[i].key;
        size_t j = i;
        while (j < n && strcmp(bk->text.p + bk->k[j].key, key) == 0)
            j++;
        if (b->len > 1)
            buf_putc(b, ',');
        buf_putc(b, '"');
        buf_puts(b, key);
        buf_puts(b, "\":\"");
        size_t mark = b->len;
        bool kept = true;
        for (int coll = 0; coll < 2; coll++) {
            size_t c = 0;
            for (size_t k = i; k < j; k++) {
                uint32_t cid = bk->k[k].cid;
                if (CID_COLL(cid) != (uint32_t)coll || (c && bk->ids[c - 1] == CID_ID(cid)))
                    continue;
                if (c == bk->ids_cap) {
                    bk->ids_cap = bk->ids_cap ? bk->ids_cap * 2 : 64;
                    bk->ids = xreallocarray(bk->ids, bk->ids_cap, sizeof *bk->ids);
                }
                bk->ids[c++] = CID_ID(cid);
            }
            if (c > SX_EXACT_MAX)
                kept = false;
            if (coll == 1 && c)
                buf_putc(b, '~');
            sx_put_ids(b, bk->ids, c);
        }
        if (!kept) {
            b->len = mark;
            buf_putc(b, '!');
        }
        buf_putc(b, '"');
        i = j;
    }
    buf_putc(b, '}');
}

unsigned sx_exact_write(sx_exact *e, site *s, const sx_src *const src[2])
{
    unsigned nb = 1;
    while (nb < 8192 && nb * (size_t)SX_EXACT_BYTES < e->bytes)
        nb *= 2;
    sort_by_bucket(e, nb);
    buf b;
    buf_init(&b);
    bucket bk;
    memset(&bk, 0, sizeof bk);
    buf_init(&bk.text);
    size_t i = 0;
    for (unsigned h = 0; h < nb; h++) {
        size_t j = i;
        while (j < e->n && (e->v[j].h & (nb - 1)) == h)
            j++;
        buf_reset(&b);
        write_bucket(src, e->v + i, j - i, &bk, &b);
        i = j;
        char *name = xasprintf("x/%u", h);
        sx_emit(s, name, b.p, b.len);
        free(name);
    }
    free(bk.k);
    free(bk.ids);
    free(bk.cps.v);
    buf_free(&bk.text);
    buf_free(&b);
    return nb;
}
