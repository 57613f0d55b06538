/*
 * compliance.c - the model against the publication ledger (see
 * compliance.h): kept decisions, first-published dates, what this build
 * publishes, changes, takes down and removes, and the timeliness records.
 *
 * Order matters: kept decisions join the model first, then every decision
 * gets its first-published date (m->pub_since), then its state is
 * computed with publish.c (which reads that date), and only then is the
 * ledger updated in memory.  Nothing reaches the database before
 * compliance_commit.
 */
#include "compliance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "privacy.h"
#include "publish.h"

const char *const cp_action_names[CP_ACTION_COUNT] = {
    "首次公开", "重新公开", "内容变化", "公开变更/更正", "撤下（撤销等）", "公示期满撤下",
    "撤下（不再公开）", "数据中已删除", "数据有误，继续公开原内容", "数据有误，无法保留原内容"};

/* ---- helpers ---- */

static const char *cp_str(compliance *c, const char *s)
{
    return arena_strdup(&c->a, s ? s : "");
}

static cp_event *add_event(compliance *c, ledger *lg, int kind, int action, int32_t index,
                           const char *key, const char *detail)
{
    c->counts[action]++;
    /* the first build records everything at once: counted, one summary
     * event in the ledger, not one per item */
    if (c->before_ledger && action == CP_PUBLISHED)
        return NULL;
    cp_event *e = GS_PUSH(c->events);
    e->kind = (uint8_t)kind;
    e->action = (uint8_t)action;
    e->index = index;
    e->key = cp_str(c, key);
    e->detail = cp_str(c, detail);
    static const char *const ev[CP_ACTION_COUNT] = {
        "published", "republished", "changed", "status", "withdrawn",
        "expired", "taken_down", "removed", "kept", "keep_failed"};
    ledger_event(lg, kind, key, ev[action], detail);
    return e;
}

/* did any error come from this data file (by its name)? */
static bool file_had_errors(const char *name)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i < diag_count(); i++) {
        const diag_entry *e = diag_get(i);
        size_t fl = strlen(e->file);
        if (e->level == DIAG_ERROR && fl >= nl && strcmp(e->file + fl - nl, name) == 0 &&
            (fl == nl || e->file[fl - nl - 1] == '/'))
            return true;
    }
    return false;
}

/* the decisions file as diagnostics name it */
static const char *decisions_file(void)
{
    for (size_t i = 0; i < diag_count(); i++) {
        const diag_entry *e = diag_get(i);
        size_t fl = strlen(e->file);
        if (fl >= 13 && strcmp(e->file + fl - 13, "decisions.csv") == 0)
            return e->file;
    }
    return "data/decisions.csv";
}

static int cmp_rejected(const void *a, const void *b)
{
    return strcmp((*(const gs_rejected *const *)a)->key, (*(const gs_rejected *const *)b)->key);
}

/* the rejected rows sorted by 文书号, for bsearch; *n set; malloc'd */
static const gs_rejected **sorted_rejected(const gs_model *m, size_t *n)
{
    size_t k = 0;
    for (const gs_rejected *r = m->rejected_decisions; r; r = r->next)
        k++;
    const gs_rejected **v = xcalloc(k ? k : 1, sizeof *v);
    k = 0;
    for (const gs_rejected *r = m->rejected_decisions; r; r = r->next)
        v[k++] = r;
    if (k)
        qsort(v, k, sizeof *v, cmp_rejected);
    *n = k;
    return v;
}

static const gs_rejected *find_rejected(const gs_rejected **v, size_t n, const char *key)
{
    gs_rejected probe = {.key = key};
    const gs_rejected *p = &probe;
    const gs_rejected **hit = n ? bsearch(&p, v, n, sizeof *v, cmp_rejected) : NULL;
    return hit ? *hit : NULL;
}

/* reasons for which a taken-down decision still has a notice page */
static bool notice_reason(const char *why)
{
    if (!why)
        return false;
    int st = gs_lookup(gs_status_names, ST_COUNT, why);
    return strcmp(why, "公示期满") == 0 || st == ST_REVOKED || st == ST_ILLEGAL || st == ST_VOID;
}

/* ---- kept decisions ---- */

/* a decision in the ledger, public (or with a notice page) and missing
 * from the model: keep its last good version when its row was rejected,
 * else record it as removed */
