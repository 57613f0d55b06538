/*
 * test_fsout.c - write-if-changed and stale-file removal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsout.h"
#include "t.h"
#include "util.h"

static char *tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *t = xasprintf("%s/gsfsXXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(t)) {
        free(t);
        return NULL;
    }
    return t;
}

static bool exists(const char *dir, const char *rel)
{
    char *p = xasprintf("%s/%s", dir, rel);
    struct stat st;
    bool r = stat(p, &st) == 0;
    free(p);
    return r;
}

static void rm_rf(const char *dir)
{
    /* only what the test made: two levels */
    const char *files[] = {"a.html", "d/x/y.html", "d/x/z.html", "stale.txt", NULL};
    for (int i = 0; files[i]; i++) {
        char *p = xasprintf("%s/%s", dir, files[i]);
        unlink(p);
        free(p);
    }
    char *p = xasprintf("%s/d/x", dir);
    rmdir(p);
    free(p);
    p = xasprintf("%s/d", dir);
    rmdir(p);
    free(p);
    rmdir(dir);
}

TEST(write_unchanged_prune)
{
    char *dir = tmpdir();
    CHECK(dir != NULL);
    if (!dir)
        return;
    fsout *o = fsout_open(dir);
    CHECK(fsout_write(o, "a.html", "hello", 5));
    CHECK(fsout_write(o, "d/x/y.html", "y", 1));
    CHECK(fsout_write(o, "d/x/z.html", "z", 1));
    CHECK(fsout_finish(o));
    CHECK_INT(fsout_files_written(o), 3);
    fsout_free(o);

    char *stale = xasprintf("%s/stale.txt", dir);
    FILE *f = fopen(stale, "w");
    fputs("old", f);
    fclose(f);
    free(stale);

    o = fsout_open(dir);
    CHECK(fsout_write(o, "a.html", "hello", 5)); /* same bytes */
    CHECK(fsout_write(o, "d/x/y.html", "Y2", 2)); /* changed */
    CHECK(!fsout_write(o, "a.html", "again", 5)); /* twice is a bug */
    CHECK(!fsout_finish(o));
    CHECK_INT(fsout_files_written(o), 1);
    CHECK_INT(fsout_files_unchanged(o), 1);
    fsout_free(o);

    o = fsout_open(dir);
    fsout_write(o, "a.html", "hello", 5);
    fsout_write(o, "d/x/y.html", "Y2", 2);
    CHECK(fsout_finish(o));
    CHECK_INT(fsout_files_removed(o), 2); /* z.html and stale.txt */
    CHECK(!exists(dir, "stale.txt"));
    CHECK(!exists(dir, "d/x/z.html"));
    CHECK(exists(dir, "d/x/y.html"));
    fsout_free(o);
    rm_rf(dir);
    free(dir);
}

TEST(fork_join)
{
    char *dir = tmpdir();
    CHECK(dir != NULL);
    if (!dir)
        return;
    fsout *o = fsout_open(dir);
    fsout *c = fsout_fork(o);
    CHECK(fsout_write(o, "a.html", "a", 1));
    CHECK(fsout_write(c, "idx/x.js", "x", 1));
    CHECK(fsout_write(c, "idx/y.js", "y", 1));
    fsout_join(o, c);
    CHECK(fsout_finish(o));
    CHECK_INT(fsout_files_written(o), 3);
    fsout_free(o);
    /* the child's files count as written this run: not pruned */
    o = fsout_open(dir);
    c = fsout_fork(o);
    CHECK(fsout_write(o, "a.html", "a", 1));
    CHECK(fsout_write(c, "idx/x.js", "x", 1));
    fsout_join(o, c);
    CHECK(fsout_finish(o));
    CHECK_INT(fsout_files_unchanged(o), 2);
    CHECK_INT(fsout_files_removed(o), 1);
    CHECK(exists(dir, "idx/x.js"));
    CHECK(!exists(dir, "idx/y.js"));
    fsout_free(o);
    /* the same path from both is an internal error */
    o = fsout_open(dir);
    c = fsout_fork(o);
    CHECK(fsout_write(o, "a.html", "a", 1));
    CHECK(fsout_write(c, "a.html", "a", 1));
    fsout_join(o, c);
    CHECK(!fsout_finish(o));
    fsout_free(o);
    char *p = xasprintf("%s/idx/x.js", dir);
    unlink(p);
    free(p);
    p = xasprintf("%s/idx", dir);
    rmdir(p);
    free(p);
    p = xasprintf("%s/a.html", dir);
    unlink(p);
    free(p);
    rmdir(dir);
    free(dir);
}

/* a file made in pieces: larger than one flush, read back whole; made
 * again with the same bytes it is kept (same inode, counted unchanged),
 * with other bytes replaced; no temporary file is left */
