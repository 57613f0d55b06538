/*
 * report.c - out/report: index.html (template report.mustache) and the
 * CSV files listed in report.h.  CSV files carry a UTF-8 BOM and CRLF so
 * Excel and WPS open them; the HTML page lists what needs attention
 * first.  Everything here is for staff: it may name parties, but like
 * stderr it never shows an ID or phone number (messages never hold one).
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "diag.h"
#include "fsout.h"
#include "jsonval.h"
#include "mustache.h"
#include "publish.h"

void csv_field(buf *b, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n")) {
        buf_putc(b, '"');
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                buf_putc(b, '"');
            buf_putc(b, *p);
        }
        buf_putc(b, '"');
    } else {
        buf_puts(b, s);
    }
    buf_puts(b, last ? "\r\n" : ",");
}

typedef struct rep {
    const gs_model *m;
    const report_opts *o;
    const compliance *cp;
    fsout *out;
    json_t *ctx;
    bool ok;
    int32_t *pub_rec; /* decision index -> its TL_PUBLISH record, -1 */
    int32_t *st_rec;  /* decision index -> its status record, -1 */
    const char *csv_name; /* the CSV being made (csv_begin) */
    fsout_stream *csv_st; /* and its file, once it has spilled */
} rep;

/* ---- small helpers ---- */

static void csv_begin(rep *r, buf *b, const char *name, const char *header)
{
    r->csv_name = name;
    buf_reset(b);
    buf_puts(b, "\xEF\xBB\xBF"); /* BOM so Excel reads UTF-8 */
    buf_puts(b, header);
    buf_puts(b, "\r\n");
}

/* one CSV row from the listed keys of a JSON object */
static void csv_json(buf *b, const json_t *o, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_object_get(o, keys[i]);
        char tmp[32] = "";
        const char *s = json_string_value(v);
        if (json_is_integer(v)) {
            snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
            s = tmp;
        }
        csv_field(b, s ? s : "", i + 1 == n);
    }
}

/* a CSV with a row per record grows to hundreds of MB at province
 * scale: past CSV_SPILL its rows go on to the file (fsout_stream) */
#define CSV_SPILL (1u << 20)

static void csv_spill(rep *r, buf *b)
{
    if (b->len < CSV_SPILL)
        return;
    if (!r->csv_st)
        r->csv_st = fsout_stream_open(r->out, r->csv_name);
    fsout_stream_add(r->csv_st, b->p, b->len);
    buf_reset(b);
}

static void write_csv(rep *r, const buf *b)
{
    if (r->csv_st) {
        fsout_stream_add(r->csv_st, b->p ? b->p : "", b->len);
        r->ok = fsout_stream_close(r->csv_st) && r->ok;
        r->csv_st = NULL;
        return;
    }
    r->ok = fsout_write(r->out, r->csv_name, b->p, b->len) && r->ok;
}

/* rows a list on the page shows; the CSV files have them all */
#define REPORT_SHOWN 1000

/* append j to a list on the page while it has room (else drop it) */
static void add_row(json_t *list, json_t *j)
{
    if (json_array_size(list) < REPORT_SHOWN)
        json_array_append_new(list, j);
    else
        json_decref(j);
}

/* put list under key, its total (0: its length) under key_count and, when
 * the page shows fewer rows than there are, key_more and key_csv (the file
 * that has them all); nothing under key when empty */
static void put_list(rep *r, const char *key, json_t *list, size_t total, const char *csv)
{
    if (!total)
        total = json_array_size(list);
    while (json_array_size(list) > REPORT_SHOWN)
        json_array_remove(list, json_array_size(list) - 1);
    char *ck = xasprintf("%s_count", key);
    json_object_set_new(r->ctx, ck, json_integer((json_int_t)total));
    free(ck);
    if (total > json_array_size(list)) {
        ck = xasprintf("%s_more", key);
        json_object_set_new(r->ctx, ck, json_integer((json_int_t)(total - json_array_size(list))));
        free(ck);
        ck = xasprintf("%s_csv", key);
        json_object_set_new(r->ctx, ck, json_string(csv));
        free(ck);
    }
    if (json_array_size(list))
        json_object_set_new(r->ctx, key, list);
    else
        json_decref(list);
}

