/*
 * cmd_build.c - `gongshi build`, `gongshi check` and `gongshi due`:
 * option parsing, running loaders and outputs in order, exit status.
 */
#include <getopt.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "commands.h"
#include "compliance.h"
#include "diag.h"
#include "fsout.h"
#include "generation.h"
#include "lock.h"
#include "progress.h"
#include "ledger.h"
#include "loaders.h"
#include "pdf.h"
#include "report.h"
#include "site.h"
#include "task.h"
#include "xlsx.h"

typedef struct opts {
    const char *content, *out, *state, *templates;
    const char *today_s, *from_s;
    int year, workdays;
    bool verbose, quiet;
} opts;

enum { O_CONTENT = 256, O_OUT, O_STATE, O_TODAY, O_YEAR, O_TEMPLATES, O_VERBOSE,
       O_QUIET, O_FROM, O_WORKDAYS };

static const struct option long_opts[] = {
    {"content", required_argument, NULL, O_CONTENT},
    {"out", required_argument, NULL, O_OUT},
    {"state", required_argument, NULL, O_STATE},
    {"today", required_argument, NULL, O_TODAY},
    {"year", required_argument, NULL, O_YEAR},
    {"templates", required_argument, NULL, O_TEMPLATES},
    {"verbose", no_argument, NULL, O_VERBOSE},
    {"quiet", no_argument, NULL, O_QUIET},
    {"from", required_argument, NULL, O_FROM},
    {"workdays", required_argument, NULL, O_WORKDAYS},
    {NULL, 0, NULL, 0},
};

static bool parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

/* parse options; `allowed` lists the option codes this command takes */
static bool parse_opts(int argc, char **argv, opts *o, const int *allowed)
{
    memset(o, 0, sizeof *o);
    o->content = "content";
    o->out = "out";
    o->state = "state";
    o->workdays = -1;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
        bool ok = false;
        for (const int *a = allowed; *a; a++)
            ok |= *a == c;
        if (!ok || c == '?' || c == ':') {
            fprintf(stderr, "gongshi %s: unknown or incomplete option '%s'\n", argv[0],
                    argv[optind - 1]);
            return false;
        }
        switch (c) {
        case O_CONTENT: o->content = optarg; break;
        case O_OUT: o->out = optarg; break;
        case O_STATE: o->state = optarg; break;
        case O_TODAY: o->today_s = optarg; break;
        case O_TEMPLATES: o->templates = optarg; break;
        case O_VERBOSE: o->verbose = true; break;
        case O_QUIET: o->quiet = true; break;
        case O_FROM: o->from_s = optarg; break;
        case O_YEAR:
            if (!parse_int(optarg, 1900, 9999, &o->year)) {
                fprintf(stderr, "gongshi %s: --year wants a year, not '%s'\n", argv[0], optarg);
                return false;
            }
            break;
        case O_WORKDAYS:
            if (!parse_int(optarg, 0, 100000, &o->workdays)) {
                fprintf(stderr, "gongshi %s: --workdays wants a number >= 0, not '%s'\n",
                        argv[0], optarg);
                return false;
            }
            break;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "gongshi %s: unexpected argument '%s'\n", argv[0], argv[optind]);
        return false;
    }
    return true;
}

static bool resolve_today(const opts *o, const gs_model *m, gs_date *today)
{
    if (o->today_s) {
        *today = date_parse_iso(o->today_s);
        if (*today == GS_NODATE) {
            fprintf(stderr, "gongshi: --today wants YYYY-MM-DD, not '%s'\n", o->today_s);
            return false;
        }
    } else {
        *today = date_today(m->settings.timezone);
    }
    return true;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* the built-in templates: --templates, else beside the binary (gen/../
 * templates in the source tree, PREFIX/share/gongshi/templates installed) */
static char *builtin_templates(const opts *o)
{
    if (o->templates)
        return xstrdup(o->templates);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = 0;
        static const char *const rel[] = {"/../templates", "/../share/gongshi/templates"};
        for (size_t i = 0; i < 2; i++) {
            char *p = xasprintf("%s%s", exe, rel[i]);
            if (is_dir(p))
                return p;
            free(p);
        }
    }
    return xstrdup("templates");
}

