/*
 * test_manifest.c - generation manifests: round trip, many entries, every
 * damaged form (truncated, garbage, a path twice, a wrong count) read as
 * absent, marking and the unmarked entries' paths read again from the
 * file, and sizes too large to keep.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "manifest.h"
#include "t.h"
#include "util.h"

static char *tmpfile_path(void)
{
    const char *base = getenv("TMPDIR");
    char *t = xasprintf("%s/gsmfXXXXXX", base && *base ? base : "/tmp");
    int fd = mkstemp(t);
    if (fd >= 0)
        close(fd);
    return t;
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

TEST(round_trip)
{
    char *p = tmpfile_path();
    mf_writer *w = manifest_create(p);
    CHECK(w != NULL);
    if (!w)
        return;
    mf_hash h1 = mf_hash_bytes("abc", 3), h2 = mf_hash_bytes("", 0);
    mf_hash k1 = {0x1234, 0xfedcba9876543210ull}, none = {0, 0};
    manifest_add(w, h1, 3, k1, "index.html");
    manifest_add(w, h2, 0, none, "d/2026/x 1.html");
    CHECK(manifest_commit(w));
    manifest *m = manifest_load(p);
    CHECK(m != NULL);
    CHECK_INT(manifest_count(m), 2);
    mf_entry *e = manifest_find(m, "index.html");
    CHECK(e && mf_hash_eq(e->hash, h1) && e->size == 3 && mf_hash_eq(e->key, k1));
    e = manifest_find(m, "d/2026/x 1.html");
    CHECK(e && mf_hash_eq(e->hash, h2) && e->size == 0 && mf_hash_none(e->key));
    CHECK(!mf_hash_none(h2)); /* the hash of nothing is not "none" */
    CHECK(manifest_find(m, "other.html") == NULL);
    manifest_free(m);
    unlink(p);
    free(p);
}

TEST(damaged_is_absent)
{
    static const char *const bad[] = {
        "",
        "gongshi-manifest 1\n",                          /* no end line */
        "gongshi-manifest 1\nend 1\n",                   /* wrong count */
        "gongshi-manifest 2\nend 0\n",                   /* unknown version */
        "gongshi-manifest 1\n00000000000000000000000000000001 3 0 a.html\n"
        "00000000000000000000000000000001 3 0 a.html\nend 2\n", /* a path twice */
        "gongshi-manifest 1\nzz 3 0 a.html\nend 1\n",    /* not hex */
        "gongshi-manifest 1\n00000000000000000000000000000001 3 0 a.html\nend 1\ntrailing\n",
        "gongshi-manifest 1\n00000000000000000000000000000001 x 0 a.html\nend 1\n",
        "gongshi-manifest 1\n00000000000000000000000000000001 3 0 \nend 1\n", /* no path */
        "gongshi-manifest 1\n00000000000000000000000000000001 3 0 a.html", /* truncated */
        "gongshi-manifest 1\n00000000000000000000000000000001 3 0 a.html\nend 1", /* cut end */
        "gongshi-manifest 1", /* cut header */
    };
    char *p = tmpfile_path();
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        put(p, bad[i]);
        manifest *m = manifest_load(p);
        if (m)
            printf("bad manifest %zu was accepted\n", i);
        CHECK(m == NULL);
        manifest_free(m);
    }
    put(p, "gongshi-manifest 1\nend 0\n");
    manifest *m = manifest_load(p);
    CHECK(m != NULL && manifest_count(m) == 0);
    manifest_free(m);
    unlink(p);
    CHECK(manifest_load(p) == NULL); /* missing */
    free(p);
}

TEST(many_entries)
{
    enum { N = 20000 };
    char *p = tmpfile_path();
    mf_writer *w = manifest_create(p);
    CHECK(w != NULL);
    if (!w)
        return;
    mf_hash none = {0, 0};
    for (unsigned i = 0; i < N; i++) {
        char path[64];
        snprintf(path, sizeof path, "d/%u/%08u-%s.html", i % 7, i, i % 2 ? "long-name" : "x");
        manifest_add(w, mf_hash_bytes(path, strlen(path)), i, none, path);
    }
    CHECK(manifest_commit(w));
    manifest *m = manifest_load(p);
    CHECK(m != NULL && manifest_count(m) == N);
    size_t found = 0;
    for (unsigned i = 0; m && i < N; i++) {
        char path[64];
        snprintf(path, sizeof path, "d/%u/%08u-%s.html", i % 7, i, i % 2 ? "long-name" : "x");
        mf_entry *e = manifest_find(m, path);
        if (e && e->size == i && mf_hash_eq(e->hash, mf_hash_bytes(path, strlen(path))))
            found++;
        if (m && manifest_entry(m, i) != e)
            found = 0; /* entries keep the file's order */
    }
    CHECK_INT(found, N);
    manifest_free(m);
    unlink(p);
    free(p);
}

struct collect {
    buf got;
    size_t calls;
};

