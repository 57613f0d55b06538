/*
 * site_search.c - the static search index (out/site/idx/) and the search
 * page (search/index.html), read by templates/assets/search.js.
 *
 * Terms are the single characters and character bigrams of a document's
 * normalised fields: its title fields (title and subtitle) give terms
 * marked "^", which rank first, its other fields plain terms.  A query
 * finds the documents that hold all its bigrams (or its one character);
 * search.js keeps those whose text really contains the query.
 *
 * A collection ("s": officers, powers, policy pages; "d": decisions,
 * numbered oldest first) has one list of document numbers per term.  A
 * list of at most SX_RARE numbers is kept whole in the directory shard of
 * the term's hash bucket (t/H.js).  A longer one is cut, from the oldest
 * end, into segments of about SX_SEG_BYTES (p/TERM/N.js); the directory
 * holds its count and the first number of each segment, so search.js can
 * read a frequent term newest first and stop when a page is full, and new
 * decisions change only a list's last segment.  The documents of an agency
 * or a category are lists of the same kind (p/aN, p/cN, named in
 * meta.js).  c/K/N.js hold the documents themselves: what a result shows
 * and what a hit is checked against.  Every file is a script calling
 * gsIdx(name, data), so the index works from file:// too.  docs/search.md
 * describes the formats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonmem.h"
#include "site_search.h"

#define SX_BLOCK 8192          /* decisions per document folder c/K/ */
#define SX_RARE 512            /* longest list kept whole in the directory */
#define SX_SEG_BYTES 4000      /* a segment closes at this encoded length */
#define SX_CHUNK 8             /* documents per chunk (d; at most, s) */
#define SX_CHUNK_BYTES 4096    /* s: a chunk closes past this size */
#define SX_SHARD_BYTES 6000    /* aim for directory shards of about this size */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

typedef struct vec32 {
    uint32_t *v;
    size_t n, cap;
} vec32;

static void vpush(vec32 *v, uint32_t x)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->v = xreallocarray(v->v, v->cap, sizeof *v->v);
    }
    v->v[v->n++] = x;
}

typedef struct term {
    uint64_t key;
    uint32_t count;
    uint32_t last;   /* last document number added */
    uint32_t base;   /* first document number of the open segment */
    uint32_t nseg;   /* segments written */
    buf open;        /* the open segment: first number, then gaps */
    vec32 bounds;    /* first number of each segment written */
} term;

typedef struct ix {
    site *s;
    sx_src src;
    char cname[2];
    size_t block;
    uint32_t rare;        /* UINT32_MAX: every list whole */
    size_t seg_bytes;
    term *t;
    size_t nt, capt;
    uint64_t *hkeys;
    uint32_t *hvals;      /* term index + 1; 0 = empty */
    size_t hcap;
    json_t *chunks;       /* 's': first document of each chunk */
    sx_exact *exact;
    vec32 ids;            /* scratch */
    buf out, tmp;
} ix;

/* ---- terms ---- */

static size_t hslot(uint64_t k, size_t cap)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return (size_t)k & (cap - 1);
}

static void map_grow(ix *x)
{
    size_t cap = x->hcap ? x->hcap * 2 : 4096;
    uint64_t *keys = xcalloc(cap, sizeof *keys);
    uint32_t *vals = xcalloc(cap, sizeof *vals);
    for (size_t i = 0; i < x->hcap; i++) {
        if (!x->hvals[i])
            continue;
        size_t j = hslot(x->hkeys[i], cap);
        while (vals[j])
            j = (j + 1) & (cap - 1);
        keys[j] = x->hkeys[i];
        vals[j] = x->hvals[i];
    }
    free(x->hkeys);
    free(x->hvals);
    x->hkeys = keys;
    x->hvals = vals;
    x->hcap = cap;
}

/* the term with key k, added when missing */
static term *term_get(ix *x, uint64_t k)
{
    if (x->nt * 2 >= x->hcap)
        map_grow(x);
    size_t j = hslot(k, x->hcap);
    while (x->hvals[j]) {
        if (x->hkeys[j] == k)
            return &x->t[x->hvals[j] - 1];
        j = (j + 1) & (x->hcap - 1);
    }
    if (x->nt == x->capt) {
        x->capt = x->capt ? x->capt * 2 : 1024;
        x->t = xreallocarray(x->t, x->capt, sizeof *x->t);
    }
    term *t = &x->t[x->nt];
    memset(t, 0, sizeof *t);
    buf_init(&t->open);
    t->key = k;
    x->hkeys[j] = k;
    x->hvals[j] = (uint32_t)++x->nt;
    return t;
}

