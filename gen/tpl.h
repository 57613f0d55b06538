/*
 * tpl.h - finding templates: a mustache environment whose partials are
 * NAME.mustache files looked up in a list of folders (the county's own
 * content/templates first, then the built-in set).  Used by every output
 * that renders HTML.
 */
#ifndef GONGSHI_TPL_H
#define GONGSHI_TPL_H

#include <stdbool.h>
#include <stddef.h>

#include "mustache.h"

typedef struct tpl_dirs {
    const char *const *v;
    size_t n;
} tpl_dirs;

/* a template name is a plain file name: no separators, no dot-dot */
bool tpl_name_ok(const char *name);
/* strict environment (a missing template is an error); dirs must outlive it */
mus_env *tpl_env_new(const tpl_dirs *dirs);
/* the file template name is read from (the first folder that has it);
 * malloc'd, NULL when no folder has it */
char *tpl_path(const tpl_dirs *dirs, const char *name);
/* read dir/rel from the first folder that has it (assets); malloc'd or NULL */
char *tpl_read_asset(const tpl_dirs *dirs, const char *rel, size_t *len);

#endif