static const char *src_of(const rep *r, int kind, int32_t index, char *out, size_t size)
{
    out[0] = 0;
    if (kind == LG_DECISION && index >= 0 && (size_t)index < r->m->decisions.n) {
        const gs_src *s = &r->m->decisions.v[index].src;
        if (s->file)
            snprintf(out, size, "%s:%u", s->file, (unsigned)s->line);
    }
    return out;
}

static const char *agency_of(const rep *r, int kind, int32_t index)
{
    if (kind == LG_DECISION && index >= 0 && (size_t)index < r->m->decisions.n) {
        int32_t a = r->m->decisions.v[index].agency;
        return a >= 0 ? r->m->agencies.v[a].name : "";
    }
    return "";
}

/* a timeliness record's columns as text: the page's lists (record_json),
 * attention.csv and timeliness.csv all take theirs from here */
enum { RC_KIND, RC_KEY, RC_AGENCY, RC_WHAT, RC_EVENT, RC_WINDOW, RC_DUE, RC_DONE, RC_RESULT,
       RC_DAYS, RC_NOTE, RC_WHERE, RC_COUNT };
static const char *const rc_keys[RC_COUNT] = {"kind", "key",    "agency", "what",
                                              "event", "window", "due",   "done",
                                              "result", "days",  "note",  "where"};

typedef struct rec_cols {
    const char *v[RC_COUNT];
    char event[11], due[11], done[11], window[24], days[24], where[600];
    char *note; /* owned */
} rec_cols;

static void rec_cols_fill(rec_cols *c, const rep *r, const tl_record *t)
{
    date_format(t->event, c->event);
    date_format(t->due, c->due);
    date_format(t->done, c->done);
    snprintf(c->window, sizeof c->window, "%d", t->window);
    snprintf(c->days, sizeof c->days, "%d", t->days);
    c->note = tl_describe(t);
    const char *v[RC_COUNT] = {
        [RC_KIND] = lg_kind_titles[t->kind],     [RC_KEY] = t->key,
        [RC_AGENCY] = agency_of(r, t->kind, t->index),
        [RC_WHAT] = tl_what_names[t->what],      [RC_EVENT] = c->event,
        [RC_WINDOW] = c->window,                 [RC_DUE] = c->due,
        [RC_DONE] = c->done,                     [RC_RESULT] = tl_result_names[t->result],
        [RC_DAYS] = c->days,                     [RC_NOTE] = c->note,
        [RC_WHERE] = src_of(r, t->kind, t->index, c->where, sizeof c->where)};
    memcpy(c->v, v, sizeof v);
}

/* a timeliness record as a row of a list on the page */
static json_t *record_json(const rec_cols *c, const tl_record *t)
{
    json_t *o = json_object();
    for (int k = 0; k < RC_COUNT; k++) {
        if (k == RC_WINDOW || k == RC_DAYS) /* numbers */
            json_object_set_new(o, rc_keys[k], json_integer(k == RC_WINDOW ? t->window : t->days));
        else
            jset(o, rc_keys[k], c->v[k]);
    }
    if (t->result == TL_OVERDUE || t->result == TL_UNKNOWN)
        json_object_set_new(o, "bad", json_true());
    return o;
}

/* the listed columns of a record as a CSV row */
static void record_csv(buf *b, const rec_cols *c, const int *cols, size_t n)
{
    for (size_t i = 0; i < n; i++)
        csv_field(b, c->v[cols[i]], i + 1 == n);
}

/* ---- sections ---- */

static void diagnostics(rep *r, buf *csv)
{
    csv_begin(r, csv, "problems.csv", "file,line,level,message");
    json_t *errors = json_array(), *warnings = json_array();
    for (size_t i = 0; i < diag_count(); i++) {
        const diag_entry *e = diag_get(i);
        json_t *j = json_object();
        jset(j, "file", e->file);
        json_object_set_new(j, "line", json_integer(e->line));
        jset(j, "message", e->msg);
        json_array_append_new(e->level == DIAG_ERROR ? errors : warnings, j);
        char line[16];
        snprintf(line, sizeof line, "%u", (unsigned)e->line);
        csv_field(csv, e->file, false);
        csv_field(csv, line, false);
        csv_field(csv, e->level == DIAG_ERROR ? "error" : "warning", false);
        csv_field(csv, e->msg, true);
        csv_spill(r, csv);
    }
    write_csv(r, csv);
    json_object_set_new(r->ctx, "error_count", json_integer((json_int_t)json_array_size(errors)));
    json_object_set_new(r->ctx, "warning_count",
                        json_integer((json_int_t)json_array_size(warnings)));
    put_list(r, "errors", errors, 0, "problems.csv");
    put_list(r, "warnings", warnings, 0, "problems.csv");
}

