/*
 * digest.c - input digests and the state file of digests per output file.
 * See digest.h.
 */
#include "digest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pthread.h>
#include <unistd.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "fsout.h"

#define FORMAT_LINE "gongshi digests 1"

dg_hash dg_bytes(const void *p, size_t n)
{
    XXH128_hash_t h = XXH3_128bits(p, n);
    return (dg_hash){h.high64, h.low64};
}

/* ---- the build salt ---- */

static dg_hash salt;
static bool salt_ok;
static pthread_once_t salt_once = PTHREAD_ONCE_INIT; /* pthread_once: thread sanitizers know it */

static void feed_id(XXH3_state_t *st, const struct stat *s)
{
    uint64_t v[5] = {(uint64_t)s->st_size, (uint64_t)s->st_mtim.tv_sec,
                     (uint64_t)s->st_mtim.tv_nsec, (uint64_t)s->st_ino, (uint64_t)s->st_dev};
    XXH3_128bits_update(st, v, sizeof v);
}

/* the shared libraries mapped into this process, sorted (the map's order
 * follows addresses, which change from run to run); false when the map
 * cannot be read */
static bool mapped_libraries(char ***out, size_t *n)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return false;
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = 0;
        char *path = strchr(line, '/');
        if (!path || !strstr(path, ".so"))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            v = xreallocarray(v, cap, sizeof *v);
        }
        v[(*n)++] = xstrdup(path);
    }
    bool ok = !ferror(f);
    free(line);
    fclose(f);
    if (*n)
        qsort(v, *n, sizeof *v, cmp_strp);
    *out = v;
    return ok;
}

static void make_salt(void)
{
    XXH3_state_t st;
    XXH3_INITSTATE(&st);
    XXH3_128bits_reset(&st);
    FILE *f = fopen("/proc/self/exe", "rb");
    if (!f)
        return;
    enum { BLOCK = 1 << 20 };
    char *b = xmalloc(BLOCK);
    size_t n;
    while ((n = fread(b, 1, BLOCK, f)) > 0)
        XXH3_128bits_update(&st, b, n);
    bool ok = !ferror(f);
    fclose(f);
    free(b);
    char **libs = NULL;
    size_t nlibs = 0;
    ok = ok && mapped_libraries(&libs, &nlibs);
    for (size_t i = 0; i < nlibs; i++) {
        if (i && strcmp(libs[i], libs[i - 1]) == 0)
            continue;
        XXH3_128bits_update(&st, libs[i], strlen(libs[i]) + 1);
        struct stat s;
        if (stat(libs[i], &s) == 0)
            feed_id(&st, &s);
        else
            XXH3_128bits_update(&st, "absent", 6);
    }
    for (size_t i = 0; i < nlibs; i++)
        free(libs[i]);
    free(libs);
    if (!ok)
        return;
    XXH128_hash_t h = XXH3_128bits_digest(&st);
    salt = (dg_hash){h.high64, h.low64};
    salt_ok = true;
}

/* ---- digests ---- */

struct dg {
    XXH3_state_t st; /* 64-byte aligned */
    bool dead;
};

static dg *dg_alloc(void)
{
    dg *d = aligned_alloc(_Alignof(dg), sizeof *d);
    if (!d) {
        fprintf(stderr, "gongshi: out of memory (%zu bytes)\n", sizeof *d);
        exit(2);
    }
    return d;
}

dg *dg_new(const char *what)
{
    pthread_once(&salt_once, make_salt);
    dg *d = dg_alloc();
    XXH3_INITSTATE(&d->st);
    XXH3_128bits_reset(&d->st);
    d->dead = !salt_ok;
    dg_hash_add(d, salt);
    dg_str(d, what);
    return d;
}

dg *dg_copy(const dg *d)
{
    dg *c = dg_alloc();
    XXH3_copyState(&c->st, &d->st);
    c->dead = d->dead;
    return c;
}

void dg_free(dg *d)
{
    free(d);
}

void dg_add(dg *d, const void *p, size_t n)
{
    if (n)
        XXH3_128bits_update(&d->st, p, n);
}

void dg_u64(dg *d, uint64_t v)
{
    dg_add(d, &v, sizeof v);
}

void dg_i64(dg *d, int64_t v)
{
    dg_u64(d, (uint64_t)v);
}

void dg_str(dg *d, const char *s)
{
    if (!s) {
        dg_u64(d, UINT64_MAX);
        return;
    }
    size_t n = strlen(s);
    dg_u64(d, n);
    dg_add(d, s, n);
}

void dg_hash_add(dg *d, dg_hash h)
{
    dg_u64(d, h.hi);
    dg_u64(d, h.lo);
}

