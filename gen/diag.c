/*
 * diag.c - collect and print input diagnostics.
 */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>

static struct {
    diag_entry *v;
    size_t n, cap, errors;
    bool quiet, silent;
} D;

void diag_init(void)
{
    diag_free();
}

void diag_free(void)
{
    for (size_t i = 0; i < D.n; i++) {
        free(D.v[i].file);
        free(D.v[i].msg);
    }
    free(D.v);
    D.v = NULL;
    D.n = D.cap = D.errors = 0;
}

void diag_set_silent(bool silent)
{
    D.silent = silent;
}

void diag_set_quiet(bool quiet)
{
    D.quiet = quiet;
}

static void add(enum diag_level lv, const char *file, uint32_t line,
                const char *fmt, va_list ap)
{
    buf b;
    buf_init(&b);
    buf_vprintf(&b, fmt, ap);
    if (D.n == D.cap) {
        D.cap = D.cap ? D.cap * 2 : 32;
        D.v = xreallocarray(D.v, D.cap, sizeof *D.v);
    }
    diag_entry *e = &D.v[D.n++];
    e->level = lv;
    e->file = xstrdup(file ? file : "gongshi");
    e->line = line ? line : 1;
    e->msg = buf_detach(&b);
    if (lv == DIAG_ERROR)
        D.errors++;
    if (!D.silent && (!D.quiet || lv == DIAG_ERROR))
        fprintf(stderr, "%s:%u: %s%s\n", e->file, (unsigned)e->line,
                lv == DIAG_WARNING ? "warning: " : "", e->msg);
}

void diag_error(const char *file, uint32_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(DIAG_ERROR, file, line, fmt, ap);
    va_end(ap);
}

void diag_warn(const char *file, uint32_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(DIAG_WARNING, file, line, fmt, ap);
    va_end(ap);
}

size_t diag_count(void)
{
    return D.n;
}

size_t diag_error_count(void)
{
    return D.errors;
}

const diag_entry *diag_get(size_t i)
{
    return i < D.n ? &D.v[i] : NULL;
}
