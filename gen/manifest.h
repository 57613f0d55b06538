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
 *
 * A loaded manifest keeps no paths, only a 96-bit hash of each (XXH3-128,
 * truncated): at a million decisions that is 48 bytes an entry instead of
 * 56 plus 31 for the path, 60 MB less beside the model.  The few uses
 * that need the paths themselves (the files a build did not keep) read
 * them again from the file (manifest_each_unseen).  Two paths of one
 * manifest with the same hash make it absent, like any damage.
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
    uint64_t path_lo;  /* the path's hash (mf_path_hash) */
    uint32_t path_hi;
    uint32_t size;     /* MF_SIZE_LARGE: that or more, not known */
} mf_entry;

#define MF_SIZE_LARGE UINT32_MAX

typedef struct manifest manifest;

/* read a manifest file; NULL when missing or not a complete manifest.
 * The file must stay where it is while the manifest is in use */
manifest *manifest_load(const char *file);
void manifest_free(manifest *mf);
/* the entry for path, NULL when none */
mf_entry *manifest_find(manifest *mf, const char *path);
size_t manifest_count(const manifest *mf);
mf_entry *manifest_entry(manifest *mf, size_t i);
/* true when e's file has exactly len bytes */
static inline bool mf_size_is(const mf_entry *e, uint64_t len)
{
    return e->size != MF_SIZE_LARGE && e->size == len;
}
/* the user of a manifest marks the entries it keeps or replaces:
 * false when e was marked already.  Threads may mark different entries
 * at the same time */
bool manifest_mark(manifest *mf, mf_entry *e);
/* call fn with the path of every entry not marked, in the file's order,
 * reading the paths again from the file; false (errno set, EINVAL when
 * the file no longer is the one loaded) when it cannot be read: then fn
 * may have been called for some of them */
bool manifest_each_unseen(manifest *mf, void (*fn)(const char *path, void *arg), void *arg);

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
