/*
 * calendar.h - working days from the content's holiday calendar.
 *
 * A day is a working day when the calendar marks it 班, or when it is
 * Monday-Friday and not marked 休.  Only years with a calendar file are
 * covered; questions about other years fail instead of guessing.
 */
#ifndef GONGSHI_CALENDAR_H
#define GONGSHI_CALENDAR_H

#include <stdbool.h>

#include "model.h"

bool cal_covered(const gs_model *m, int year);
/* true when d is a working day; d's year must be covered */
bool cal_is_workday(const gs_model *m, gs_date d);
/* the n-th working day after d (d not counted).  Returns 0 and sets *out,
 * or returns the first uncovered year reached (so the caller can say
 * "calendar YYYY missing"). */
int cal_due(const gs_model *m, gs_date d, int n, gs_date *out);
/* working days from a (exclusive) to b (inclusive); negative when b < a;
 * 0 with *uncovered set to the year when the calendar does not cover it */
int cal_workdays_between(const gs_model *m, gs_date a, gs_date b, int *uncovered);
/* (re)build the per-day table behind the functions above from m->calendar
 * and m->cal_years; calendar_load calls it.  Without it they still work,
 * more slowly. */
void calendar_index(gs_model *m);

#endif