static void warn_next_calendar(const gs_model *m, gs_date today)
{
    int y, mo, d;
    date_to_ymd(today, &y, &mo, &d);
    if (mo == 12 && !cal_covered(m, y + 1))
        diag_warn("calendar", 1, "calendar/%d.csv is missing: deadlines running into %d "
                  "cannot be computed (add the State Council's holiday notice)", y + 1, y + 1);
}

/* the statistics' view of the ledger: first-published date by decision */
static gs_date ledger_first_published(const void *ctx, const gs_model *m, size_t i)
{
    lg_item *it = ledger_find((ledger *)ctx, LG_DECISION, m->decisions.v[i].doc_no);
    return it ? it->first_published : GS_NODATE;
}

/* --verbose: seconds spent in each phase of the build */
typedef struct phases {
    bool on;
    double t, cpu;
    buf line;
} phases;

/* peak resident set so far in MB (VmHWM), -1 when unknown */
static long peak_mb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    fclose(f);
    return kb < 0 ? -1 : kb / 1024;
}

/* a phase ends: its wall time, the processor time all threads spent in
 * it and the peak memory so far */
static void phase(phases *ph, const char *name)
{
    double t = clock_wall(), c = ph->on ? clock_process_cpu() : 0;
    if (ph->on)
        buf_printf(&ph->line, "%s%s %.2fs (cpu %.2fs, peak %ld MB)", ph->line.len ? ", " : "",
                   name, t - ph->t, c - ph->cpu, peak_mb());
    ph->t = t;
    ph->cpu = c;
}

/* the ledger, when it exists, is read on a thread while the content
 * loads: the two take about as long (0.4 s each at 100k decisions) and
 * share nothing */
typedef struct preload {
    const char *state;
    ledger *lg; /* NULL: none, or unreadable (ledger_open says why) */
    task t;
} preload;

static void *preload_main(void *arg)
{
    preload *p = arg;
    p->lg = ledger_open_existing(p->state);
    return NULL;
}

/* the ledger read on the thread, or opened now; with want false, only
 * the thread is finished (a build that stopped before the ledger) */
static ledger *preload_finish(preload *p, bool want)
{
    task_join(&p->t);
    ledger *lg = p->lg;
    p->lg = NULL;
    if (!want) {
        ledger_close(lg);
        return NULL;
    }
    return lg ? lg : ledger_open(p->state);
}

/* the most decisions at which the PDFs are made beside the site */
#define PDF_BESIDE_SITE_MAX 250000

/* the ledger's record of this build is staged on a thread while the site
 * is written (compliance_stage reads the model and the ledger's items and
 * writes only the ledger's file); the switch waits for it, so a build
 * whose record could not be staged never goes live.  A failure stops the
 * site's writing (fsout_cancel) and, when it came first, is the one
 * message the build prints: the ledger's messages are held meanwhile */
typedef struct stager {
    compliance *cp;
    ledger *lg;
    bool ok, first; /* staged; else whether its failure came first */
    buf msgs;       /* the ledger's messages while staging */
    task t;
} stager;

static void *stager_main(void *arg)
{
    stager *s = arg;
    s->ok = compliance_stage(s->cp, s->lg);
    if (!s->ok)
        s->first = fsout_cancel();
    return NULL;
}

static void stager_start(stager *s, compliance *cp, ledger *lg)
{
    s->cp = cp;
    s->lg = lg;
    buf_init(&s->msgs);
    ledger_hold_messages(lg, &s->msgs);
    task_start(&s->t, stager_main, s);
}

/* wait for the stage; false (reported if its failure came first) when it
 * failed */
