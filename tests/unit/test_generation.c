/*
 * test_generation.c - generation folders, hard links to unchanged files,
 * the atomic switch, abort and rollback.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* g's folder is where fsout_open writes, as a build registers it */
static void register_gen(generation *g)
{
    fsout_register_generation(&(fsout_gen){.root = gen_path(g), .live = gen_live(g),
                                            .base = gen_base_manifest(g),
                                            .manifest = gen_manifest(g)});
}

static bool build(const char *out, const char *a, const char *b, bool commit)
{
    generation *g = gen_begin(out, "site");
    if (!g)
        return false;
    register_gen(g);
    fsout *o = fsout_open(gen_path(g));
    bool ok = fsout_write(o, "index.html", a, strlen(a)) &&
              fsout_write(o, "d/x.html", b, strlen(b)) && fsout_finish(o);
    fsout_free(o);
    fsout_register_generation(NULL);
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

/* a build as cmd_build does it: generation mode with manifests; files
 * "k/<i>.html" for i < n with body "v<ver[i]>", keyed by ver[i] when keyed */
static bool gen_build(const char *out, const int *ver, size_t n, bool keyed, size_t *reused,
                      size_t *written)
{
    generation *g = gen_begin(out, "site");
    if (!g)
        return false;
    register_gen(g);
    fsout *o = fsout_open(gen_path(g));
    bool ok = o != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        char rel[32], body[32];
        snprintf(rel, sizeof rel, "k/%zu.html", i);
        snprintf(body, sizeof body, "v%d", ver[i]);
        fsout_key key = {(uint64_t)ver[i] + 1, 7};
        if (keyed && fsout_reuse(o, rel, &key))
            continue;
        ok = keyed ? fsout_write_key(o, rel, &key, body, strlen(body))
                   : fsout_write(o, rel, body, strlen(body));
    }
    ok = ok && fsout_finish(o);
    if (reused)
        *reused = o ? fsout_files_reused(o) : 0;
    if (written)
        *written = o ? fsout_files_written(o) : 0;
    fsout_free(o);
    fsout_register_generation(NULL);
    return ok && gen_commit(g);
}

static char *body_of(const char *out, size_t i)
{
    char *rel = xasprintf("site/k/%zu.html", i);
    char *s = slurp(out, rel);
    free(rel);
    return s;
}

TEST(recycled_generations)
{
    char *out = tmpdir();
    if (!out) {
        CHECK(0);
        return;
    }
    int ver[6] = {1, 1, 1, 1, 1, 1};
    size_t reused, written;
    /* nights 1-3: no spare yet; night 4 recycles night 1's folder */
    CHECK(gen_build(out, ver, 6, true, &reused, &written));
    CHECK_INT(written, 6);
    ver[0] = 2;
    CHECK(gen_build(out, ver, 6, true, &reused, &written));
    CHECK_INT(written, 1);
    CHECK_INT(reused, 0);
    ver[4] = 5;
    CHECK(gen_build(out, ver, 6, true, &reused, &written));
    CHECK_INT(written, 1);
    char *p0 = xasprintf("%s/.site-gen/000000", out);
    CHECK(access(p0, F_OK) == 0); /* the spare */
    ver[1] = 3;
    CHECK(gen_build(out, ver, 5, true, &reused, &written)); /* k/5 removed */
    CHECK(access(p0, F_OK) != 0);                          /* recycled */
    /* k/2 and k/3 kept from the spare without rendering; k/0 and k/4
     * (changed on nights 2 and 3) link to the live copies; k/1 is new */
    CHECK_INT(reused, 2);
    CHECK_INT(written, 1);
    for (size_t i = 0; i < 5; i++) {
        char *b = body_of(out, i);
        char want[16];
        snprintf(want, sizeof want, "v%d", ver[i]);
        CHECK_STR(b, want);
        free(b);
    }
    char *gone = xasprintf("%s/site/k/5.html", out);
    CHECK(access(gone, F_OK) != 0);
    /* the generation rolled back to is intact */
    CHECK_INT(gen_rollback(out, "site"), 0);
    char *b1 = body_of(out, 1), *b5 = body_of(out, 5);
    CHECK_STR(b1, "v1");
    CHECK_STR(b5, "v1");
    free(b1);
    free(b5);
    /* a damaged spare manifest costs a full build, never a wrong file */
    ver[2] = 9;
    CHECK(gen_build(out, ver, 6, true, NULL, NULL)); /* 4: spare 1, rollback 2 */
    char *mf = xasprintf("%s/.site-gen/000001.manifest", out);
    FILE *f = fopen(mf, "r+");
    CHECK(f != NULL);
    if (f) {
        fputs("garbage", f);
        fclose(f);
    }
    ver[3] = 4;
    CHECK(gen_build(out, ver, 6, true, &reused, NULL));
    CHECK_INT(reused, 0);
    for (size_t i = 0; i < 6; i++) {
        char *b = body_of(out, i);
        char want[16];
        snprintf(want, sizeof want, "v%d", ver[i]);
        CHECK_STR(b, want);
        free(b);
    }
    /* the live generation's files were never written through */
    char *old = xasprintf("%s/.site-gen/000004/k/3.html", out);
    char *s4 = read_file(old, NULL);
    CHECK_STR(s4, "v1");
    free(s4);
    free(old);
    CHECK(rm_tree(out));
    free(mf);
    free(gone);
    free(p0);
    free(out);
}

