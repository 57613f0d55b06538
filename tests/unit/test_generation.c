/*
 * test_generation.c - generation folders, hard links to unchanged files,
 * the atomic switch, abort and rollback.
 */
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsout.h"
#include "generation.h"
#include "t.h"
#include "util.h"

static char *tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *t = xasprintf("%s/gsgenXXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(t)) {
        free(t);
        return NULL;
    }
    return t;
}

static char *slurp(const char *dir, const char *rel)
{
    char *p = xasprintf("%s/%s", dir, rel);
    char *s = read_file(p, NULL);
    free(p);
    return s;
}

static ino_t inode(const char *dir, const char *rel)
{
    char *p = xasprintf("%s/%s", dir, rel);
    struct stat st;
    ino_t r = stat(p, &st) == 0 ? st.st_ino : 0;
    free(p);
    return r;
}

static bool build(const char *out, const char *a, const char *b, bool commit)
{
    generation *g = gen_begin(out, "site");
    if (!g)
        return false;
    fsout *o = fsout_open(gen_path(g));
    fsout_set_previous(o, gen_live(g));
    bool ok = fsout_write(o, "index.html", a, strlen(a)) &&
              fsout_write(o, "d/x.html", b, strlen(b)) && fsout_finish(o);
    fsout_free(o);
    if (!commit) {
        gen_abort(g);
        return ok;
    }
    return ok && gen_commit(g);
}

TEST(generations)
{
    char *out = tmpdir();
    CHECK(out != NULL);
    if (!out)
        return;
    char *site = xasprintf("%s/site", out);
    CHECK(build(out, "one", "x1", true));
    CHECK_INT(gen_live_number(out, "site"), 0);
    char *s = slurp(site, "index.html");
    CHECK_STR(s, "one");
    free(s);
    ino_t x1 = inode(site, "d/x.html");

    CHECK(build(out, "two", "x1", true));
    CHECK_INT(gen_live_number(out, "site"), 1);
    s = slurp(site, "index.html");
    CHECK_STR(s, "two");
    free(s);
    /* unchanged bytes: the same file, linked */
    CHECK(inode(site, "d/x.html") == x1);

    /* an aborted build leaves the live site as it was */
    CHECK(build(out, "three", "x3", false));
    CHECK_INT(gen_live_number(out, "site"), 1);
    s = slurp(site, "index.html");
    CHECK_STR(s, "two");
    free(s);

    /* rollback shows the previous generation; nothing before that */
    CHECK_INT(gen_rollback(out, "site"), 0);
    s = slurp(site, "index.html");
    CHECK_STR(s, "one");
    free(s);
    CHECK_INT(gen_rollback(out, "site"), 2);

    /* the next build after a rollback gets a fresh number */
    CHECK(build(out, "four", "x4", true));
    CHECK_INT(gen_live_number(out, "site"), 2);
    CHECK(rm_tree(out));
    free(site);
    free(out);
}

TEST(adopts_plain_folder)
{
    char *out = tmpdir();
    if (!out) {
        CHECK(0);
        return;
    }
    char *site = xasprintf("%s/site", out);
    CHECK(mkdir_p(site));
    char *f = xasprintf("%s/old.html", site);
    FILE *fp = fopen(f, "w");
    fputs("old", fp);
    fclose(fp);
    CHECK(build(out, "new", "x", true));
    CHECK_INT(gen_live_number(out, "site"), 1);
    struct stat st;
    CHECK(lstat(site, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(access(f, F_OK) != 0); /* the old file is not in the new generation */
    CHECK_INT(gen_rollback(out, "site"), 0);
    CHECK(access(f, F_OK) == 0); /* generation 0 is the adopted folder */
    CHECK(rm_tree(out));
    free(f);
    free(site);
    free(out);
}

int main(void)
{
    RUN(generations);
    RUN(adopts_plain_folder);
    return T_DONE();
}