static bool stager_finish(stager *s)
{
    if (!s->lg)
        return false;
    task_join(&s->t);
    ledger_hold_messages(s->lg, NULL);
    if (!s->ok && s->first && s->msgs.len)
        fputs(s->msgs.p, stderr);
    buf_free(&s->msgs);
    s->lg = NULL;
    return s->ok;
}

/* the workbooks' statistics and content digests are computed on a thread
 * while the site is written (xlsx_plan_new reads the model and the ledger
 * and writes nothing).  Once the site is live, the workbooks whose inputs
 * changed are made on a thread (xlsx_make: temporary files, the model
 * only read) while the ledger is committed and the report and the PDFs
 * are made; then they are committed.  Not sooner: a build that stops
 * (a full disk, say) must say so once, not once per workbook as well */
typedef struct xlsx_bg {
    const gs_model *m;
    xlsx_opts o;
    stats_ledger sl;
    xlsx_plan *plan;
    task t;
} xlsx_bg;

static void *xlsx_bg_main(void *arg)
{
    xlsx_bg *b = arg;
    b->plan = xlsx_plan_new(b->m, &b->o);
    return NULL;
}

static void *xlsx_make_main(void *arg)
{
    xlsx_make(((xlsx_bg *)arg)->plan);
    return NULL;
}

static void xlsx_bg_start(xlsx_bg *b, const gs_model *m, const opts *o, gs_date today,
                          ledger *lg, gs_date ledger_start)
{
    b->m = m;
    b->sl = (stats_ledger){.ctx = lg, .first_published = ledger_first_published,
                           .start = ledger_start};
    /* one thread: the site's pages and search index have the others */
    b->o = (xlsx_opts){.out_root = o->out, .today = today, .year = o->year,
                       .state_dir = o->state, .verbose = o->verbose, .threads = 1,
                       .ledger = b->sl.start != GS_NODATE ? &b->sl : NULL};
    task_start(&b->t, xlsx_bg_main, b);
}

/* the plan, the thread joined; NULL when none was started */
static xlsx_plan *xlsx_bg_finish(xlsx_bg *b)
{
    task_join(&b->t);
    xlsx_plan *p = b->plan;
    b->plan = NULL;
    return p;
}

