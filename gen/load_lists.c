/*
 * load_lists.c - the smaller data files into the model: agencies.csv,
 * officers.csv, powers.csv, inspections.csv and phrases.csv.
 *
 * Columns and rules follow interface.md.  A bad row is reported as
 * "file:line: <key column> <key>: message" and left out; good rows in the
 * same file are kept.  Agencies are the root every other file refers to,
 * so only a missing or duplicate 机关名称 rejects an agency row: a bad
 * 统一社会信用代码 or 更新日期 is a warning (the slug then falls back to a
 * hash of the name).  load_officers ends with model_index_officers so
 * that model_find_officer is quick for every later user.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "diag.h"
#include "fields.h"
#include "load_common.h"
#include "loaders.h"
#include "model.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *S(gs_model *m, csvf *f, size_t col)
{
    return model_str(m, csvf_get(f, col), csvf_len(f, col));
}

static const char *T(gs_model *m, csvf *f, size_t col)
{
    return model_text(m, csvf_get(f, col), csvf_len(f, col));
}

static void hex_slug(char *out, size_t size, const char *prefix, const char *s, int digits)
{
    uint64_t h = hash_bytes(s, strlen(s));
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
    snprintf(out, size, "%s%.*s", prefix, digits, hex);
}

/* make slug unique (case-insensitively) among those in set; returns the
 * model copy */
static const char *unique_slug(gs_model *m, keyset *set, const char *base, uint32_t line)
{
    buf b;
    buf_init(&b);
    for (unsigned n = 1;; n++) {
        buf_reset(&b);
        buf_puts(&b, base);
        if (n > 1)
            buf_printf(&b, "-%u", n);
        for (size_t i = 0; i < b.len; i++)
            if (b.p[i] >= 'A' && b.p[i] <= 'Z')
                b.p[i] = (char)(b.p[i] - 'A' + 'a');
        if (!keyset_find(set, b.p))
            break;
    }
    const char *lower = model_text(m, b.p, b.len);
    keyset_add(set, lower, line);
    /* the slug keeps the original case */
    buf_reset(&b);
    buf_puts(&b, base);
    size_t extra = strlen(lower) - strlen(base);
    buf_add(&b, lower + strlen(base), extra);
    const char *slug = model_text(m, b.p, b.len);
    buf_free(&b);
    return slug;
}

