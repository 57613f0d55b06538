/*
 * tpl.c - template lookup across folders (see tpl.h).
 */
#include "tpl.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool tpl_name_ok(const char *name)
{
    return *name && !strchr(name, '/') && !strchr(name, '\\') && !strstr(name, "..");
}

static char *load(void *ud, const char *name, size_t *len)
{
    if (!tpl_name_ok(name))
        return NULL;
    char *rel = xasprintf("%s.mustache", name);
    char *src = tpl_read_asset(ud, rel, len);
    free(rel);
    return src;
}

mus_env *tpl_env_new(const tpl_dirs *dirs)
{
    return mus_env_new(load, (void *)dirs, true);
}

char *tpl_read_asset(const tpl_dirs *dirs, const char *rel, size_t *len)
{
    for (size_t i = 0; i < dirs->n; i++) {
        char *path = xasprintf("%s/%s", dirs->v[i], rel);
        char *data = read_file(path, len);
        free(path);
        if (data)
            return data;
    }
    return NULL;
}

char *tpl_path(const tpl_dirs *dirs, const char *name)
{
    if (!tpl_name_ok(name))
        return NULL;
    for (size_t i = 0; i < dirs->n; i++) {
        char *path = xasprintf("%s/%s.mustache", dirs->v[i], name);
        if (access(path, F_OK) == 0)
            return path;
        free(path);
    }
    return NULL;
}
