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

/* 16 bytes an entry, the keys one after another in one buffer: there are
 * two entries a decision, millions at province scale */
typedef struct xent {
    uint64_t key;  /* offset in keys of the normalised UTF-8, NUL-ended */
    uint32_t h;    /* sx_hash_cps of the key */
    uint32_t cid;  /* collection (0 d, 1 s) << 31 | document number */
} xent;

#define CID_COLL(c) ((c) >> 31)
#define CID_ID(c) ((c) & 0x7FFFFFFFu)

struct sx_exact {
    xent *v;
    size_t n, cap;
    buf keys;
    sx_cps cps;
    size_t bytes;
};

sx_exact *sx_exact_new(void)
{
    sx_exact *e = xcalloc(1, sizeof(sx_exact));
    buf_init(&e->keys);
    return e;
}

void sx_exact_free(sx_exact *e)
{
    buf_free(&e->keys);
    free(e->v);
    free(e->cps.v);
    free(e);
}

static const char *key_of(const sx_exact *e, const xent *x)
{
    return e->keys.p + x->key;
}

static void add_key(sx_exact *e, int coll, const char *text, uint32_t id)
{
    e->cps.n = 0;
    sx_norm(&e->cps, text);
    if (e->cps.n < 2)
        return;
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 1024;
        e->v = xreallocarray(e->v, e->cap, sizeof *e->v);
    }
    buf *b = &e->keys;
    buf_grow(b, 4 * e->cps.n + 1);
    size_t off = b->len;
    for (size_t i = 0; i < e->cps.n; i++)
        b->len += utf8_encode(e->cps.v[i], b->p + b->len);
    e->bytes += b->len - off + 8;
    b->p[b->len++] = 0;
    b->p[b->len] = 0;
    xent *x = &e->v[e->n++];
    x->key = off;
    x->h = sx_hash_cps(e->cps.v, e->cps.n);
    x->cid = (uint32_t)coll << 31 | (id & 0x7FFFFFFFu);
}

void sx_exact_add(sx_exact *e, int coll, const sx_doc *d, uint32_t id)
{
    if (d->nf > 0)
        add_key(e, coll, d->f[0], id);
    /* a subtitle equal to the title adds nothing */
    if (d->nf > 1 && strcmp(d->f[1], d->f[0]) != 0)
        add_key(e, coll, d->f[1], id);
}

/* within one bucket: by key, then collection, then number (qsort has no
 * argument for the keys: sort_by_bucket sets them, on one thread) */
static const sx_exact *sort_e;

static int cmp_xent(const void *a, const void *b)
{
    const xent *x = a, *y = b;
    int c = strcmp(key_of(sort_e, x), key_of(sort_e, y));
    if (c)
        return c;
    return x->cid < y->cid ? -1 : x->cid > y->cid;
}

/* e->v ordered by bucket (h & (nb - 1)), then cmp_xent: entries are
 * moved into their bucket's run first, in place (a counting sort that
 * swaps, so no second array of millions of entries), and each qsort
 * then sees one bucket of a few dozen entries, not all of them */
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
    sort_e = e;
    for (unsigned h = 0; h < nb; h++)
        if (at[h + 1] - at[h] > 1)
            qsort(v + at[h], at[h + 1] - at[h], sizeof *v, cmp_xent);
    free(next);
    free(at);
}

unsigned sx_exact_write(sx_exact *e, site *s)
{
    unsigned nb = 1;
    while (nb < 8192 && nb * (size_t)SX_EXACT_BYTES < e->bytes)
        nb *= 2;
    sort_by_bucket(e, nb);
    buf b;
    buf_init(&b);
    uint32_t *ids = NULL;
    size_t cap = 0, i = 0;
    for (unsigned h = 0; h < nb; h++) {
        buf_reset(&b);
        buf_putc(&b, '{');
        while (i < e->n && (e->v[i].h & (nb - 1)) == h) {
            /* one key: its d list, then its s list */
            size_t j = i;
            const char *key = key_of(e, &e->v[i]);
            while (j < e->n && (e->v[j].h & (nb - 1)) == h && strcmp(key_of(e, &e->v[j]), key) == 0)
                j++;
            if (b.len > 1)
                buf_putc(&b, ',');
            buf_putc(&b, '"');
            buf_puts(&b, key);
            buf_puts(&b, "\":\"");
            size_t mark = b.len;
            bool kept = true;
            for (int coll = 0; coll < 2; coll++) {
                size_t n = 0;
                for (size_t k = i; k < j; k++) {
                    uint32_t cid = e->v[k].cid;
                    if (CID_COLL(cid) != (uint32_t)coll || (n && ids[n - 1] == CID_ID(cid)))
                        continue;
                    if (n == cap) {
                        cap = cap ? cap * 2 : 64;
                        ids = xreallocarray(ids, cap, sizeof *ids);
                    }
                    ids[n++] = CID_ID(cid);
                }
                if (n > SX_EXACT_MAX)
                    kept = false;
                if (coll == 1 && n)
                    buf_putc(&b, '~');
                sx_put_ids(&b, ids, n);
            }
            if (!kept) {
                b.len = mark;
                buf_putc(&b, '!');
            }
            buf_putc(&b, '"');
            i = j;
        }
        buf_putc(&b, '}');
        char *name = xasprintf("x/%u", h);
        sx_emit(s, name, b.p, b.len);
        free(name);
    }
    free(ids);
    buf_free(&b);
    return nb;
}