void dg_file_id(dg *d, const char *path)
{
    dg_str(d, path);
    struct stat s;
    if (!path || stat(path, &s) != 0) {
        dg_str(d, "absent");
        return;
    }
    dg_str(d, "file");
    feed_id(&d->st, &s);
}

static int cmp_input(const void *a, const void *b)
{
    const gs_input *x = *(const gs_input *const *)a, *y = *(const gs_input *const *)b;
    int c = strcmp(x->path, y->path);
    return c ? c : (x->kind > y->kind) - (x->kind < y->kind);
}

void dg_inputs(dg *d, const gs_model *m, unsigned mask)
{
    const gs_input **v = xcalloc(m->inputs.n ? m->inputs.n : 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < m->inputs.n; i++)
        if (m->inputs.v[i].kind < GS_IN_COUNT && (mask & (1u << m->inputs.v[i].kind)))
            v[n++] = &m->inputs.v[i];
    qsort(v, n, sizeof *v, cmp_input);
    dg_str(d, "inputs");
    dg_u64(d, n);
    for (size_t i = 0; i < n; i++) {
        dg_str(d, v[i]->path);
        dg_u64(d, v[i]->kind);
        dg_u64(d, v[i]->read);
        dg_u64(d, v[i]->hash[0]);
        dg_u64(d, v[i]->hash[1]);
    }
    free(v);
}

void dg_poison(dg *d)
{
    d->dead = true;
}

bool dg_final(const dg *d, dg_hash *out)
{
    if (d->dead)
        return false;
    XXH128_hash_t h = XXH3_128bits_digest(&d->st);
    *out = (dg_hash){h.high64, h.low64};
    return true;
}

/* ---- records ---- */

typedef GS_VEC(dg_rec) recs;

struct dg_records {
    char *path;    /* STATE/NAME; NULL: disabled */
    char *out_dir; /* as given */
    char *out_real;
    recs old;      /* sorted by rel */
    recs cur;
};

static void msgs_free(dg_msg *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].file);
        free(v[i].text);
    }
    free(v);
}

static void recs_clear(recs *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].rel);
        msgs_free(r->v[i].msgs, r->v[i].nmsgs);
    }
    free(r->v);
    memset(r, 0, sizeof *r);
}

static int cmp_rec(const void *a, const void *b)
{
    return strcmp(((const dg_rec *)a)->rel, ((const dg_rec *)b)->rel);
}

/* %HH for bytes that would break a space-separated line */
static void put_escaped(buf *b, const char *s)
{
    if (!*s) {
        buf_puts(b, "%");
        return;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= 0x20 || *p == '%' || *p == 0x7F)
            buf_printf(b, "%%%02X", *p);
        else
            buf_putc(b, (char)*p);
    }
}

/* the text of an escaped field (malloc'd); NULL when malformed */
static char *unescape(const char *s)
{
    if (strcmp(s, "%") == 0)
        return xstrdup("");
    size_t n = strlen(s);
    char *out = xmalloc(n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            *o++ = s[i];
            continue;
        }
        int h = -1;
        if (i + 2 < n) {
            int a = hex_value((unsigned char)s[i + 1]), c = hex_value((unsigned char)s[i + 2]);
            h = a >= 0 && c >= 0 ? a * 16 + c : -1;
        }
        if (h <= 0) { /* malformed, or a NUL */
            free(out);
            return NULL;
        }
        *o++ = (char)h;
        i += 2;
    }
    *o = 0;
    return out;
}

/* split line at spaces into at most max fields; returns how many */
static size_t split(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (*p && n < max) {
        f[n++] = p;
        char *sp = strchr(p, ' ');
        if (!sp)
            break;
        *sp = 0;
        p = sp + 1;
    }
    return n;
}

static bool parse_u64(const char *s, uint64_t *v, int base)
{
    if (!*s || *s == '-' || *s == '+' || *s == ' ')
        return false;
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, base);
    if (*end || errno)
        return false;
    *v = x;
    return true;
}

static bool parse_hash(const char *s, dg_hash *h)
{
    if (strlen(s) != 32)
        return false;
    char hi[17], lo[17];
    memcpy(hi, s, 16);
    hi[16] = 0;
    memcpy(lo, s + 16, 16);
    lo[16] = 0;
    for (const char *p = s; *p; p++)
        if (hex_value((unsigned char)*p) < 0)
            return false;
    return parse_u64(hi, &h->hi, 16) && parse_u64(lo, &h->lo, 16);
}

