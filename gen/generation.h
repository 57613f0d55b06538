/*
 * generation.h - atomic publishing of an output folder.
 *
 * out/site is a symbolic link to a generation folder, out/.site-gen/NNNNNN.
 * A build writes a complete new generation beside the live one (files
 * whose bytes did not change are hard links to the live generation's, so
 * they keep their mtime) and then switches the link in one rename(2).  A
 * build killed at any moment leaves the live site exactly as it was; the
 * next build removes the unfinished generation.  The previous generation
 * is kept for `gongshi rollback`, and the one before it as a spare.
 *
 * A new generation is not built from nothing: the spare's folder is renamed
 * to the new number and brought up to date, with its manifest (manifest.h,
 * .site-gen/NNNNNN.manifest) saying what it holds, so a night on which
 * little changed touches little.  Until a spare exists (the first two
 * builds) the new folder starts empty and unchanged files are hard links
 * to the live generation's.  The spare shares the unchanged files' inodes
 * with the newer generations, so it costs directory entries, not data.
 *
 * A real folder found at out/site (made by an older gongshi, or by hand)
 * becomes generation 0 on the first build.
 */
#ifndef GONGSHI_GENERATION_H
#define GONGSHI_GENERATION_H

#include <stdbool.h>

typedef struct generation generation;

/* start a new generation of OUT/NAME; NULL with a message on stderr when
 * the folder cannot be prepared */
generation *gen_begin(const char *out, const char *name);
/* the folder to write the new generation into */
const char *gen_path(const generation *g);
/* the new generation's manifest file (for fsout_finish) and what its
 * folder already holds (NULL: the folder starts empty), owned by g */
struct manifest;
const char *gen_manifest(const generation *g);
struct manifest *gen_base_manifest(const generation *g);
/* the live generation's folder, NULL on the first build */
const char *gen_live(const generation *g);
/* generation numbers: the new one, the live one (-1 = none) */
long gen_number(const generation *g);
/* switch OUT/NAME to the new generation and drop generations older than
 * the one it replaces; false (live site untouched) on error.  Frees g. */
bool gen_commit(generation *g);
/* remove the unfinished generation; frees g */
void gen_abort(generation *g);

/* point OUT/NAME back at the generation before the live one; prints what
 * it did.  Returns 0, or 2 when there is nothing to roll back to. */
int gen_rollback(const char *out, const char *name);

/* the live generation's number, -1 when OUT/NAME is not a generation link */
long gen_live_number(const char *out, const char *name);

/* remove a folder tree (no symlinks followed); false on error */
bool rm_tree(const char *path);

#endif
