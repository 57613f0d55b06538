/*
 * xlsx_build.c - out/xlsx: the driver (one statistics computation, one
 * workbook for the county and one per agency, then the 双公示 exports),
 * the output folder (write beside, rename when changed, remove stale
 * files), the workers and the 明细 sheets.  The workbook helpers they
 * share are in xlsx_cells.c.
 */
#include "xlsx.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "fsout.h"
#include "publish.h"
#include "task.h"

/* ---- the output folder ---- */

typedef struct xl_out {
    const char *dir;
    char **names; /* written or kept this run */
    size_t n, cap;
    size_t written, unchanged, removed, kept;
    bool failed;
} xl_out;

char *xl_tmp_path(const char *dir, const char *name)
{
    return xasprintf("%s/.%s.tmp%ld", dir, name, (long)getpid());
}

static void out_name(xl_out *o, const char *name)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 16;
        o->names = xreallocarray(o->names, o->cap, sizeof *o->names);
    }
    o->names[o->n++] = xstrdup(name);
}

/* rename tmp to name when its bytes changed, else drop it; false when it
 * could not be renamed */
static bool out_commit(xl_out *o, const char *name, const char *tmp)
{
    char *final = xasprintf("%s/%s", o->dir, name);
    bool ok = true;
    if (fsout_same_files(tmp, final)) {
        unlink(tmp);
        o->unchanged++;
    } else if (rename(tmp, final) != 0) {
        fprintf(stderr, "gongshi: cannot rename into %s: %s\n", final, strerror(errno));
        unlink(tmp);
        o->failed = true;
        ok = false;
    } else {
        o->written++;
    }
    out_name(o, name);
    free(final);
    return ok;
}

/* a file of ours for this year: stats-YYYY[-agency].xlsx, sgs-KIND-YYYY.*,
 * or a temporary file left by a crashed run */
static bool ours(const char *name, int year)
{
    char y[16];
    snprintf(y, sizeof y, "-%d", year);
    size_t yl = strlen(y);
    if (name[0] == '.' && strstr(name, ".tmp"))
        return true;
    if (strncmp(name, "stats", 5) == 0 && strncmp(name + 5, y, yl) == 0)
        return name[5 + yl] == '.' || name[5 + yl] == '-';
    static const char *const kinds[] = {"sgs-penalties", "sgs-permits"};
    for (size_t k = 0; k < 2; k++) {
        size_t kl = strlen(kinds[k]);
        if (strncmp(name, kinds[k], kl) == 0 && strncmp(name + kl, y, yl) == 0 &&
            name[kl + yl] == '.')
            return true;
    }
    return false;
}

/* remove this year's files that this run did not write (a renamed agency's
 * workbook); other years' reports stay, and so do their digest records */
static void out_prune(xl_out *o, int year, dg_records *rec)
{
    DIR *d = opendir(o->dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!ours(e->d_name, year)) {
            dg_carry(rec, e->d_name);
            continue;
        }
        bool keep = false;
        for (size_t i = 0; i < o->n && !keep; i++)
            keep = strcmp(o->names[i], e->d_name) == 0;
        if (keep)
            continue;
        char *p = xasprintf("%s/%s", o->dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && unlink(p) == 0)
            o->removed++;
        free(p);
    }
    closedir(d);
}

/* ---- 明细 ---- */

static const char *const detail_cols[] = {
    "文书号", "执法类别", "执法机关", "相对人名称", "相对人类别", "统一社会信用代码",
    "决定日期", "违法行为类型", "处罚类别", "最重处罚（每案计一次）", "罚款金额（元）",
    "没收金额（元）", "程序类型", "许可结果", "许可类别", "强制措施", "发生地点",
    "发生时间", "重大执法决定", "法制审核", "律师参与", "听证", "状态", "状态日期",
    "公示状态", "不予公开"};
