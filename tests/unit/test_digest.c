/*
 * test_digest.c - input digests and the records of digests per output file
 * (digest.h): what a digest depends on, records that round-trip any file
 * name and message, and records that are never trusted when the file, the
 * folder or the record file itself is not what was recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "model.h"
#include "t.h"
#include "util.h"

static char *tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *t = xasprintf("%s/gsdgXXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(t)) {
        free(t);
        return NULL;
    }
    return t;
}

static void put_file(const char *dir, const char *rel, const char *text)
{
    char *p = xasprintf("%s/%s", dir, rel);
    FILE *f = fopen(p, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    free(p);
}

static void rm(const char *dir, const char *rel)
{
    char *p = xasprintf("%s/%s", dir, rel);
    unlink(p);
    free(p);
}

static dg_hash hash_of(const char *what, const char *s, uint64_t v)
{
    dg *d = dg_new(what);
    dg_str(d, s);
    dg_u64(d, v);
    dg_hash h = {0, 0};
    CHECK(dg_final(d, &h));
    dg_free(d);
    return h;
}

static bool same(dg_hash a, dg_hash b)
{
    return a.hi == b.hi && a.lo == b.lo;
}

TEST(digest_inputs_matter)
{
    CHECK(same(hash_of("x", "a", 1), hash_of("x", "a", 1)));
    CHECK(!same(hash_of("x", "a", 1), hash_of("x", "a", 2)));
    CHECK(!same(hash_of("x", "a", 1), hash_of("x", "b", 1)));
    CHECK(!same(hash_of("x", "a", 1), hash_of("y", "a", 1)));
    /* strings are length-prefixed: "ab" + "" is not "a" + "b" */
    dg *a = dg_new("x"), *b = dg_new("x");
    dg_str(a, "ab");
    dg_str(a, "");
    dg_str(b, "a");
    dg_str(b, "b");
    dg_hash ha, hb;
    CHECK(dg_final(a, &ha) && dg_final(b, &hb) && !same(ha, hb));
    /* a copy goes on from where the original was */
    dg *c = dg_copy(a);
    dg_u64(c, 7);
    dg_u64(a, 7);
    dg_hash hc;
    CHECK(dg_final(a, &ha) && dg_final(c, &hc) && same(ha, hc));
    dg_poison(c);
    CHECK(!dg_final(c, &hc));
    dg_free(a);
    dg_free(b);
    dg_free(c);
}

TEST(digest_model_inputs)
{
    gs_model m1, m2;
    model_init(&m1);
    model_init(&m2);
    uint64_t h1[2] = {1, 2}, h2[2] = {3, 4};
    /* the same files read in another order: the same digest */
    model_add_input(&m1, "c/data/officers.csv", GS_IN_OFFICERS, h1);
    model_add_input(&m1, "c/data/decisions.csv", GS_IN_DECISIONS, h2);
    model_add_input(&m2, "c/data/decisions.csv", GS_IN_DECISIONS, h2);
    model_add_input(&m2, "c/data/officers.csv", GS_IN_OFFICERS, h1);
    unsigned all = (1u << GS_IN_COUNT) - 1, no_dec = all & ~(1u << GS_IN_DECISIONS);
    dg *a = dg_new("x"), *b = dg_new("x");
    dg_inputs(a, &m1, all);
    dg_inputs(b, &m2, all);
    dg_hash ha, hb;
    CHECK(dg_final(a, &ha) && dg_final(b, &hb) && same(ha, hb));
    dg_free(a);
    dg_free(b);
    /* decisions.csv changed: only digests that include it change */
    model_free(&m2);
    model_init(&m2);
    uint64_t h3[2] = {3, 5};
    model_add_input(&m2, "c/data/officers.csv", GS_IN_OFFICERS, h1);
    model_add_input(&m2, "c/data/decisions.csv", GS_IN_DECISIONS, h3);
    a = dg_new("x");
    b = dg_new("x");
    dg_inputs(a, &m1, no_dec);
    dg_inputs(b, &m2, no_dec);
    CHECK(dg_final(a, &ha) && dg_final(b, &hb) && same(ha, hb));
    dg_inputs(a, &m1, all);
    dg_inputs(b, &m2, all);
    CHECK(dg_final(a, &ha) && dg_final(b, &hb) && !same(ha, hb));
    dg_free(a);
    dg_free(b);
    /* a file that could not be read differs from one that was */
    model_free(&m2);
    model_init(&m2);
    model_add_input(&m2, "c/data/officers.csv", GS_IN_OFFICERS, NULL);
    model_add_input(&m2, "c/data/decisions.csv", GS_IN_DECISIONS, h2);
    a = dg_new("x");
    b = dg_new("x");
    dg_inputs(a, &m1, all);
    dg_inputs(b, &m2, all);
    CHECK(dg_final(a, &ha) && dg_final(b, &hb) && !same(ha, hb));
    dg_free(a);
    dg_free(b);
    model_free(&m1);
    model_free(&m2);
}

/* a file name and messages with every byte the record file escapes */
static const char *const odd_rel = "a b%20c\tx.pdf";
static const dg_msg odd_msgs[] = {
    {"dir with space/phrases.csv", 3, "line\nbreak, 100% and \\ back"},
    {NULL, 0, "a plain note"},
    {"f.csv", 9, ""},
};

