/*
 * manifest.c - reading and writing generation manifests (manifest.h).
 */
#include "manifest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "util.h"

#define MF_HEADER "gongshi-manifest 1\n"

struct manifest {
    char *text;        /* the file while parsing, then the paths only */
    mf_entry *v;
    size_t n;
    uint32_t *slots;   /* open addressing: index + 1, 0 = empty */
    size_t cap;
};

mf_hash mf_hash_bytes(const void *p, size_t n)
{
    XXH128_hash_t h = XXH3_128bits(p, n);
    mf_hash r = {h.low64, h.high64};
    if (mf_hash_none(r)) /* zero means "none" */
        r.lo = 1;
    return r;
}

/* 32 hex digits (hi then lo) or "0"; advances *p past it */
static bool parse_hash(char **p, mf_hash *out)
{
    char *s = *p;
    if (s[0] == '0' && s[1] == ' ') {
        out->lo = out->hi = 0;
        *p = s + 1;
        return true;
    }
    uint64_t w[2] = {0, 0};
    for (int i = 0; i < 32; i++) {
        int v = hex_value((unsigned char)s[i]);
        if (v < 0)
            return false;
        w[i / 16] = w[i / 16] << 4 | (uint64_t)v;
    }
    out->hi = w[0];
    out->lo = w[1];
    *p = s + 32;
    return true;
}

static size_t slot_of(const manifest *mf, const char *path)
{
    return (size_t)hash_bytes(path, strlen(path)) & (mf->cap - 1);
}

manifest *manifest_load(const char *file)
{
    size_t len;
    char *text = read_file(file, &len);
    if (!text)
        return NULL;
    manifest *mf = xcalloc(1, sizeof *mf);
    mf->text = text;
    size_t hl = strlen(MF_HEADER);
    if (len < hl || memcmp(text, MF_HEADER, hl) != 0)
        goto bad;
    size_t cap = 0;
    char *p = text + hl, *endp = text + len;
    bool closed = false;
    while (p < endp) {
        char *nl = memchr(p, '\n', (size_t)(endp - p));
        if (!nl)
            goto bad;
        *nl = 0;
        if (strncmp(p, "end ", 4) == 0) {
            char *e;
            unsigned long long c = strtoull(p + 4, &e, 10);
            if (*e || c != mf->n || nl + 1 != endp)
                goto bad;
            closed = true;
            break;
        }
        if (mf->n == cap) {
            cap = cap ? cap * 2 : 1024;
            mf->v = xreallocarray(mf->v, cap, sizeof *mf->v);
        }
        mf_entry *en = &mf->v[mf->n];
        memset(en, 0, sizeof *en);
        char *q = p, *e;
        if (!parse_hash(&q, &en->hash) || *q++ != ' ')
            goto bad;
        en->size = strtoull(q, &e, 10);
        if (e == q || *e != ' ')
            goto bad;
        q = e + 1;
        if (!parse_hash(&q, &en->key) || *q++ != ' ' || !*q)
            goto bad;
        en->path = q;
        mf->n++;
        p = nl + 1;
    }
    if (!closed)
        goto bad;
    /* keep the paths only: the rest of the text (hashes in hex) goes */
    size_t total = 0;
    for (size_t i = 0; i < mf->n; i++)
        total += strlen(mf->v[i].path) + 1;
    char *paths = xmalloc(total ? total : 1), *q = paths;
    for (size_t i = 0; i < mf->n; i++) {
        size_t l = strlen(mf->v[i].path) + 1;
        memcpy(q, mf->v[i].path, l);
        mf->v[i].path = q;
        q += l;
    }
    free(mf->text);
    mf->text = paths;
    if (mf->n < cap)
        mf->v = xreallocarray(mf->v, mf->n ? mf->n : 1, sizeof *mf->v);
    mf->cap = 16;
    while (mf->cap < mf->n * 2 + 2)
        mf->cap *= 2;
    mf->slots = xcalloc(mf->cap, sizeof *mf->slots);
    for (size_t i = 0; i < mf->n; i++) {
        size_t h = slot_of(mf, mf->v[i].path);
        while (mf->slots[h]) {
            if (strcmp(mf->v[mf->slots[h] - 1].path, mf->v[i].path) == 0)
                goto bad; /* a path twice: not ours */
            h = (h + 1) & (mf->cap - 1);
        }
        mf->slots[h] = (uint32_t)(i + 1);
    }
    return mf;
bad:
    manifest_free(mf);
    return NULL;
}