/* overdue, due within 3 working days, due date unknown */
static void attention(rep *r, buf *csv)
{
    static const int cols[] = {RC_KIND, RC_KEY,    RC_AGENCY, RC_WHAT, RC_EVENT, RC_WINDOW,
                               RC_DUE,  RC_RESULT, RC_DAYS,   RC_NOTE, RC_WHERE};
    csv_begin(r, csv, "attention.csv",
              "类型,编号,执法机关,事项,事件日期,时限(工作日),截止日期,结果,工作日,说明,来源");
    json_t *overdue = json_array(), *soon = json_array(), *unknown = json_array(),
           *late = json_array();
    const compliance *cp = r->cp;
    for (size_t i = 0; cp && i < cp->records.n; i++) {
        const tl_record *t = &cp->records.v[i];
        json_t *dst = NULL;
        if (t->result == TL_OVERDUE)
            dst = overdue;
        else if (t->result == TL_WAITING && t->days <= 3)
            dst = soon;
        else if (t->result == TL_UNKNOWN && (t->done == GS_NODATE || t->done == r->o->today))
            dst = unknown;
        else if (t->result == TL_LATE && t->done == r->o->today)
            dst = late;
        if (!dst)
            continue;
        rec_cols c;
        rec_cols_fill(&c, r, t);
        if (dst != late)
            record_csv(csv, &c, cols, sizeof cols / sizeof *cols);
        json_array_append_new(dst, record_json(&c, t));
        free(c.note);
        csv_spill(r, csv);
    }
    write_csv(r, csv);
    put_list(r, "overdue", overdue, 0, "attention.csv");
    put_list(r, "due_soon", soon, 0, "attention.csv");
    put_list(r, "unknown", unknown, 0, "attention.csv");
    put_list(r, "late", late, 0, "timeliness.csv");
}

/* decisions not published, why, and for pending ones the deadline */
static void held(rep *r, buf *csv)
{
    const gs_model *m = r->m;
    csv_begin(r, csv, "held.csv",
              "文书号,执法机关,决定日期,状态,公示截止,剩余工作日,说明,来源");
    json_t *held = json_array(), *pending = json_array();
    size_t n_held = 0, n_pending = 0;
    for (size_t i = 0; i < m->decisions.n; i++) {
        const gs_decision *d = &m->decisions.v[i];
        enum pub_state ps = publish_state(m, d, r->o->today, GS_NODATE);
        if (ps == PUB_LIVE || ps == PUB_FUTURE)
            continue;
        json_t *j = json_object();
        jset(j, "doc_no", d->doc_no);
        jset(j, "agency", m->agencies.v[d->agency].name);
        jset_date(j, "date", d->date);
        jset(j, "state", pub_state_names[ps]);
        int32_t k = r->pub_rec ? r->pub_rec[i] : -1;
        char due_s[11] = "", left_s[16] = "";
        char *note = NULL;
        if (k >= 0) {
            const tl_record *t = &r->cp->records.v[k];
            date_format(t->due, due_s);
            if (t->result == TL_WAITING)
                snprintf(left_s, sizeof left_s, "%d", t->days);
            else if (t->result == TL_OVERDUE)
                snprintf(left_s, sizeof left_s, "-%d", t->days);
            if (ps == PUB_PENDING || t->result == TL_UNKNOWN)
                note = tl_describe(t);
        } else if (ps == PUB_PENDING) {
            gs_date due;
            int unc = cal_due(m, d->date, tl_window_publish(&m->settings, d), &due);
            if (!unc) {
                date_format(due, due_s);
                int u = 0, left = cal_workdays_between(m, r->o->today, due, &u);
                if (!u)
                    snprintf(left_s, sizeof left_s, "%d", left);
            }
            note = unc ? xasprintf("截止日期未知：缺少 %d 年日历", unc) : NULL;
        }
        jset(j, "due", due_s);
        jset(j, "left", left_s);
        jset(j, "note", note ? note : "");
        char where[600];
        jset(j, "where", src_of(r, LG_DECISION, (int32_t)i, where, sizeof where));
        json_object_set_new(j, "line", json_integer(d->src.line));
        csv_field(csv, d->doc_no, false);
        csv_field(csv, m->agencies.v[d->agency].name, false);
        csv_field(csv, json_string_value(json_object_get(j, "date")), false);
        csv_field(csv, pub_state_names[ps], false);
        csv_field(csv, due_s, false);
        csv_field(csv, left_s, false);
        csv_field(csv, note ? note : "", false);
        csv_field(csv, where, true);
        free(note);
        csv_spill(r, csv);
        n_pending += ps == PUB_PENDING;
        n_held++;
        if (ps == PUB_PENDING && json_array_size(pending) < REPORT_SHOWN)
            json_array_append_new(pending, json_deep_copy(j));
        add_row(held, j);
    }
    write_csv(r, csv);
    put_list(r, "held", held, n_held, "held.csv");
    put_list(r, "pending", pending, n_pending, "held.csv");
}