static void missing_decisions(compliance *c, gs_model *m, ledger *lg)
{
    size_t n = ledger_count(lg), nrej;
    const gs_rejected **rej = sorted_rejected(m, &nrej);
    for (size_t i = 0; i < n; i++) {
        lg_item *it = ledger_at(lg, i);
        if (it->kind != LG_DECISION || it->seen || it->removed != GS_NODATE)
            continue;
        const gs_rejected *rj = find_rejected(rej, nrej, it->key);
        bool live = it->withdrawn == GS_NODATE;
        if (rj || m->decisions_incomplete) {
            if (!live && !notice_reason(it->withdrawn_reason))
                continue; /* was not public: nothing to keep */
            char *json = ledger_public(lg, LG_DECISION, it->key);
            gs_decision d;
            const char *why = NULL;
            gs_src src = rj ? rj->src : (gs_src){decisions_file(), 1};
            if (decision_from_public(m, json, &d, &why)) {
                d.src = src;
                *GS_PUSH(m->decisions) = d;
                it->seen = true;
                cp_event *e = add_event(c, lg, LG_DECISION, CP_KEPT,
                                        (int32_t)m->decisions.n - 1, it->key,
                                        rj ? "该行数据被拒绝" : "decisions.csv 未能完整读取");
                e->src = src;
            } else {
                cp_event *e = add_event(c, lg, LG_DECISION, CP_KEEP_FAILED, -1, it->key, why);
                e->src = src;
            }
            free(json);
            continue;
        }
        it->removed = c->today;
        if (live) {
            it->withdrawn = c->today;
            it->withdrawn_reason = "已删除";
        }
        it->dirty = true;
        add_event(c, lg, LG_DECISION, CP_REMOVED, -1, it->key, live ? "" : it->withdrawn_reason);
    }
    free(rej);
}

/* ---- decisions ---- */

static const char *takedown_reason(enum pub_state ps, enum gs_status st)
{
    if (ps == PUB_WITHDRAWN)
        return gs_status_names[st];
    return pub_state_names[ps];
}

static void decision_ledger(compliance *c, gs_model *m, ledger *lg, size_t i,
                            enum pub_state ps)
{
    const gs_decision *d = &m->decisions.v[i];
    lg_item *it = ledger_find(lg, LG_DECISION, d->doc_no);
    gs_date stamp = c->before_ledger ? GS_NODATE : c->today;
    enum gs_status st = publish_status(d, c->today);
    gs_date st_date = st == ST_VALID ? GS_NODATE : d->status_date;
    if (ps != PUB_LIVE) {
        if (!it && c->before_ledger && publish_has_notice(ps)) {
            /* found withdrawn or expired by the first build: it was public
             * before the ledger, and must not come back as new */
            it = ledger_add_ref(lg, LG_DECISION, d->doc_no);
            it->seen = true;
            it->hash = decision_hash(m, d, &c->scratch);
            it->event_date = d->date;
            it->status = (uint8_t)st;
            it->status_date = st_date;
            it->withdrawn = c->today;
            it->withdrawn_reason = takedown_reason(ps, st);
            ledger_set_public_src(it, d);
            return;
        }
        if (!it)
            return;
        if (it->removed != GS_NODATE) {
            it->removed = GS_NODATE;
            it->dirty = true;
        }
        if (it->withdrawn != GS_NODATE) {
            /* already down: a notice reason replaces a plain one */
            const char *why = takedown_reason(ps, st);
            const char *was = it->withdrawn_reason ? it->withdrawn_reason : "";
            if (publish_has_notice(ps) && strcmp(why, was) != 0) {
                it->withdrawn_reason = why;
                it->dirty = true;
            }
            return;
        }
        it->withdrawn = c->today;
        it->withdrawn_reason = takedown_reason(ps, st);
        if (ps == PUB_WITHDRAWN && (it->status != st || it->status_date != st_date)) {
            it->status = (uint8_t)st;
            it->status_date = st_date;
            it->status_done = stamp;
        }
        it->dirty = true;
        add_event(c, lg, LG_DECISION,
                  ps == PUB_WITHDRAWN ? CP_WITHDRAWN : ps == PUB_EXPIRED ? CP_EXPIRED
                                                                          : CP_TAKEN_DOWN,
                  (int32_t)i, d->doc_no, it->withdrawn_reason);
        return;
    }
    if (d->kept) /* the ledger's copy is the last good one: leave it */
        return;
    /* the public fields are stored only when new or changed: computing
     * them for every decision every night would cost more than the hash */
    uint64_t h = decision_hash(m, d, &c->scratch);
    if (!it) {
        it = ledger_add_ref(lg, LG_DECISION, d->doc_no);
        it->seen = true;
        it->hash = h;
        it->first_published = it->last_changed = stamp;
        it->event_date = d->date;
        it->status = (uint8_t)st;
        it->status_date = st_date;
        it->status_done = stamp;
        ledger_set_public_src(it, d);
        add_event(c, lg, LG_DECISION, CP_PUBLISHED, (int32_t)i, d->doc_no, "");
        return;
    }
    if (it->withdrawn != GS_NODATE || it->removed != GS_NODATE) {
        it->withdrawn = it->removed = GS_NODATE;
        it->withdrawn_reason = NULL;
        it->dirty = true;
        add_event(c, lg, LG_DECISION, CP_REPUBLISHED, (int32_t)i, d->doc_no, "");
    }
    if (it->status != st || it->status_date != st_date) {
        it->status = (uint8_t)st;
        it->status_date = st_date;
        it->status_done = stamp;
        it->dirty = true;
        if (st != ST_VALID)
            add_event(c, lg, LG_DECISION, CP_STATUS, (int32_t)i, d->doc_no, gs_status_names[st]);
    }
    if (it->event_date != d->date) {
        it->event_date = d->date;
        it->dirty = true;
    }
    if (it->hash != h) {
        it->hash = h;
        it->last_changed = stamp;
        ledger_set_public_src(it, d);
        add_event(c, lg, LG_DECISION, CP_CHANGED, (int32_t)i, d->doc_no, "");
    }
}