void manifest_free(manifest *mf)
{
    if (!mf)
        return;
    free(mf->text);
    free(mf->v);
    free(mf->slots);
    free(mf);
}

mf_entry *manifest_find(manifest *mf, const char *path)
{
    if (!mf || !mf->n)
        return NULL;
    size_t h = slot_of(mf, path);
    while (mf->slots[h]) {
        mf_entry *e = &mf->v[mf->slots[h] - 1];
        if (strcmp(e->path, path) == 0)
            return e;
        h = (h + 1) & (mf->cap - 1);
    }
    return NULL;
}

size_t manifest_count(const manifest *mf) { return mf ? mf->n : 0; }
mf_entry *manifest_entry(manifest *mf, size_t i) { return &mf->v[i]; }

struct mf_writer {
    char *file, *tmp;
    FILE *f;
    buf b;
    size_t count;
    bool err;
};

/* 32 hex digits, high word first ("0": none); digits written in place,
 * since a site of 10^6 files has a line for each */
static void put_hash(buf *b, mf_hash h)
{
    static const char hex[] = "0123456789abcdef";
    if (mf_hash_none(h)) {
        buf_putc(b, '0');
        return;
    }
    buf_grow(b, 32);
    char *t = b->p + b->len;
    for (int i = 0; i < 16; i++) {
        t[i] = hex[(h.hi >> (60 - 4 * i)) & 15];
        t[16 + i] = hex[(h.lo >> (60 - 4 * i)) & 15];
    }
    b->len += 32;
    b->p[b->len] = 0;
}

mf_writer *manifest_create(const char *file)
{
    mf_writer *w = xcalloc(1, sizeof *w);
    w->file = xstrdup(file);
    w->tmp = xasprintf("%s.tmp", file);
    buf_init(&w->b);
    w->f = fopen(w->tmp, "wb");
    if (!w->f) {
        int e = errno;
        manifest_discard(w);
        errno = e;
        return NULL;
    }
    buf_puts(&w->b, MF_HEADER);
    return w;
}

mf_writer *manifest_create_mem(void)
{
    mf_writer *w = xcalloc(1, sizeof *w);
    buf_init(&w->b);
    return w;
}

static void flush(mf_writer *w)
{
    if (!w->f) /* in memory */
        return;
    if (w->b.len && fwrite(w->b.p, 1, w->b.len, w->f) != w->b.len)
        w->err = true;
    buf_reset(&w->b);
}

void manifest_add(mf_writer *w, mf_hash hash, uint64_t size, mf_hash key, const char *path)
{
    put_hash(&w->b, hash);
    buf_putc(&w->b, ' ');
    buf_add_int(&w->b, (long long)size);
    buf_putc(&w->b, ' ');
    put_hash(&w->b, key);
    buf_putc(&w->b, ' ');
    buf_puts(&w->b, path);
    buf_putc(&w->b, '\n');
    w->count++;
    if (w->b.len > 1 << 20)
        flush(w);
}

void manifest_append(mf_writer *dst, mf_writer *src)
{
    if (!src)
        return;
    if (dst) {
        buf_add(&dst->b, src->b.p ? src->b.p : "", src->b.len);
        dst->count += src->count;
        if (dst->b.len > 1 << 20)
            flush(dst);
    }
    manifest_discard(src);
}

bool manifest_commit(mf_writer *w)
{
    buf_printf(&w->b, "end %zu\n", w->count);
    flush(w);
    bool ok = !w->err;
    int e = errno;
    if (fclose(w->f) != 0)
        ok = false, e = errno;
    w->f = NULL;
    if (ok && rename(w->tmp, w->file) != 0)
        ok = false, e = errno;
    if (ok) {
        free(w->tmp);
        w->tmp = NULL;
    }
    manifest_discard(w);
    errno = e;
    return ok;
}

void manifest_discard(mf_writer *w)
{
    if (!w)
        return;
    if (w->f)
        fclose(w->f);
    if (w->tmp)
        unlink(w->tmp);
    free(w->tmp);
    free(w->file);
    buf_free(&w->b);
    free(w);
}