/* what this build did */
static void actions(rep *r, buf *csv)
{
    const compliance *cp = r->cp;
    const gs_model *m = r->m;
    csv_begin(r, csv, "actions.csv", "类型,编号,执法机关,动作,说明,截止日期,结果,来源");
    json_t *kept = json_array(), *withdrawn = json_array(), *expired = json_array(),
           *removed = json_array(), *status = json_array();
    for (size_t i = 0; cp && i < cp->events.n; i++) {
        const cp_event *e = &cp->events.v[i];
        json_t *j = json_object();
        jset(j, "kind", lg_kind_titles[e->kind]);
        jset(j, "key", e->key);
        jset(j, "agency", agency_of(r, e->kind, e->index));
        jset(j, "action", cp_action_names[e->action]);
        jset(j, "detail", e->detail);
        char where[600] = "";
        if (e->src.file)
            snprintf(where, sizeof where, "%s:%u", e->src.file, (unsigned)e->src.line);
        else
            src_of(r, e->kind, e->index, where, sizeof where);
        jset(j, "where", where);
        const tl_record *t = NULL;
        if (e->kind == LG_DECISION && e->index >= 0 && r->st_rec &&
            (e->action == CP_WITHDRAWN || e->action == CP_STATUS) && r->st_rec[e->index] >= 0)
            t = &cp->records.v[r->st_rec[e->index]];
        if (t) {
            jset_date(j, "status_date", t->event);
            jset_date(j, "due", t->due);
            jset_own(j, "result", tl_describe(t));
        } else if (e->kind == LG_DECISION && e->index >= 0) {
            const gs_decision *d = &m->decisions.v[e->index];
            if (d->status != ST_VALID)
                jset_date(j, "status_date", d->status_date);
        }
        if (e->action == CP_EXPIRED && e->index >= 0) {
            const gs_decision *d = &m->decisions.v[e->index];
            gs_date since = publish_since(m, d);
            jset_date(j, "since", since != GS_NODATE ? since : d->date);
            jset_date(j, "until", publish_until(m, d, GS_NODATE));
        }
        static const char *const keys[] = {"kind", "key", "agency", "action", "detail",
                                           "due", "result", "where"};
        csv_json(csv, j, keys, sizeof keys / sizeof *keys);
        csv_spill(r, csv);
        json_t *dst = NULL;
        switch (e->action) {
        case CP_KEPT:
        case CP_KEEP_FAILED: dst = kept; break;
        case CP_WITHDRAWN:
        case CP_TAKEN_DOWN: dst = withdrawn; break;
        case CP_EXPIRED: dst = expired; break;
        case CP_REMOVED: dst = removed; break;
        case CP_STATUS: dst = status; break;
        }
        if (e->action == CP_KEEP_FAILED)
            json_object_set_new(j, "bad", json_true());
        if (dst)
            json_array_append_new(dst, j);
        else
            json_decref(j);
    }
    write_csv(r, csv);
    put_list(r, "kept", kept, 0, "actions.csv");
    put_list(r, "withdrawn", withdrawn, 0, "actions.csv");
    put_list(r, "expired", expired, 0, "actions.csv");
    put_list(r, "removed", removed, 0, "actions.csv");
    put_list(r, "status", status, 0, "actions.csv");
}

