/*
 * fsout.c - write-if-changed file output with stale-file removal: whole
 * files, files made in pieces (fsout_stream), generation folders with
 * their manifests, and forks for other threads.
 */
#include "fsout.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"
#include "util.h"

struct fsout {
    char *root, *prev;
    bool fresh; /* root is a new, not yet live generation: write in place */
    /* generation mode (fresh): what root already holds when it is a
     * recycled folder, and the manifest written by fsout_finish */
    manifest *base;
    mf_writer *mf_out;
    char *mf_path;
    /* set of written relative paths (open addressing) */
    char **paths;
    size_t cap, count;
    /* directories known to exist */
    char **dirs;
    size_t dcap, dcount;
    size_t written, unchanged, removed, reused;
    bool failed;
    /* one message for the first error of a writer and its forks */
    atomic_bool reported_store, *reported;
    buf tmp;
};

bool mkdir_p(const char *path)
{
    /* most folders' parents exist: one call, and the whole path only when
     * that fails */
    struct stat st;
    if (mkdir(path, 0755) == 0 ||
        (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return true;
    char *p = xstrdup(path);
    size_t n = strlen(p);
    for (size_t i = 1; i <= n; i++) {
        if (p[i] == '/' || p[i] == 0) {
            char c = p[i];
            p[i] = 0;
            if (mkdir(p, 0755) != 0 && errno != EEXIST) {
                int e = errno;
                free(p);
                errno = e;
                return false;
            }
            p[i] = c;
        }
    }
    free(p);
    if (stat(path, &st) != 0)
        return false;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return false;
    }
    return true;
}

static void fail(fsout *o, const char *what, const char *path);
static bool claim(fsout *o, const char *rel);

static char *reg_root, *reg_prev, *reg_manifest;
static manifest *reg_base;

void fsout_register_generation(const fsout_gen *g)
{
    free(reg_root);
    free(reg_prev);
    free(reg_manifest);
    reg_root = g && g->root ? xstrdup(g->root) : NULL;
    reg_prev = reg_root && g->live ? xstrdup(g->live) : NULL;
    reg_base = reg_root ? g->base : NULL;
    reg_manifest = reg_root && g->manifest ? xstrdup(g->manifest) : NULL;
}

fsout *fsout_open(const char *root)
{
    if (!mkdir_p(root)) {
        fprintf(stderr, "gongshi: cannot create %s: %s\n", root, strerror(errno));
        return NULL;
    }
    fsout *o = xcalloc(1, sizeof *o);
    atomic_init(&o->reported_store, false);
    o->reported = &o->reported_store;
    o->root = xstrdup(root);
    o->cap = 1024;
    o->paths = xcalloc(o->cap, sizeof *o->paths);
    o->dcap = 256;
    o->dirs = xcalloc(o->dcap, sizeof *o->dirs);
    buf_init(&o->tmp);
    if (reg_root && strcmp(reg_root, root) == 0) {
        /* a new generation: nothing is there yet and nobody reads it
         * before the switch, so files are written in place */
        o->fresh = true;
        if (reg_prev)
            o->prev = xstrdup(reg_prev);
        o->base = reg_base;
        if (reg_manifest) {
            o->mf_path = xstrdup(reg_manifest);
            if (!(o->mf_out = manifest_create(reg_manifest)))
                fail(o, "cannot write", reg_manifest);
        }
    }
    return o;
}

fsout *fsout_fork(fsout *o)
{
    fsout *c = xcalloc(1, sizeof *c);
    atomic_init(&c->reported_store, false);
    c->root = xstrdup(o->root);
    c->prev = o->prev ? xstrdup(o->prev) : NULL;
    c->fresh = o->fresh;
    c->base = o->base; /* shared: the two write disjoint paths */
    if (o->mf_out)
        c->mf_out = manifest_create_mem();
    c->cap = 1024;
    c->paths = xcalloc(c->cap, sizeof *c->paths);
    c->dcap = 256;
    c->dirs = xcalloc(c->dcap, sizeof *c->dirs);
    buf_init(&c->tmp);
    c->failed = o->failed;
    c->reported = o->reported;
    return c;
}

static bool set_add(char ***slots, size_t *cap, size_t *count, const char *s);

void fsout_join(fsout *o, fsout *c)
{
    if (!c)
        return;
    manifest_append(o->mf_out, c->mf_out);
    c->mf_out = NULL;
    for (size_t i = 0; i < c->cap; i++)
        if (c->paths[i])
            claim(o, c->paths[i]);
    o->written += c->written;
    o->unchanged += c->unchanged;
    o->reused += c->reused;
    o->failed |= c->failed;
    fsout_free(c);
}

mf_writer *fsout_manifest_cut(fsout *c)
{
    mf_writer *part = c->mf_out;
    if (part)
        c->mf_out = manifest_create_mem();
    return part;
}

void fsout_manifest_add(fsout *o, mf_writer *part)
{
    manifest_append(o->mf_out, part);
}

/* insert s into a string set; returns false when already present */
static bool set_add(char ***slots, size_t *cap, size_t *count, const char *s)
{
    if ((*count + 1) * 2 > *cap) {
        size_t ncap = *cap * 2;
        char **ns = xcalloc(ncap, sizeof *ns);
        for (size_t i = 0; i < *cap; i++) {
            if (!(*slots)[i])
                continue;
            size_t h = hash_bytes((*slots)[i], strlen((*slots)[i])) & (ncap - 1);
            while (ns[h])
                h = (h + 1) & (ncap - 1);
            ns[h] = (*slots)[i];
        }
        free(*slots);
        *slots = ns;
        *cap = ncap;
    }
    size_t h = hash_bytes(s, strlen(s)) & (*cap - 1);
    while ((*slots)[h]) {
        if (strcmp((*slots)[h], s) == 0)
            return false;
        h = (h + 1) & (*cap - 1);
    }
    (*slots)[h] = xstrdup(s);
    (*count)++;
    return true;
}

static bool set_has(char **slots, size_t cap, const char *s)
{
    size_t h = hash_bytes(s, strlen(s)) & (cap - 1);
    while (slots[h]) {
        if (strcmp(slots[h], s) == 0)
            return true;
        h = (h + 1) & (cap - 1);
    }
    return false;
}

/* the process's outputs: running, one has reported a failure, or
 * cancelled (fsout_cancel) */
enum { RUNNING, REPORTED, CANCELLED };
static atomic_int outputs_state = RUNNING;

/* rel is this run's to write: false (an internal error, reported) when
 * it was written already */
static bool claim(fsout *o, const char *rel)
{
    if (set_add(&o->paths, &o->cap, &o->count, rel))
        return true;
    fprintf(stderr, "gongshi: internal error: %s written twice\n", rel);
    o->failed = true;
    return false;
}

/* the first failure of a writer and its forks is told once: "what path:
 * why" */
static void fail_because(fsout *o, const char *what, const char *path, const char *why)
{
    int was = RUNNING;
    atomic_compare_exchange_strong(&outputs_state, &was, REPORTED);
    if (was != CANCELLED && !atomic_exchange(o->reported, true))
        fprintf(stderr, "gongshi: %s %s: %s\n", what, path, why);
    o->failed = true;
}

static void fail(fsout *o, const char *what, const char *path)
{
    fail_because(o, what, path, strerror(errno));
}

bool fsout_cancel(void)
{
    return atomic_exchange(&outputs_state, CANCELLED) == RUNNING;
}

static bool cancelled(fsout *o)
{
    if (atomic_load(&outputs_state) != CANCELLED)
        return false;
    o->failed = true;
    return true;
}

/* true when the file at path has exactly these bytes */
static bool same_bytes(const char *path, const void *data, size_t len)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
        return false;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    char chunk[65536];
    size_t off = 0;
    bool same = true;
    while (off < len) {
        ssize_t r = read(fd, chunk, sizeof chunk < len - off ? sizeof chunk : len - off);
        if (r <= 0 || memcmp(chunk, (const char *)data + off, (size_t)r) != 0) {
            same = false;
            break;
        }
        off += (size_t)r;
    }
    close(fd);
    return same;
}