static bool add_msg(dg_rec *r, char *file, uint32_t line, char *text)
{
    dg_msg *v = xreallocarray(r->msgs, r->nmsgs + 1, sizeof *v);
    r->msgs = v;
    v[r->nmsgs++] = (dg_msg){file, line, text};
    return true;
}

/* parse the record file; false (records dropped) when malformed or not
 * about this output folder */
static bool parse(dg_records *r, FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int no = 0;
    bool ok = true;
    dg_rec *last = NULL;
    while (ok && (len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] != '\n') {
            ok = false; /* cut short */
            break;
        }
        line[--len] = 0;
        no++;
        if (no == 1) {
            ok = strcmp(line, FORMAT_LINE) == 0;
            continue;
        }
        char *fl[9];
        size_t nf = split(line, fl, 9);
        if (no == 2) {
            char *dir = nf == 2 && strcmp(fl[0], "out") == 0 ? unescape(fl[1]) : NULL;
            ok = dir && strcmp(dir, r->out_real) == 0;
            free(dir);
            continue;
        }
        if (nf == 8 && strcmp(fl[0], "f") == 0) {
            dg_rec rec = {0};
            uint64_t mt, ct;
            ok = parse_hash(fl[1], &rec.h) && parse_u64(fl[2], &rec.size, 10) &&
                 parse_u64(fl[3], &mt, 10) && parse_u64(fl[4], &ct, 10) &&
                 parse_u64(fl[5], &rec.ino, 10) && parse_u64(fl[6], &rec.dev, 10) &&
                 (rec.rel = unescape(fl[7])) != NULL;
            if (!ok) {
                free(rec.rel);
                break;
            }
            rec.mtime_ns = (int64_t)mt;
            rec.ctime_ns = (int64_t)ct;
            *GS_PUSH(r->old) = rec;
            last = &r->old.v[r->old.n - 1];
        } else if (last && nf == 4 && strcmp(fl[0], "w") == 0) {
            uint64_t ln;
            char *file = unescape(fl[2]), *text = unescape(fl[3]);
            ok = parse_u64(fl[1], &ln, 10) && ln <= UINT32_MAX && file && text;
            if (ok)
                add_msg(last, file, (uint32_t)ln, text);
            else {
                free(file);
                free(text);
            }
        } else if (last && nf == 2 && strcmp(fl[0], "n") == 0) {
            char *text = unescape(fl[1]);
            ok = text != NULL;
            if (ok)
                add_msg(last, NULL, 0, text);
        } else {
            ok = false;
        }
    }
    free(line);
    return ok && !ferror(f) && no >= 2;
}

dg_records *dg_load(const char *state_dir, const char *name, const char *out_dir)
{
    dg_records *r = xcalloc(1, sizeof *r);
    r->out_dir = xstrdup(out_dir);
    if (!state_dir)
        return r; /* disabled */
    r->path = xasprintf("%s/%s", state_dir, name);
    r->out_real = realpath(out_dir, NULL); /* NULL: not made yet, no records */
    FILE *f = r->out_real ? fopen(r->path, "r") : NULL;
    if (f) {
        if (!parse(r, f))
            recs_clear(&r->old);
        fclose(f);
    }
    if (r->old.n)
        qsort(r->old.v, r->old.n, sizeof *r->old.v, cmp_rec);
    for (size_t i = 1; i < r->old.n; i++)
        if (strcmp(r->old.v[i].rel, r->old.v[i - 1].rel) == 0) {
            recs_clear(&r->old); /* a file twice: not ours */
            break;
        }
    return r;
}

void dg_records_free(dg_records *r)
{
    if (!r)
        return;
    recs_clear(&r->old);
    recs_clear(&r->cur);
    free(r->path);
    free(r->out_dir);
    free(r->out_real);
    free(r);
}

static const dg_rec *find_old(const dg_records *r, const char *rel)
{
    if (!r->old.n)
        return NULL;
    dg_rec key = {.rel = (char *)rel};
    return bsearch(&key, r->old.v, r->old.n, sizeof *r->old.v, cmp_rec);
}

/* the identity of out_dir/rel: false when it is no regular file */
static bool identity(const dg_records *r, const char *rel, dg_rec *id)
{
    char *p = xasprintf("%s/%s", r->out_dir, rel);
    struct stat s;
    bool ok = lstat(p, &s) == 0 && S_ISREG(s.st_mode);
    free(p);
    if (!ok)
        return false;
    id->size = (uint64_t)s.st_size;
    id->ino = (uint64_t)s.st_ino;
    id->dev = (uint64_t)s.st_dev;
    id->mtime_ns = (int64_t)s.st_mtim.tv_sec * 1000000000 + s.st_mtim.tv_nsec;
    id->ctime_ns = (int64_t)s.st_ctim.tv_sec * 1000000000 + s.st_ctim.tv_nsec;
    return true;
}

