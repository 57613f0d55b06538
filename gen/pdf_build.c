/*
 * pdf_build.c - the print products of a build, written below out/pdf:
 *
 *   handbook/county.pdf, handbook/<agency>.pdf   学习手册 (all phrases; an
 *                                                 agency's: county-wide + own)
 *   posters/<agency>.pdf                          海报, A3, one page per 场景
 *   boards/<agency>.pdf                           展板: a page per size
 *                                                 (90×120 cm, A1), with bleed
 *   signs/<agency>.pdf                            岗位信息公示牌, A4, one page
 *                                                 per officer with a valid
 *                                                 certificate
 *   quiz/<agency>-<date>.pdf, …-<date>-key.pdf    应用测试 and its answer key
 *
 * <agency> is the agency's slug.  Multi-page files rather than one file per
 * poster or sign: every PDF embeds its own font subset, so few files with
 * many pages are much smaller than many files.
 *
 * Documents are independent, so they are made on worker threads (one per
 * processor, each with its own pdf_env); the main thread writes them
 * through fsout (write-if-changed, stale files removed) and passes on
 * their warnings, both in document order, so output and messages do not
 * depend on the threads.  Bytes depend only on the content and --today.
 * At county scale `gongshi build` starts the workers before the site is
 * written, at a lower priority, and has them written once the site is
 * live (pdf_start, pdf_finish): the site's threads leave part of the
 * processors idle.
 *
 * A document whose inputs are unchanged since the last build is not made
 * again (digest.h, records in STATE/pdf.digests): its input digest covers
 * the program, --today, the template folders, its style file and the font
 * files that style names, the content files (site.yaml, calendar,
 * agencies, officers, powers, inspections, phrases) and, for a board, the
 * figures it shows.  Not decisions.csv: the boards' figures are the only
 * use the documents make of decisions.  Not the policy pages, which no
 * document reads.  A document that starts reading another part of the
 * model must add it to digests() below.  A kept document's warnings,
 * recorded when it was made, are passed on again.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "fsout.h"
#include "pdf.h"
#include "task.h"

/* ---- warnings: to diag, or held for the main thread ---- */

typedef dg_msg msg; /* file NULL: a plain line for stderr */

typedef GS_VEC(msg) msgs;

static _Thread_local msgs *sink;

static void vwarn(const char *file, uint32_t line, const char *fmt, va_list ap)
{
    buf b;
    buf_init(&b);
    buf_vprintf(&b, fmt, ap);
    if (sink) {
        msg *m = GS_PUSH(*sink);
        m->file = file ? xstrdup(file) : NULL;
        m->line = line;
        m->text = buf_detach(&b);
    } else {
        if (file)
            diag_warn(file, line, "%s", b.p);
        else
            fprintf(stderr, "gongshi: pdf: %s\n", b.p);
        buf_free(&b);
    }
}

void pdf_warn(const char *file, uint32_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(file, line, fmt, ap);
    va_end(ap);
}

void pdf_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(NULL, 0, fmt, ap);
    va_end(ap);
}

/* ---- jobs ---- */

enum kind { K_HANDBOOK, K_POSTER, K_BOARD, K_SIGN, K_QUIZ, K_N };
static const char *const kind_names[K_N] = {"handbook", "poster", "board", "sign", "quiz"};

typedef struct job {
    enum kind kind;
    int32_t agency;
    bool key;
    char *rel;
    buf bytes;
    size_t pages;
    double secs;
    bool made, failed, done;
    msgs out;
    bool has_digest;   /* h is the input digest */
    dg_hash h;
    const dg_rec *kept; /* inputs unchanged: the file on disk stays */
} job;

struct pdf_styles {
    pdf_style *st[K_N];
};

typedef struct run {
    const gs_model *m;
    const pdf_opts *o;
    const pdf_style *st[K_N];
    job *jobs;
    size_t njobs;
    atomic_size_t next;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} run;

static void make(run *r, job *j, pdf_env *env)
{
    double t0 = clock_thread_cpu();
    const gs_model *m = r->m;
    pdf_ctx c = {.m = m, .env = env, .o = r->o, .agency = j->agency,
                 .issuer = j->agency >= 0 ? m->agencies.v[j->agency].name : m->settings.name,
                 .st = r->st[j->kind]};
    pdf_doc *d = NULL;
    switch (j->kind) {
    case K_HANDBOOK: d = pdf_handbook(&c, NULL); break;
    case K_POSTER: d = pdf_posters(&c); break;
    case K_BOARD: d = pdf_board(&c); break;
    case K_SIGN: d = pdf_signs(&c); break;
    case K_QUIZ: d = pdf_quiz(&c, j->key); break;
    case K_N: break;
    }
    if (d) {
        j->pages = pdf_doc_npages(d);
        j->made = pdf_doc_save(d, &j->bytes);
        j->failed = !j->made;
        pdf_doc_free(d);
    }
    j->secs = clock_thread_cpu() - t0;
}