static uint32_t key_bucket(uint64_t k, unsigned nb)
{
    uint32_t a = (uint32_t)(k >> 21) & 0x1FFFFF, b = (uint32_t)k & 0x1FFFFF;
    return sx_hash(a, b) & (nb - 1);
}

static void key_text(buf *b, uint64_t k)
{
    char u[4];
    if (k & SX_TITLE)
        buf_putc(b, '^');
    buf_add(b, u, utf8_encode((uint32_t)(k >> 21) & 0x1FFFFF, u));
    if (k & 0x1FFFFF)
        buf_add(b, u, utf8_encode((uint32_t)k & 0x1FFFFF, u));
}

/* folder of a segmented list: aN / cN for filters, else "t" for a title
 * term and the hex of the term's UTF-8 (search.js: termPath) */
static void key_path(buf *b, uint64_t k)
{
    if (k & SX_FILTER) {
        buf_printf(b, "%c%u", (char)(k >> 32 & 0xFF), (unsigned)(k & 0xFFFFFFFF));
        return;
    }
    buf t;
    buf_init(&t);
    key_text(&t, k);
    size_t i = 0;
    if (t.p[0] == '^') {
        buf_putc(b, 't');
        i = 1;
    }
    for (; i < t.len; i++)
        buf_printf(b, "%02x", (unsigned char)t.p[i]);
    buf_free(&t);
}

/* ---- lists (search.js: decodeList) ----
 * numbers ascending: the first, then the gaps, each in 5-bit groups low
 * first (a set bit 5 says more follow), or "*", the first number that way
 * and a bitmap (6 bits a character) from it, whichever is shorter */

static size_t vlq_len(uint32_t v)
{
    size_t n = 1;
    while (v >>= 5)
        n++;
    return n;
}

/* written in place: a posting is one to four bytes, and there are tens
 * of millions of them at 100k decisions */
static inline void vlq(buf *b, uint32_t v)
{
    if (b->cap - b->len < 8) /* 32 bits: at most 7 digits of 5, and the NUL */
        buf_grow(b, 7);
    char *t = b->p + b->len;
    size_t n = 0;
    do {
        unsigned d = v & 31;
        v >>= 5;
        t[n++] = b64[d | (v ? 32 : 0)];
    } while (v);
    b->len += n;
    b->p[b->len] = 0;
}

static void vlq_decode(const buf *b, vec32 *out)
{
    static signed char val[256];
    if (!val['B'])
        for (int i = 0; i < 64; i++)
            val[(unsigned char)b64[i]] = (signed char)i;
    out->n = 0;
    uint32_t v = 0, prev = 0;
    unsigned shift = 0;
    for (size_t i = 0; i < b->len; i++) {
        unsigned d = (unsigned)val[(unsigned char)b->p[i]];
        v |= (uint32_t)(d & 31) << shift;
        shift += 5;
        if (!(d & 32)) {
            prev = out->n ? prev + v : v;
            vpush(out, prev);
            v = 0;
            shift = 0;
        }
    }
}

/* the list in t->open as written: gaps, or a bitmap when shorter */
static void put_list(ix *x, buf *b, const term *t)
{
    size_t span = t->last - t->base + 1;
    size_t bl = 1 + vlq_len(t->base) + (span + 5) / 6;
    if (bl >= t->open.len) {
        buf_add(b, t->open.p, t->open.len);
        return;
    }
    vlq_decode(&t->open, &x->ids);
    sx_put_ids(b, x->ids.v, x->ids.n);
}

void sx_put_ids(buf *b, const uint32_t *ids, size_t n)
{
    if (!n)
        return;
    size_t vl = 0, span = ids[n - 1] - ids[0] + 1;
    for (size_t i = 0; i < n; i++)
        vl += vlq_len(i ? ids[i] - ids[i - 1] : ids[0]);
    if (1 + vlq_len(ids[0]) + (span + 5) / 6 >= vl) {
        for (size_t i = 0; i < n; i++)
            vlq(b, i ? ids[i] - ids[i - 1] : ids[0]);
        return;
    }
    buf_putc(b, '*');
    vlq(b, ids[0]);
    size_t j = 0;
    for (size_t c = 0; c < (span + 5) / 6; c++) {
        unsigned d = 0;
        while (j < n && ids[j] - ids[0] < (c + 1) * 6)
            d |= 1u << (ids[j++] - ids[0] - c * 6);
        buf_putc(b, b64[d]);
    }
}

/* ---- output ---- */

