/*
 * calendar.c - the holiday calendar (content/calendar/YYYY.csv) and
 * working-day arithmetic over it.  See calendar.h.
 *
 * calendar_load reads every YYYY.csv file of the folder into m->calendar
 * (sorted), records which years are covered, and calendar_index builds a
 * per-day table of cumulative working days over the covered span, so that
 * counting working days between two dates is one subtraction and finding
 * the n-th working day after a date is one binary search.  Without the
 * table (a model filled by hand) the same answers come from walking the
 * days.
 */
#include "calendar.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "diag.h"
#include "fields.h"
#include "load_common.h"
#include "loaders.h"

bool cal_covered(const gs_model *m, int year)
{
    return m->cal_years && year >= m->cal_first_year && year <= m->cal_last_year &&
           m->cal_years[year - m->cal_first_year];
}

static gs_date cal_start(const gs_model *m)
{
    return date_from_ymd(m->cal_first_year, 1, 1);
}

static size_t cal_ndays(const gs_model *m)
{
    return (size_t)(date_from_ymd(m->cal_last_year, 12, 31) - cal_start(m) + 1);
}

static int cmp_calday(const void *a, const void *b)
{
    const gs_calday *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

/* kind marked in the (sorted) calendar, DAY_NORMAL when none */
static int marked_kind(const gs_model *m, gs_date d)
{
    size_t lo = 0, hi = m->calendar.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        gs_date x = m->calendar.v[mid].date;
        if (x == d)
            return m->calendar.v[mid].kind;
        if (x < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return DAY_NORMAL;
}

static bool workday_by_kind(int kind, gs_date d)
{
    return kind == DAY_WORK || (kind != DAY_OFF && date_weekday(d) < 5);
}

void calendar_index(gs_model *m)
{
    m->cal_cum = NULL;
    if (!m->cal_first_year || !m->cal_last_year)
        return;
    gs_date start = cal_start(m);
    size_t nd = cal_ndays(m);
    uint8_t *kind = xcalloc(nd, 1);
    for (size_t i = 0; i < m->calendar.n; i++) {
        gs_date d = m->calendar.v[i].date;
        if (d >= start && (size_t)(d - start) < nd)
            kind[d - start] = m->calendar.v[i].kind;
    }
    int32_t *cum = arena_alloc(&m->arena, nd * sizeof *cum);
    int32_t run = 0;
    for (size_t i = 0; i < nd; i++) {
        run += workday_by_kind(kind[i], start + (gs_date)i);
        cum[i] = run;
    }
    free(kind);
    m->cal_cum = cum;
}

bool cal_is_workday(const gs_model *m, gs_date d)
{
    if (m->cal_cum && cal_covered(m, date_year(d))) {
        size_t i = (size_t)(d - cal_start(m));
        return m->cal_cum[i] - (i ? m->cal_cum[i - 1] : 0) > 0;
    }
    return workday_by_kind(marked_kind(m, d), d);
}

/* first uncovered year in [y0, y1], 0 when all are covered */
static int first_gap(const gs_model *m, int y0, int y1)
{
    for (int y = y0; y <= y1; y++)
        if (!cal_covered(m, y))
            return y;
    return 0;
}

int cal_due(const gs_model *m, gs_date d, int n, gs_date *out)
{
    int y = date_year(d);
    if (!cal_covered(m, y))
        return y;
    if (n <= 0) {
        *out = d;
        return 0;
    }
    if (m->cal_cum) {
        gs_date start = cal_start(m);
        size_t nd = cal_ndays(m), i = (size_t)(d - start);
        int64_t target = (int64_t)m->cal_cum[i] + n;
        if (m->cal_cum[nd - 1] < target) {
            int gap = first_gap(m, y, m->cal_last_year);
            return gap ? gap : m->cal_last_year + 1;
        }
        size_t lo = i + 1, hi = nd - 1; /* cum[hi] >= target */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (m->cal_cum[mid] >= target)
                hi = mid;
            else
                lo = mid + 1;
        }
        gs_date e = start + (gs_date)lo;
        int gap = first_gap(m, y, date_year(e));
        if (gap)
            return gap;
        *out = e;
        return 0;
    }
    gs_date e = d;
    for (int k = 0; k < n;) {
        e++;
        int ey = date_year(e);
        if (!cal_covered(m, ey))
            return ey;
        if (cal_is_workday(m, e))
            k++;
    }
    *out = e;
    return 0;
}

int cal_workdays_between(const gs_model *m, gs_date a, gs_date b, int *uncovered)
{
    if (uncovered)
        *uncovered = 0;
    gs_date lo = a < b ? a : b, hi = a < b ? b : a;
    int gap = first_gap(m, date_year(lo), date_year(hi));
    if (gap) {
        if (uncovered)
            *uncovered = gap;
        return 0;
    }
    int v = 0;
    if (m->cal_cum) {
        gs_date start = cal_start(m);
        v = m->cal_cum[hi - start] - m->cal_cum[lo - start];
    } else {
        for (gs_date d = lo + 1; d <= hi; d++)
            v += cal_is_workday(m, d);
    }
    return b >= a ? v : -v;
}

/* ---- loading ---- */

enum { K_DATE, K_KIND, K_NAME, K_N };
static const csvf_col cal_cols[K_N] = {
    [K_DATE] = {"date", true},
    [K_KIND] = {"kind", true},
    [K_NAME] = {"name", false},
};

/* one YYYY.csv; false when the file could not be used at all */
static bool load_year(gs_model *m, const char *path, int year)
{
    const char *file;
    csvf *f = load_open(m, path, GS_IN_CALENDAR, cal_cols, K_N, &file);
    if (!f)
        return false;
    u64map seen; /* date -> line */
    u64map_init(&seen);
    static const char *const kinds[] = {"休", "班"};
    while (csvf_next(f)) {
        const char *ds = csvf_get(f, K_DATE);
        row r = {file, csvf_line(f), "date", ds, 0};
        gs_date d = row_date(&r, "date", ds, true);
        int kind = row_enum(&r, "kind", csvf_get(f, K_KIND), kinds, 2, -1);
        if (d != GS_NODATE && date_year(d) != year)
            row_error(&r, "date is not in %d", year);
        if (r.errors)
            continue;
        uint32_t *first = u64map_get(&seen, (uint64_t)(uint32_t)d);
        if (*first) {
            row_error(&r, "duplicate date, first on line %u", (unsigned)*first);
            continue;
        }
        *first = r.line;
        if (kind == 1 && date_weekday(d) < 5)
            row_warn(&r, "班 on a weekday changes nothing");
        gs_calday *c = GS_PUSH(m->calendar);
        c->date = d;
        c->kind = kind == 0 ? DAY_OFF : DAY_WORK;
        c->name = model_str(m, csvf_get(f, K_NAME), csvf_len(f, K_NAME));
    }
    csvf_close(f);
    u64map_free(&seen);
    return true;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* "YYYY.csv" -> YYYY, else 0 */
static int year_file(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (name[i] < '0' || name[i] > '9')
            return 0;
    if (strcmp(name + 4, ".csv") != 0)
        return 0;
    int y = atoi(name);
    return y >= 1 ? y : 0;
}

void calendar_load(gs_model *m, const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        if (errno == ENOENT)
            diag_warn(dir, 1, "no calendar folder: working-day deadlines cannot be computed");
        else
            diag_error(dir, 1, "cannot open: %s", strerror(errno));
        return;
    }
    int *years = NULL;
    size_t ny = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        int y = year_file(e->d_name);
        if (!y) {
            size_t len = strlen(e->d_name);
            if (len > 4 && strcasecmp(e->d_name + len - 4, ".csv") == 0) {
                char *p = xasprintf("%s/%s", dir, e->d_name);
                diag_warn(p, 1, "ignored: calendar files are named YYYY.csv");
                free(p);
            }
            continue;
        }
        if (ny == cap) {
            cap = cap ? cap * 2 : 8;
            years = xreallocarray(years, cap, sizeof *years);
        }
        years[ny++] = y;
    }
    closedir(dp);
    if (!ny) {
        diag_warn(dir, 1, "no calendar files (YYYY.csv): working-day deadlines cannot be computed");
        free(years);
        return;
    }
    qsort(years, ny, sizeof *years, cmp_int);
    int first = years[0], last = years[ny - 1];
    if (m->cal_first_year && m->cal_years) { /* a second folder: widen the range */
        first = first < m->cal_first_year ? first : m->cal_first_year;
        last = last > m->cal_last_year ? last : m->cal_last_year;
    }
    uint8_t *covered = xcalloc((size_t)(last - first + 1), 1);
    if (m->cal_years)
        for (int y = m->cal_first_year; y <= m->cal_last_year; y++)
            covered[y - first] = m->cal_years[y - m->cal_first_year];
    for (size_t i = 0; i < ny; i++) {
        char *path = xasprintf("%s/%04d.csv", dir, years[i]);
        if (load_year(m, path, years[i]))
            covered[years[i] - first] = 1;
        free(path);
    }
    free(years);
    free(m->cal_years);
    m->cal_years = covered;
    m->cal_first_year = first;
    m->cal_last_year = last;
    qsort(m->calendar.v, m->calendar.n, sizeof *m->calendar.v, cmp_calday);
    calendar_index(m);
}