static void *worker(void *arg)
{
    run *r = arg;
    pdf_env *env = pdf_env_new();
    for (;;) {
        size_t i = atomic_fetch_add(&r->next, 1);
        if (i >= r->njobs)
            break;
        job *j = &r->jobs[i];
        if (j->kept)
            continue; /* done already */
        sink = &j->out;
        make(r, j, env);
        sink = NULL;
        pthread_mutex_lock(&r->mu);
        j->done = true;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
    }
    pdf_env_free(env);
    return NULL;
}

static void add_job(run *r, size_t *cap, enum kind k, int32_t a, bool key, char *rel)
{
    if (r->njobs == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        r->jobs = xreallocarray(r->jobs, *cap, sizeof *r->jobs);
    }
    job *j = &r->jobs[r->njobs++];
    memset(j, 0, sizeof *j);
    j->kind = k;
    j->agency = a;
    j->key = key;
    j->rel = rel;
    buf_init(&j->bytes);
}

static void plan(run *r)
{
    const gs_model *m = r->m;
    size_t cap = 0;
    char date[11];
    date_format(r->o->today, date);
    add_job(r, &cap, K_HANDBOOK, -1, false, xstrdup("handbook/county.pdf"));
    for (size_t a = 0; a < m->agencies.n; a++) {
        const char *slug = m->agencies.v[a].slug;
        if (strcmp(slug, "county") == 0)
            slug = "county-agency";
        add_job(r, &cap, K_HANDBOOK, (int32_t)a, false, xasprintf("handbook/%s.pdf", slug));
        add_job(r, &cap, K_POSTER, (int32_t)a, false, xasprintf("posters/%s.pdf", slug));
        add_job(r, &cap, K_BOARD, (int32_t)a, false, xasprintf("boards/%s.pdf", slug));
        add_job(r, &cap, K_SIGN, (int32_t)a, false, xasprintf("signs/%s.pdf", slug));
        add_job(r, &cap, K_QUIZ, (int32_t)a, false, xasprintf("quiz/%s-%s.pdf", slug, date));
        add_job(r, &cap, K_QUIZ, (int32_t)a, true, xasprintf("quiz/%s-%s-key.pdf", slug, date));
    }
}

/* the input digest of every job: the program, --today, the template
 * folders, the content files (not decisions.csv, not pages), the job's
 * style and fonts and, for boards, the figures shown */
static void digests(run *r)
{
    const pdf_opts *o = r->o;
    dg *common = dg_new("gongshi pdf 1");
    dg_i64(common, o->today);
    dg_u64(common, o->tpl.n);
    for (size_t i = 0; i < o->tpl.n; i++)
        dg_str(common, o->tpl.v[i]);
    unsigned inputs = (1u << GS_IN_SITE) | (1u << GS_IN_CALENDAR) | (1u << GS_IN_AGENCIES) |
                      (1u << GS_IN_OFFICERS) | (1u << GS_IN_POWERS) |
                      (1u << GS_IN_INSPECTIONS) | (1u << GS_IN_PHRASES);
    dg_inputs(common, r->m, inputs);
    dg *kind[K_N];
    for (int k = 0; k < K_N; k++) {
        kind[k] = dg_copy(common);
        dg_str(kind[k], kind_names[k]);
        pdf_style_digest(r->st[k], kind[k]);
        pdf_fonts_digest(r->st[k], kind[k]);
    }
    for (size_t i = 0; i < r->njobs; i++) {
        job *j = &r->jobs[i];
        dg *d = dg_copy(kind[j->kind]);
        dg_i64(d, j->agency);
        dg_u64(d, j->key);
        dg_str(d, j->rel);
        if (j->kind == K_BOARD)
            pdf_board_digest(r->m, j->agency, o->today, d);
        j->has_digest = dg_final(d, &j->h);
        dg_free(d);
    }
    for (int k = 0; k < K_N; k++)
        dg_free(kind[k]);
    dg_free(common);
}