void sx_emit(site *s, const char *name, const char *data, size_t len)
{
    buf b;
    buf_init(&b);
    buf_printf(&b, "gsIdx(\"%s\",", name);
    buf_add(&b, data, len);
    buf_puts(&b, ");\n");
    char *rel = xasprintf("idx/%s.js", name);
    if (!fsout_write(s->out, rel, b.p, b.len))
        s->failed = true;
    free(rel);
    buf_free(&b);
}

static void emit(ix *x, const char *name, const char *data, size_t len)
{
    sx_emit(x->s, name, data, len);
}

static void flush_segment(ix *x, term *t)
{
    buf_reset(&x->tmp);
    buf_printf(&x->tmp, "%s/p/", x->cname);
    key_path(&x->tmp, t->key);
    buf_printf(&x->tmp, "/%u", t->nseg++);
    char *name = xstrdup(x->tmp.p);
    buf_reset(&x->tmp);
    buf_putc(&x->tmp, '"');
    put_list(x, &x->tmp, t);
    buf_putc(&x->tmp, '"');
    emit(x, name, x->tmp.p, x->tmp.len);
    free(name);
    vpush(&t->bounds, t->base);
    buf_reset(&t->open);
}

static void add_posting(ix *x, term *t, uint32_t id)
{
    if (t->count && t->last == id)
        return; /* a term seen twice in one document */
    if (!t->open.len)
        t->base = id;
    vlq(&t->open, t->open.len ? id - t->last : id);
    t->last = id;
    t->count++;
    bool segmented = (t->key & SX_FILTER) || t->count > x->rare;
    if (segmented && t->open.len >= x->seg_bytes)
        flush_segment(x, t);
}

/* directory value of a list: whole, or "#count:" and segment starts */
static bool dir_value(ix *x, buf *b, term *t)
{
    if (!(t->key & SX_FILTER) && t->count <= x->rare && !t->nseg) {
        put_list(x, b, t);
        return true;
    }
    if (t->open.len)
        flush_segment(x, t);
    buf_printf(b, "#%u:", t->count);
    for (size_t i = 0; i < t->bounds.n; i++)
        vlq(b, i ? t->bounds.v[i] - t->bounds.v[i - 1] : t->bounds.v[0]);
    return false;
}

static const term *sort_terms;
static unsigned sort_nb;