/* put an existing slug into set (lower-cased, as unique_slug keeps them) */
static void slug_reserve(gs_model *m, keyset *set, const char *slug, uint32_t line)
{
    char *lower = arena_strdup(&m->arena, slug);
    for (char *p = lower; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    keyset_add(set, lower, line);
}

/* ---- agencies.csv ---- */

enum { A_NAME, A_CREDIT, A_SHORT, A_DUTIES, A_ADDRESS, A_PHONE, A_COMPLAINT, A_REVIEW,
       A_COURT, A_UPDATED, A_N };
static const csvf_col agency_cols[A_N] = {
    [A_NAME] = {"机关名称", true},     [A_CREDIT] = {"统一社会信用代码", false},
    [A_SHORT] = {"简称", false},       [A_DUTIES] = {"职责", false},
    [A_ADDRESS] = {"地址", false},     [A_PHONE] = {"电话", false},
    [A_COMPLAINT] = {"投诉电话", false}, [A_REVIEW] = {"复议机关", false},
    [A_COURT] = {"诉讼法院", false},   [A_UPDATED] = {"更新日期", false},
};

void load_agencies(gs_model *m, const char *path)
{
    const char *file;
    csvf *f = load_open(m, path, GS_IN_AGENCIES, agency_cols, A_N, &file);
    if (!f)
        return;
    keyset names, slugs, codes;
    keyset_init(&names);
    keyset_init(&slugs);
    keyset_init(&codes);
    for (size_t i = 0; i < m->agencies.n; i++) { /* agencies loaded before */
        keyset_add(&names, m->agencies.v[i].name, m->agencies.v[i].src.line);
        slug_reserve(m, &slugs, m->agencies.v[i].slug, m->agencies.v[i].src.line);
    }
    while (csvf_next(f)) {
        const char *name = csvf_get(f, A_NAME);
        row r = {file, csvf_line(f), "机关名称", name, 0};
        if (!row_required(&r, "机关名称", name))
            continue;
        gs_agency a;
        memset(&a, 0, sizeof a);
        a.name = S(m, f, A_NAME);
        uint32_t first = keyset_add(&names, a.name, r.line);
        if (first) {
            row_error(&r, "duplicate 机关名称, first on line %u", (unsigned)first);
            continue;
        }
        a.src.file = file;
        a.src.line = r.line;
        const char *code = csvf_get(f, A_CREDIT);
        bool code_ok = *code && row_credit_code(&r, "统一社会信用代码", code, true);
        a.credit_code = S(m, f, A_CREDIT);
        if (code_ok && (first = keyset_add(&codes, a.credit_code, r.line)) != 0)
            row_warn(&r, "统一社会信用代码 is also used on line %u", (unsigned)first);
        a.short_name = S(m, f, A_SHORT);
        if (*a.short_name && model_find_agency(m, a.short_name) >= 0) {
            char q[MSG_VALUE_SIZE];
            row_warn(&r, "简称 %s is already the name or 简称 of another agency",
                     msg_value(q, a.short_name));
        }
        a.duties = T(m, f, A_DUTIES);
        a.address = S(m, f, A_ADDRESS);
        a.phone = S(m, f, A_PHONE);
        a.complaint_phone = S(m, f, A_COMPLAINT);
        a.review_body = S(m, f, A_REVIEW);
        a.court = S(m, f, A_COURT);
        const char *upd = csvf_get(f, A_UPDATED);
        a.updated = field_date(upd, NULL);
        if (*upd && a.updated == GS_NODATE) {
            char q[MSG_VALUE_SIZE];
            row_warn(&r, "更新日期 %s is not a valid date (YYYY-MM-DD); ignored", msg_value(q, upd));
        }
        char base[40];
        if (code_ok) {
            snprintf(base, sizeof base, "%s", a.credit_code);
            for (char *p = base; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
        } else {
            hex_slug(base, sizeof base, "a", a.name, 12);
        }
        a.slug = unique_slug(m, &slugs, base, r.line);
        *GS_PUSH(m->agencies) = a;
    }
    csvf_close(f);
    keyset_free(&names);
    keyset_free(&slugs);
    keyset_free(&codes);
}

/* ---- officers.csv ---- */

enum { O_NAME, O_CERT, O_AGENCY, O_TITLE, O_CATS, O_AREA, O_STATUS, O_VALID_TO,
       O_REVIEWER, O_BUSINESS, O_LAW, O_UPDATED, O_N };
static const csvf_col officer_cols[O_N] = {
    [O_NAME] = {"姓名", true},           [O_CERT] = {"执法证号", true},
    [O_AGENCY] = {"执法机关", true},     [O_TITLE] = {"职务", false},
    [O_CATS] = {"执法类别", false},      [O_AREA] = {"执法区域", false},
    [O_STATUS] = {"证件状态", true},     [O_VALID_TO] = {"有效期至", false},
    [O_REVIEWER] = {"法制审核人员", false}, [O_BUSINESS] = {"业务培训学时", false},
    [O_LAW] = {"法律培训学时", false},   [O_UPDATED] = {"更新日期", false},
};

static bool slug_safe(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return false;
    return true;
}

void load_officers(gs_model *m, const char *path)
{
    const char *file;
    csvf *f = load_open(m, path, GS_IN_OFFICERS, officer_cols, O_N, &file);
    if (!f) {
        model_index_officers(m);
        return;
    }
    keyset certs, slugs;
    keyset_init(&certs);
    keyset_init(&slugs);
    u64map agencies;
    u64map_init(&agencies);
    for (size_t i = 0; i < m->officers.n; i++) {
        keyset_add(&certs, m->officers.v[i].cert_no, m->officers.v[i].src.line);
        slug_reserve(m, &slugs, m->officers.v[i].slug, m->officers.v[i].src.line);
    }
    while (csvf_next(f)) {
        const char *cert = csvf_get(f, O_CERT);
        row r = {file, csvf_line(f), "执法证号", cert, 0};
        if (!row_required(&r, "执法证号", cert))
            continue;
        gs_officer o;
        memset(&o, 0, sizeof o);
        o.cert_no = S(m, f, O_CERT);
        uint32_t first = keyset_add(&certs, o.cert_no, r.line);
        if (first) {
            row_error(&r, "duplicate 执法证号, first on line %u", (unsigned)first);
            continue;
        }
        o.src.file = file;
        o.src.line = r.line;
        row_required(&r, "姓名", csvf_get(f, O_NAME));
        o.name = S(m, f, O_NAME);
        const char *agency = csvf_get(f, O_AGENCY);
        o.agency = -1;
        if (row_required(&r, "执法机关", agency)) {
            o.agency = agency_lookup(m, &agencies, agency, csvf_len(f, O_AGENCY));
            if (o.agency < 0) {
                char q[MSG_VALUE_SIZE];
                row_error(&r, "执法机关 %s is not in agencies.csv", msg_value(q, agency));
            }
        }
        o.title = S(m, f, O_TITLE);
        o.categories = S(m, f, O_CATS);
        o.area = S(m, f, O_AREA);
        int st = row_enum(&r, "证件状态", csvf_get(f, O_STATUS), gs_cert_status_names,
                          CERT_COUNT, -1);
        o.cert_status = st < 0 ? CERT_VALID : (uint8_t)st;
        o.valid_to = row_date(&r, "有效期至", csvf_get(f, O_VALID_TO), false);
        o.legal_reviewer = row_yesno(&r, "法制审核人员", csvf_get(f, O_REVIEWER));
        o.business_hours = row_int(&r, "业务培训学时", csvf_get(f, O_BUSINESS), -1);
        o.law_hours = row_int(&r, "法律培训学时", csvf_get(f, O_LAW), -1);
        o.updated = row_date(&r, "更新日期", csvf_get(f, O_UPDATED), false);
        if (r.errors)
            continue;
        char base[40];
        if (slug_safe(o.cert_no) && strlen(o.cert_no) < 64)
            o.slug = unique_slug(m, &slugs, o.cert_no, r.line);
        else {
            hex_slug(base, sizeof base, "o", o.cert_no, 16);
            o.slug = unique_slug(m, &slugs, base, r.line);
        }
        *GS_PUSH(m->officers) = o;
    }
    csvf_close(f);
    keyset_free(&certs);
    keyset_free(&slugs);
    u64map_free(&agencies);
    model_index_officers(m);
}

/* ---- powers.csv ---- */

enum { P_CODE, P_TYPE, P_NAME, P_BASIS, P_DUTIES, P_LIMIT, P_FEES, P_AGENCY, P_UPDATED, P_N };
static const csvf_col power_cols[P_N] = {
    [P_CODE] = {"职权编码", false},  [P_TYPE] = {"职权类别", true},
    [P_NAME] = {"职权名称", true},   [P_BASIS] = {"实施依据", false},
    [P_DUTIES] = {"责任事项", false}, [P_LIMIT] = {"办理期限", false},
    [P_FEES] = {"收费情况", false},  [P_AGENCY] = {"执法机关", true},
    [P_UPDATED] = {"更新日期", false},
};

void load_powers(gs_model *m, const char *path)
{
    const char *file;
    csvf *f = load_open(m, path, GS_IN_POWERS, power_cols, P_N, &file);
    if (!f)
        return;
    keyset codes;
    keyset_init(&codes);
    u64map agencies;
    u64map_init(&agencies);
    while (csvf_next(f)) {
        const char *code = csvf_get(f, P_CODE);
        row r = {file, csvf_line(f), *code ? "职权编码" : "职权名称",
                 *code ? code : csvf_get(f, P_NAME), 0};
        gs_power p;
        memset(&p, 0, sizeof p);
        p.code = S(m, f, P_CODE);
        if (*code) {
            uint32_t first = keyset_add(&codes, p.code, r.line);
            if (first) {
                row_error(&r, "duplicate 职权编码, first on line %u", (unsigned)first);
                continue;
            }
        }
        p.src.file = file;
        p.src.line = r.line;
        row_required(&r, "职权类别", csvf_get(f, P_TYPE));
        row_required(&r, "职权名称", csvf_get(f, P_NAME));
        p.type = S(m, f, P_TYPE);
        p.name = S(m, f, P_NAME);
        p.basis = T(m, f, P_BASIS);
        p.duties = T(m, f, P_DUTIES);
        p.time_limit = S(m, f, P_LIMIT);
        p.fees = S(m, f, P_FEES);
        const char *agency = csvf_get(f, P_AGENCY);
        p.agency = -1;
        if (row_required(&r, "执法机关", agency)) {
            p.agency = agency_lookup(m, &agencies, agency, csvf_len(f, P_AGENCY));
            if (p.agency < 0) {
                char q[MSG_VALUE_SIZE];
                row_error(&r, "执法机关 %s is not in agencies.csv", msg_value(q, agency));
            }
        }
        p.updated = row_date(&r, "更新日期", csvf_get(f, P_UPDATED), false);
        if (!r.errors)
            *GS_PUSH(m->powers) = p;
    }
    csvf_close(f);
    keyset_free(&codes);
    u64map_free(&agencies);
}

/* ---- inspections.csv ---- */

enum { I_ITEM, I_BASIS, I_SUBJECT, I_TARGET, I_RATIO, I_FREQ, I_METHOD, I_CONTENT,
       I_UPDATED, I_N };
static const csvf_col inspection_cols[I_N] = {
    [I_ITEM] = {"抽查事项", true},   [I_BASIS] = {"抽查依据", false},
    [I_SUBJECT] = {"抽查主体", true}, [I_TARGET] = {"抽查对象", false},
    [I_RATIO] = {"抽查比例", false},  [I_FREQ] = {"抽查频次", false},
    [I_METHOD] = {"抽查方式", false}, [I_CONTENT] = {"抽查内容", false},
    [I_UPDATED] = {"更新日期", false},
};

void load_inspections(gs_model *m, const char *path)
{
    const char *file;
    csvf *f = load_open(m, path, GS_IN_INSPECTIONS, inspection_cols, I_N, &file);
    if (!f)
        return;
    u64map agencies;
    u64map_init(&agencies);
    while (csvf_next(f)) {
        row r = {file, csvf_line(f), "抽查事项", csvf_get(f, I_ITEM), 0};
        gs_inspection it;
        memset(&it, 0, sizeof it);
        it.src.file = file;
        it.src.line = r.line;
        row_required(&r, "抽查事项", csvf_get(f, I_ITEM));
        row_required(&r, "抽查主体", csvf_get(f, I_SUBJECT));
        it.item = S(m, f, I_ITEM);
        it.basis = T(m, f, I_BASIS);
        it.subject = S(m, f, I_SUBJECT);
        it.target = S(m, f, I_TARGET);
        it.ratio = S(m, f, I_RATIO);
        it.frequency = S(m, f, I_FREQ);
        it.method = S(m, f, I_METHOD);
        it.content = T(m, f, I_CONTENT);
        it.agency = agency_lookup(m, &agencies, csvf_get(f, I_SUBJECT), csvf_len(f, I_SUBJECT));
        it.updated = row_date(&r, "更新日期", csvf_get(f, I_UPDATED), false);
        if (!r.errors)
            *GS_PUSH(m->inspections) = it;
    }
    csvf_close(f);
    u64map_free(&agencies);
}

/* ---- phrases.csv ---- */

enum { H_CAT, H_SCENE, H_SEQ, H_TEXT, H_POINTS, H_BANNED, H_BASIS, H_AGENCY, H_N };
static const csvf_col phrase_cols[H_N] = {
    [H_CAT] = {"执法类别", true},  [H_SCENE] = {"场景", true},
    [H_SEQ] = {"序号", false},     [H_TEXT] = {"规范用语", true},
    [H_POINTS] = {"要点", false},  [H_BANNED] = {"禁用语", false},
    [H_BASIS] = {"依据", false},   [H_AGENCY] = {"执法机关", false},
};

void load_phrases(gs_model *m, const char *path)
{
    const char *file;
    csvf *f = load_open(m, path, GS_IN_PHRASES, phrase_cols, H_N, &file);
    if (!f)
        return;
    u64map agencies;
    u64map_init(&agencies);
    const char *cats[CAT_COUNT + 1];
    for (int i = 0; i < CAT_COUNT; i++)
        cats[i] = gs_category_names[i];
    cats[CAT_COUNT] = "通用";
    while (csvf_next(f)) {
        row r = {file, csvf_line(f), "场景", csvf_get(f, H_SCENE), 0};
        gs_phrase p;
        memset(&p, 0, sizeof p);
        p.src.file = file;
        p.src.line = r.line;
        row_enum(&r, "执法类别", csvf_get(f, H_CAT), cats, (int)NELEM(cats), -1);
        p.category = S(m, f, H_CAT);
        row_required(&r, "场景", csvf_get(f, H_SCENE));
        p.scene = S(m, f, H_SCENE);
        p.seq = row_int(&r, "序号", csvf_get(f, H_SEQ), 0);
        row_required(&r, "规范用语", csvf_get(f, H_TEXT));
        p.text = T(m, f, H_TEXT);
        p.points = T(m, f, H_POINTS);
        p.banned = T(m, f, H_BANNED);
        p.basis = S(m, f, H_BASIS);
        const char *agency = csvf_get(f, H_AGENCY);
        p.agency = -1;
        if (*agency) {
            p.agency = agency_lookup(m, &agencies, agency, csvf_len(f, H_AGENCY));
            if (p.agency < 0) {
                char q[MSG_VALUE_SIZE];
                row_error(&r, "执法机关 %s is not in agencies.csv", msg_value(q, agency));
            }
        }
        if (!r.errors)
            *GS_PUSH(m->phrases) = p;
    }
    csvf_close(f);
    u64map_free(&agencies);
}
