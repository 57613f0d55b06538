/*
 * fields.h - parsing and checking the values of CSV cells.
 *
 * Every function takes a trimmed, NUL-terminated UTF-8 cell.  None prints:
 * callers turn a false/invalid result into a diagnostic naming the column.
 */
#ifndef GONGSHI_FIELDS_H
#define GONGSHI_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dates.h"

/* YYYY-MM-DD, YYYY/M/D or YYYY年M月D日, optionally followed by " H:MM" or
 * " H:MM:SS" when minute is not NULL (*minute = -1 when no time given).
 * Returns GS_NODATE when invalid. */
gs_date field_date(const char *s, int16_t *minute);
/* yuan: digits, optional "," thousands separators, up to two decimals,
 * optional leading ￥/¥ or trailing 元; -> fen. false when invalid. */
bool field_money(const char *s, int64_t *fen);
/* 是 -> YN_YES, 否 -> YN_NO, "" -> YN_UNSET, else -1 */
int field_yesno(const char *s);
/* non-negative integer (ASCII digits), false when invalid */
bool field_int(const char *s, int32_t *out);
/* split a list on ; or ；, trimming items and dropping empty ones.
 * Returns the count; items[] point into the malloc'd *storage. */
size_t field_list(const char *s, char **storage, const char ***items);
/* GB 32100 统一社会信用代码 check character */
bool credit_code_valid(const char *s);
/* GB 11643 citizen ID: 18 characters with check digit, or old 15 digits */
bool id_number_valid(const char *s);
/* birth date encoded in a valid ID number, GS_NODATE when none */
gs_date id_birthdate(const char *s);
/* trim ASCII and full-width (U+3000) white space in place; returns s */
char *field_trim(char *s);
/* the same without moving bytes: narrows [*start, *start + *len) of s */
void field_trim_span(const char *s, size_t *start, size_t *len);

#endif
