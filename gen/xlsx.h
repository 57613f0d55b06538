/*
 * xlsx.h - the staff workbooks in out/xlsx (never under out/site):
 *
 *   stats-YYYY.xlsx           统计年报, county total (and a per-agency table)
 *   stats-YYYY-<agency>.xlsx  the same for one agency (agency URL slug)
 *   sgs-penalties-YYYY.xlsx/.csv  双公示 export of the year's 行政处罚
 *   sgs-permits-YYYY.xlsx/.csv    双公示 export of the year's 行政许可
 *
 * Figures come from stats.c only.  Workbooks are written with
 * libxlsxwriter in constant_memory mode (明细 stays in bounded memory at
 * any row count; past 1,048,575 rows it continues on 明细2, 明细3 ...),
 * with fixed document properties dated --today, so two builds of the
 * same input give identical bytes.  Workbooks are independent, so they are
 * written by a few threads at once.  Files are written beside their final
 * name and renamed into place only when their bytes changed; files of the
 * same year that this build did not write are removed (other years'
 * reports stay: --year 2024 does not delete the 2025 report).
 *
 * A workbook whose inputs are unchanged since the last build is not made
 * again (digest.h, records in STATE/xlsx.digests).  Its key is the
 * program, --today, the year, the content files every workbook reads
 * (site.yaml, calendar, agencies, officers) and its content digest: the
 * same code run without a workbook, feeding every sheet name, cell (row,
 * column, value, format), chart, range and 双公示 CSV line to the digest
 * instead (xl_digest_mode), which costs a few percent of making it.  So an
 * edit that no cell shows (a decision's text in the statistics, a
 * decision of another year) makes nothing again.  A decision restored
 * from the ledger (a rejected row kept at its last good version) makes
 * every workbook again.
 *
 * The second half of this header is internal to the xlsx_*.c files.
 */
#ifndef GONGSHI_XLSX_H
#define GONGSHI_XLSX_H

#include <stdbool.h>

#include "digest.h"
#include "model.h"
#include "stats.h"

typedef struct xlsx_opts {
    const char *out_root;       /* the build's --out; files go to out_root/xlsx */
    gs_date today;
    int year;                   /* 0 = the calendar year before today */
    const stats_ledger *ledger; /* first-published dates; NULL until a ledger exists */
    const char *state_dir;      /* xlsx.digests: workbooks whose inputs are
                                   unchanged are kept; NULL: make every one */
    bool verbose;
    unsigned threads;           /* for the content digests; 0: one per processor */
} xlsx_opts;

/* 0 on success; -1 when a file could not be written.  The same as
 * xlsx_write(xlsx_plan_new(m, o)) */
int xlsx_build(const gs_model *m, const xlsx_opts *o);

/* the build in two halves.  xlsx_plan_new computes the statistics and the
 * content digests and so decides which workbooks must be made; it writes
 * nothing but the empty folder out/xlsx and prints nothing, so it can run
 * on a thread while the site is written (the model and the ledger are
 * only read).  xlsx_make makes those workbooks, one thread per processor,
 * as hidden temporary files beside their final names (nothing a reader of
 * out/xlsx sees changes; the model only read), so it can run on a thread
 * of its own.  xlsx_write makes them if xlsx_make has not, commits them (a rename when
 * the bytes changed) and frees the plan; xlsx_plan_free drops a plan that
 * is not written (a build that stopped) and its temporary files.  o and
 * the strings it points to are not kept. */
typedef struct xlsx_plan xlsx_plan;
xlsx_plan *xlsx_plan_new(const gs_model *m, const xlsx_opts *o);
void xlsx_make(xlsx_plan *p);
int xlsx_write(xlsx_plan *p);
void xlsx_plan_free(xlsx_plan *p);

/* data rows per sheet before 明细 continues on 明细2 (Excel's limit,
 * 1,048,575 below a header row); tests lower it */
extern unsigned xlsx_rows_per_sheet;

/* ---- internal to xlsx_*.c ---- */

#include <stdio.h>
#include <xlsxwriter.h>

/* the formats every workbook has */
typedef struct xl_formats {
    lxw_format *title, *note, *section, *head, *text, *wrap, *label, *total,
        *num, *num_total, *yuan, *yuan_total, *pct, *pct_total, *flag, *date,
        *datetime, *wan, *yuan_plain;
} xl_formats;

