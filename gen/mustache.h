/*
 * mustache.h - the mustache template engine (spec v1.3 core + inheritance).
 *
 * Templates are compiled once and rendered many times against jansson
 * values.  {{name}} is HTML-escaped; {{{name}}} and {{& name}} are not.
 * Sections, inverted sections, comments, set-delimiter, partials (with
 * standalone indentation) and ~inheritance ({{< parent}} with {{$block}})
 * follow the official spec.  Partials and parents are found by name through
 * the environment's loader and compiled once per environment.
 */
#ifndef GONGSHI_MUSTACHE_H
#define GONGSHI_MUSTACHE_H

#include <jansson.h>
#include <stdbool.h>

#include "util.h"

typedef struct mus_template mus_template;

/* return the source of partial `name` (malloc'd, *len set) or NULL */
typedef char *(*mus_load_fn)(void *ud, const char *name, size_t *len);

typedef struct mus_env mus_env;

/* strict: a partial the loader cannot find is an error (site build);
 * otherwise it renders as empty (spec, `gongshi render`) */
mus_env *mus_env_new(mus_load_fn load, void *ud, bool strict);
void mus_env_free(mus_env *env); /* frees the partial cache */

/* compile; NULL with *err (malloc'd, "line N: message") on a syntax error */
mus_template *mus_compile(const char *src, size_t len, char **err);
void mus_free(mus_template *t);

/* render t with data (any JSON value) appended to out; returns 0, or -1
 * with *err (malloc'd) set, e.g. a missing partial in strict mode */
int mus_render(mus_env *env, const mus_template *t, json_t *data, buf *out,
               char **err);

/* load a partial through env by name, compile and cache it; NULL if missing
 * or invalid (with *err) - used to get page templates from the same cache */
const mus_template *mus_env_get(mus_env *env, const char *name, char **err);

#endif