static void add_record(compliance *c, int kind, int what, int32_t index, const char *key,
                       gs_date event, int window, gs_date done, bool before,
                       const gs_model *m)
{
    tl_record *r = GS_PUSH(c->records);
    r->kind = (uint8_t)kind;
    r->what = (uint8_t)what;
    r->index = index;
    r->key = key;
    r->event = event;
    r->window = window;
    r->done = done;
    r->result = before || event < c->start ? TL_BEFORE : TL_ONTIME;
    tl_eval(m, r, c->today);
    bool open = r->done == GS_NODATE || r->done == c->today;
    if (r->result == TL_OVERDUE)
        c->overdue++;
    else if (r->result == TL_UNKNOWN && open)
        c->unknown++;
    else if (r->result == TL_LATE && r->done == c->today)
        c->late_run++;
    else if (r->result == TL_WAITING) {
        c->waiting++;
        if (r->days <= 3)
            c->due_soon++;
    }
}

/* the publication deadline of decision i and, for a status change of a
 * published decision, the takedown or correction deadline */
static void decision_records(compliance *c, const gs_model *m, ledger *lg, size_t i,
                             enum pub_state ps)
{
    const gs_decision *d = &m->decisions.v[i];
    const gs_settings *s = &m->settings;
    lg_item *it = ledger_find(lg, LG_DECISION, d->doc_no);
    bool published = it && it->first_published != GS_NODATE;
    bool before = it && it->first_published == GS_NODATE;
    if (ps == PUB_LIVE || ps == PUB_PENDING || (it && publish_has_notice(ps)))
        add_record(c, LG_DECISION, TL_PUBLISH, (int32_t)i, d->doc_no, d->date,
                   tl_window_publish(s, d), published ? it->first_published : GS_NODATE,
                   before, m);
    if (!it || it->status == ST_VALID || it->status_done == GS_NODATE)
        return;
    /* a status published with the decision itself was not a change of
     * anything public */
    if (published && it->status_done <= it->first_published)
        return;
    int what = it->status == ST_CORRECTED ? TL_CORRECT
               : it->status == ST_CHANGED ? TL_CHANGE
                                          : TL_WITHDRAW;
    add_record(c, LG_DECISION, what, (int32_t)i, d->doc_no, it->status_date,
               tl_window_status(s, (enum gs_status)it->status), it->status_done, false, m);
}

/* ---- officers, agencies, powers, inspection items, pages ---- */

static void hfield(buf *b, const char *s)
{
    buf_puts(b, s ? s : "");
    buf_putc(b, '\x1f');
}

static void hdate(buf *b, gs_date d)
{
    char s[11];
    date_format(d, s);
    hfield(b, s);
}

static const char *agency_name(const gs_model *m, int32_t a)
{
    return a >= 0 && (size_t)a < m->agencies.n ? m->agencies.v[a].name : "";
}

