/*
 * cmd_render.c - `gongshi render TEMPLATE --data FILE.json [--partials DIR]`:
 * render one mustache template with the site's engine and print the result
 * to stdout exactly (nothing added).  For trying templates and for running
 * the mustache spec against the real binary.
 *
 * main calls cmd_render(argc - 1, argv + 1), so argv[0] is "render".  The
 * data may be any JSON value ("-" reads it from stdin).  Partials and
 * parents named NAME are read from DIR/NAME.mustache; a missing one renders
 * as empty, as the spec says.  A name may have '/'-separated parts but no
 * empty, "." or ".." part, so it stays inside DIR.  Exit 0 on success, 2 on
 * a usage error, an unreadable file, bad JSON or a template error (reported
 * on stderr as "TEMPLATE:LINE: message").
 */
#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"
#include "util.h"

static const char usage[] =
    "usage: gongshi render TEMPLATE --data FILE.json [--partials DIR]\n"
    "  Render TEMPLATE (mustache) with the JSON value in FILE.json (\"-\" for\n"
    "  stdin) and print the result.  Partials come from DIR/NAME.mustache.\n";

static bool safe_name(const char *name)
{
    if (!*name || strchr(name, '\\'))
        return false;
    for (const char *p = name;;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return false;
        if (!e)
            return true;
        p = e + 1;
    }
}

static char *load_partial(void *ud, const char *name, size_t *len)
{
    const char *dir = ud;
    if (!dir || !safe_name(name))
        return NULL;
    char *path = xasprintf("%s/%s.mustache", dir, name);
    char *src = read_file(path, len);
    free(path);
    return src;
}

/* "line N: message" from the engine as "FILE:N: message" */
static void report(const char *file, const char *err)
{
    unsigned long line = 0;
    int used = 0;
    if (sscanf(err, "line %lu: %n", &line, &used) >= 1 && used > 0)
        fprintf(stderr, "%s:%lu: %s\n", file, line, err + used);
    else
        fprintf(stderr, "%s: %s\n", file, err);
}

int cmd_render(int argc, char **argv)
{
    const char *tpl_path = NULL, *data_path = NULL, *dir = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **opt = NULL;
        const char *val = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strncmp(a, "--data", 6) == 0 && (a[6] == 0 || a[6] == '=')) {
            opt = &data_path;
            val = a[6] ? a + 7 : NULL;
        } else if (strncmp(a, "--partials", 10) == 0 && (a[10] == 0 || a[10] == '=')) {
            opt = &dir;
            val = a[10] ? a + 11 : NULL;
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "gongshi render: unknown option %s\n%s", a, usage);
            return 2;
        } else if (!tpl_path) {
            tpl_path = a;
            continue;
        } else {
            fprintf(stderr, "gongshi render: one template only\n%s", usage);
            return 2;
        }
        if (!val) {
            if (i + 1 >= argc) {
                fprintf(stderr, "gongshi render: %s needs a value\n%s", a, usage);
                return 2;
            }
            val = argv[++i];
        }
        *opt = val;
    }
    if (!tpl_path || !data_path) {
        fputs(usage, stderr);
        return 2;
    }

    size_t len = 0;
    char *src = read_file(tpl_path, &len);
    if (!src) {
        fprintf(stderr, "gongshi render: %s: %s\n", tpl_path, strerror(errno));
        return 2;
    }
    char *err = NULL;
    mus_template *t = mus_compile(src, len, &err);
    free(src);
    if (!t) {
        report(tpl_path, err);
        free(err);
        return 2;
    }
    json_error_t jerr;
    json_t *data = strcmp(data_path, "-") == 0 ? json_loadf(stdin, JSON_DECODE_ANY, &jerr)
                                               : json_load_file(data_path, JSON_DECODE_ANY, &jerr);
    if (!data) {
        fprintf(stderr, "%s:%d:%d: %s\n", data_path, jerr.line, jerr.column, jerr.text);
        mus_free(t);
        return 2;
    }

    mus_env *env = mus_env_new(load_partial, (void *)dir, false);
    buf out;
    buf_init(&out);
    int rc = 0;
    if (mus_render(env, t, data, &out, &err) != 0) {
        report(tpl_path, err);
        free(err);
        rc = 2;
    } else if (fwrite(out.p, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        fprintf(stderr, "gongshi render: writing the output: %s\n", strerror(errno));
        rc = 2;
    }
    buf_free(&out);
    mus_env_free(env);
    json_decref(data);
    mus_free(t);
    return rc;
}
