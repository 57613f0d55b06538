/*
 * load_common.h - helpers shared by the CSV loaders (load_lists.c,
 * load_decisions.c, calendar.c); not used outside them.
 *
 * A `row` carries what every diagnostic about one record needs: the file,
 * the line where the record starts and the row's key ("文书号 示市监处罚
 * 〔2024〕15号"), which prefixes each message.  The row_<type> parsers
 * check one cell, report a precise message naming the column and count
 * the error in the row; a row with errors is not added to the model.
 * Values are echoed only through msg_value() (which masks long digit runs)
 * and only for columns meant to hold no personal data (dates,
 * enumerations, amounts, agency names, certificate numbers).
 */
#ifndef GONGSHI_LOAD_COMMON_H
#define GONGSHI_LOAD_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csvfile.h"
#include "model.h"
#include "util.h"

typedef struct row {
    const char *file;   /* path as opened */
    uint32_t line;      /* where the record starts */
    const char *keycol; /* e.g. "文书号" */
    const char *key;    /* the row's key, "" when missing */
    int errors;
} row;

void row_error(row *r, const char *fmt, ...) GS_PRINTF(2, 3);
void row_warn(row *r, const char *fmt, ...) GS_PRINTF(2, 3);

/* a cell value fit for a message: quoted, line breaks and control
 * characters blanked, cut to about 60 characters at a UTF-8 boundary.
 * msg_value also masks digits that look like an ID, phone or card number
 * (7 in a row, or 11 joined by '-' or ' '): a row shifted by a stray comma
 * can put one into any column.  msg_value_raw is for values known to be
 * public (文书号, 执法证号, 机关名称). */
#define MSG_VALUE_SIZE 256
const char *msg_value(char out[MSG_VALUE_SIZE], const char *s);
const char *msg_value_raw(char out[MSG_VALUE_SIZE], const char *s);

/* string -> line of its first row; strings are not copied and must
 * outlive the set */
typedef struct keyslot {
    const char *s;
    uint64_t h; /* hash_bytes(s) */
    uint32_t line;
} keyslot;
typedef struct keyset {
    keyslot *v;
    size_t cap, n;
} keyset;

void keyset_init(keyset *k);
/* start with room for about n strings */
void keyset_init_for(keyset *k, size_t n);
void keyset_free(keyset *k);
/* 0 when s is new (and now added), else the line of the earlier row */
uint32_t keyset_add(keyset *k, const char *s, uint32_t line);
/* the same with s's hash_bytes() given; *twins = how many other strings
 * already in the set share that 64-bit hash (for collision-free slugs) */
uint32_t keyset_add_hashed(keyset *k, const char *s, uint64_t h, uint32_t line,
                           unsigned *twins);
uint32_t keyset_find(const keyset *k, const char *s);

/* 64-bit key -> 32-bit value, 0 for keys never set */
typedef struct u64slot {
    uint64_t key;
    uint32_t val;
    bool used;
} u64slot;
typedef struct u64map {
    u64slot *v;
    size_t cap, n;
} u64map;

void u64map_init(u64map *m);
void u64map_free(u64map *m);
uint32_t *u64map_get(u64map *m, uint64_t key); /* inserts 0 when absent */

/* model_find_agency, cached by interned name */
int32_t agency_lookup(gs_model *m, u64map *cache, const char *name, size_t len);

/* cell checks: each reports through r and returns the parsed value */
bool row_required(row *r, const char *col, const char *s);
gs_date row_date(row *r, const char *col, const char *s, bool required);
/* date with optional time; *minute = -1 when no time */
gs_date row_datetime(row *r, const char *col, const char *s, int16_t *minute);
/* index of s in names; "" gives dflt (or an error when dflt < 0) */
int row_enum(row *r, const char *col, const char *s, const char *const *names, int n,
             int dflt);
/* ;-list of names -> bitmask; *count = items (0 for an empty cell) */
uint32_t row_flags(row *r, const char *col, const char *s, const char *const *names,
                   int n, int *count);
int64_t row_money(row *r, const char *col, const char *s); /* -1 when empty */
uint8_t row_yesno(row *r, const char *col, const char *s);
int32_t row_int(row *r, const char *col, const char *s, int32_t empty);
/* GB 32100 code: message when malformed or the check character is wrong;
 * warn_only reports a warning and leaves the row alone */
bool row_credit_code(row *r, const char *col, const char *s, bool warn_only);

/* the loaders' common start: open with the columns, intern the path and
 * record the file in m->inputs as kind */
csvf *load_open(gs_model *m, const char *path, enum gs_input_kind kind, const csvf_col *cols,
                size_t n, const char **file);

#endif