/* the key and public fields of item i of kind k; false when past the end */
static bool entity(const gs_model *m, int k, size_t i, buf *key, buf *f, gs_date *updated)
{
    buf_reset(key);
    buf_reset(f);
    switch (k) {
    case LG_OFFICER: {
        if (i >= m->officers.n)
            return false;
        const gs_officer *o = &m->officers.v[i];
        buf_puts(key, o->cert_no);
        const char *fs[] = {o->name, o->cert_no, agency_name(m, o->agency), o->title,
                            o->categories, o->area, gs_cert_status_names[o->cert_status]};
        for (size_t j = 0; j < sizeof fs / sizeof *fs; j++)
            hfield(f, fs[j]);
        hdate(f, o->valid_to);
        *updated = o->updated;
        return true;
    }
    case LG_AGENCY: {
        if (i >= m->agencies.n)
            return false;
        const gs_agency *a = &m->agencies.v[i];
        buf_puts(key, a->name);
        const char *fs[] = {a->name, a->credit_code, a->short_name, a->duties, a->address,
                            a->phone, a->complaint_phone, a->review_body, a->court};
        for (size_t j = 0; j < sizeof fs / sizeof *fs; j++)
            hfield(f, fs[j]);
        *updated = a->updated;
        return true;
    }
    case LG_POWER: {
        if (i >= m->powers.n)
            return false;
        const gs_power *p = &m->powers.v[i];
        buf_printf(key, "%s|%s", agency_name(m, p->agency), p->code[0] ? p->code : p->name);
        const char *fs[] = {p->code, p->type, p->name, p->basis, p->duties, p->time_limit,
                            p->fees, agency_name(m, p->agency)};
        for (size_t j = 0; j < sizeof fs / sizeof *fs; j++)
            hfield(f, fs[j]);
        *updated = p->updated;
        return true;
    }
    case LG_INSPECTION: {
        if (i >= m->inspections.n)
            return false;
        const gs_inspection *p = &m->inspections.v[i];
        buf_printf(key, "%s|%s", p->subject, p->item);
        const char *fs[] = {p->item, p->basis, p->subject, p->target, p->ratio, p->frequency,
                            p->method, p->content};
        for (size_t j = 0; j < sizeof fs / sizeof *fs; j++)
            hfield(f, fs[j]);
        *updated = p->updated;
        return true;
    }
    case LG_PAGE: {
        if (i >= m->pages.n)
            return false;
        const gs_page *p = &m->pages.v[i];
        buf_puts(key, p->path);
        const char *fs[] = {p->title, p->section, agency_name(m, p->agency), p->slug, p->html};
        for (size_t j = 0; j < sizeof fs / sizeof *fs; j++)
            hfield(f, fs[j]);
        hdate(f, p->date);
        *updated = GS_NODATE; /* pages carry no publication deadline */
        return true;
    }
    }
    return false;
}

static const char *const kind_files[LG_KIND_COUNT] = {
    "decisions.csv", "officers.csv", "agencies.csv", "powers.csv", "inspections.csv", ""};

