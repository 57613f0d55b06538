/*
 * mustache.h - the mustache template engine (official spec: core modules,
 * ~inheritance and ~dynamic-names).
 *
 * Templates are compiled once and rendered many times against jansson
 * values.  {{name}} is HTML-escaped; {{{name}}} and {{& name}} are not.
 * Sections, inverted sections, comments, set-delimiter, partials (with
 * standalone indentation), ~inheritance ({{< parent}} with {{$block}}) and
 * ~dynamic-names ({{>*name}}, {{<*name}}) follow the official spec.
 * Partials and parents are found by name through the environment's loader
 * and compiled once per environment.  Lambdas are not supported.
 *
 * Data: a name is looked up through the context stack; a dotted name
 * resolves its first part that way and the rest inside the result only.
 * A part that is a number indexes a JSON array ({{#list.0}}).  Falsy, as
 * the spec's `!!data` says: missing, null, false, 0, "" and the empty
 * array; everything else (including {}) is truthy.  Numbers print like
 * JSON/JavaScript (85, 1.21); true/false print as such; arrays and objects
 * print as compact JSON.
 *
 * Limits: a template may have at most MUS_MAX_NESTING sections, blocks and
 * parents open at once (a compile error past that), and rendering may nest
 * section, block and partial bodies at most MUS_MAX_DEPTH deep (an error
 * from mus_render, e.g. for a partial that includes itself for ever).
 */
#ifndef GONGSHI_MUSTACHE_H
#define GONGSHI_MUSTACHE_H

#include <jansson.h>
#include <stdbool.h>

#include "util.h"

#define MUS_MAX_NESTING 1000
#define MUS_MAX_DEPTH 3000

typedef struct mus_template mus_template;

/* return the source of partial `name` (malloc'd, *len set) or NULL.  The
 * name is passed as written in the template or, for {{>*name}}, as found in
 * the data: a loader that maps names to files must reject "..", "/" etc. */
typedef char *(*mus_load_fn)(void *ud, const char *name, size_t *len);

typedef struct mus_env mus_env;

/* strict: a partial or parent the loader cannot find is an error (site
 * build); otherwise it renders as empty (spec, `gongshi render`).  A
 * {{>*name}} whose name is missing from the data renders as empty in both
 * modes; a partial with a syntax error is an error in both.  An environment
 * (its cache) is not thread-safe; compiled templates are read-only and may
 * be shared. */
mus_env *mus_env_new(mus_load_fn load, void *ud, bool strict);
void mus_env_free(mus_env *env); /* frees the partial cache */

/* compile; NULL with *err (malloc'd, "line N: message") on a syntax error.
 * err may be NULL.  The template keeps its own copy of src. */
mus_template *mus_compile(const char *src, size_t len, char **err);
void mus_free(mus_template *t);

/* render t with data (any JSON value, NULL = null) appended to out; returns
 * 0, or -1 with *err (malloc'd; err may be NULL) set and out as it was,
 * e.g. a missing partial in strict mode or recursion past MUS_MAX_DEPTH.
 * Messages read "line N: ..." or "partial 'p', line N: ...".  env may be
 * NULL (no partials). */
int mus_render(mus_env *env, const mus_template *t, json_t *data, buf *out,
               char **err);

/* load a partial through env by name, compile and cache it; NULL if missing
 * or invalid, with *err (malloc'd; err may be NULL) "template 'x' not found"
 * or "partial 'x': line N: message" - used to get page templates from the
 * same cache.  The template lives until mus_env_free. */
const mus_template *mus_env_get(mus_env *env, const char *name, char **err);

/* could rendering t (with its partials and parents, as env finds them)
 * look `name` up in the data?  Conservative: true for a dynamic partial or
 * a {{.}} outside any section.  Used to leave values a page does not show
 * out of the key that decides whether it must be rendered again. */
bool mus_may_use(mus_env *env, const mus_template *t, const char *name);

#endif
