/*
 * diag.h - diagnostics about the input: "file:line: message".
 *
 * Loaders report every rejected row or file here; diag prints it to stderr
 * at once (unless quiet) and keeps it for out/report.  Messages name the
 * column and the row's key, never a value that may be personal data.
 */
#ifndef GONGSHI_DIAG_H
#define GONGSHI_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum diag_level { DIAG_WARNING, DIAG_ERROR };

typedef struct diag_entry {
    enum diag_level level;
    char *file;
    uint32_t line;
    char *msg;
} diag_entry;

void diag_init(void);
void diag_free(void);
void diag_set_quiet(bool quiet);   /* warnings not printed */
void diag_set_silent(bool silent); /* nothing printed (fuzzing) */
/* an input error: the row or file was rejected */
void diag_error(const char *file, uint32_t line, const char *fmt, ...) GS_PRINTF(3, 4);
/* a warning: reported, does not change the exit status */
void diag_warn(const char *file, uint32_t line, const char *fmt, ...) GS_PRINTF(3, 4);
size_t diag_count(void);
size_t diag_error_count(void);
const diag_entry *diag_get(size_t i);

#endif