static bool stream_file(fsout *o, const char *rel, size_t n, char salt)
{
    fsout_stream *st = fsout_stream_open(o, rel);
    char line[64];
    for (size_t i = 0; i < n; i++) {
        int len = snprintf(line, sizeof line, "%c,%zu,记录\r\n", salt, i);
        fsout_stream_add(st, line, (size_t)len);
    }
    return fsout_stream_close(st);
}

TEST(stream)
{
    char *dir = tmpdir();
    if (!dir) {
        CHECK(0);
        return;
    }
    const size_t n = 200000; /* about 3.4 MB: several flushes */
    fsout *o = fsout_open(dir);
    CHECK(stream_file(o, "d/x/y.html", n, 'a'));
    CHECK(fsout_finish(o));
    CHECK_INT(fsout_files_written(o), 1);
    fsout_free(o);
    char *path = xasprintf("%s/d/x/y.html", dir);
    size_t len = 0;
    char *data = read_file(path, &len);
    CHECK(data != NULL);
    size_t lines = 0;
    for (size_t i = 0; data && i < len; i++)
        lines += data[i] == '\n';
    CHECK_INT(lines, n);
    CHECK(data && strncmp(data, "a,0,记录\r\n", strlen("a,0,记录\r\n")) == 0);
    free(data);
    struct stat st1, st2;
    CHECK(stat(path, &st1) == 0);
    o = fsout_open(dir);
    CHECK(stream_file(o, "d/x/y.html", n, 'a'));
    CHECK(fsout_finish(o));
    CHECK_INT(fsout_files_written(o), 0);
    CHECK_INT(fsout_files_unchanged(o), 1);
    fsout_free(o);
    CHECK(stat(path, &st2) == 0 && st2.st_ino == st1.st_ino);
    o = fsout_open(dir);
    CHECK(stream_file(o, "d/x/y.html", n, 'b'));
    CHECK(fsout_finish(o));
    CHECK_INT(fsout_files_written(o), 1);
    fsout_free(o);
    CHECK(stat(path, &st2) == 0 && st2.st_ino != st1.st_ino);
    /* nothing but the file in its folder */
    char *sub = xasprintf("%s/d/x", dir);
    size_t nn = 0;
    char **names = dir_names(sub, &nn);
    CHECK_INT(nn, 1);
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    free(names);
    free(sub);
    free(path);
    rm_rf(dir);
    free(dir);
}

static bool put(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

/* pieces of every size, some larger than a flush (passed straight to the
 * file) between small ones (buffered): the file holds them in order */
TEST(stream_large_pieces)
{
    char *dir = tmpdir();
    if (!dir) {
        CHECK(0);
        return;
    }
    const size_t big = (1u << 20) + 123;
    char *piece = xmalloc(big);
    buf want;
    buf_init(&want);
    fsout *o = fsout_open(dir);
    fsout_stream *st = fsout_stream_open(o, "a.html");
    /* straight, straight, buffered, buffered and flushed, buffered x2 */
    const size_t sizes[6] = {big, big, 1000, big, 2000, 3000};
    for (int i = 0; i < 6; i++) {
        size_t len = sizes[i];
        memset(piece, 'a' + i, len);
        fsout_stream_add(st, piece, len);
        buf_add(&want, piece, len);
    }
    CHECK(fsout_stream_close(st));
    CHECK(fsout_finish(o));
    fsout_free(o);
    char *path = xasprintf("%s/a.html", dir);
    size_t len = 0;
    char *data = read_file(path, &len);
    CHECK(data && len == want.len && memcmp(data, want.p, len) == 0);
    free(data);
    free(path);
    free(piece);
    buf_free(&want);
    rm_rf(dir);
    free(dir);
}

TEST(same_files)
{
    char *dir = tmpdir();
    if (!dir) {
        CHECK(0);
        return;
    }
    const size_t n = 150000; /* past the first chunk of the comparison */
    char *data = xmalloc(n);
    memset(data, 'x', n);
    char *a = xasprintf("%s/a.html", dir), *b = xasprintf("%s/stale.txt", dir);
    CHECK(put(a, data, n) && put(b, data, n));
    CHECK(fsout_same_files(a, b));
    data[n - 10] = 'y'; /* one byte in the last chunk */
    CHECK(put(b, data, n));
    CHECK(!fsout_same_files(a, b));
    CHECK(put(b, data, n - 1)); /* a different length */
    CHECK(!fsout_same_files(a, b));
    CHECK(!fsout_same_files(a, dir)); /* not a regular file */
    char *none = xasprintf("%s/none", dir);
    CHECK(!fsout_same_files(none, a) && !fsout_same_files(a, none));
    free(none);
    free(a);
    free(b);
    free(data);
    rm_rf(dir);
    free(dir);
}

int main(void)
{
    RUN(write_unchanged_prune);
    RUN(fork_join);
    RUN(stream);
    RUN(stream_large_pieces);
    RUN(same_files);
    return T_DONE();
}