static bool ensure_parent(fsout *o, const char *full)
{
    const char *slash = strrchr(full, '/');
    if (!slash)
        return true;
    char *dir = xstrndup(full, (size_t)(slash - full));
    bool ok = true;
    if (!set_has(o->dirs, o->dcap, dir)) {
        ok = mkdir_p(dir);
        if (ok)
            set_add(&o->dirs, &o->dcap, &o->dcount, dir);
    }
    free(dir);
    return ok;
}

/* link full to the previous generation's copy of rel when it has these
 * bytes; true when done */
static bool link_previous(fsout *o, const char *rel, const char *full,
                          const void *data, size_t len)
{
    if (!o->prev)
        return false;
    char *old = xasprintf("%s/%s", o->prev, rel);
    bool ok = same_bytes(old, data, len) && ensure_parent(o, full);
    if (ok) {
        unlink(full);
        ok = link(old, full) == 0;
    }
    free(old);
    return ok;
}

/* all len bytes of p to fd: 0, or the errno of the failure */
static int write_all(int fd, const void *p, size_t len)
{
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, (const char *)p + off, len - off);
        if (w > 0)
            off += (size_t)w;
        else if (w == 0)
            return EIO;
        else if (errno != EINTR)
            return errno;
    }
    return 0;
}

/* write data to full as a new file; false (reported) on error */
static bool write_new(fsout *o, const char *full, const void *data, size_t len)
{
    if (!ensure_parent(o, full)) {
        fail(o, "cannot create directory for", full);
        return false;
    }
    buf_reset(&o->tmp);
    if (o->fresh)
        buf_puts(&o->tmp, full);
    else
        buf_printf(&o->tmp, "%s.tmp%ld", full, (long)getpid());
    /* open/write/close: stdio would add a stat and split larger files */
    int fd = open(o->tmp.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        fail(o, "cannot write", o->tmp.p);
        return false;
    }
    int e = write_all(fd, data, len);
    if (close(fd) != 0 && !e)
        e = errno;
    if (e) {
        errno = e;
        fail(o, "cannot write", o->tmp.p);
        unlink(o->tmp.p);
        return false;
    }
    if (!o->fresh && rename(o->tmp.p, full) != 0) {
        fail(o, "cannot rename into", full);
        unlink(o->tmp.p);
        return false;
    }
    return true;
}