/* every deadline, for the record */
static void timeliness(rep *r, buf *csv)
{
    csv_begin(r, csv, "timeliness.csv",
              "类型,编号,执法机关,事项,事件日期,时限(工作日),截止日期,完成日期,结果,工作日,说明");
    static const int cols[] = {RC_KIND, RC_KEY,    RC_AGENCY, RC_WHAT, RC_EVENT, RC_WINDOW,
                               RC_DUE,  RC_DONE,   RC_RESULT, RC_DAYS, RC_NOTE};
    int counts[TL_RESULT_COUNT] = {0};
    for (size_t i = 0; r->cp && i < r->cp->records.n; i++) {
        const tl_record *t = &r->cp->records.v[i];
        counts[t->result]++;
        rec_cols c;
        rec_cols_fill(&c, r, t);
        record_csv(csv, &c, cols, sizeof cols / sizeof *cols);
        free(c.note);
        csv_spill(r, csv);
    }
    write_csv(r, csv);
    json_t *sum = json_array();
    for (int k = 0; k < TL_RESULT_COUNT; k++) {
        json_t *j = json_object();
        jset(j, "result", tl_result_names[k]);
        json_object_set_new(j, "count", json_integer(counts[k]));
        json_array_append_new(sum, j);
    }
    json_object_set_new(r->ctx, "timeliness", sum);
}

static void ledger_info(rep *r)
{
    const compliance *cp = r->cp;
    json_t *o = json_object();
    if (cp) {
        jset_date(o, "start", cp->start);
        if (cp->before_ledger)
            json_object_set_new(o, "before_ledger", json_true());
        if (cp->read_only)
            json_object_set_new(o, "read_only", json_true());
        json_object_set_new(o, "items", json_integer(cp->ledger_items));
        json_object_set_new(o, "published",
                            json_integer(cp->counts[CP_PUBLISHED] + cp->counts[CP_REPUBLISHED]));
        json_object_set_new(o, "changed", json_integer(cp->counts[CP_CHANGED]));
        json_object_set_new(r->ctx, "ledger", o);
    } else {
        json_decref(o);
    }
}

static void index_records(rep *r)
{
    const compliance *cp = r->cp;
    size_t n = r->m->decisions.n ? r->m->decisions.n : 1;
    if (!cp)
        return;
    r->pub_rec = xmalloc(n * sizeof *r->pub_rec);
    r->st_rec = xmalloc(n * sizeof *r->st_rec);
    for (size_t i = 0; i < n; i++)
        r->pub_rec[i] = r->st_rec[i] = -1;
    for (size_t i = 0; i < cp->records.n; i++) {
        const tl_record *t = &cp->records.v[i];
        if (t->kind != LG_DECISION || t->index < 0 || (size_t)t->index >= r->m->decisions.n)
            continue;
        if (t->what == TL_PUBLISH)
            r->pub_rec[t->index] = (int32_t)i;
        else if (t->what != TL_INFO)
            r->st_rec[t->index] = (int32_t)i;
    }
}

int report_build(const gs_model *m, const report_opts *o)
{
    rep r = {.m = m, .o = o, .cp = o->cp, .ok = true};
    r.out = fsout_open(o->out_dir);
    if (!r.out)
        return -1;
    r.ctx = json_object();
    jset_date(r.ctx, "today", o->today);
    jset(r.ctx, "name", m->settings.name);
    index_records(&r);
    buf csv;
    buf_init(&csv);
    diagnostics(&r, &csv);
    attention(&r, &csv);
    held(&r, &csv);
    actions(&r, &csv);
    timeliness(&r, &csv);
    ledger_info(&r);
    buf_free(&csv);

    mus_env *env = tpl_env_new(&o->tpl);
    char *err = NULL;
    const mus_template *t = mus_env_get(env, "report", &err);
    buf page;
    buf_init(&page);
    if (!t || mus_render(env, t, r.ctx, &page, &err) != 0) {
        fprintf(stderr, "gongshi: template report: %s\n", err ? err : "not found");
        r.ok = false;
    } else {
        r.ok = fsout_write(r.out, "index.html", page.p, page.len) && r.ok;
    }
    free(err);
    buf_free(&page);
    mus_env_free(env);
    json_decref(r.ctx);
    free(r.pub_rec);
    free(r.st_rec);
    r.ok = fsout_finish(r.out) && r.ok;
    fsout_free(r.out);
    return r.ok ? 0 : -1;
}