static void entities(compliance *c, const gs_model *m, ledger *lg, int k)
{
    buf key, f;
    buf_init(&key);
    buf_init(&f);
    gs_date updated;
    gs_date stamp = c->before_ledger ? GS_NODATE : c->today;
    for (size_t i = 0; entity(m, k, i, &key, &f, &updated); i++) {
        uint64_t h = hash_bytes(f.p ? f.p : "", f.len);
        lg_item *it = ledger_find(lg, k, key.p);
        /* the same key twice (two powers without a code and one name):
         * number the later ones */
        size_t base = key.len;
        for (unsigned twin = 2; it && it->seen; twin++) {
            key.len = base;
            buf_printf(&key, "#%u", twin);
            it = ledger_find(lg, k, key.p);
        }
        if (!it) {
            it = ledger_add(lg, k, key.p);
            it->hash = h;
            it->first_published = it->last_changed = stamp;
            it->event_date = updated;
            it->seen = true;
            add_event(c, lg, k, CP_PUBLISHED, (int32_t)i, key.p, "");
        } else {
            it->seen = true;
            if (it->withdrawn != GS_NODATE || it->removed != GS_NODATE) {
                it->withdrawn = it->removed = GS_NODATE;
                it->withdrawn_reason = NULL;
                it->dirty = true;
                add_event(c, lg, k, CP_REPUBLISHED, (int32_t)i, key.p, "");
            }
            if (it->hash != h) {
                it->hash = h;
                it->last_changed = stamp;
                it->event_date = updated;
                it->dirty = true;
                add_event(c, lg, k, CP_CHANGED, (int32_t)i, key.p, "");
            }
        }
        /* a change is reflected on time when published within info_change
         * working days of its 更新日期 */
        if (k != LG_AGENCY && k != LG_PAGE && it->last_changed != GS_NODATE &&
            it->event_date != GS_NODATE)
            add_record(c, k, TL_INFO, (int32_t)i, arena_strdup(&c->a, key.p), it->event_date,
                       m->settings.win_info_change, it->last_changed, false, m);
    }
    buf_free(&key);
    buf_free(&f);
    /* items gone from the data; not when the file had errors (a rejected
     * row is not a removal) */
    if (kind_files[k][0] && file_had_errors(kind_files[k]))
        return;
    for (size_t i = 0, n = ledger_count(lg); i < n; i++) {
        lg_item *it = ledger_at(lg, i);
        if (it->kind != k || it->seen || it->removed != GS_NODATE)
            continue;
        it->removed = c->today;
        it->withdrawn = c->today;
        it->withdrawn_reason = "已删除";
        it->dirty = true;
        add_event(c, lg, k, CP_REMOVED, -1, it->key, "");
    }
}

/* put this build's changes aside in the ledger, before the site goes live */
static bool stage(compliance *c, ledger *lg)
{
    lg_run run = {
        .today = c->today,
        .before_ledger = c->before_ledger,
        .published = c->counts[CP_PUBLISHED] + c->counts[CP_REPUBLISHED],
        .changed = c->counts[CP_CHANGED] + c->counts[CP_STATUS],
        .withdrawn = c->counts[CP_WITHDRAWN] + c->counts[CP_TAKEN_DOWN],
        .expired = c->counts[CP_EXPIRED],
        .removed = c->counts[CP_REMOVED],
        .kept = c->counts[CP_KEPT],
        .late = c->late_run,
        .overdue = c->overdue,
        .rejected = (int)diag_error_count(),
    };
    return ledger_stage(lg, &run);
}

/* ---- the step ---- */

/* the public JSON of a decision, made when the build is staged */
static char *public_of(const void *m, const void *d)
{
    return decision_public_json(m, d);
}

int compliance_prepare(compliance *c, gs_model *m, ledger *lg, gs_date today)
{
    memset(c, 0, sizeof *c);
    arena_init(&c->a);
    c->today = today;
    gs_date started = ledger_started(lg), last = ledger_last_run(lg);
    c->before_ledger = started == GS_NODATE;
    c->start = c->before_ledger ? today : started;
    if (last != GS_NODATE && today < last) {
        char a[11], b[11];
        date_format(today, a);
        date_format(last, b);
        fprintf(stderr, "gongshi: warning: --today %s is before the ledger's last build (%s): "
                        "the ledger is read but not changed\n", a, b);
        c->read_only = true;
    }
    for (size_t i = 0; i < ledger_count(lg); i++)
        ledger_at(lg, i)->seen = false;
    for (size_t i = 0; i < m->decisions.n; i++) {
        lg_item *it = ledger_find(lg, LG_DECISION, m->decisions.v[i].doc_no);
        if (it)
            it->seen = true;
    }
    missing_decisions(c, m, lg);
    /* from here on the decisions stay where they are until staged */
    ledger_public_fn(lg, public_of, m);

    /* first-published dates, before any state is computed */
    size_t n = m->decisions.n;
    m->pub_since = arena_alloc(&m->arena, (n ? n : 1) * sizeof *m->pub_since);
    m->pub_since_n = n;
    for (size_t i = 0; i < n; i++) {
        lg_item *it = ledger_find(lg, LG_DECISION, m->decisions.v[i].doc_no);
        m->pub_since[i] = it ? it->first_published : c->before_ledger ? GS_NODATE : today;
    }
    for (size_t i = 0; i < n; i++) {
        enum pub_state ps = publish_state(m, &m->decisions.v[i], today, GS_NODATE);
        if (ps != PUB_LIVE && !ledger_find(lg, LG_DECISION, m->decisions.v[i].doc_no))
            m->pub_since[i] = GS_NODATE; /* not published: no date to run from */
        decision_ledger(c, m, lg, i, ps);
        decision_records(c, m, lg, i, ps);
    }
    for (int k = LG_OFFICER; k < LG_KIND_COUNT; k++)
        entities(c, m, lg, k);
    c->ledger_items = (int)ledger_count(lg);
    if (c->before_ledger) {
        char *msg = xasprintf("%d items recorded as published before the ledger",
                              c->ledger_items);
        ledger_event(lg, -1, NULL, "ledger_started", msg);
        free(msg);
    }
    return 0;
}

