/*
 * generation.c - generation folders and the atomic switch (generation.h).
 */
#include "generation.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsout.h"
#include "manifest.h"
#include "util.h"

struct generation {
    char *out, *name, *link, *gens, *path, *live;
    char *manifest;        /* NNNNNN.manifest, written by the build */
    char *base;            /* NNNNNN.base: what a recycled folder holds */
    manifest *base_mf;     /* the same, loaded */
    long number, live_number;
};

bool rm_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT;
    if (!S_ISDIR(st.st_mode))
        return unlink(path) == 0;
    DIR *d = opendir(path);
    if (!d)
        return false;
    bool ok = true;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *p = xasprintf("%s/%s", path, e->d_name);
        ok &= rm_tree(p);
        free(p);
    }
    closedir(d);
    return rmdir(path) == 0 && ok;
}

/* "NNNNNN" -> number, -1 when not a generation name */
static long parse_number(const char *s)
{
    if (strlen(s) != 6)
        return -1;
    long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v;
}

static char *gens_dir(const char *out, const char *name)
{
    return xasprintf("%s/.%s-gen", out, name);
}

long gen_live_number(const char *out, const char *name)
{
    char *link = xasprintf("%s/%s", out, name);
    char target[PATH_MAX];
    ssize_t n = readlink(link, target, sizeof target - 1);
    free(link);
    if (n <= 0)
        return -1;
    target[n] = 0;
    char *slash = strrchr(target, '/');
    return parse_number(slash ? slash + 1 : target);
}

/* numbers of the generations present, ascending; *n set */
static long *list_generations(const char *gens, size_t *n)
{
    *n = 0;
    long *v = NULL;
    DIR *d = opendir(gens);
    if (!d)
        return NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        long k = parse_number(e->d_name);
        if (k < 0)
            continue;
        v = xreallocarray(v, *n + 1, sizeof *v);
        v[(*n)++] = k;
    }
    closedir(d);
    for (size_t i = 1; i < *n; i++) /* insertion sort: a handful of entries */
        for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
            long t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return v;
}

static char *gen_dir_path(const char *gens, long k)
{
    return xasprintf("%s/%06ld", gens, k);
}

static char *gen_file_path(const char *gens, long k, const char *ext)
{
    return xasprintf("%s/%06ld.%s", gens, k, ext);
}

/* remove a generation folder and the files beside it */
static void drop_generation(const char *gens, long k)
{
    char *p = gen_dir_path(gens, k);
    rm_tree(p);
    free(p);
    static const char *const ext[] = {"manifest", "manifest.tmp", "base"};
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        p = gen_file_path(gens, k, ext[i]);
        unlink(p);
        free(p);
    }
}

/* remove files beside the generations that belong to none of keep0..2 */
static void drop_strays(const char *gens, long keep0, long keep1, long keep2)
{
    DIR *d = opendir(gens);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        char num[7];
        if (strlen(e->d_name) <= 7 || e->d_name[6] != '.')
            continue;
        memcpy(num, e->d_name, 6);
        num[6] = 0;
        long k = parse_number(num);
        if (k < 0 || k == keep0 || k == keep1 || k == keep2)
            continue;
        char *p = xasprintf("%s/%s", gens, e->d_name);
        unlink(p);
        free(p);
    }
    closedir(d);
}

/* make the new generation's folder from generation `from` (the spare, two
 * before the live one): its manifest becomes to's base, so files that did
 * not change stay where they are.  Without a manifest the folder's content
 * is unknown and it is removed instead.  false: nothing recycled */
static bool recycle(generation *g, long from)
{
    char *mf = gen_file_path(g->gens, from, "manifest");
    char *base = gen_file_path(g->gens, g->number, "base");
    char *dir = gen_dir_path(g->gens, from);
    /* loaded where it stays for the build (fsout reads it again) */
    manifest *m = rename(mf, base) == 0 ? manifest_load(base) : NULL;
    bool ok = m != NULL;
    if (ok && rename(dir, g->path) != 0)
        ok = false;
    if (!ok)
        unlink(base);
    if (ok) {
        g->base = base;
        g->base_mf = m;
    } else {
        free(base);
        manifest_free(m);
    }
    free(mf);
    free(dir);
    return ok;
}

/* make link point at .NAME-gen/NNNNNN with one rename */
static bool switch_link(const char *out, const char *name, long k)
{
    char *target = xasprintf(".%s-gen/%06ld", name, k);
    char *tmp = xasprintf("%s/.%s.new-link", out, name);
    char *link = xasprintf("%s/%s", out, name);
    unlink(tmp);
    bool ok = symlink(target, tmp) == 0 && rename(tmp, link) == 0;
    if (!ok) {
        fprintf(stderr, "gongshi: cannot switch %s to %s: %s\n", link, target, strerror(errno));
        unlink(tmp);
    }
    free(target);
    free(tmp);
    free(link);
    return ok;
}