static int cmp_bucket_key(const void *a, const void *b)
{
    const term *x = &sort_terms[*(const uint32_t *)a], *y = &sort_terms[*(const uint32_t *)b];
    uint32_t bx = key_bucket(x->key, sort_nb), by = key_bucket(y->key, sort_nb);
    if (bx != by)
        return bx < by ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

static unsigned pow2_at_least(double v, unsigned lo, unsigned hi)
{
    unsigned p = lo;
    while (p < hi && p < v)
        p *= 2;
    return p;
}

/* the agency and category lists: their directory values go to meta */
static void filter_values(ix *x, json_t *o, size_t nag)
{
    json_t *fa = json_array(), *fc = json_array();
    for (size_t v = 0; v < nag; v++)
        json_array_append_new(fa, jstr(""));
    for (size_t v = 0; v < CAT_COUNT; v++)
        json_array_append_new(fc, jstr(""));
    buf d;
    buf_init(&d);
    for (size_t i = 0; i < x->nt; i++) {
        term *t = &x->t[i];
        if (!(t->key & SX_FILTER))
            continue;
        buf_reset(&d);
        dir_value(x, &d, t);
        unsigned v = (unsigned)(t->key & 0xFFFFFFFF);
        json_t *arr = (t->key >> 32 & 0xFF) == 'a' ? fa : fc;
        if (v < json_array_size(arr))
            json_array_set_new(arr, v, jstr(d.p));
    }
    buf_free(&d);
    json_object_set_new(o, "fa", fa);
    json_object_set_new(o, "fc", fc);
}

/* text terms of x sorted by (bucket, key) */
static uint32_t *dir_order(ix *x, unsigned ht, size_t *n)
{
    uint32_t *o = xcalloc(x->nt ? x->nt : 1, sizeof *o);
    size_t k = 0;
    for (size_t i = 0; i < x->nt; i++)
        if (!(x->t[i].key & SX_FILTER))
            o[k++] = (uint32_t)i;
    sort_terms = x->t;
    sort_nb = ht;
    qsort(o, k, sizeof *o, cmp_bucket_key);
    *n = k;
    return o;
}

static double dir_size(const ix *x)
{
    double size = 0;
    for (size_t i = 0; i < x->nt; i++)
        if (!(x->t[i].key & SX_FILTER))
            size += 12 + (x->t[i].count <= x->rare ? 2.5 * x->t[i].count : 8 + x->t[i].nseg * 3.0);
    return size;
}

/* the directory shards t/H.js of both collections: a term's value is its
 * value in d, then "~" and its value in s when s has it; returns H */
static unsigned write_directory(ix *d, ix *s)
{
    unsigned ht = pow2_at_least((dir_size(d) + dir_size(s)) / SX_SHARD_BYTES, 1, 8192);
    size_t nd, ns;
    uint32_t *od = dir_order(d, ht, &nd), *os = dir_order(s, ht, &ns);
    buf b;
    buf_init(&b);
    size_t i = 0, j = 0;
    for (unsigned h = 0; h < ht; h++) {
        buf_reset(&b);
        buf_putc(&b, '{');
        for (;;) {
            term *td = i < nd && key_bucket(d->t[od[i]].key, ht) == h ? &d->t[od[i]] : NULL;
            term *ts = j < ns && key_bucket(s->t[os[j]].key, ht) == h ? &s->t[os[j]] : NULL;
            if (!td && !ts)
                break;
            if (td && ts && td->key != ts->key) {
                if (td->key < ts->key)
                    ts = NULL;
                else
                    td = NULL;
            }
            if (b.len > 1)
                buf_putc(&b, ',');
            buf_putc(&b, '"');
            key_text(&b, td ? td->key : ts->key);
            buf_puts(&b, "\":\"");
            if (td) {
                dir_value(d, &b, td);
                i++;
            }
            if (ts) {
                buf_putc(&b, '~');
                dir_value(s, &b, ts);
                j++;
            }
            buf_putc(&b, '"');
        }
        buf_putc(&b, '}');
        char *name = xasprintf("t/%u", h);
        emit(d, name, b.p, b.len);
        free(name);
    }
    buf_free(&b);
    free(od);
    free(os);
    return ht;
}

/* one pass over the documents: chunks, terms, segments */
static void index_docs(ix *x)
{
    buf c;
    buf_init(&c);
    size_t n = x->src.n, chunk = 0, in_chunk = 0;
    int coll = x->cname[0] == 'd' ? 0 : 1;
    /* the officers, powers and pages are few: prepared on this thread */
    sx_prep *p = sx_prep_start(&x->src, coll == 0);
    for (size_t k = 0; k < sx_prep_batches(p); k++) {
        const sx_batch *b = sx_prep_take(p, k);
        for (size_t i = 0; i < b->n; i++) {
            size_t id = b->first + i;
            size_t blk = id / x->block;
            if (id % x->block == 0)
                chunk = 0;
            if (in_chunk == 0) {
                buf_putc(&c, '[');
                if (x->chunks)
                    json_array_append_new(x->chunks, json_integer((json_int_t)id));
            } else {
                buf_putc(&c, ',');
            }
            size_t r0 = i ? b->rec_end[i - 1] : 0;
            buf_add(&c, b->rec.p + r0, b->rec_end[i] - r0);
            in_chunk++;
            for (int j = 0; j < b->nxk[i]; j++)
                sx_exact_put(x->exact, coll, &b->xk[i][j], (uint32_t)id);
            for (size_t j = i ? b->key_end[i - 1] : 0; j < b->key_end[i]; j++)
                add_posting(x, term_get(x, b->keys[j]), (uint32_t)id);
            bool block_end = id + 1 == n || (id + 1) % x->block == 0;
            if (in_chunk == SX_CHUNK || (x->chunks && c.len >= SX_CHUNK_BYTES) || block_end) {
                buf_putc(&c, ']');
                char *name = xasprintf("%s/c/%zu/%zu", x->cname, blk, chunk++);
                emit(x, name, c.p, c.len);
                free(name);
                buf_reset(&c);
                in_chunk = 0;
            }
        }
        sx_prep_done(p, k);
    }
    sx_prep_finish(p);
    buf_free(&c);
}

static void ix_free(ix *x)
{
    for (size_t i = 0; i < x->nt; i++) {
        buf_free(&x->t[i].open);
        free(x->t[i].bounds.v);
    }
    free(x->t);
    free(x->hkeys);
    free(x->hvals);
    free(x->ids.v);
    buf_free(&x->out);
    buf_free(&x->tmp);
}

/* index collection name ('s' or 'd') into x */
static void index_collection(ix *x, site *s, char name, sx_exact *exact)
{
    memset(x, 0, sizeof *x);
    x->s = s;
    x->exact = exact;
    x->cname[0] = name;
    buf_init(&x->out);
    buf_init(&x->tmp);
    sx_src_init(&x->src, s, name);
    size_t n = x->src.n;
    if (name == 'd') {
        x->block = SX_BLOCK;
        x->rare = SX_RARE;
    } else {
        x->block = n ? n : 1; /* one folder; every text list whole */
        x->rare = UINT32_MAX;
        x->chunks = json_array();
    }
    x->seg_bytes = SX_SEG_BYTES;
    index_docs(x);
}

/* what search.js needs to know of a collection */
static json_t *collection_meta(ix *x)
{
    site *s = x->s;
    size_t n = x->src.n;
    json_t *o = json_object();
    jset_int(o, "n", (long long)n);
    jset_int(o, "B", (long long)x->block);
    filter_values(x, o, s->m->agencies.n);
    if (x->chunks) {
        json_object_set(o, "ch", x->chunks);
    } else {
        jset_int(o, "ch", SX_CHUNK);
    }
    if (x->cname[0] == 's') {
        json_t *ty = json_object();
        size_t a = x->src.n_off, b = a + x->src.n_pow;
        json_object_set_new(ty, "o", json_pack("[I,I]", (json_int_t)0, (json_int_t)a));
        json_object_set_new(ty, "p", json_pack("[I,I]", (json_int_t)a, (json_int_t)b));
        json_object_set_new(ty, "g", json_pack("[I,I]", (json_int_t)b, (json_int_t)n));
        json_object_set_new(o, "types", ty);
    } else {
        /* first document of each year: a year is a range of numbers */
        json_t *years = json_array();
        int last = 0;
        for (size_t id = 0; id < n; id++) {
            int y = date_year(s->m->decisions.v[x->src.order[id]].date);
            if (y != last)
                json_array_append_new(years, json_pack("[i,I]", y, (json_int_t)id));
            last = y;
        }
        json_object_set_new(o, "years", years);
    }
    return o;
}

void site_search_page(site *s, json_t *meta)
{
    const gs_model *m = s->m;
    json_t *ctx = json_object();
    json_t *cl = json_array(), *al = json_array(), *yl = json_array();
    for (int c = 0; c < CAT_COUNT; c++) {
        json_t *o = json_object();
        jset_int(o, "v", c);
        jset(o, "name", gs_category_names[c]);
        json_array_append_new(cl, o);
    }
    for (size_t a = 0; a < m->agencies.n; a++) {
        json_t *o = json_object();
        jset_int(o, "v", (long long)a);
        jset(o, "name", m->agencies.v[a].name);
        json_array_append_new(al, o);
    }
    json_t *years = json_object_get(json_object_get(meta, "d"), "years");
    for (size_t i = json_array_size(years); i > 0; i--) {
        json_t *o = json_object();
        jset_int(o, "v", json_integer_value(json_array_get(json_array_get(years, i - 1), 0)));
        json_array_append_new(yl, o);
    }
    json_object_set_new(ctx, "categories", cl);
    json_object_set_new(ctx, "agencies", al);
    json_object_set_new(ctx, "years", yl);
    site_page(s, "search/index.html", "search", "搜索", "search", crumbs_new(), ctx);
    json_decref(meta);
}

json_t *site_search_index(site *s)
{
    const gs_model *m = s->m;
    json_t *meta = json_object();
    jset_int(meta, "v", 2);
    jset(meta, "today", s->today_s);
    json_t *cats = json_array(), *ags = json_array();
    for (int c = 0; c < CAT_COUNT; c++)
        json_array_append_new(cats, jstr(gs_category_names[c]));
    for (size_t a = 0; a < m->agencies.n; a++)
        json_array_append_new(ags, jstr(m->agencies.v[a].name));
    json_object_set_new(meta, "cats", cats);
    json_object_set_new(meta, "agencies", ags);
    ix xs, xd;
    sx_exact *exact = sx_exact_new();
    index_collection(&xs, s, 's', exact);
    index_collection(&xd, s, 'd', exact);
    const sx_src *const src[2] = {&xd.src, &xs.src};
    jset_int(meta, "hx", sx_exact_write(exact, s, src));
    sx_exact_free(exact);
    json_object_set_new(meta, "s", collection_meta(&xs));
    json_object_set_new(meta, "d", collection_meta(&xd));
    jset_int(meta, "ht", write_directory(&xd, &xs));
    char *j = json_dumps(meta, JSON_COMPACT | JSON_SORT_KEYS);
    emit(&xd, "meta", j, strlen(j));
    jsonmem_free(j);
    json_decref(xs.chunks);
    ix_free(&xs);
    ix_free(&xd);
    return meta;
}
