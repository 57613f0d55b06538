/*
 * csvfile.h - reading one CSV file record by record, columns by header name.
 *
 * RFC 4180 via libcsv: CRLF, LF or CR line ends; quoted fields may hold
 * commas, doubled quotes and line breaks.  The encoding is detected first
 * (encoding.h) and the text converted to UTF-8 on the fly.  Records are
 * streamed: only the current record is held, so memory stays bounded by
 * the largest record however long the file is.
 *
 * The first non-blank record is the header.  A reader is opened with the
 * columns the caller knows; csvf_open reports (through diag) and refuses a
 * file that cannot be opened, is not text, is empty or lacks a required
 * column, and warns about unknown, unnamed and duplicate columns.
 * csvf_next then returns only structurally sound records: one with more
 * fields than the header, bad quoting, invalid bytes or a NUL is reported
 * as "file:line: ..." and skipped; records whose cells are all empty are
 * skipped silently.  An unterminated quote at the end of the file is
 * reported at the line where its record began.
 *
 * Cells come back trimmed of ASCII and U+3000 white space, with line
 * breaks inside quoted fields (CRLF, CR) turned into LF; missing
 * trailing fields read as "".  Pointers returned stay valid until the next
 * csvf_next or csvf_close.
 *
 *     enum { C_NAME, C_CODE, C_N };
 *     static const csvf_col cols[C_N] = {{"机关名称", true}, {"统一社会信用代码", false}};
 *     csvf *f = csvf_open(path, cols, C_N);
 *     if (f) {
 *         while (csvf_next(f))
 *             use(csvf_get(f, C_NAME), csvf_line(f));
 *         csvf_close(f);
 *     }
 */
#ifndef GONGSHI_CSVFILE_H
#define GONGSHI_CSVFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "encoding.h"

typedef struct csvf_col {
    const char *name; /* header name */
    bool required;    /* missing from the header -> the file is rejected */
} csvf_col;

typedef struct csvf csvf;

/* open and read the header.  cols may be NULL (ncols 0): every column is
 * accepted without warnings and read by position with csvf_field. */
csvf *csvf_open(const char *path, const csvf_col *cols, size_t ncols);
/* advance to the next good record; false at the end of the file */
bool csvf_next(csvf *f);
void csvf_close(csvf *f);

/* cell of requested column col (index into cols), "" when absent */
const char *csvf_get(const csvf *f, size_t col);
size_t csvf_len(const csvf *f, size_t col);
/* whether the header has requested column col */
bool csvf_has(const csvf *f, size_t col);
/* header position of requested column col, -1 when absent */
long csvf_col_index(const csvf *f, size_t col);

/* by header position */
size_t csvf_ncols(const csvf *f);                /* header fields */
const char *csvf_header(const csvf *f, size_t i); /* cleaned header name */
const char *csvf_field(const csvf *f, size_t i);  /* "" past the record's end */
size_t csvf_nfields(const csvf *f);              /* fields in this record */

uint32_t csvf_line(const csvf *f);   /* physical line where the record starts */
const char *csvf_path(const csvf *f);
enc_info csvf_encoding(const csvf *f);
size_t csvf_rows(const csvf *f);     /* good records returned so far */
size_t csvf_rejected(const csvf *f); /* records reported and skipped */
uint64_t csvf_size(const csvf *f);   /* bytes in the file */
/* XXH3-128 of the file's bytes (high, low), read once by csvf_open */
void csvf_digest(const csvf *f, uint64_t out[2]);

#endif