static void note(fsout *o, const char *rel, mf_hash h, uint64_t size, mf_hash key)
{
    if (o->mf_out)
        manifest_add(o->mf_out, h, size, key, rel);
}

/* generation mode: keep the recycled folder's copy, link the live one's,
 * or write the file anew */
static bool write_gen(fsout *o, const char *rel, const char *full, mf_hash key,
                      const void *data, size_t len)
{
    mf_hash h = mf_hash_bytes(data, len);
    mf_entry *e = manifest_find(o->base, rel);
    if (e && !manifest_mark(o->base, e)) {
        fprintf(stderr, "gongshi: internal error: %s written twice\n", rel);
        o->failed = true;
        return false;
    }
    if (e) {
        if (mf_size_is(e, len) && mf_hash_eq(e->hash, h)) {
            o->unchanged++;
            note(o, rel, h, len, key);
            return true;
        }
    }
    /* the live copy's bytes: a link to it (its mtime is kept) */
    if (link_previous(o, rel, full, data, len)) {
        o->unchanged++;
        note(o, rel, h, len, key);
        return true;
    }
    if (e) {
        /* new bytes.  A file of this folder alone is rewritten in place:
         * no inode freed and another allocated (on ext4 without a
         * journal, inodes freed in the last minute slow down every
         * allocation); one that is also another folder's (a link to the
         * live copy) is never written through */
        struct stat st;
        bool own = lstat(full, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1;
        if (!own && unlink(full) != 0 && errno != ENOENT) {
            fail(o, "cannot replace", full);
            return false;
        }
    }
    if (!write_new(o, full, data, len))
        return false;
    o->written++;
    note(o, rel, h, len, key);
    return true;
}

static bool write_keyed(fsout *o, const char *rel, mf_hash key, const void *data, size_t len)
{
    if (cancelled(o))
        return false;
    buf_reset(&o->tmp);
    buf_printf(&o->tmp, "%s/%s", o->root, rel);
    char *full = xstrdup(o->tmp.p);
    bool ok = false;
    if (o->fresh) {
        ok = write_gen(o, rel, full, key, data, len);
        free(full);
        return ok;
    }
    if (!claim(o, rel)) {
        free(full);
        return false;
    }
    if (same_bytes(full, data, len)) {
        o->unchanged++;
        ok = true;
    } else if (write_new(o, full, data, len)) {
        o->written++;
        ok = true;
    }
    free(full);
    return ok;
}

bool fsout_write(fsout *o, const char *rel, const void *data, size_t len)
{
    return write_keyed(o, rel, (mf_hash){0, 0}, data, len);
}

bool fsout_write_key(fsout *o, const char *rel, const fsout_key *key, const void *data,
                     size_t len)
{
    return write_keyed(o, rel, (mf_hash){key->lo, key->hi}, data, len);
}

/* ---- files made in pieces ---- */

struct fsout_stream {
    fsout *o;
    char *rel, *full, *tmp; /* tmp NULL: collected in b (generation mode) */
    int fd;
    int err_no; /* the first failure, 0 = none */
    buf b;
};

#define STREAM_FLUSH (1u << 20)

static void stream_flush(fsout_stream *st)
{
    if (!st->err_no)
        st->err_no = write_all(st->fd, st->b.p, st->b.len);
    buf_reset(&st->b);
}

fsout_stream *fsout_stream_open(fsout *o, const char *rel)
{
    fsout_stream *st = xcalloc(1, sizeof *st);
    st->o = o;
    st->rel = xstrdup(rel);
    st->fd = -1;
    buf_init(&st->b);
    if (o->fresh)
        return st; /* collected, then fsout_write */
    st->full = xasprintf("%s/%s", o->root, rel);
    st->tmp = xasprintf("%s.tmp%ld", st->full, (long)getpid());
    if (!ensure_parent(o, st->full) ||
        (st->fd = open(st->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) < 0)
        st->err_no = errno ? errno : EIO;
    return st;
}

void fsout_stream_add(fsout_stream *st, const void *data, size_t len)
{
    /* a piece as large as a flush (a caller's own buffer) goes straight
     * to the file, not through a second buffer */
    if (st->tmp && !st->b.len && len >= STREAM_FLUSH) {
        if (!st->err_no && st->fd >= 0)
            st->err_no = write_all(st->fd, data, len);
        return;
    }
    buf_add(&st->b, data, len);
    if (st->tmp && st->b.len >= STREAM_FLUSH)
        stream_flush(st);
}

bool fsout_same_files(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0 || !S_ISREG(sa.st_mode) ||
        !S_ISREG(sb.st_mode) || sa.st_size != sb.st_size)
        return false;
    int fa = open(a, O_RDONLY | O_CLOEXEC), fb = open(b, O_RDONLY | O_CLOEXEC);
    bool same = fa >= 0 && fb >= 0;
    char *ca = xmalloc(65536), *cb = xmalloc(65536);
    while (same) {
        ssize_t ra = read(fa, ca, 65536), rb = ra > 0 ? read(fb, cb, (size_t)ra) : 0;
        if (ra == 0) {
            same = read(fb, cb, 1) == 0; /* b ends there too */
            break;
        }
        same = ra > 0 && rb == ra && memcmp(ca, cb, (size_t)ra) == 0;
    }
    free(ca);
    free(cb);
    if (fa >= 0)
        close(fa);
    if (fb >= 0)
        close(fb);
    return same;
}

bool fsout_stream_close(fsout_stream *st)
{
    fsout *o = st->o;
    bool ok;
    if (!st->tmp) {
        ok = fsout_write(o, st->rel, st->b.p ? st->b.p : "", st->b.len);
    } else if (!claim(o, st->rel)) {
        ok = false;
    } else {
        if (st->fd >= 0) {
            stream_flush(st);
            if (close(st->fd) != 0 && !st->err_no)
                st->err_no = errno;
        }
        ok = !st->err_no;
        bool renamed = false;
        if (!ok) {
            errno = st->err_no;
            fail(o, "cannot write", st->tmp);
        } else if (fsout_same_files(st->full, st->tmp)) {
            o->unchanged++;
        } else if (!(renamed = rename(st->tmp, st->full) == 0)) {
            fail(o, "cannot rename into", st->full);
            ok = false;
        } else {
            o->written++;
        }
        if (!renamed)
            unlink(st->tmp);
    }
    buf_free(&st->b);
    free(st->rel);
    free(st->full);
    free(st->tmp);
    free(st);
    return ok;
}

bool fsout_reuse(fsout *o, const char *rel, const fsout_key *key)
{
    mf_hash k = {key->lo, key->hi};
    if (!o->fresh || mf_hash_none(k))
        return false;
    mf_entry *e = manifest_find(o->base, rel);
    if (!e || e->size == MF_SIZE_LARGE || !mf_hash_eq(e->key, k) || !manifest_mark(o->base, e))
        return false;
    o->unchanged++;
    o->reused++;
    note(o, rel, e->hash, e->size, k);
    return true;
}

bool fsout_copy(fsout *o, const char *rel, const char *src)
{
    size_t len;
    char *data = read_file(src, &len);
    if (!data) {
        fail(o, "cannot read", src);
        return false;
    }
    bool ok = fsout_write(o, rel, data, len);
    free(data);
    return ok;
}

void fsout_keep(fsout *o, const char *rel)
{
    if (o->fresh) { /* a generation keeps files with fsout_reuse */
        fprintf(stderr, "gongshi: internal error: fsout_keep(%s) in a generation\n", rel);
        o->failed = true;
    } else if (set_add(&o->paths, &o->cap, &o->count, rel)) {
        o->unchanged++;
    }
}

/* remove files under dir (relative prefix rel) not written this run;
 * returns true when dir ended up empty */
static bool prune(fsout *o, const char *dir, const char *rel)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool empty = true;
    struct dirent *e;
    buf path, r;
    buf_init(&path);
    buf_init(&r);
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        buf_reset(&path);
        buf_printf(&path, "%s/%s", dir, e->d_name);
        buf_reset(&r);
        if (*rel)
            buf_printf(&r, "%s/%s", rel, e->d_name);
        else
            buf_puts(&r, e->d_name);
        struct stat st;
        if (lstat(path.p, &st) != 0) {
            empty = false;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            char *sub = xstrdup(path.p), *subrel = xstrdup(r.p);
            if (prune(o, sub, subrel) && rmdir(sub) == 0)
                ;
            else
                empty = false;
            free(sub);
            free(subrel);
        } else if (!set_has(o->paths, o->cap, r.p)) {
            if (unlink(path.p) == 0)
                o->removed++;
            else
                empty = false;
        } else {
            empty = false;
        }
    }
    closedir(d);
    buf_free(&path);
    buf_free(&r);
    return empty;
}