#define N_DETAIL (sizeof detail_cols / sizeof *detail_cols)
static const double detail_widths[N_DETAIL] = {
    24, 10, 24, 26, 14, 20, 11, 30, 22, 18, 14, 14, 10, 8, 8, 12, 12, 16, 8, 8, 8, 6,
    8, 11, 12, 10};

/* Excel's last row is 1,048,576: a header plus this many rows per sheet */
unsigned xlsx_rows_per_sheet = 1048575u;

static void flags_text(buf *b, unsigned mask, const char *const *names, int n)
{
    buf_reset(b);
    for (int i = 0; i < n; i++) {
        if (!(mask & (1u << i)))
            continue;
        if (b->len)
            buf_putc(b, ';');
        buf_puts(b, names[i]);
    }
    if (!b->p)
        buf_puts(b, "");
}

static const char *yesno(uint8_t v)
{
    return v == YN_YES ? "是" : v == YN_NO ? "否" : "";
}

static void detail_open(xs *s, xl *x, unsigned part)
{
    char name[32];
    if (part == 1)
        snprintf(name, sizeof name, "明细");
    else
        snprintf(name, sizeof name, "明细%u", part);
    xs_open(s, x, name);
    xs_widths(s, detail_widths, N_DETAIL);
    for (size_t i = 0; i < N_DETAIL; i++)
        xs_str(s, (lxw_col_t)i, detail_cols[i], x->f.head);
    s->row = 1;
    xs_repeat(s, 0);
    if (s->ws)
        worksheet_freeze_panes(s->ws, 1, 1);
}

static void detail_close(xs *s)
{
    xs_digest(s, s->row);
    if (s->ws && s->row > 1)
        worksheet_autofilter(s->ws, 0, 0, s->row - 1, N_DETAIL - 1);
}

static void detail_sheets(xl *x)
{
    const gs_model *m = x->m;
    xs s;
    unsigned part = 1;
    detail_open(&s, x, part);
    buf pb, cb;
    buf_init(&pb);
    buf_init(&cb);
    for (size_t k = 0; k < x->nrows; k++) {
        if (s.row > xlsx_rows_per_sheet) {
            detail_close(&s);
            detail_open(&s, x, ++part);
        }
        const gs_decision *d = &m->decisions.v[x->rows[k]];
        lxw_format *no = NULL;
        xs_str(&s, 0, d->doc_no, no);
        xs_str(&s, 1, gs_category_names[d->category], no);
        xs_str(&s, 2, m->agencies.v[d->agency].name, no);
        xs_str(&s, 3, d->party_name, no);
        xs_str(&s, 4, gs_party_names[d->party_type], no);
        xs_str(&s, 5, d->credit_code, no);
        xs_date(&s, 6, d->date, x->f.date);
        xs_str(&s, 7, d->violation_type, no);
        if (d->category == CAT_CHUFA) {
            flags_text(&pb, d->penalties, gs_penalty_names, PEN_COUNT);
            xs_str(&s, 8, pb.p, no);
            xs_str(&s, 9, stats_heavy_names[stats_heaviest(d->penalties)], no);
        }
        if (d->fine_fen >= 0)
            xs_yuan(&s, 10, d->fine_fen, x->f.yuan_plain);
        if (d->confiscation_fen >= 0)
            xs_yuan(&s, 11, d->confiscation_fen, x->f.yuan_plain);
        xs_str(&s, 12, gs_procedure_names[d->procedure], no);
        xs_str(&s, 13, gs_permit_names[d->permit_result], no);
        xs_str(&s, 14, d->permit_class, no);
        if (d->coercive) {
            flags_text(&cb, d->coercive, gs_coercive_names, COER_COUNT);
            xs_str(&s, 15, cb.p, no);
        }
        xs_str(&s, 16, d->place, no);
        if (d->occur_date != GS_NODATE) {
            if (d->occur_minute >= 0)
                xs_num(&s, 17, xl_serial(d->occur_date) + d->occur_minute / 1440.0,
                       x->f.datetime);
            else
                xs_date(&s, 17, d->occur_date, x->f.date);
        }
        xs_str(&s, 18, yesno(d->major), no);
        xs_str(&s, 19, yesno(d->legal_review), no);
        xs_str(&s, 20, yesno(d->lawyer), no);
        xs_str(&s, 21, yesno(d->hearing), no);
        xs_str(&s, 22, gs_status_names[publish_status(d, x->st->today)], no);
        xs_date(&s, 23, d->status_date, x->f.date);
        xs_str(&s, 24, pub_state_names[publish_state(m, d, x->st->today, GS_NODATE)], no);
        xs_str(&s, 25, d->withheld, no);
        s.row++;
    }
    detail_close(&s);
    buf_free(&pb);
    buf_free(&cb);
}

