/*
 * manifest.h - what a generation folder holds, file by file.
 *
 * Beside each site generation folder .site-gen/NNNNNN, gongshi keeps
 * .site-gen/NNNNNN.manifest: one line per file with the XXH3-128 hash and
 * size of its bytes and the input key it was rendered from (see
 * fsout_reuse), then a closing line with the count:
 *
 *     gongshi-manifest 1
 *     <32 hex hash> <size> <32 hex key, 0 for none> <path>
 *     ...
 *     end <count>
 *
 * A manifest that is missing, truncated or malformed is treated as absent
 * (the folder is then rebuilt from scratch), so a crash while writing one
 * costs one slow build, never a wrong file.  The folders are gongshi's
 * own: a file changed there by hand is not noticed.
 */
#ifndef GONGSHI_MANIFEST_H
#define GONGSHI_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct mf_hash {
    uint64_t lo, hi;
} mf_hash;

typedef struct mf_entry {
    mf_hash hash, key; /* key all zero: none */
    uint64_t size;
    const char *path;  /* relative, '/'-separated */
    bool seen;         /* set by the user of the manifest */
} mf_entry;

typedef struct manifest manifest;

/* read a manifest file; NULL when missing or not a complete manifest */
manifest *manifest_load(const char *file);
void manifest_free(manifest *mf);
/* the entry for path, NULL when none */
mf_entry *manifest_find(manifest *mf, const char *path);
size_t manifest_count(const manifest *mf);
mf_entry *manifest_entry(manifest *mf, size_t i);

/* hash of bytes, as recorded in manifests */
mf_hash mf_hash_bytes(const void *p, size_t n);
static inline bool mf_hash_eq(mf_hash a, mf_hash b) { return a.lo == b.lo && a.hi == b.hi; }
static inline bool mf_hash_none(mf_hash a) { return !a.lo && !a.hi; }

/* writing a manifest: lines go to FILE.tmp as they come (buffered), and
 * manifest_commit adds the closing count and renames it to FILE */
typedef struct mf_writer mf_writer;
mf_writer *manifest_create(const char *file); /* NULL with errno set */
void manifest_add(mf_writer *w, mf_hash hash, uint64_t size, mf_hash key, const char *path);
bool manifest_commit(mf_writer *w);  /* false with errno set; frees w */
void manifest_discard(mf_writer *w); /* removes FILE.tmp; frees w */
/* a writer that keeps its lines in memory, to be appended to another */
mf_writer *manifest_create_mem(void);
/* add src's lines to dst (in src's order) and free src */
void manifest_append(mf_writer *dst, mf_writer *src);

#endif
