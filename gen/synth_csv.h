/*
 * synth_csv.h - the CSV writer gongshi-synth uses (synth_csv.c).
 */
#ifndef GONGSHI_SYNTH_CSV_H
#define GONGSHI_SYNTH_CSV_H

#include <stdio.h>

#include "util.h"

typedef struct {
    FILE *f;
    char *path;
    buf row, cell;
    int col;
} csvout;

/* print "gongshi-synth: PATH: error" and exit 1 */
_Noreturn void die_io(const char *path);
void cell(csvout *o, const char *s, size_t n);   /* one cell, quoted when needed */
void cells(csvout *o, const char *s);
void cellc(csvout *o);                           /* the composed o->cell, then reset */
void blanks(csvout *o, int n);
void cellf(csvout *o, const char *fmt, ...) GS_PRINTF(2, 3);
void csv_endrow(csvout *o);
/* DIR/data/NAME with a header row; exits on error */
void csv_open(csvout *o, const char *dir, const char *name, const char *const *cols, size_t ncols);
void csv_close(csvout *o);

#endif
