/*
 * digest.h - skipping an output whose inputs are unchanged.
 *
 * Before making an expensive file (a PDF, a workbook) its producer computes
 * an input digest: XXH3-128 over everything the file's bytes depend on.
 * After a successful run it records, per file, the digest and the file's
 * identity on disk (size, mtime, ctime, inode, device) in the state folder
 * (STATE/NAME, text, written atomically).  The next run that computes the
 * same digest, and finds the file still there with the identity recorded,
 * keeps the file instead of making it again.
 *
 * Every digest starts with the build salt: the bytes of the running
 * program (/proc/self/exe) and the size, times and inode of every shared
 * library mapped into it, so a new gongshi or a new libharu, zlib or
 * libxlsxwriter makes everything again.  When the salt cannot be computed
 * no digest is valid and nothing is skipped.
 *
 * Records are bound to the output folder they describe (its real path):
 * another --out with the same --state finds no records.  A record only
 * says "this very file was made from inputs with this digest", which stays
 * true until the file is touched; a record file that cannot be parsed
 * counts as empty.
 */
#ifndef GONGSHI_DIGEST_H
#define GONGSHI_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

typedef struct dg_hash {
    uint64_t hi, lo;
} dg_hash;

/* XXH3-128 of n bytes */
dg_hash dg_bytes(const void *p, size_t n);

/* ---- a digest being computed ---- */

typedef struct dg dg;

/* a new digest, seeded with the build salt and what (a label such as
 * "pdf 1": change it when the output's format changes) */
dg *dg_new(const char *what);
dg *dg_copy(const dg *d);
void dg_free(dg *d);
void dg_add(dg *d, const void *p, size_t n);
void dg_u64(dg *d, uint64_t v);
void dg_i64(dg *d, int64_t v);
/* a string, length first (NULL differs from "") */
void dg_str(dg *d, const char *s);
void dg_hash_add(dg *d, dg_hash h);
/* a file by path, size, modification and change time, inode and device
 * ("absent" when it cannot be stat'ed) */
void dg_file_id(dg *d, const char *path);
/* the content files the loaders read (m->inputs) whose kind is in mask
 * (bit 1 << GS_IN_*), in path order: path, kind and XXH3-128 of the bytes */
void dg_inputs(dg *d, const gs_model *m, unsigned mask);
/* from now on this digest never matches */
void dg_poison(dg *d);
/* the digest; false when there is none (no salt, or poisoned) */
bool dg_final(const dg *d, dg_hash *out);

/* ---- the records of one output folder ---- */

/* a message that came with making a file, passed on again when it is
 * kept (file NULL: a plain note) */
typedef struct dg_msg {
    char *file;
    uint32_t line;
    char *text;
} dg_msg;

typedef struct dg_rec {
    char *rel;
    dg_hash h;
    uint64_t size, ino, dev;
    int64_t mtime_ns, ctime_ns;
    dg_msg *msgs;
    size_t nmsgs;
} dg_rec;

typedef struct dg_records dg_records;

/* the records STATE_DIR/NAME of out_dir (which must exist).  state_dir NULL
 * disables them: nothing is kept, nothing saved.  Never fails: records
 * that cannot be read are no records. */
dg_records *dg_load(const char *state_dir, const char *name, const char *out_dir);
void dg_records_free(dg_records *r);
/* the record of rel when its digest is h and out_dir/rel is still the file
 * recorded; NULL otherwise */
const dg_rec *dg_kept(const dg_records *r, const char *rel, dg_hash h);
/* this run's records, saved by dg_save: rel was made from inputs with
 * digest h and is now on disk (its identity is read here; false when it
 * cannot be); msgs are copied */
bool dg_put(dg_records *r, const char *rel, dg_hash h, const dg_msg *msgs, size_t nmsgs);
/* carry the last run's record of rel over (a kept file, or one this run
 * leaves alone); false when there is none */
bool dg_carry(dg_records *r, const char *rel);
/* replace STATE_DIR/NAME by this run's records (temporary file, rename);
 * false with a message on failure */
bool dg_save(dg_records *r);
/* remove STATE_DIR/NAME (after a failed run: everything is made next time) */
void dg_discard(dg_records *r);

#endif
