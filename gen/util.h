/*
 * util.h - small shared helpers: checked allocation, growable byte buffer,
 * arena allocator and string interning.
 *
 * Every allocation in gongshi goes through xmalloc/xcalloc/xrealloc/xstrdup,
 * which print a message and exit(2) when memory runs out, so callers never
 * see NULL.  The arena owns long-lived model data (freed in one call); the
 * intern table maps equal strings to one arena copy so that repeated values
 * (agency names, categories, townships) cost one pointer per row.
 */
#ifndef GONGSHI_UTIL_H
#define GONGSHI_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>

#if defined(__GNUC__)
#define GS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define GS_PRINTF(a, b)
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc for an array of n elements of size sz, overflow-checked */
void *xreallocarray(void *p, size_t n, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) GS_PRINTF(1, 2);
/* a, b and c joined (the paths made per decision: no format to parse) */
char *xstrcat3(const char *a, const char *b, const char *c);

/* growable byte buffer; p is always NUL-terminated once anything is added */
typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b);              /* len = 0, keeps memory */
void buf_grow(buf *b, size_t extra); /* ensure room for extra more bytes + NUL */
void buf_add(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
/* one byte; inline, since writers of pages and the search index call it
 * for most bytes they write */
static inline void buf_putc(buf *b, char c)
{
    if (b->cap - b->len < 2) /* cap >= len always; room for c and the NUL */
        buf_grow(b, 1);
    b->p[b->len++] = c;
    b->p[b->len] = 0;
}
void buf_printf(buf *b, const char *fmt, ...) GS_PRINTF(2, 3);
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* v in decimal, as "%lld" writes it, without printf's cost (manifests and
 * content hashes write one or more per file and per decision) */
void buf_add_int(buf *b, long long v);
/* append s with & < > " ' escaped for HTML text and attribute values */
void buf_add_html(buf *b, const char *s, size_t n);
char *buf_detach(buf *b); /* returns p (never NULL), resets b */

/* arena: bump allocator for data freed all at once */
typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t n); /* 8-byte aligned, zeroed */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);

/* intern table: one copy per distinct string, stored in an arena */
typedef struct intern {
    arena *a;
    const char **slots;
    size_t cap, count;
} intern;

void intern_init(intern *t, arena *a);
void intern_free(intern *t);
const char *intern_str(intern *t, const char *s, size_t n);

uint64_t hash_bytes(const void *p, size_t n);

/* seconds on the monotonic clock (wall time), and processor time used by
 * the calling thread and by all threads of the process, for timings and
 * progress */
double clock_wall(void);
double clock_thread_cpu(void);
double clock_process_cpu(void);
/* XXH3-128 of n bytes: out[0] the high, out[1] the low half */
void hash128(const void *p, size_t n, uint64_t out[2]);

/* UTF-8 helpers */
/* decode one code point at s (len bytes available); returns bytes used (>=1),
 * *cp = 0xFFFD on invalid input */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
size_t utf8_encode(uint32_t cp, char out[4]);
bool utf8_valid(const char *s, size_t len);
size_t utf8_count(const char *s); /* number of code points */

/* read a whole file; returns malloc'd buffer (NUL-terminated) or NULL with errno */
char *read_file(const char *path, size_t *len);
/* the names in folder dir, dot files left out, in strcmp order (malloc'd,
 * each name too; *n set); NULL with errno when the folder cannot be read */
char **dir_names(const char *dir, size_t *n);
/* the value of hex digit c (either case), -1 when c is none; inline, as
 * manifests and digest records hold millions of digits at 10^6 files */
static inline int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
/* qsort comparator for an array of char * (strcmp order) */
int cmp_strp(const void *a, const void *b);

#endif