int cmd_build(int argc, char **argv)
{
    static const int allowed[] = {O_CONTENT, O_OUT, O_STATE, O_TODAY, O_YEAR, O_TEMPLATES,
                                  O_VERBOSE, O_QUIET, 0};
    opts o;
    if (!parse_opts(argc, argv, &o, allowed))
        return 2;
    diag_set_quiet(o.quiet);
    progress_enable(!o.quiet);
#ifdef __GLIBC__
    /* blocks of 1 MB and more (page buffers, index segments, the
     * manifest's arrays) are mapped on their own and given back when
     * freed.  glibc would otherwise raise this threshold each time such a
     * block is freed, and keep the next ones in arenas that do not shrink:
     * at a million decisions that held 12 MB more at the build's peak */
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
    /* one build per output folder at a time */
    int lockfd = lock_acquire(o.out);
    if (lockfd < 0)
        return 2;
    gs_model m;
    model_init(&m);
    int rc = 2;
    char *builtin = NULL, *own = NULL, *site_dir = NULL, *report_dir = NULL;
    generation *gen = NULL;
    ledger *lg = NULL;
    pdf_styles *styles = NULL;
    compliance cp;
    memset(&cp, 0, sizeof cp);
    xlsx_bg xb;
    memset(&xb, 0, sizeof xb);
    stager stg = {.ok = false};
    pdf_opts po;
    pdf_batch *pdfs = NULL;
    char *pdf_dir = NULL;
    phases ph = {.on = o.verbose, .t = clock_wall(), .cpu = o.verbose ? clock_process_cpu() : 0};
    buf_init(&ph.line);
    preload pl = {.state = o.state};
    task_start(&pl.t, preload_main, &pl);
    if (!load_content(&m, o.content))
        goto out;
    phase(&ph, "load");
    gs_date today;
    if (!resolve_today(&o, &m, &today))
        goto out;
    warn_next_calendar(&m, today);
    builtin = builtin_templates(&o);
    own = xasprintf("%s/templates", o.content);
    const char *dirs[2];
    size_t nd = 0;
    if (is_dir(own))
        dirs[nd++] = own;
    dirs[nd++] = builtin;
    /* the PDFs are written after the switch: a missing font, like a
     * missing page template, must stop the build before the ledger or the
     * site is touched */
    styles = pdf_styles_load(&(tpl_dirs){dirs, nd});
    if (!pdf_fonts_usable(styles, today) || !site_templates_usable(&(tpl_dirs){dirs, nd}))
        goto out;
    phase(&ph, "fonts");
    /* the ledger: kept decisions and first-published dates join the model
     * before any output reads it */
    if (!(lg = preload_finish(&pl, true)) ||
        ledger_reconcile(lg, gen_live_number(o.out, "site")) < 0 ||
        compliance_prepare(&cp, &m, lg, today) != 0)
        goto out;
    stager_start(&stg, &cp, lg);
    /* the PDFs read only the model: at county scale they are made while
     * the site is written, behind its threads, and written once it is
     * live; at province scale the site's memory is the build's peak and
     * theirs (~80 MB at a million decisions) would add to it, so they are
     * made after the switch */
    pdf_dir = xasprintf("%s/pdf", o.out);
    po = (pdf_opts){.out_dir = pdf_dir, .tpl = {dirs, nd}, .styles = styles, .today = today,
                    .state_dir = o.state, .verbose = o.verbose};
    bool pdfs_early = m.decisions.n <= PDF_BESIDE_SITE_MAX;
    if (pdfs_early)
        pdfs = pdf_start(&m, &po, true);
    phase(&ph, "ledger");

    /* the new site is written beside the live one, then switched in with
     * one rename (generation.h); unchanged files link to the live copy */
    site_dir = xasprintf("%s/site", o.out);
    report_dir = xasprintf("%s/report", o.out);
    if (!(gen = gen_begin(o.out, "site")))
        goto out;
    fsout_register_generation(&(fsout_gen){.root = gen_path(gen), .live = gen_live(gen),
                                            .base = gen_base_manifest(gen),
                                            .manifest = gen_manifest(gen)});
    site_opts so = {.out_dir = gen_path(gen), .tpl = {dirs, nd}, .today = today,
                    .verbose = o.verbose};
    xlsx_bg_start(&xb, &m, &o, today, lg, compliance_ledger_start(&cp, lg));
    int site_rc = site_build(&m, &so);
    phase(&ph, "site");
    if (!stager_finish(&stg) || site_rc != 0)
        goto out;
    phase(&ph, "ledger stage");
    bool switched = gen_commit(gen);
    gen = NULL;
    if (!switched) {
        fprintf(stderr, "gongshi: build stopped; the live site %s is unchanged\n", site_dir);
        goto out;
    }
    phase(&ph, "switch");
    /* the site's working memory (the search index, on a thread of its
     * own) is free now; hand it back before the PDF and workbook threads
     * take theirs, which glibc would not find in another thread's arena:
     * a province build's peak is the site's, not the site's plus theirs */
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    /* the site is live: record what went public, in one transaction (the
     * workbooks' plan has stopped reading the ledger first) */
    task_join(&xb.t);
    if (xb.plan)
        task_start(&xb.t, xlsx_make_main, &xb);
    if (!compliance_commit(&cp, &m, lg))
        goto out;
    phase(&ph, "ledger commit");
    report_opts ro = {.out_dir = report_dir, .tpl = {dirs, nd}, .today = today, .cp = &cp};
    if (report_build(&m, &ro) != 0)
        goto out;
    if (!pdfs_early)
        pdfs = pdf_start(&m, &po, false);
    int pdf_rc = pdf_finish(pdfs, true);
    pdfs = NULL;
    if (pdf_rc != 0)
        goto out;
    phase(&ph, "report+pdf");
    if (xlsx_write(xlsx_bg_finish(&xb)) != 0)
        goto out;
    phase(&ph, "xlsx");
    if (ph.on)
        fprintf(stderr, "build: %s\n", ph.line.p);
    rc = diag_error_count() || compliance_failed(&cp) ? 1 : 0;
    compliance_print(&cp, &m, 50);
    if (!o.quiet || rc) {
        char *sum = compliance_summary(&cp);
        fprintf(stderr, "gongshi: built %s (%zu decisions, %zu officers)%s%s%s\n", site_dir,
                m.decisions.n, m.officers.n, *sum ? "; " : "", sum,
                rc ? "; problems listed in the report" : "");
        free(sum);
    }
out:
    preload_finish(&pl, false); /* when the build stopped before the ledger */
    stager_finish(&stg);        /* or while the ledger was being staged */
    pdf_finish(pdfs, false);    /* or before the PDFs were written */
    free(pdf_dir);
    xlsx_plan_free(xlsx_bg_finish(&xb)); /* or before the workbooks */
    if (gen) {
        gen_abort(gen); /* the live site stays as it was */
        fprintf(stderr, "gongshi: build stopped; the live site %s is unchanged\n", site_dir);
    }
    fsout_register_generation(NULL);
    buf_free(&ph.line);
    lock_release(lockfd);
    compliance_free(&cp);
    ledger_close(lg);
    pdf_styles_free(styles);
    free(builtin);
    free(own);
    free(site_dir);
    free(report_dir);
    model_free(&m);
    diag_free();
    return rc;
}

