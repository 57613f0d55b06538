/*
 * manifest.c - reading and writing generation manifests (manifest.h).
 */
#include "manifest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "util.h"

#define MF_HEADER "gongshi-manifest 1\n"

struct manifest {
    char *file;        /* read again by manifest_each_unseen */
    mf_entry *v;
    uint8_t *seen;     /* one byte an entry: threads mark different ones */
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

/* the 96 bits of a path's hash that an entry keeps */
static void path_hash(const char *path, size_t n, uint64_t *lo, uint32_t *hi)
{
    XXH128_hash_t h = XXH3_128bits(path, n);
    *lo = h.low64;
    *hi = (uint32_t)(h.high64 >> 32);
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

/* one entry line, its newline removed (line[len] == 0): the entry and
 * where its path starts; false when it is not one */
static bool parse_line(char *line, size_t len, mf_entry *en, const char **path)
{
    char *q = line, *e;
    memset(en, 0, sizeof *en);
    if (!parse_hash(&q, &en->hash) || *q++ != ' ')
        return false;
    errno = 0;
    unsigned long long size = strtoull(q, &e, 10);
    if (e == q || *e != ' ' || *q == '-' || errno)
        return false;
    en->size = size < MF_SIZE_LARGE ? (uint32_t)size : MF_SIZE_LARGE;
    q = e + 1;
    if (!parse_hash(&q, &en->key) || *q++ != ' ' || !*q)
        return false;
    *path = q;
    path_hash(q, (size_t)(line + len - q), &en->path_lo, &en->path_hi);
    return true;
}

/*
 * The file is read a line at a time.  Its size bounds the count of
 * entries (a line gongshi writes has at least MIN_LINE bytes: a file of
 * shorter ones makes the array grow), so the array is allocated once at
 * that bound: the pages never written are never resident, and the array
 * is cut to its use at the end.
 */
#define MIN_LINE 39

static size_t slot_of(const manifest *mf, uint64_t lo)
{
    return (size_t)lo & (mf->cap - 1);
}

manifest *manifest_load(const char *file)
{
    FILE *f = fopen(file, "r");
    if (!f)
        return NULL;
    manifest *mf = xcalloc(1, sizeof *mf);
    mf->file = xstrdup(file);
    char *line = NULL;
    size_t line_cap = 0, cap = 16;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && st.st_size > 0)
        cap = (size_t)st.st_size / MIN_LINE + 1;
    mf->v = xreallocarray(NULL, cap, sizeof *mf->v);
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
        if (mf->n == cap) { /* the file grew while read */
            cap *= 2;
            mf->v = xreallocarray(mf->v, cap, sizeof *mf->v);
        }
        const char *path;
        if (!parse_line(line, (size_t)len, &mf->v[mf->n], &path))
            goto bad;
        mf->n++;
    }
    if (!closed || ferror(f))
        goto bad;
    fclose(f);
    f = NULL;
    free(line);
    line = NULL;
    mf->v = xreallocarray(mf->v, mf->n ? mf->n : 1, sizeof *mf->v);
    mf->seen = xcalloc(mf->n ? mf->n : 1, 1);
    /* at most 2/3 full */
    mf->cap = 16;
    while (mf->cap < mf->n + mf->n / 2 + 1)
        mf->cap *= 2;
    mf->slots = xcalloc(mf->cap, sizeof *mf->slots);
    for (size_t i = 0; i < mf->n; i++) {
        const mf_entry *en = &mf->v[i];
        size_t h = slot_of(mf, en->path_lo);
        while (mf->slots[h]) {
            const mf_entry *o = &mf->v[mf->slots[h] - 1];
            if (o->path_lo == en->path_lo && o->path_hi == en->path_hi)
                goto bad; /* a path twice (or two with one hash): not used */
            h = (h + 1) & (mf->cap - 1);
        }
        mf->slots[h] = (uint32_t)(i + 1);
    }
    return mf;
bad:
    if (f)
        fclose(f);
    free(line);
    manifest_free(mf);
    return NULL;
}

void manifest_free(manifest *mf)
{
    if (!mf)
        return;
    free(mf->file);
    free(mf->v);
    free(mf->seen);
    free(mf->slots);
    free(mf);
}

mf_entry *manifest_find(manifest *mf, const char *path)
{
    if (!mf || !mf->n)
        return NULL;
    uint64_t lo;
    uint32_t hi;
    path_hash(path, strlen(path), &lo, &hi);
    size_t h = slot_of(mf, lo);
    while (mf->slots[h]) {
        mf_entry *e = &mf->v[mf->slots[h] - 1];
        if (e->path_lo == lo && e->path_hi == hi)
            return e;
        h = (h + 1) & (mf->cap - 1);
    }
    return NULL;
}

size_t manifest_count(const manifest *mf) { return mf ? mf->n : 0; }
mf_entry *manifest_entry(manifest *mf, size_t i) { return &mf->v[i]; }

bool manifest_mark(manifest *mf, mf_entry *e)
{
    size_t i = (size_t)(e - mf->v);
    if (mf->seen[i])
        return false;
    mf->seen[i] = 1;
    return true;
}

bool manifest_each_unseen(manifest *mf, void (*fn)(const char *path, void *arg), void *arg)
{
    size_t left = 0;
    for (size_t i = 0; mf && i < mf->n; i++)
        left += !mf->seen[i];
    if (!left)
        return true; /* the usual night: the file is not read at all */
    FILE *f = fopen(mf->file, "r");
    if (!f)
        return false;
    char *line = NULL;
    size_t line_cap = 0, i = 0;
    ssize_t len = getline(&line, &line_cap, f);
    bool ok = len == (ssize_t)strlen(MF_HEADER) && strcmp(line, MF_HEADER) == 0;
    while (ok && left && (len = getline(&line, &line_cap, f)) > 0 && line[len - 1] == '\n') {
        line[--len] = 0;
        mf_entry en;
        const char *path;
        if (i == mf->n || !parse_line(line, (size_t)len, &en, &path) ||
            en.path_lo != mf->v[i].path_lo || en.path_hi != mf->v[i].path_hi) {
            ok = false;
            break;
        }
        if (!mf->seen[i]) {
            fn(path, arg);
            left--;
        }
        i++;
    }
    int e = ferror(f) ? EIO : EINVAL;
    free(line);
    fclose(f);
    if (left) {
        errno = e;
        return false;
    }
    return ok;
}

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
