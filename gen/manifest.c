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

/*
 * The file is read a line at a time and only the paths are kept (in one
 * block, mf->text): a million decisions make a manifest of 1.3 million
 * lines, 123 MB, read while the model and the ledger are in memory, and
 * holding the whole text beside the entries made from it cost 100 MB
 * there (the build's peak comes later, in the site phase).
 */
manifest *manifest_load(const char *file)
{
    FILE *f = fopen(file, "r");
    if (!f)
        return NULL;
    manifest *mf = xcalloc(1, sizeof *mf);
    char *line = NULL;
    size_t line_cap = 0, cap = 0;
    buf paths;
    buf_init(&paths);
    bool closed = false;
    ssize_t len = getline(&line, &line_cap, f);
    if (len != (ssize_t)strlen(MF_HEADER) || strcmp(line, MF_HEADER) != 0)
        goto bad;
    while ((len = getline(&line, &line_cap, f)) >= 0) {
        if (closed || line[len - 1] != '\n') /* getline returns at least 1 */
            goto bad; /* a line after the count, or a cut one */
        line[--len] = 0;
        if (strncmp(line, "end ", 4) == 0) {
            char *e;
            unsigned long long c = strtoull(line + 4, &e, 10);
            if (*e || c != mf->n)
                goto bad;
            closed = true;
            continue;
        }
        if (mf->n == cap) {
            cap = cap ? cap * 2 : 1024;
            mf->v = xreallocarray(mf->v, cap, sizeof *mf->v);
        }
        mf_entry *en = &mf->v[mf->n];
        memset(en, 0, sizeof *en);
        char *q = line, *e;
        if (!parse_hash(&q, &en->hash) || *q++ != ' ')
            goto bad;
        en->size = strtoull(q, &e, 10);
        if (e == q || *e != ' ')
            goto bad;
        q = e + 1;
        if (!parse_hash(&q, &en->key) || *q++ != ' ' || !*q)
            goto bad;
        /* the offset of the path for now: the block moves as it grows */
        en->path = (const char *)(uintptr_t)paths.len;
        buf_add(&paths, q, (size_t)(line + len - q) + 1);
        mf->n++;
    }
    if (!closed || ferror(f))
        goto bad;
    fclose(f);
    f = NULL;
    free(line);
    line = NULL;
    /* the block without its growth room */
    mf->text = paths.p ? xreallocarray(paths.p, paths.len + 1, 1) : NULL;
    paths.p = NULL;
    for (size_t i = 0; i < mf->n; i++)
        mf->v[i].path = mf->text + (uintptr_t)mf->v[i].path;
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
    if (f)
        fclose(f);
    free(line);
    buf_free(&paths);
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