generation *gen_begin(const char *out, const char *name)
{
    if (!mkdir_p(out)) {
        fprintf(stderr, "gongshi: cannot create %s: %s\n", out, strerror(errno));
        return NULL;
    }
    generation *g = xcalloc(1, sizeof *g);
    g->out = xstrdup(out);
    g->name = xstrdup(name);
    g->link = xasprintf("%s/%s", out, name);
    g->gens = gens_dir(out, name);
    if (!mkdir_p(g->gens)) {
        fprintf(stderr, "gongshi: cannot create %s: %s\n", g->gens, strerror(errno));
        gen_abort(g);
        return NULL;
    }
    struct stat st;
    if (lstat(g->link, &st) == 0 && S_ISDIR(st.st_mode)) {
        /* a plain folder: adopt it as generation 0 */
        char *zero = gen_dir_path(g->gens, 0);
        rm_tree(zero);
        if (rename(g->link, zero) != 0 || !switch_link(out, name, 0)) {
            fprintf(stderr, "gongshi: cannot adopt %s as a generation: %s\n", g->link,
                    strerror(errno));
            free(zero);
            gen_abort(g);
            return NULL;
        }
        free(zero);
    }
    g->live_number = gen_live_number(out, name);
    size_t n;
    long *all = list_generations(g->gens, &n);
    long max = g->live_number, prev = -1, spare = -1;
    for (size_t i = 0; i < n; i++) {
        /* generations newer than the live one are leftovers of a killed
         * build or of a rollback: never reuse their number's contents */
        if (all[i] > g->live_number)
            drop_generation(g->gens, all[i]);
        else if (all[i] < g->live_number) {
            spare = prev;
            prev = all[i];
        }
        if (all[i] > max)
            max = all[i];
    }
    /* kept: the live generation, the one before it (for rollback) and the
     * one before that (the spare, recycled now) */
    for (size_t i = 0; i < n; i++)
        if (all[i] < spare)
            drop_generation(g->gens, all[i]);
    free(all);
    g->number = max + 1;
    g->path = gen_dir_path(g->gens, g->number);
    g->manifest = gen_file_path(g->gens, g->number, "manifest");
    drop_strays(g->gens, g->live_number, prev, spare);
    if (g->live_number >= 0)
        g->live = gen_dir_path(g->gens, g->live_number);
    if (spare >= 0 && !recycle(g, spare))
        drop_generation(g->gens, spare);
    if (!g->base && mkdir(g->path, 0755) != 0) {
        fprintf(stderr, "gongshi: cannot create %s: %s\n", g->path, strerror(errno));
        gen_abort(g);
        return NULL;
    }
    return g;
}

const char *gen_path(const generation *g) { return g->path; }
const char *gen_manifest(const generation *g) { return g->manifest; }
manifest *gen_base_manifest(const generation *g) { return g->base_mf; }
const char *gen_live(const generation *g) { return g->live; }
long gen_number(const generation *g) { return g->number; }

static void gen_free(generation *g)
{
    free(g->out);
    free(g->name);
    free(g->link);
    free(g->gens);
    free(g->path);
    free(g->live);
    free(g->manifest);
    free(g->base);
    manifest_free(g->base_mf);
    free(g);
}

bool gen_commit(generation *g)
{
    bool ok = switch_link(g->out, g->name, g->number);
    if (ok) {
        /* keep the new one, the one it replaced (for rollback) and the one
         * before that (the next build's spare) */
        size_t n;
        long *all = list_generations(g->gens, &n);
        long keep = -1;
        for (size_t i = 0; i < n; i++)
            if (all[i] < g->live_number)
                keep = all[i];
        for (size_t i = 0; i < n; i++)
            if (all[i] != g->number && all[i] != g->live_number && all[i] != keep)
                drop_generation(g->gens, all[i]);
        free(all);
        if (g->base)
            unlink(g->base);
    } else {
        drop_generation(g->gens, g->number); /* never went live */
    }
    gen_free(g);
    return ok;
}

void gen_abort(generation *g)
{
    if (!g)
        return;
    if (g->path)
        drop_generation(g->gens, g->number);
    gen_free(g);
}

int gen_rollback(const char *out, const char *name)
{
    long live = gen_live_number(out, name);
    if (live < 0) {
        fprintf(stderr, "gongshi rollback: %s/%s is not a generation link: nothing to roll back\n",
                out, name);
        return 2;
    }
    char *gens = gens_dir(out, name);
    size_t n;
    long *all = list_generations(gens, &n);
    long prev = -1;
    for (size_t i = 0; i < n; i++)
        if (all[i] < live)
            prev = all[i];
    free(all);
    free(gens);
    if (prev < 0) {
        fprintf(stderr, "gongshi rollback: no generation before %06ld is kept\n", live);
        return 2;
    }
    if (!switch_link(out, name, prev))
        return 2;
    fprintf(stderr, "gongshi rollback: %s/%s now shows generation %06ld (was %06ld)\n", out,
            name, prev, live);
    return 0;
}