typedef struct xl {
    const gs_model *m;
    const gs_stats *st;
    const stats_unit *u; /* the unit this workbook reports (0 = county) */
    const uint32_t *rows; /* its decisions of the year, by date (明细) */
    size_t nrows;
    lxw_workbook *wb;
    xl_formats f;
    char *hdr, *ftr;     /* print header and footer */
    bool failed;
    /* content digest mode (no workbook): every sheet name, cell (row,
     * column, value, format) and range is fed to hash instead; the formats
     * in f are stand-ins at fmt0[0..] known only by their number */
    dg *hash;
    const lxw_format *fmt0;
} xl;

typedef struct xs xs;

/* put x in content digest mode: cells go to d (xl_digest_cell) */
void xl_digest_mode(xl *x, dg *d);
/* in digest mode, a number that shapes the sheet (a range, a row count) */
void xs_digest(xs *s, uint64_t v);

/* one worksheet being written top to bottom (constant_memory) */
struct xs {
    xl *x;
    lxw_worksheet *ws;
    char name[32];
    lxw_row_t row;     /* next row to write */
};

/* a workbook of this many data rows is written with ZIP64 (a sheet's XML
 * passes 4 GB only with about a million long rows; Excel prefers plain
 * zip below that) */
bool xl_zip64(size_t rows);
/* open a workbook at path with properties dated today; NULL on error.
 * rows: data rows it will hold (ZIP64 only for huge ones, as Excel
 * prefers plain zip) */
lxw_workbook *xl_open(const char *path, const char *tmpdir, const char *title,
                      const char *subject, const gs_model *m, gs_date today, size_t rows);
void xl_formats_init(xl_formats *f, lxw_workbook *wb);
/* header "&L<who>&C<what>&R&A" and footer with page numbers, escaped */
void xl_print_texts(xl *x, const char *who, const char *what);
/* a worksheet with A4 landscape, fit to width, header/footer; rows
 * 0..repeat_to repeat on every printed page */
void xs_open(xs *s, xl *x, const char *name);
void xs_repeat(xs *s, lxw_row_t last);

/* cell writers: strings are truncated to Excel's 32767 characters; an
 * empty string writes nothing */
void xs_str(xs *s, lxw_col_t c, const char *v, lxw_format *f);
void xs_num(xs *s, lxw_col_t c, double v, lxw_format *f);
void xs_int(xs *s, lxw_col_t c, int64_t v, lxw_format *f);
void xs_yuan(xs *s, lxw_col_t c, int64_t fen, lxw_format *f); /* fen -> yuan cell */
void xs_date(xs *s, lxw_col_t c, gs_date d, lxw_format *f);    /* Excel date */
/* title row + note row, then one blank row */
void xs_title(xs *s, const char *title, const char *note);
/* a section: its title row then a header row of n columns */
void xs_section(xs *s, const char *title, const char *const *cols, size_t n);
void xs_widths(xs *s, const double *w, size_t n);

/* the statistics sheets (总体 .. 公示时效) of x's unit (xlsx_sheets.c) */
void xl_stats_sheets(xl *x);
/* one piece of work for a worker thread: a workbook (and for the exports
 * its CSV twin) written to temporary files beside their final names; the
 * driver renames them into place after every job has finished */
enum { XJ_STATS, XJ_PENALTIES, XJ_PERMITS };
typedef struct xl_job {
    int kind;
    size_t unit;          /* XJ_STATS: the stats unit */
    const uint32_t *rows; /* decisions of the year in 明细 order */
    size_t nrows;
    char *name[2];        /* its files (set by the driver); NULL when unused */
    char *tmp[2];         /* the temporary files made; NULL when none */
    bool ok;
    bool kept;            /* inputs unchanged: not made */
} xl_job;

/* the temporary path for name in dir (hidden, per process); malloc'd */
char *xl_tmp_path(const char *dir, const char *name);
/* the 双公示 export of job j (xlsx_export.c); with hash, nothing is
 * written: its content digest is fed to hash */
void xl_export(const gs_model *m, const gs_stats *st, const char *dir, xl_job *j,
               dg *hash);

/* the Excel serial day of a date */
static inline double xl_serial(gs_date d)
{
    return (double)(d - 1) + 25569.0;
}

#endif
