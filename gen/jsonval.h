/*
 * jsonval.h - building the JSON values templates and the ledger read:
 * strings (NULL becomes ""), dates as YYYY-MM-DD ("" for none), integers.
 * Keys are always set, so a missing value never resolves to an enclosing
 * mustache context's.
 */
#ifndef GONGSHI_JSONVAL_H
#define GONGSHI_JSONVAL_H

#include <jansson.h>

#include "dates.h"
#include "util.h"

json_t *jstr(const char *s);
void jset(json_t *o, const char *key, const char *val);
void jset_own(json_t *o, const char *key, char *val); /* frees val */
void jset_date(json_t *o, const char *key, gs_date d);
void jset_int(json_t *o, const char *key, long long v);

/* s (valid UTF-8; NULL is "") as a JSON string literal appended to b,
 * escaped byte for byte as json_dumps escapes it without flags: \\ and
 * \" , \b \f \n \r \t, other controls as \u00XX, the rest as is */
void buf_json_str(buf *b, const char *s);

#endif