/* pass a job's warnings on, each distinct one once */
static void pass_on(const msgs *out, uint64_t **seen, size_t *nseen, size_t *cap)
{
    for (size_t i = 0; i < out->n; i++) {
        const msg *m = &out->v[i];
        uint64_t h = hash_bytes(m->text, strlen(m->text)) * 31 + m->line;
        if (m->file)
            h ^= hash_bytes(m->file, strlen(m->file));
        bool dup = false;
        for (size_t k = 0; k < *nseen && !dup; k++)
            dup = (*seen)[k] == h;
        if (!dup) {
            if (*nseen == *cap) {
                *cap = *cap ? *cap * 2 : 32;
                *seen = xreallocarray(*seen, *cap, sizeof **seen);
            }
            (*seen)[(*nseen)++] = h;
            if (m->file)
                diag_warn(m->file, m->line, "%s", m->text);
            else
                fprintf(stderr, "gongshi: pdf: %s\n", m->text);
        }
    }
}

static void free_msgs(job *j)
{
    for (size_t i = 0; i < j->out.n; i++) {
        free(j->out.v[i].file);
        free(j->out.v[i].text);
    }
    free(j->out.v);
    j->out.v = NULL;
    j->out.n = j->out.cap = 0;
}

static int threads_wanted(size_t jobs)
{
    size_t n = task_processors();
    if (n > 8)
        n = 8;
    return (int)(n < jobs ? n : jobs);
}

pdf_styles *pdf_styles_load(const tpl_dirs *tpl)
{
    pdf_styles *s = xcalloc(1, sizeof *s);
    for (int k = 0; k < K_N; k++)
        s->st[k] = pdf_style_load(tpl, kind_names[k]);
    return s;
}

void pdf_styles_free(pdf_styles *s)
{
    if (!s)
        return;
    for (int k = 0; k < K_N; k++)
        pdf_style_free(s->st[k]);
    free(s);
}

/* what a failed probe says about fonts is printed with what to do; a
 * successful probe says nothing (the documents will say it again) */
bool pdf_fonts_usable(const pdf_styles *s, gs_date today)
{
    bool ok = true;
    pdf_env *env = pdf_env_new();
    for (int k = 0; k < K_N; k++) {
        /* kinds with the same body font need one probe */
        const char *body = pdf_style_str(s->st[k], "font.body", "");
        bool probed = false;
        for (int j = 0; j < k && !probed; j++)
            probed = strcmp(pdf_style_str(s->st[j], "font.body", ""), body) == 0;
        if (probed)
            continue;
        msgs quiet = {0};
        sink = &quiet;
        pdf_doc *probe = pdf_doc_new(env, s->st[k], today);
        sink = NULL;
        for (size_t i = 0; i < quiet.n; i++) {
            if (!probe)
                fprintf(stderr, "gongshi: pdf: %s\n", quiet.v[i].text);
            free(quiet.v[i].file);
            free(quiet.v[i].text);
        }
        free(quiet.v);
        if (!probe) {
            const char *file = pdf_style_file(s->st[k]);
            fprintf(stderr, "gongshi: pdf: no usable font for the %s documents; install "
                            "fonts-wqy-zenhei or set font.body in %s%s\n",
                    kind_names[k], strncmp(file, "print/", 6) ? "" : "templates/", file);
            ok = false;
        }
        pdf_doc_free(probe);
    }
    pdf_env_free(env);
    return ok;
}

struct pdf_batch {
    run r;
    double t0;
    pdf_styles *own;
    dg_records *rec;
    size_t nmake, nkept;
    pthread_t *th;
    int started;
};

/* the workers of a build started early yield to the site's threads: they
 * take what the site leaves of the processors (a nice value of 10 gives a
 * thread about a tenth of a processor another thread wants too) */
static void *worker_behind(void *arg)
{
    int now = getpriority(PRIO_PROCESS, (id_t)gettid());
    setpriority(PRIO_PROCESS, (id_t)gettid(), now + 10 > 19 ? 19 : now + 10);
    return worker(arg);
}

