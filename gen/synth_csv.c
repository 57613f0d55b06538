/*
 * synth_csv.c - CSV output for gongshi-synth: a record is built in a row
 * buffer from cells (quoted only when needed) and flushed in 64 KB blocks.
 */
#include "synth_csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void die_io(const char *path)
{
    fprintf(stderr, "gongshi-synth: %s: %s\n", path, strerror(errno));
    exit(1);
}

void cell(csvout *o, const char *s, size_t n)
{
    if (o->col++)
        buf_putc(&o->row, ',');
    if (strcspn(s, ",\"\n\r") >= n) {
        buf_add(&o->row, s, n);
        return;
    }
    buf_putc(&o->row, '"');
    for (const char *q, *e = s + n; s < e; s = q + 1) { /* double the quotes */
        q = memchr(s, '"', (size_t)(e - s));
        buf_add(&o->row, s, (size_t)((q ? q + 1 : e) - s));
        if (!q)
            break;
        buf_putc(&o->row, '"');
    }
    buf_putc(&o->row, '"');
}

void cells(csvout *o, const char *s) { cell(o, s, strlen(s)); }
void cellc(csvout *o) { cell(o, o->cell.p ? o->cell.p : "", o->cell.len); buf_reset(&o->cell); }
void blanks(csvout *o, int n) { while (n-- > 0) cell(o, "", 0); }

GS_PRINTF(2, 3) void cellf(csvout *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&o->cell, fmt, ap);
    va_end(ap);
    cellc(o);
}

void csv_endrow(csvout *o)
{
    buf_putc(&o->row, '\n');
    o->col = 0;
    if (o->row.len >= (1 << 16)) {
        if (fwrite(o->row.p, 1, o->row.len, o->f) != o->row.len)
            die_io(o->path);
        buf_reset(&o->row);
    }
}

void csv_open(csvout *o, const char *dir, const char *name, const char *const *cols, size_t ncols)
{
    memset(o, 0, sizeof *o);
    o->path = xasprintf("%s/data/%s", dir, name);
    if (!(o->f = fopen(o->path, "wb")))
        die_io(o->path);
    for (size_t i = 0; i < ncols; i++)
        cells(o, cols[i]);
    csv_endrow(o);
}

void csv_close(csvout *o)
{
    if (o->row.len && fwrite(o->row.p, 1, o->row.len, o->f) != o->row.len)
        die_io(o->path);
    if (ferror(o->f) || fclose(o->f) != 0)
        die_io(o->path);
    buf_free(&o->row);
    buf_free(&o->cell);
    free(o->path);
}