struct unseen {
    fsout *o;
    buf full;
};

static void remove_unseen(const char *rel, void *arg)
{
    struct unseen *u = arg;
    fsout *o = u->o;
    buf_reset(&u->full);
    buf_printf(&u->full, "%s/%s", o->root, rel);
    char *p = u->full.p;
    if (unlink(p) == 0 || errno == ENOENT)
        o->removed++;
    else
        fail(o, "cannot remove", p);
    /* parents that are now empty go too (rmdir fails on the others) */
    for (char *sl = strrchr(p, '/'); sl && (size_t)(sl - p) > strlen(o->root);
         sl = strrchr(p, '/')) {
        *sl = 0;
        if (rmdir(p) != 0)
            break;
    }
}

/* generation mode: remove what the recycled folder held and this run did
 * not write, and folders left empty */
static void prune_base(fsout *o)
{
    struct unseen u = {o, {0}};
    buf_init(&u.full);
    if (!manifest_each_unseen(o->base, remove_unseen, &u))
        fail_because(o, "cannot read the manifest of", o->root,
                     errno == EINVAL ? "it changed during the build" : strerror(errno));
    buf_free(&u.full);
}

bool fsout_finish(fsout *o)
{
    if (o->failed || cancelled(o))
        return false;
    if (o->fresh) {
        prune_base(o);
        if (!o->failed && o->mf_out) {
            bool ok = manifest_commit(o->mf_out);
            o->mf_out = NULL;
            if (!ok)
                fail(o, "cannot write", o->mf_path);
        }
    } else {
        prune(o, o->root, "");
    }
    return !o->failed;
}

void fsout_free(fsout *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->cap; i++)
        free(o->paths[i]);
    for (size_t i = 0; i < o->dcap; i++)
        free(o->dirs[i]);
    free(o->paths);
    free(o->dirs);
    free(o->root);
    free(o->prev);
    manifest_discard(o->mf_out);
    free(o->mf_path);
    buf_free(&o->tmp);
    free(o);
}

size_t fsout_files_written(const fsout *o) { return o->written; }
size_t fsout_files_unchanged(const fsout *o) { return o->unchanged; }
size_t fsout_files_removed(const fsout *o) { return o->removed; }
size_t fsout_files_reused(const fsout *o) { return o->reused; }
