/*
 * svgchart.h - small inline SVG charts for the public site (no script):
 * horizontal bars for ranked categories, vertical columns for a series
 * over months or hours.  Each chart is a role="img" element named by its
 * <title>; the page shows the same figures in a table next to it, which is
 * where screen readers and printouts get the numbers.
 */
#ifndef GONGSHI_SVGCHART_H
#define GONGSHI_SVGCHART_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* append an <svg> of n horizontal bars (label, bar, value) to b; id must be
 * unique on the page (ASCII); long labels are shortened with "…" */
void svg_hbars(buf *b, const char *id, const char *title, const char *const *labels,
               const int64_t *values, size_t n);
/* append an <svg> of n vertical columns with labels under them */
void svg_columns(buf *b, const char *id, const char *title, const char *const *labels,
                 const int64_t *values, size_t n);
/* the smallest 1, 2 or 5 times a power of ten that is >= v (1 for v <= 1) */
int64_t svg_nice_max(int64_t v);

#endif