bool compliance_stage(compliance *c, ledger *lg)
{
    return c->read_only || stage(c, lg);
}

gs_date compliance_ledger_start(const compliance *c, const ledger *lg)
{
    gs_date s = ledger_started(lg);
    return s != GS_NODATE ? s : c->read_only ? GS_NODATE : c->today;
}

bool compliance_commit(compliance *c, const gs_model *m, ledger *lg)
{
    if (c->read_only)
        return true;
    c->committed = ledger_commit(lg);
    return c->committed;
}

void compliance_free(compliance *c)
{
    free(c->records.v);
    free(c->events.v);
    buf_free(&c->scratch);
    arena_free(&c->a);
    memset(c, 0, sizeof *c);
}

bool compliance_failed(const compliance *c)
{
    return c->overdue || c->unknown || c->counts[CP_KEPT] || c->counts[CP_KEEP_FAILED];
}

char *compliance_summary(const compliance *c)
{
    buf b;
    buf_init(&b);
    if (c->overdue)
        buf_printf(&b, "%s%d overdue", b.len ? ", " : "", c->overdue);
    if (c->unknown)
        buf_printf(&b, "%s%d with due date unknown (calendar missing)", b.len ? ", " : "",
                   c->unknown);
    if (c->counts[CP_KEPT])
        buf_printf(&b, "%s%d rejected decisions kept at their last good version",
                   b.len ? ", " : "", c->counts[CP_KEPT]);
    if (c->counts[CP_KEEP_FAILED])
        buf_printf(&b, "%s%d rejected decisions could not be kept", b.len ? ", " : "",
                   c->counts[CP_KEEP_FAILED]);
    if (c->late_run)
        buf_printf(&b, "%s%d published late", b.len ? ", " : "", c->late_run);
    return buf_detach(&b);
}

void compliance_print(const compliance *c, const gs_model *m, size_t max)
{
    size_t shown = 0, more = 0;
    for (size_t i = 0; i < c->records.n; i++) {
        const tl_record *t = &c->records.v[i];
        bool open = t->done == GS_NODATE || t->done == c->today;
        if (t->result != TL_OVERDUE && !(t->result == TL_UNKNOWN && open))
            continue;
        if (shown == max) {
            more++;
            continue;
        }
        shown++;
        const char *file = "ledger";
        unsigned line = 1;
        if (t->kind == LG_DECISION && t->index >= 0 && (size_t)t->index < m->decisions.n) {
            file = m->decisions.v[t->index].src.file;
            line = m->decisions.v[t->index].src.line;
        }
        char due[11], ev[11];
        date_format(t->due, due);
        date_format(t->event, ev);
        if (t->result == TL_OVERDUE)
            fprintf(stderr, "%s:%u: %s %s: overdue: %s due %s (event %s), %d working days ago\n",
                    file, line, t->kind == LG_DECISION ? "文书号" : lg_kind_titles[t->kind],
                    t->key, tl_what_names[t->what], due, ev, t->days);
        else
            fprintf(stderr, "%s:%u: %s %s: due date unknown: calendar %d missing\n", file, line,
                    t->kind == LG_DECISION ? "文书号" : lg_kind_titles[t->kind], t->key,
                    t->missing_year);
    }
    for (size_t i = 0; i < c->events.n; i++) {
        const cp_event *e = &c->events.v[i];
        if (e->action != CP_KEPT && e->action != CP_KEEP_FAILED)
            continue;
        if (shown == max) {
            more++;
            continue;
        }
        shown++;
        fprintf(stderr, "%s:%u: 文书号 %s: %s\n", e->src.file ? e->src.file : "decisions.csv",
                (unsigned)e->src.line, e->key,
                e->action == CP_KEPT ? "row rejected: its last good version stays published"
                                     : "row rejected and its last good version cannot be used: "
                                       "it is off the site until the row is fixed");
    }
    if (more)
        fprintf(stderr, "gongshi: %zu more items need attention: see the report\n", more);
}
