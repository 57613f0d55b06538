/*
 * report.c - out/report: index.html (template report.mustache),
 * problems.csv (every diagnostic) and held.csv (decisions not published).
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "diag.h"
#include "fsout.h"
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

static int window_for(const gs_settings *st, const gs_decision *d)
{
    if (d->category == CAT_XUKE)
        return st->win_xuke;
    if (d->category == CAT_CHUFA)
        return st->win_chufa;
    return st->win_default;
}

int report_build(const gs_model *m, const report_opts *o)
{
    fsout *out = fsout_open(o->out_dir);
    if (!out)
        return -1;
    json_t *ctx = json_object();
    char today[11];
    date_format(o->today, today);
    json_object_set_new(ctx, "today", json_string(today));
    json_object_set_new(ctx, "name", json_stringn_nocheck(m->settings.name, strlen(m->settings.name)));

    buf csv;
    buf_init(&csv);
    buf_puts(&csv, "\xEF\xBB\xBF"); /* BOM so Excel reads UTF-8 */
    buf_puts(&csv, "file,line,level,message\r\n");
    json_t *errors = json_array(), *warnings = json_array();
    for (size_t i = 0; i < diag_count(); i++) {
        const diag_entry *e = diag_get(i);
        json_t *j = json_object();
        json_object_set_new(j, "file", json_stringn_nocheck(e->file, strlen(e->file)));
        json_object_set_new(j, "line", json_integer(e->line));
        json_object_set_new(j, "message", json_stringn_nocheck(e->msg, strlen(e->msg)));
        json_array_append_new(e->level == DIAG_ERROR ? errors : warnings, j);
        char line[16];
        snprintf(line, sizeof line, "%u", (unsigned)e->line);
        csv_field(&csv, e->file, false);
        csv_field(&csv, line, false);
        csv_field(&csv, e->level == DIAG_ERROR ? "error" : "warning", false);
        csv_field(&csv, e->msg, true);
    }
    bool ok = fsout_write(out, "problems.csv", csv.p, csv.len);

    buf_reset(&csv);
    buf_puts(&csv, "\xEF\xBB\xBF");
    buf_puts(&csv, "文书号,执法机关,决定日期,状态,公示截止,剩余工作日,来源\r\n");
    json_t *held = json_array();
    for (size_t i = 0; i < m->decisions.n; i++) {
        const gs_decision *d = &m->decisions.v[i];
        enum pub_state ps = publish_state(m, d, o->today, GS_NODATE);
        if (ps == PUB_LIVE || ps == PUB_FUTURE)
            continue;
        json_t *j = json_object();
        char date[11], due_s[11] = "", left_s[16] = "";
        date_format(d->date, date);
        if (ps == PUB_PENDING) {
            gs_date due;
            int uncovered = cal_due(m, d->date, window_for(&m->settings, d), &due);
            if (uncovered) {
                snprintf(due_s, sizeof due_s, "%d?", uncovered % 10000);
            } else {
                date_format(due, due_s);
                int unc = 0;
                int left = cal_workdays_between(m, o->today, due, &unc);
                if (!unc)
                    snprintf(left_s, sizeof left_s, "%d", left);
            }
        }
        char src[64];
        snprintf(src, sizeof src, "%u", (unsigned)d->src.line);
        json_object_set_new(j, "doc_no", json_stringn_nocheck(d->doc_no, strlen(d->doc_no)));
        const char *ag = m->agencies.v[d->agency].name;
        json_object_set_new(j, "agency", json_stringn_nocheck(ag, strlen(ag)));
        json_object_set_new(j, "date", json_string(date));
        json_object_set_new(j, "state", json_string(pub_state_names[ps]));
        if (due_s[0])
            json_object_set_new(j, "due", json_string(due_s));
        if (left_s[0])
            json_object_set_new(j, "left", json_string(left_s));
        json_object_set_new(j, "line", json_integer(d->src.line));
        json_array_append_new(held, j);
        csv_field(&csv, d->doc_no, false);
        csv_field(&csv, ag, false);
        csv_field(&csv, date, false);
        csv_field(&csv, pub_state_names[ps], false);
        csv_field(&csv, due_s, false);
        csv_field(&csv, left_s, false);
        char where[512];
        snprintf(where, sizeof where, "%s:%s", d->src.file, src);
        csv_field(&csv, where, true);
    }
    ok = fsout_write(out, "held.csv", csv.p, csv.len) && ok;
    buf_free(&csv);

    json_object_set_new(ctx, "error_count", json_integer((json_int_t)json_array_size(errors)));
    json_object_set_new(ctx, "warning_count", json_integer((json_int_t)json_array_size(warnings)));
    json_object_set_new(ctx, "held_count", json_integer((json_int_t)json_array_size(held)));
    if (json_array_size(errors))
        json_object_set_new(ctx, "errors", errors);
    else
        json_decref(errors);
    if (json_array_size(warnings))
        json_object_set_new(ctx, "warnings", warnings);
    else
        json_decref(warnings);
    if (json_array_size(held))
        json_object_set_new(ctx, "held", held);
    else
        json_decref(held);

    mus_env *env = tpl_env_new(&o->tpl);
    char *err = NULL;
    const mus_template *t = mus_env_get(env, "report", &err);
    buf page;
    buf_init(&page);
    if (!t || mus_render(env, t, ctx, &page, &err) != 0) {
        fprintf(stderr, "gongshi: template report: %s\n", err ? err : "not found");
        ok = false;
    } else {
        ok = fsout_write(out, "index.html", page.p, page.len) && ok;
    }
    free(err);
    buf_free(&page);
    mus_env_free(env);
    json_decref(ctx);
    ok = fsout_finish(out) && ok;
    fsout_free(out);
    return ok ? 0 : -1;
}
