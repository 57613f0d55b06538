/*
 * util.c - checked allocation, byte buffers, arena, interning, UTF-8.
 */
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

static void oom(size_t n)
{
    fprintf(stderr, "gongshi: out of memory (%zu bytes)\n", n);
    exit(2);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

void *xreallocarray(void *p, size_t n, size_t sz)
{
    if (sz && n > SIZE_MAX / sz)
        oom(SIZE_MAX);
    return xrealloc(p, n * sz);
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *xstrcat3(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *p = xmalloc(la + lb + lc + 1);
    memcpy(p, a, la);
    memcpy(p + la, b, lb);
    memcpy(p + la + lb, c, lc + 1);
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    buf b;
    buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return buf_detach(&b);
}

/* ---- buf ---- */

void buf_init(buf *b)
{
    b->p = NULL;
    b->len = b->cap = 0;
}

void buf_free(buf *b)
{
    free(b->p);
    buf_init(b);
}

void buf_reset(buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = 0;
}

void buf_grow(buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        oom(SIZE_MAX);
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
    b->p[b->len] = 0;
}

void buf_add(buf *b, const void *p, size_t n)
{
    buf_grow(b, n);
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = 0;
}

void buf_puts(buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    buf_grow(b, (size_t)n);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_add_int(buf *b, long long v)
{
    char t[24];
    size_t i = sizeof t;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        t[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        t[--i] = '-';
    buf_add(b, t + i, sizeof t - i);
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_add_html(buf *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_add(b, s + start, i - start);
        buf_puts(b, rep);
        start = i + 1;
    }
    buf_add(b, s + start, n - start);
}

char *buf_detach(buf *b)
{
    char *p = b->p ? b->p : xstrdup("");
    buf_init(b);
    return p;
}

/* ---- arena ---- */

struct arena_block {
    arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK (1u << 20)

void arena_init(arena *a)
{
    a->head = NULL;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
}

void *arena_alloc(arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        arena_block *nb = xmalloc(sizeof *nb + size);
        nb->used = 0;
        nb->size = size;
        if (size == n && b) { /* big object: keep current block as head */
            nb->next = b->next;
            b->next = nb;
            memset(nb->data, 0, n);
            nb->used = n;
            return nb->data;
        }
        nb->next = b;
        a->head = b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

/* ---- intern ---- */

uint64_t hash_bytes(const void *p, size_t n)
{
    return XXH3_64bits(p, n);
}

void hash128(const void *p, size_t n, uint64_t out[2])
{
    XXH128_hash_t h = XXH3_128bits(p, n);
    out[0] = h.high64;
    out[1] = h.low64;
}

void intern_init(intern *t, arena *a)
{
    t->a = a;
    t->cap = 1024;
    t->count = 0;
    t->slots = xcalloc(t->cap, sizeof *t->slots);
}

void intern_free(intern *t)
{
    free(t->slots);
    t->slots = NULL;
    t->cap = t->count = 0;
}

static void intern_rehash(intern *t)
{
    size_t ncap = t->cap * 2;
    const char **ns = xcalloc(ncap, sizeof *ns);
    for (size_t i = 0; i < t->cap; i++) {
        const char *s = t->slots[i];
        if (!s)
            continue;
        size_t h = hash_bytes(s, strlen(s)) & (ncap - 1);
        while (ns[h])
            h = (h + 1) & (ncap - 1);
        ns[h] = s;
    }
    free(t->slots);
    t->slots = ns;
    t->cap = ncap;
}

const char *intern_str(intern *t, const char *s, size_t n)
{
    if (n == 0)
        return "";
    if ((t->count + 1) * 2 > t->cap)
        intern_rehash(t);
    size_t h = hash_bytes(s, n) & (t->cap - 1);
    while (t->slots[h]) {
        const char *c = t->slots[h];
        if (strncmp(c, s, n) == 0 && c[n] == 0)
            return c;
        h = (h + 1) & (t->cap - 1);
    }
    const char *c = arena_strndup(t->a, s, n);
    t->slots[h] = c;
    t->count++;
    return c;
}

/* ---- UTF-8 ---- */

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned c = u[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len < n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return n;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && (unsigned char)s[i] == 0xEF))
            return false;
        i += n;
    }
    return true;
}

size_t utf8_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf b;
    buf_init(&b);
    buf_grow(&b, 4096);
    for (;;) {
        buf_grow(&b, 65536);
        size_t n = fread(b.p + b.len, 1, b.cap - b.len - 1, f);
        b.len += n;
        if (n == 0)
            break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        buf_free(&b);
        errno = EIO;
        return NULL;
    }
    b.p[b.len] = 0;
    if (len)
        *len = b.len;
    return buf_detach(&b);
}

static double clock_of(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double clock_wall(void) { return clock_of(CLOCK_MONOTONIC); }
double clock_thread_cpu(void) { return clock_of(CLOCK_THREAD_CPUTIME_ID); }
double clock_process_cpu(void) { return clock_of(CLOCK_PROCESS_CPUTIME_ID); }

int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **dir_names(const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            names = xreallocarray(names, cap, sizeof *names);
        }
        names[(*n)++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (!names)
        names = xcalloc(1, sizeof *names);
    qsort(names, *n, sizeof *names, cmp_strp);
    return names;
}