int cmd_check(int argc, char **argv)
{
    static const int allowed[] = {O_CONTENT, O_TODAY, O_VERBOSE, O_QUIET, 0};
    opts o;
    if (!parse_opts(argc, argv, &o, allowed))
        return 2;
    diag_set_quiet(o.quiet);
    gs_model m;
    model_init(&m);
    int rc = 2;
    if (load_content(&m, o.content)) {
        gs_date today;
        if (resolve_today(&o, &m, &today)) {
            warn_next_calendar(&m, today);
            rc = diag_error_count() ? 1 : 0;
            if (!o.quiet)
                fprintf(stderr, "gongshi: %zu errors, %zu warnings\n", diag_error_count(),
                        diag_count() - diag_error_count());
        }
    }
    model_free(&m);
    diag_free();
    return rc;
}

int cmd_due(int argc, char **argv)
{
    static const int allowed[] = {O_CONTENT, O_FROM, O_WORKDAYS, 0};
    opts o;
    if (!parse_opts(argc, argv, &o, allowed))
        return 2;
    if (!o.from_s || o.workdays < 0) {
        fprintf(stderr, "usage: gongshi due --from YYYY-MM-DD --workdays N [--content DIR]\n");
        return 2;
    }
    gs_date from = date_parse_iso(o.from_s);
    if (from == GS_NODATE) {
        fprintf(stderr, "gongshi due: --from wants YYYY-MM-DD, not '%s'\n", o.from_s);
        return 2;
    }
    gs_model m;
    model_init(&m);
    char *dir = xasprintf("%s/calendar", o.content);
    diag_set_quiet(true);
    calendar_load(&m, dir);
    model_finish(&m);
    int rc = 0;
    if (diag_error_count()) {
        for (size_t i = 0; i < diag_count(); i++) {
            const diag_entry *e = diag_get(i);
            if (e->level == DIAG_ERROR)
                fprintf(stderr, "%s:%u: %s\n", e->file, (unsigned)e->line, e->msg);
        }
    }
    gs_date due;
    int uncovered = cal_due(&m, from, o.workdays, &due);
    if (uncovered) {
        fprintf(stderr, "gongshi due: calendar %d missing (%s/%d.csv): cannot count working days\n",
                uncovered, dir, uncovered);
        rc = 2;
    } else {
        char s[11];
        date_format(due, s);
        printf("%s\n", s);
    }
    free(dir);
    model_free(&m);
    diag_free();
    return rc;
}