pdf_batch *pdf_start(const gs_model *m, const pdf_opts *o, bool behind)
{
    pdf_batch *pr = xcalloc(1, sizeof *pr);
    run *r = &pr->r;
    pr->t0 = clock_wall();
    r->m = m;
    r->o = o;
    pr->own = o->styles ? NULL : pdf_styles_load(&o->tpl);
    const pdf_styles *styles = o->styles ? o->styles : pr->own;
    for (int k = 0; k < K_N; k++)
        r->st[k] = styles->st[k];
    /* which documents are still as their inputs would make them */
    plan(r);
    digests(r);
    pr->rec = dg_load(o->state_dir, "pdf.digests", o->out_dir);
    for (size_t i = 0; i < r->njobs; i++) {
        job *j = &r->jobs[i];
        j->kept = j->has_digest ? dg_kept(pr->rec, j->rel, j->h) : NULL;
        j->done = j->kept != NULL;
        pr->nmake += !j->kept;
    }
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->cv, NULL);
    atomic_init(&r->next, 0);
    int nt = threads_wanted(pr->nmake);
    pr->th = xcalloc((size_t)(nt > 0 ? nt : 1), sizeof *pr->th);
    for (int i = 0; i < nt; i++)
        pr->started +=
            pthread_create(&pr->th[pr->started], NULL, behind ? worker_behind : worker, r) == 0;
    return pr;
}

int pdf_finish(pdf_batch *pr, bool write)
{
    if (!pr)
        return -1;
    run *r = &pr->r;
    const pdf_opts *o = r->o;
    int rc = -1;
    fsout *out = NULL;
    /* write false: the build stopped, nothing is written */
    if (!write || !(out = fsout_open(o->out_dir))) {
        atomic_store(&r->next, r->njobs); /* no more documents */
        goto out;
    }
    if (!pr->started && pr->nmake) /* no threads to be had: make them here */
        worker(r);
    bool failed = false;
    size_t docs = 0, pages = 0;
    uint64_t *seen = NULL;
    size_t nseen = 0, seen_cap = 0;
    for (size_t i = 0; i < r->njobs; i++) {
        job *j = &r->jobs[i];
        pthread_mutex_lock(&r->mu);
        while (!j->done)
            pthread_cond_wait(&r->cv, &r->mu);
        pthread_mutex_unlock(&r->mu);
        if (j->kept) {
            /* its file stays as it is; its warnings come again */
            const dg_rec *k = j->kept;
            msgs again = {.v = k->msgs, .n = k->nmsgs, .cap = k->nmsgs};
            pass_on(&again, &seen, &nseen, &seen_cap);
            fsout_keep(out, j->rel);
            dg_carry(pr->rec, j->rel);
            docs++;
            pr->nkept++;
            if (o->verbose)
                fprintf(stderr, "pdf: %s: kept (inputs unchanged)\n", j->rel);
            continue;
        }
        pass_on(&j->out, &seen, &nseen, &seen_cap);
        if (j->failed) {
            fprintf(stderr, "gongshi: pdf: %s could not be made\n", j->rel);
            failed = true;
        } else if (j->made) {
            if (!fsout_write(out, j->rel, j->bytes.p, j->bytes.len))
                failed = true;
            else if (j->has_digest)
                dg_put(pr->rec, j->rel, j->h, j->out.v, j->out.n);
            docs++;
            pages += j->pages;
            if (o->verbose)
                fprintf(stderr, "pdf: %s: %zu pages, %.2f MB, %.3f s cpu\n", j->rel, j->pages,
                        (double)j->bytes.len / 1e6, j->secs);
        }
        free_msgs(j);
        buf_free(&j->bytes);
    }
    free(seen);
    bool ok = fsout_finish(out) && !failed;
    if (ok)
        dg_save(pr->rec); /* the records describe the folder as it now is */
    if (o->verbose)
        fprintf(stderr, "pdf: %zu documents: %zu made (%zu pages), %zu kept (inputs "
                        "unchanged); %zu files written, %zu unchanged, %zu removed (%d threads, "
                        "%.2f s since the start)\n",
                docs, docs - pr->nkept, pages, pr->nkept, fsout_files_written(out),
                fsout_files_unchanged(out), fsout_files_removed(out),
                pr->started ? pr->started : pr->nmake ? 1 : 0, clock_wall() - pr->t0);
    rc = ok ? 0 : -1;
out:
    for (int i = 0; i < pr->started; i++)
        pthread_join(pr->th[i], NULL);
    free(pr->th);
    pthread_cond_destroy(&r->cv);
    pthread_mutex_destroy(&r->mu);
    fsout_free(out);
    if (write && rc)
        dg_discard(pr->rec); /* a failed run: everything is made next time */
    dg_records_free(pr->rec);
    for (size_t i = 0; i < r->njobs; i++) {
        free_msgs(&r->jobs[i]);
        buf_free(&r->jobs[i].bytes);
        free(r->jobs[i].rel);
    }
    free(r->jobs);
    pdf_styles_free(pr->own);
    free(pr);
    return rc;
}