static void collect(const char *path, void *arg)
{
    struct collect *c = arg;
    buf_puts(&c->got, path);
    buf_putc(&c->got, ';');
    c->calls++;
}

/* marking, the paths of what was not marked (read again from the file),
 * and a file changed under a loaded manifest */
TEST(unseen_paths)
{
    char *p = tmpfile_path();
    mf_writer *w = manifest_create(p);
    CHECK(w != NULL);
    if (!w)
        return;
    mf_hash none = {0, 0}, h = mf_hash_bytes("x", 1);
    static const char *const paths[] = {"a.html", "d/1/b c.html", "d/2/c.html", "e.html"};
    for (size_t i = 0; i < 4; i++)
        manifest_add(w, h, 1, none, paths[i]);
    CHECK(manifest_commit(w));
    manifest *m = manifest_load(p);
    CHECK(m != NULL);
    if (!m)
        return;
    mf_entry *a = manifest_find(m, "a.html"), *c = manifest_find(m, "d/2/c.html");
    CHECK(a && c && a != c);
    CHECK(manifest_mark(m, a));
    CHECK(!manifest_mark(m, a)); /* marked already */
    CHECK(manifest_mark(m, c));
    struct collect col = {{0}, 0};
    buf_init(&col.got);
    CHECK(manifest_each_unseen(m, collect, &col));
    CHECK_STR(col.got.p, "d/1/b c.html;e.html;");
    /* every entry marked: the file is not needed */
    CHECK(manifest_mark(m, manifest_find(m, "d/1/b c.html")));
    CHECK(manifest_mark(m, manifest_find(m, "e.html")));
    unlink(p);
    col.calls = 0;
    CHECK(manifest_each_unseen(m, collect, &col));
    CHECK_INT(col.calls, 0);
    manifest_free(m);
    /* the file replaced by another after loading: refused, not guessed */
    put(p, "gongshi-manifest 1\n00000000000000000000000000000001 3 0 a.html\nend 1\n");
    m = manifest_load(p);
    CHECK(m != NULL);
    put(p, "gongshi-manifest 1\n00000000000000000000000000000001 3 0 z.html\nend 1\n");
    col.calls = 0;
    errno = 0;
    CHECK(m && !manifest_each_unseen(m, collect, &col) && errno == EINVAL);
    CHECK_INT(col.calls, 0);
    unlink(p);
    errno = 0;
    CHECK(m && !manifest_each_unseen(m, collect, &col) && errno == ENOENT);
    manifest_free(m);
    buf_free(&col.got);
    free(p);
}

/* lines shorter than gongshi writes (a hash of "0"): more entries than
 * the file's size foresees, so the entries' array grows */
TEST(short_lines)
{
    enum { N = 300 };
    buf b;
    buf_init(&b);
    buf_puts(&b, "gongshi-manifest 1\n");
    for (int i = 0; i < N; i++)
        buf_printf(&b, "0 %d 0 %d\n", i, i);
    buf_printf(&b, "end %d\n", N);
    char *p = tmpfile_path();
    put(p, b.p);
    manifest *m = manifest_load(p);
    CHECK(m != NULL && manifest_count(m) == N);
    size_t found = 0;
    for (int i = 0; m && i < N; i++) {
        char path[16];
        snprintf(path, sizeof path, "%d", i);
        mf_entry *e = manifest_find(m, path);
        found += e == manifest_entry(m, (size_t)i) && mf_size_is(e, (uint64_t)i);
    }
    CHECK_INT(found, N);
    manifest_free(m);
    unlink(p);
    free(p);
    buf_free(&b);
}

/* sizes from 4 GiB up are kept as "large": never equal to a length */
TEST(large_sizes)
{
    char *p = tmpfile_path();
    put(p, "gongshi-manifest 1\n"
           "00000000000000000000000000000001 4294967294 0 a.html\n"
           "00000000000000000000000000000001 4294967295 0 b.html\n"
           "00000000000000000000000000000001 8589934593 0 c.html\n"
           "end 3\n");
    manifest *m = manifest_load(p);
    CHECK(m != NULL);
    if (m) {
        CHECK(mf_size_is(manifest_find(m, "a.html"), 4294967294ull));
        CHECK(!mf_size_is(manifest_find(m, "b.html"), 4294967295ull));
        CHECK(!mf_size_is(manifest_find(m, "c.html"), 8589934593ull));
        CHECK(!mf_size_is(manifest_find(m, "c.html"), 1));
    }
    manifest_free(m);
    put(p, "gongshi-manifest 1\n00000000000000000000000000000001 -1 0 a.html\nend 1\n");
    m = manifest_load(p);
    CHECK(m == NULL);
    manifest_free(m);
    unlink(p);
    free(p);
}

int main(void)
{
    RUN(round_trip);
    RUN(many_entries);
    RUN(damaged_is_absent);
    RUN(unseen_paths);
    RUN(large_sizes);
    RUN(short_lines);
    return T_DONE();
}