TEST(records_round_trip)
{
    char *state = tmpdir(), *out = tmpdir();
    CHECK(state && out);
    if (!state || !out)
        return;
    put_file(out, odd_rel, "bytes");
    put_file(out, "plain.pdf", "other bytes");
    dg_hash h = hash_of("x", "a", 1), h2 = hash_of("x", "a", 2);

    dg_records *r = dg_load(state, "t.digests", out);
    CHECK(dg_kept(r, odd_rel, h) == NULL); /* no records yet */
    CHECK(dg_put(r, odd_rel, h, odd_msgs, 3));
    CHECK(dg_put(r, "plain.pdf", h2, NULL, 0));
    CHECK(!dg_put(r, "missing.pdf", h, NULL, 0)); /* not on disk */
    CHECK(dg_save(r));
    dg_records_free(r);

    r = dg_load(state, "t.digests", out);
    const dg_rec *k = dg_kept(r, odd_rel, h);
    CHECK(k != NULL);
    if (k) {
        CHECK_STR(k->rel, odd_rel);
        CHECK_INT(k->size, 5);
        CHECK_INT(k->nmsgs, 3);
        for (size_t i = 0; i < 3 && i < k->nmsgs; i++) {
            CHECK(!k->msgs[i].file == !odd_msgs[i].file);
            if (odd_msgs[i].file)
                CHECK_STR(k->msgs[i].file, odd_msgs[i].file);
            CHECK_INT(k->msgs[i].line, odd_msgs[i].line);
            CHECK_STR(k->msgs[i].text, odd_msgs[i].text);
        }
    }
    CHECK(dg_kept(r, "plain.pdf", h2) != NULL);
    CHECK(dg_kept(r, "plain.pdf", h) == NULL); /* other inputs */
    CHECK(dg_kept(r, "unknown.pdf", h) == NULL);
    /* carried over, the record survives the next save */
    CHECK(dg_carry(r, odd_rel));
    CHECK(!dg_carry(r, "unknown.pdf"));
    CHECK(dg_save(r));
    dg_records_free(r);
    r = dg_load(state, "t.digests", out);
    CHECK(dg_kept(r, odd_rel, h) != NULL);
    CHECK(dg_kept(r, "plain.pdf", h2) == NULL); /* not carried */
    dg_records_free(r);

    /* the file replaced (same size) or deleted: not kept */
    put_file(out, "new", "BYTES");
    char *from = xasprintf("%s/new", out), *to = xasprintf("%s/%s", out, odd_rel);
    CHECK(rename(from, to) == 0);
    free(from);
    free(to);
    r = dg_load(state, "t.digests", out);
    CHECK(dg_kept(r, odd_rel, h) == NULL);
    CHECK(dg_put(r, odd_rel, h, NULL, 0));
    CHECK(dg_save(r));
    dg_records_free(r);
    r = dg_load(state, "t.digests", out);
    CHECK(dg_kept(r, odd_rel, h) != NULL);
    rm(out, odd_rel);
    CHECK(dg_kept(r, odd_rel, h) == NULL);
    dg_records_free(r);

    /* no state folder: nothing kept, nothing saved */
    put_file(out, odd_rel, "bytes");
    r = dg_load(NULL, "t.digests", out);
    CHECK(dg_put(r, odd_rel, h, NULL, 0));
    CHECK(dg_save(r));
    CHECK(dg_kept(r, odd_rel, h) == NULL);
    dg_records_free(r);

    rm(out, odd_rel);
    rm(out, "plain.pdf");
    rm(state, "t.digests");
    rmdir(out);
    rmdir(state);
    free(state);
    free(out);
}

/* the record file STATE/t.digests replaced by text */
static void put_records(const char *state, const char *text)
{
    put_file(state, "t.digests", text);
}

TEST(records_not_trusted)
{
    char *state = tmpdir(), *out = tmpdir(), *other = tmpdir();
    CHECK(state && out && other);
    if (!state || !out || !other)
        return;
    put_file(out, "x.pdf", "bytes");
    dg_hash h = hash_of("x", "a", 1);
    dg_records *r = dg_load(state, "t.digests", out);
    CHECK(dg_put(r, "x.pdf", h, NULL, 0));
    CHECK(dg_save(r));
    dg_records_free(r);
    char *path = xasprintf("%s/t.digests", state);
    size_t len;
    char *good = read_file(path, &len);
    CHECK(good != NULL);
    if (!good)
        goto out;

    /* another output folder with the same state: no records */
    put_file(other, "x.pdf", "bytes");
    r = dg_load(state, "t.digests", other);
    CHECK(dg_kept(r, "x.pdf", h) == NULL);
    dg_records_free(r);

    /* damaged record files count as none */
    const char *bad[] = {
        "",                             /* empty */
        "gongshi digests 2\n",          /* another format */
        NULL,                           /* the good one cut short */
        NULL,                           /* the good one with a bad line after */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (bad[i]) {
            put_records(state, bad[i]);
        } else if (i == 2) {
            char *cut = xstrndup(good, len - 1);
            put_records(state, cut);
            free(cut);
        } else {
            char *more = xasprintf("%sf nonsense\n", good);
            put_records(state, more);
            free(more);
        }
        r = dg_load(state, "t.digests", out);
        CHECK(dg_kept(r, "x.pdf", h) == NULL);
        dg_records_free(r);
    }
    /* and the good one is still good */
    put_records(state, good);
    r = dg_load(state, "t.digests", out);
    CHECK(dg_kept(r, "x.pdf", h) != NULL);
    /* a failed run leaves none behind */
    dg_discard(r);
    dg_records_free(r);
    r = dg_load(state, "t.digests", out);
    CHECK(dg_kept(r, "x.pdf", h) == NULL);
    dg_records_free(r);
    free(good);
out:
    free(path);
    rm(out, "x.pdf");
    rm(other, "x.pdf");
    rm(state, "t.digests");
    rmdir(out);
    rmdir(other);
    rmdir(state);
    free(state);
    free(out);
    free(other);
}

int main(void)
{
    RUN(digest_inputs_matter);
    RUN(digest_model_inputs);
    RUN(records_round_trip);
    RUN(records_not_trusted);
    return T_DONE();
}
