/*
 * site_search.h - what site_search.c (the index writer) and
 * site_search_docs.c (the searchable documents) share.  Not used outside
 * the site.
 *
 * The search index is static and read by templates/assets/search.js, so
 * the text normalisation, the term keys and the bucket hash here must stay
 * exactly in step with that file (docs/search.md describes the format).
 */
#ifndef GONGSHI_SITE_SEARCH_H
#define GONGSHI_SITE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "site_int.h"

/* separates fields in the normalised text; never a normalised character */
#define SX_SEP 1u
#define SX_MAXF 12

/* one searchable document, as the index and the result list see it */
typedef struct sx_doc {
    char kind;          /* 'd' decision, 'o' officer, 'p' power, 'g' policy page */
    char *url;          /* below the site root, ".html" included */
    char *f[SX_MAXF];   /* fields: [0] title, [1] subtitle, [2..] body; "" allowed */
    int nf;
    gs_date date;       /* GS_NODATE when none */
    int cat, agency;    /* -1 when none */
} sx_doc;

void sx_doc_free(sx_doc *d);

/* the two collections: "s" (officers, powers, policy pages) and "d"
 * (published decisions, oldest first) */
typedef struct sx_src {
    site *s;
    char name;              /* 's' or 'd' */
    size_t n;
    const uint32_t *order;  /* 'd': live decisions oldest first */
    size_t n_off, n_pow;    /* 's': officers, then powers, then pages */
} sx_src;

void sx_src_init(sx_src *src, site *s, char name);
/* fill d with document id of src (fields malloc'd) */
void sx_get(const sx_src *src, size_t id, sx_doc *d);
/* field 0 (title) or 1 (subtitle) of document id, as sx_get has it */
char *sx_title(const sx_src *src, size_t id, int field);

/* normalised code points of one field appended to v (see search.js:
 * full-width ASCII folded, A-Z lower-cased, space and punctuation dropped) */
typedef struct sx_cps {
    uint32_t *v;
    size_t n, cap;
} sx_cps;
void sx_norm(sx_cps *v, const char *s);
static inline void sx_cps_push(sx_cps *v, uint32_t c)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 256;
        v->v = xreallocarray(v->v, v->cap, sizeof *v->v);
    }
    v->v[v->n++] = c;
}

/* plain text of sanitised HTML (tags dropped, entities decoded) */
char *sx_html_text(const char *html);

/* ascending numbers as search.js decodeList reads them: the first and the
 * gaps, or "*", the first and a bitmap, whichever is shorter */
void sx_put_ids(buf *b, const uint32_t *ids, size_t n);
/* write idx/NAME.js calling gsIdx("NAME", data) */
void sx_emit(site *s, const char *name, const char *data, size_t len);

/* the exact-title table x/H.js: a normalised title or subtitle (文书号,
 * party, name, certificate number ...) to the documents that have it,
 * so a query naming one finds it at once (site_search_exact.c) */
typedef struct sx_exact sx_exact;
sx_exact *sx_exact_new(void);
/* a document's keys in the table (its title and subtitle): made with
 * sx_exact_keys, on any thread, then added with sx_exact_put (coll 0 = d,
 * 1 = s) */
typedef struct sx_xkey {
    uint32_t h, bytes; /* sx_hash_cps of the key, its UTF-8 length */
    uint8_t field;     /* 0 title, 1 subtitle */
} sx_xkey;
int sx_exact_keys(const sx_doc *d, sx_cps *scratch, sx_xkey k[2]);
void sx_exact_put(sx_exact *e, int coll, const sx_xkey *k, uint32_t id);
/* writes the table, taking the titles again from the two collections
 * (src[0] d, src[1] s); returns its number of buckets */
unsigned sx_exact_write(sx_exact *e, site *s, const sx_src *const src[2]);
void sx_exact_free(sx_exact *e);

/* term keys: a character (<< 21) or a bigram of a document's fields,
 * SX_TITLE when from its title fields; or an agency / category list */
#define SX_TITLE (1ull << 63)  /* title-field term */
#define SX_FILTER (1ull << 62) /* agency / category list: 'a' or 'c' << 32 | value */

/* documents made ready for the index in batches, on a thread of their
 * own or when taken (site_search_prep.c) */
#define SX_PREP_BATCH 256
typedef struct sx_batch {
    size_t first, n;                   /* documents first .. first + n - 1 */
    buf rec;                           /* their records, one after another */
    size_t rec_end[SX_PREP_BATCH];     /* where record i ends in rec */
    uint64_t *keys;                    /* their term keys, repeats included */
    size_t nkeys, capkeys;
    size_t key_end[SX_PREP_BATCH];     /* where document i's keys end */
    sx_xkey xk[SX_PREP_BATCH][2];      /* exact-table keys */
    int nxk[SX_PREP_BATCH];
    sx_cps cps;                        /* scratch */
} sx_batch;
typedef struct sx_prep sx_prep;
/* thread: prepare on a thread of its own (when there is more than one batch) */
sx_prep *sx_prep_start(const sx_src *src, bool thread);
size_t sx_prep_batches(const sx_prep *p);
/* batch k, in order; valid until sx_prep_done(p, k) */
const sx_batch *sx_prep_take(sx_prep *p, size_t k);
void sx_prep_done(sx_prep *p, size_t k);
void sx_prep_finish(sx_prep *p);

/* FNV-1a over a string's normalised code points (exact-table bucket) */
static inline uint32_t sx_hash_cps(const uint32_t *v, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ v[i]) * 16777619u;
    return h;
}

/* FNV-1a over the term's code points (not its title marker) */
static inline uint32_t sx_hash(uint32_t a, uint32_t b)
{
    uint32_t h = 2166136261u;
    h = (h ^ a) * 16777619u;
    if (b)
        h = (h ^ b) * 16777619u;
    return h;
}

#endif