/* ---- one workbook ---- */

/* the statistics workbook of job j; with hash, nothing is written: its
 * content digest is fed to hash */
static void stats_workbook(const gs_model *m, const gs_stats *st, const char *dir, xl_job *j,
                           dg *hash)
{
    const stats_unit *u = &st->units[j->unit];
    const char *name = j->name[0]; /* as job_names gave it */
    char *title = xasprintf("%s %d年度行政执法统计年报", u->name, st->year);
    xl x = {.m = m, .st = st, .u = u, .rows = j->rows, .nrows = j->nrows};
    char *tmp = NULL;
    if (hash) {
        xl_digest_mode(&x, hash);
        dg_str(hash, title);
    } else {
        tmp = j->tmp[0] = xl_tmp_path(dir, name);
        x.wb = xl_open(tmp, dir, title, "行政执法统计年报", m, st->today, j->nrows);
        if (x.wb)
            xl_formats_init(&x.f, x.wb);
        else
            fprintf(stderr, "gongshi: cannot create %s\n", tmp);
    }
    if (x.wb || hash) {
        char *what = xasprintf("%d年度行政执法统计年报", st->year);
        xl_print_texts(&x, u->name, what);
        free(what);
        if (hash) {
            dg_str(hash, x.hdr);
            dg_str(hash, x.ftr);
        }
        xl_stats_sheets(&x);
        detail_sheets(&x);
    }
    if (x.wb) {
        lxw_error e = workbook_close(x.wb);
        if (e != LXW_NO_ERROR)
            fprintf(stderr, "gongshi: cannot write %s/%s: %s\n", dir, name, lxw_strerror(e));
        j->ok = e == LXW_NO_ERROR && !x.failed;
    }
    free(x.hdr);
    free(x.ftr);
    free(title);
}

/* ---- workers ---- */

typedef struct pool {
    const gs_model *m;
    const gs_stats *st;
    const char *dir;
    xl_job *jobs;
    dg **hash;   /* content digest pass: one per job; NULL: make the files */
    size_t n, next;
    unsigned threads; /* 0: one per processor (at most 8) */
    pthread_mutex_t lock;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next < p->n ? p->next++ : p->n;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->n)
            return NULL;
        xl_job *j = &p->jobs[i];
        dg *h = p->hash ? p->hash[i] : NULL;
        if (j->kept && !h)
            continue;
        if (j->kind == XJ_STATS)
            stats_workbook(p->m, p->st, p->dir, j, h);
        else
            xl_export(p->m, p->st, p->dir, j, h);
    }
}

