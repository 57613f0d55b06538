/*
 * test_fsout.c - write-if-changed and stale-file removal.
 */
#include <stdlib.h>
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

int main(void)
{
    RUN(write_unchanged_prune);
    RUN(fork_join);
    return T_DONE();
}
