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
 * largest part of the build's peak.  The text is made again when the
 * table is written (sx_title), a group of buckets at a time */
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

/*
 * The table is written one group of buckets at a time, each group about
 * GROUP_BYTES of key text.  A group's entries are picked out of e->v in
 * the order they were added, which is document order, so their titles
 * are read from the model front to back rather than at random (at a
 * million decisions random reads made most of the time spent making the
 * keys again); they are then put in bucket order, and each bucket in key
 * order.
 */
#define GROUP_BYTES (4u << 20)

typedef struct kent {
    size_t key;     /* offset of its text in the group's */
    uint32_t cid;   /* without the field: a document once a key */
    uint32_t b;     /* its bucket within the group */
} kent;

typedef struct group {
    kent *k, *by_b; /* in document order; in bucket order */
    size_t cap;
    size_t *at;     /* bucket b is by_b[at[b]] .. by_b[at[b + 1] - 1] */
    buf text;
    sx_cps cps;
    uint32_t *ids;
    size_t ids_cap;
} group;

/* by key, then collection, then number (qsort has no argument for the
 * keys' text: write_keys sets it, on one thread) */
static const char *sort_text;

static int cmp_kent(const void *a, const void *b)
{
    const kent *x = a, *y = b;
    int c = strcmp(sort_text + x->key, sort_text + y->key);
    if (c)
        return c;
    return x->cid < y->cid ? -1 : x->cid > y->cid;
}

/* the normalised text of an entry's key, appended to g->text */
static size_t make_key(group *g, const sx_src *const src[2], uint32_t cid)
{
    char *t = sx_title(src[CID_COLL(cid)], CID_ID(cid), CID_FIELD(cid));
    g->cps.n = 0;
    sx_norm(&g->cps, t);
    free(t);
    buf *kb = &g->text;
    buf_grow(kb, 4 * g->cps.n + 1);
    size_t off = kb->len;
    for (size_t j = 0; j < g->cps.n; j++)
        kb->len += utf8_encode(g->cps.v[j], kb->p + kb->len);
    kb->p[kb->len++] = 0;
    kb->p[kb->len] = 0;
    return off;
}

/* one bucket's file: {"KEY": "D~S", ...} */
static void write_keys(group *g, kent *k, size_t n, buf *b)
{
    const char *text = g->text.p;
    sort_text = text;
    if (n > 1)
        qsort(k, n, sizeof *k, cmp_kent);
    buf_putc(b, '{');
    for (size_t i = 0; i < n;) {
        /* one key: its d list, then its s list */
        const char *key = text + k[i].key;
        size_t j = i;
        while (j < n && strcmp(text + k[j].key, key) == 0)
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
            for (size_t m = i; m < j; m++) {
                uint32_t cid = k[m].cid;
                if (CID_COLL(cid) != (uint32_t)coll || (c && g->ids[c - 1] == CID_ID(cid)))
                    continue;
                if (c == g->ids_cap) {
                    g->ids_cap = g->ids_cap ? g->ids_cap * 2 : 64;
                    g->ids = xreallocarray(g->ids, g->ids_cap, sizeof *g->ids);
                }
                g->ids[c++] = CID_ID(cid);
            }
            if (c > SX_EXACT_MAX)
                kept = false;
            if (coll == 1 && c)
                buf_putc(b, '~');
            sx_put_ids(b, g->ids, c);
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
    unsigned nb = 1, ng = 1;
    while (nb < 8192 && nb * (size_t)SX_EXACT_BYTES < e->bytes)
        nb *= 2;
    while (ng < nb && ng * (size_t)GROUP_BYTES < e->bytes)
        ng *= 2;
    unsigned per = nb / ng; /* buckets a group */
    group g;
    memset(&g, 0, sizeof g);
    buf_init(&g.text);
    g.at = xcalloc((size_t)per + 1, sizeof *g.at);
    buf b;
    buf_init(&b);
    for (unsigned gi = 0; gi < ng; gi++) {
        size_t n = 0;
        buf_reset(&g.text);
        for (size_t i = 0; i < e->n; i++) {
            unsigned bk = e->v[i].h & (nb - 1);
            if (bk / per != gi)
                continue;
            if (n == g.cap) {
                g.cap = g.cap ? g.cap * 2 : 1024;
                g.k = xreallocarray(g.k, g.cap, sizeof *g.k);
                g.by_b = xreallocarray(g.by_b, g.cap, sizeof *g.by_b);
            }
            g.k[n].key = make_key(&g, src, e->v[i].cid);
            g.k[n].cid = e->v[i].cid & ~1u;
            g.k[n].b = bk % per;
            n++;
        }
        /* counting sort: at[h] is the end of bucket h, then, filled from
         * the back (document order kept), its start */
        memset(g.at, 0, (size_t)per * sizeof *g.at);
        for (size_t i = 0; i < n; i++)
            g.at[g.k[i].b]++;
        for (unsigned h = 1; h < per; h++)
            g.at[h] += g.at[h - 1];
        for (size_t i = n; i-- > 0;)
            g.by_b[--g.at[g.k[i].b]] = g.k[i];
        g.at[per] = n;
        for (unsigned h = 0; h < per; h++) {
            buf_reset(&b);
            write_keys(&g, g.by_b + g.at[h], g.at[h + 1] - g.at[h], &b);
            char *name = xasprintf("x/%u", gi * per + h);
            sx_emit(s, name, b.p, b.len);
            free(name);
        }
    }
    free(g.k);
    free(g.by_b);
    free(g.at);
    free(g.ids);
    free(g.cps.v);
    buf_free(&g.text);
    buf_free(&b);
    return nb;
}
