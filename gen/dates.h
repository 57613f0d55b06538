/*
 * dates.h - civil dates as day numbers.
 *
 * A gs_date counts days since 1970-01-01 plus one, so that 0 means "no
 * date" and dates compare and subtract as integers.  Proleptic Gregorian,
 * valid for years 1..9999.
 */
#ifndef GONGSHI_DATES_H
#define GONGSHI_DATES_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t gs_date;
#define GS_NODATE 0

gs_date date_from_ymd(int y, int m, int d); /* GS_NODATE when invalid */
void date_to_ymd(gs_date d, int *y, int *m, int *day);
int date_year(gs_date d);
int date_weekday(gs_date d); /* 0 = Monday .. 6 = Sunday */
/* "YYYY-MM-DD" into out (11 bytes); "" for GS_NODATE */
void date_format(gs_date d, char out[11]);
/* add months keeping the day, clamped to the month's end */
gs_date date_add_months(gs_date d, int months);
/* strict ISO "YYYY-MM-DD" (for the command line); GS_NODATE when bad */
gs_date date_parse_iso(const char *s);
/* today's date in an IANA time zone such as "Asia/Shanghai" */
gs_date date_today(const char *tz);

#endif