/* a page that changes every night: the recycled folder's copy, a file of
 * that folder alone, is rewritten in place (same inode, new bytes, the
 * live copy untouched); one that went back to the live copy's bytes is a
 * link to it */
TEST(rewritten_in_place)
{
    char *out = tmpdir();
    if (!out) {
        CHECK(0);
        return;
    }
    int ver[3] = {1, 1, 1};
    size_t written;
    for (int night = 1; night <= 3; night++) {
        ver[0] = night;
        CHECK(gen_build(out, ver, 3, false, NULL, &written));
    }
    /* night 4 recycles night 1's folder: its k/0 ("v1") is its own */
    char *spare = xasprintf("%s/.site-gen/000000", out);
    ino_t own = inode(spare, "k/0.html");
    CHECK(own != 0);
    /* held open, so that an unlinked inode could not be handed out again */
    char *k0 = xasprintf("%s/k/0.html", spare);
    int fd = open(k0, O_RDONLY);
    CHECK(fd >= 0);
    ver[0] = 4;
    ver[1] = 2;
    CHECK(gen_build(out, ver, 3, false, NULL, &written));
    CHECK_INT(written, 2);
    char *site = xasprintf("%s/site", out);
    CHECK(inode(site, "k/0.html") == own);
    struct stat st;
    CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_ino == own && st.st_nlink == 1);
    if (fd >= 0)
        close(fd);
    free(k0);
    char *b0 = body_of(out, 0), *b1 = body_of(out, 1);
    CHECK_STR(b0, "v4");
    CHECK_STR(b1, "v2");
    free(b0);
    free(b1);
    /* night 3's folder, live until now, still says v3 and v1 */
    char *prev = xasprintf("%s/.site-gen/000002", out);
    char *p0 = slurp(prev, "k/0.html"), *p1 = slurp(prev, "k/1.html");
    CHECK_STR(p0, "v3");
    CHECK_STR(p1, "v1");
    free(p0);
    free(p1);
    /* night 5 recycles night 2's folder: k/0 back to "v4", the live copy's
     * bytes, is a link to it (its mtime kept), not a write */
    ino_t live0 = inode(site, "k/0.html");
    CHECK(gen_build(out, ver, 3, false, NULL, &written));
    CHECK_INT(written, 0);
    CHECK(inode(site, "k/0.html") == live0);
    CHECK(rm_tree(out));
    free(prev);
    free(site);
    free(spare);
    free(out);
}

/* two forks write pieces of a generation; the pieces' manifest lines are
 * cut and added in the order chosen (not the order they were written),
 * and the manifest lists the files in that order */
TEST(manifest_in_piece_order)
{
    char *out = tmpdir();
    if (!out) {
        CHECK(0);
        return;
    }
    generation *g = gen_begin(out, "site");
    CHECK(g != NULL);
    if (!g)
        return;
    register_gen(g);
    fsout *o = fsout_open(gen_path(g));
    fsout *f[2] = {fsout_fork(o), fsout_fork(o)};
    mf_writer *piece[4];
    /* piece k holds p/k-0 and p/k-1; fork k % 2 writes it, 3 and 2 first */
    const int order[4] = {3, 2, 0, 1};
    for (int i = 0; i < 4; i++) {
        int k = order[i];
        for (int j = 0; j < 2; j++) {
            char rel[32];
            snprintf(rel, sizeof rel, "p/%d-%d.html", k, j);
            CHECK(fsout_write(f[k % 2], rel, rel, strlen(rel)));
        }
        piece[k] = fsout_manifest_cut(f[k % 2]);
        CHECK(piece[k] != NULL);
    }
    CHECK(fsout_write(o, "index.html", "i", 1));
    for (int k = 0; k < 4; k++)
        fsout_manifest_add(o, piece[k]);
    fsout_join(o, f[0]);
    fsout_join(o, f[1]);
    CHECK_INT(fsout_files_written(o), 9);
    CHECK(fsout_finish(o));
    fsout_free(o);
    fsout_register_generation(NULL);
    char *mfp = xstrdup(gen_manifest(g));
    CHECK(gen_commit(g));
    manifest *mf = manifest_load(mfp);
    CHECK(mf != NULL);
    if (mf) {
        CHECK_INT(manifest_count(mf), 9);
        const char *want[] = {"index.html", "p/0-0.html", "p/0-1.html", "p/1-0.html",
                              "p/1-1.html", "p/2-0.html", "p/2-1.html", "p/3-0.html",
                              "p/3-1.html"};
        for (size_t i = 0; i < 9 && i < manifest_count(mf); i++)
            CHECK(manifest_find(mf, want[i]) == manifest_entry(mf, i));
        manifest_free(mf);
    }
    free(mfp);
    CHECK(rm_tree(out));
    free(out);
}

int main(void)
{
    RUN(generations);
    RUN(recycled_generations);
    RUN(adopts_plain_folder);
    RUN(rewritten_in_place);
    RUN(manifest_in_piece_order);
    return T_DONE();
}