/* run every job on up to nproc threads (at most 8) */
static void run_jobs(pool *p)
{
    size_t nt = task_processors();
    if (nt > 8)
        nt = 8;
    if (p->threads && nt > p->threads)
        nt = p->threads;
    if (nt > p->n)
        nt = p->n;
    pthread_mutex_init(&p->lock, NULL);
    pthread_t t[8];
    size_t started = 0;
    for (size_t i = 1; i < nt; i++)
        if (pthread_create(&t[started], NULL, worker, p) == 0)
            started++;
    worker(p); /* this thread works too */
    for (size_t i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    pthread_mutex_destroy(&p->lock);
}

/* ---- the year's decisions in 明细 order ---- */

static int cmp_row(const void *a, const void *b, void *base)
{
    const gs_decision *x = &((const gs_decision *)base)[*(const uint32_t *)a];
    const gs_decision *y = &((const gs_decision *)base)[*(const uint32_t *)b];
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    int c = strcmp(x->doc_no, y->doc_no);
    if (c)
        return c;
    return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

/* the decisions the statistics count (stats.c: year and a known agency) */
static bool in_year(const gs_model *m, gs_date from, gs_date to, size_t i)
{
    const gs_decision *d = &m->decisions.v[i];
    return d->date >= from && d->date <= to && d->agency >= 0 &&
           (size_t)d->agency < m->agencies.n;
}

/* the files of job j */
static void job_names(xl_job *j, const gs_model *m, int year)
{
    if (j->kind == XJ_STATS) {
        j->name[0] = j->unit == 0 ? xasprintf("stats-%d.xlsx", year)
                                  : xasprintf("stats-%d-%s.xlsx", year,
                                              m->agencies.v[j->unit - 1].slug);
        return;
    }
    const char *kind = j->kind == XJ_PENALTIES ? "penalties" : "permits";
    j->name[0] = xasprintf("sgs-%s-%d.xlsx", kind, year);
    j->name[1] = xasprintf("sgs-%s-%d.csv", kind, year);
}

/* what every workbook of the year depends on beside its content (see
 * xlsx.h); the decision rows count through the cells they fill */
static dg *inputs_digest(const gs_model *m, const xlsx_opts *o, int year, gs_date from,
                         gs_date to)
{
    dg *d = dg_new("gongshi xlsx 2");
    dg_i64(d, o->today);
    dg_i64(d, year);
    dg_u64(d, xlsx_rows_per_sheet);
    dg_inputs(d, m, (1u << GS_IN_SITE) | (1u << GS_IN_CALENDAR) | (1u << GS_IN_AGENCIES) |
                        (1u << GS_IN_OFFICERS));
    /* timeliness: the ledger's start */
    const stats_ledger *lg = o->ledger;
    dg_u64(d, lg != NULL);
    if (lg) {
        dg_i64(d, lg->start);
        dg_u64(d, lg->first_published != NULL);
    }
    for (size_t i = 0; i < m->decisions.n; i++)
        if (m->decisions.v[i].kept && in_year(m, from, to, i))
            dg_poison(d); /* its fields come from the ledger, not a file */
    return d;
}

struct xlsx_plan {
    const gs_model *m;
    bool verbose;
    bool made;        /* xlsx_make has run */
    double seconds;   /* spent planning and making */
    char *dir;
    int mkdir_errno;  /* the folder could not be made: reported by xlsx_write */
    int year;
    size_t n;         /* the year's decisions */
    xl_job *jobs;
    size_t nj;
    uint32_t *rows, *by_agency;
    gs_stats st;
    dg_records *rec;
    dg_hash *h;
    bool *has_h;
};

/* the year's decisions sorted by date (the exports and the county
 * workbook), then bucketed by agency (each agency's workbook) */
static void plan_rows(xlsx_plan *p, gs_date from, gs_date to)
{
    const gs_model *m = p->m;
    size_t na = m->agencies.n;
    xl_job *jobs = p->jobs;
    size_t n = 0;
    for (size_t i = 0; i < m->decisions.n; i++)
        n += in_year(m, from, to, i);
    p->n = n;
    uint32_t *rows = p->rows = xcalloc(n ? n : 1, sizeof *rows);
    size_t nr = 0;
    for (size_t i = 0; i < m->decisions.n; i++)
        if (in_year(m, from, to, i))
            rows[nr++] = (uint32_t)i;
    qsort_r(rows, n, sizeof *rows, cmp_row, (void *)m->decisions.v);
    size_t *start = xcalloc(na + 2, sizeof *start);
    for (size_t r = 0; r < n; r++)
        start[m->decisions.v[rows[r]].agency + 2]++;
    for (size_t a = 0; a < na; a++)
        start[a + 2] += start[a + 1];
    uint32_t *by_agency = p->by_agency = xcalloc(n ? n : 1, sizeof *by_agency);
    for (size_t r = 0; r < n; r++)
        by_agency[start[m->decisions.v[rows[r]].agency + 1]++] = rows[r];
    /* now start[a] .. start[a + 1] is agency a's range */
    for (size_t i = 0; i < 3; i++) {
        jobs[i].rows = rows;
        jobs[i].nrows = n;
    }
    for (size_t a = 0; a < na; a++) {
        jobs[3 + a].rows = by_agency + start[a];
        jobs[3 + a].nrows = start[a + 1] - start[a];
    }
    free(start);
}

/* which workbooks are still as their inputs would make them: the common
 * inputs and each workbook's content digest (its cells), computed by the
 * same code that makes it, in xl_digest_mode */
static void plan_digests(xlsx_plan *p, const xlsx_opts *o, gs_date from, gs_date to)
{
    const gs_model *m = p->m;
    xl_job *jobs = p->jobs;
    size_t nj = p->nj;
    int year = p->year;
    gs_stats *st = &p->st;
    stats_compute(st, m, year, o->today, o->ledger);
    dg_records *rec = p->rec = dg_load(o->state_dir, "xlsx.digests", p->dir);
    dg *common = inputs_digest(m, o, year, from, to);
    dg **hd = xcalloc(nj, sizeof *hd);
    for (size_t i = 0; i < nj; i++) {
        xl_job *j = &jobs[i];
        hd[i] = dg_copy(common);
        dg_u64(hd[i], (uint64_t)j->kind);
        dg_u64(hd[i], j->unit);
        dg_str(hd[i], j->name[0]);
        dg_str(hd[i], j->name[1]);
        dg_u64(hd[i], xl_zip64(j->nrows));
    }
    dg_free(common);
    pool hp = {.m = m, .st = st, .dir = p->dir, .jobs = jobs, .hash = hd, .n = nj,
               .threads = o->threads};
    run_jobs(&hp);
    dg_hash *h = p->h = xcalloc(nj, sizeof *h);
    bool *has_h = p->has_h = xcalloc(nj, sizeof *has_h);
    for (size_t i = 0; i < nj; i++) {
        xl_job *j = &jobs[i];
        has_h[i] = dg_final(hd[i], &h[i]);
        dg_free(hd[i]);
        j->kept = has_h[i];
        for (int f = 0; f < 2 && j->kept; f++)
            j->kept = !j->name[f] || dg_kept(rec, j->name[f], h[i]);
    }
    free(hd);
}

xlsx_plan *xlsx_plan_new(const gs_model *m, const xlsx_opts *o)
{
    double t0 = clock_wall();
    xlsx_plan *p = xcalloc(1, sizeof *p);
    p->m = m;
    p->verbose = o->verbose;
    p->dir = xasprintf("%s/xlsx", o->out_root);
    /* made now, so that the records of the last build are found */
    if (!mkdir_p(p->dir))
        p->mkdir_errno = errno ? errno : EIO;
    int year = p->year = o->year > 0 ? o->year : stats_default_year(o->today);
    gs_date from = date_from_ymd(year, 1, 1), to = date_from_ymd(year, 12, 31);

    /* the biggest jobs first: county workbook, exports, then agencies */
    size_t na = m->agencies.n;
    size_t nj = p->nj = 3 + na;
    xl_job *jobs = p->jobs = xcalloc(nj, sizeof *jobs);
    jobs[0] = (xl_job){.kind = XJ_STATS, .unit = 0};
    jobs[1] = (xl_job){.kind = XJ_PENALTIES};
    jobs[2] = (xl_job){.kind = XJ_PERMITS};
    for (size_t a = 0; a < na; a++)
        jobs[3 + a] = (xl_job){.kind = XJ_STATS, .unit = 1 + a};
    for (size_t i = 0; i < nj; i++)
        job_names(&jobs[i], m, year);

    plan_rows(p, from, to);
    plan_digests(p, o, from, to);
    p->seconds = clock_wall() - t0;
    return p;
}

void xlsx_plan_free(xlsx_plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nj; i++)
        for (int k = 0; k < 2; k++) {
            free(p->jobs[i].name[k]);
            if (p->jobs[i].tmp[k]) /* made, not committed: the build stopped */
                unlink(p->jobs[i].tmp[k]);
            free(p->jobs[i].tmp[k]);
        }
    free(p->jobs);
    free(p->h);
    free(p->has_h);
    dg_records_free(p->rec);
    free(p->by_agency);
    free(p->rows);
    stats_free(&p->st);
    free(p->dir);
    free(p);
}

void xlsx_make(xlsx_plan *p)
{
    if (p->made || p->mkdir_errno)
        return;
    double t0 = clock_wall();
    p->made = true;
    bool make = false;
    for (size_t i = 0; i < p->nj; i++)
        make |= !p->jobs[i].kept;
    if (make) {
        pool mp = {.m = p->m, .st = &p->st, .dir = p->dir, .jobs = p->jobs, .n = p->nj};
        run_jobs(&mp);
    }
    p->seconds += clock_wall() - t0;
}

int xlsx_write(xlsx_plan *p)
{
    if (p->mkdir_errno) {
        fprintf(stderr, "gongshi: cannot create %s: %s\n", p->dir, strerror(p->mkdir_errno));
        xlsx_plan_free(p);
        return -1;
    }
    xlsx_make(p); /* nothing when made already; its time is in p->seconds */
    double t0 = clock_wall();
    xl_out out = {.dir = p->dir};
    xl_job *jobs = p->jobs;
    size_t nj = p->nj;
    dg_records *rec = p->rec;
    bool ok = true;
    for (size_t i = 0; i < nj; i++) {
        xl_job *j = &jobs[i];
        for (int k = 0; k < 2; k++) {
            if (!j->name[k])
                continue;
            if (j->kept) {
                out_name(&out, j->name[k]);
                dg_carry(rec, j->name[k]);
                out.kept++;
            } else if (j->tmp[k] && j->ok) {
                if (out_commit(&out, j->name[k], j->tmp[k]) && p->has_h[i])
                    dg_put(rec, j->name[k], p->h[i], NULL, 0);
            } else if (j->tmp[k]) {
                unlink(j->tmp[k]);
            }
            free(j->tmp[k]); /* renamed or removed */
            j->tmp[k] = NULL;
        }
        ok &= j->kept || j->ok;
    }
    if (ok && !out.failed)
        out_prune(&out, p->year, rec);
    /* the records describe the folder as it now is, or are dropped */
    if (ok && !out.failed)
        dg_save(rec);
    else
        dg_discard(rec);

    if (p->verbose)
        fprintf(stderr,
                "xlsx: %d, %zu decisions; %zu files made, %zu kept (inputs unchanged); "
                "%zu new or changed, %zu unchanged, %zu removed (%.2f s)\n",
                p->year, p->n, out.written + out.unchanged, out.kept, out.written,
                out.unchanged, out.removed, p->seconds + clock_wall() - t0);
    for (size_t i = 0; i < out.n; i++)
        free(out.names[i]);
    free(out.names);
    xlsx_plan_free(p);
    return ok && !out.failed ? 0 : -1;
}

int xlsx_build(const gs_model *m, const xlsx_opts *o)
{
    return xlsx_write(xlsx_plan_new(m, o));
}