const dg_rec *dg_kept(const dg_records *r, const char *rel, dg_hash h)
{
    if (!r->path)
        return NULL;
    const dg_rec *o = find_old(r, rel);
    dg_rec id;
    if (!o || o->h.hi != h.hi || o->h.lo != h.lo || !identity(r, rel, &id))
        return NULL;
    if (id.size != o->size || id.ino != o->ino || id.dev != o->dev ||
        id.mtime_ns != o->mtime_ns || id.ctime_ns != o->ctime_ns)
        return NULL;
    return o;
}

bool dg_put(dg_records *r, const char *rel, dg_hash h, const dg_msg *msgs, size_t nmsgs)
{
    if (!r->path)
        return true;
    dg_rec id = {0};
    if (!identity(r, rel, &id))
        return false;
    id.rel = xstrdup(rel);
    id.h = h;
    if (nmsgs) {
        id.msgs = xcalloc(nmsgs, sizeof *id.msgs);
        for (size_t i = 0; i < nmsgs; i++)
            id.msgs[i] = (dg_msg){msgs[i].file ? xstrdup(msgs[i].file) : NULL, msgs[i].line,
                                  xstrdup(msgs[i].text)};
        id.nmsgs = nmsgs;
    }
    *GS_PUSH(r->cur) = id;
    return true;
}

bool dg_carry(dg_records *r, const char *rel)
{
    const dg_rec *o = r->path ? find_old(r, rel) : NULL;
    if (!o)
        return false;
    dg_rec c = *o;
    c.rel = xstrdup(o->rel);
    c.msgs = NULL;
    c.nmsgs = 0;
    if (o->nmsgs) {
        c.msgs = xcalloc(o->nmsgs, sizeof *c.msgs);
        for (size_t i = 0; i < o->nmsgs; i++)
            c.msgs[i] = (dg_msg){o->msgs[i].file ? xstrdup(o->msgs[i].file) : NULL,
                                 o->msgs[i].line, xstrdup(o->msgs[i].text)};
        c.nmsgs = o->nmsgs;
    }
    *GS_PUSH(r->cur) = c;
    return true;
}

bool dg_save(dg_records *r)
{
    if (!r->path)
        return true;
    if (!r->out_real && !(r->out_real = realpath(r->out_dir, NULL))) {
        fprintf(stderr, "gongshi: cannot find %s: %s\n", r->out_dir, strerror(errno));
        unlink(r->path);
        return false;
    }
    if (r->cur.n)
        qsort(r->cur.v, r->cur.n, sizeof *r->cur.v, cmp_rec);
    buf b;
    buf_init(&b);
    buf_puts(&b, FORMAT_LINE "\nout ");
    put_escaped(&b, r->out_real);
    buf_putc(&b, '\n');
    for (size_t i = 0; i < r->cur.n; i++) {
        const dg_rec *c = &r->cur.v[i];
        if (i && strcmp(c->rel, r->cur.v[i - 1].rel) == 0)
            continue; /* recorded twice: the first stands */
        buf_printf(&b, "f %016llx%016llx %llu %lld %lld %llu %llu ", (unsigned long long)c->h.hi,
                   (unsigned long long)c->h.lo, (unsigned long long)c->size,
                   (long long)c->mtime_ns, (long long)c->ctime_ns, (unsigned long long)c->ino,
                   (unsigned long long)c->dev);
        put_escaped(&b, c->rel);
        buf_putc(&b, '\n');
        for (size_t k = 0; k < c->nmsgs; k++) {
            const dg_msg *m = &c->msgs[k];
            if (m->file) {
                buf_printf(&b, "w %u ", (unsigned)m->line);
                put_escaped(&b, m->file);
                buf_putc(&b, ' ');
            } else {
                buf_puts(&b, "n ");
            }
            put_escaped(&b, m->text);
            buf_putc(&b, '\n');
        }
    }
    char *tmp = xasprintf("%s.tmp%ld", r->path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    bool ok = f != NULL;
    if (f) {
        ok = fwrite(b.p, 1, b.len, f) == b.len;
        ok &= fclose(f) == 0;
    }
    ok = ok && rename(tmp, r->path) == 0;
    if (!ok) {
        fprintf(stderr, "gongshi: cannot write %s: %s\n", r->path, strerror(errno));
        unlink(tmp);
        unlink(r->path); /* better none than stale */
    }
    free(tmp);
    buf_free(&b);
    return ok;
}

void dg_discard(dg_records *r)
{
    if (r->path)
        unlink(r->path);
}
