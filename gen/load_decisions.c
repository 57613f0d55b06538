/*
 * load_decisions.c - data/decisions.csv into m->decisions.
 *
 * One row per enforcement decision (interface.md, "decisions.csv").  Every
 * check that fails rejects the row with "file:line: 文书号 X: message";
 * problems with 执法人员 (unknown certificate, fewer than two officers, a
 * certificate not valid on the decision date) are warnings.  证件号码 and
 * other personal values are never echoed.  Needs agencies and officers
 * loaded first.  Streaming: one record at a time, a hash set for the
 * unique 文书号 (its hashes also give the slugs), hashed officer and
 * cached agency lookups, so a million rows load in linear time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "fields.h"
#include "load_common.h"
#include "loaders.h"
#include "privacy.h"
#include "model.h"

enum {
    D_DOCNO, D_CAT, D_AGENCY, D_PARTY, D_PARTY_TYPE, D_CREDIT, D_LEGAL_REP,
    D_ID_TYPE, D_ID_NO, D_DATE, D_VIOLATION, D_FACTS, D_BASIS, D_CONCLUSION,
    D_PENALTY, D_FINE, D_CONFISC, D_PERMIT_RESULT, D_PERMIT_CLASS,
    D_PERMIT_CERT, D_PERMIT_NO, D_PERMIT_FROM, D_PERMIT_TO, D_COERCIVE,
    D_PROCEDURE, D_PLACE, D_OCCUR, D_OFFICERS, D_MAJOR, D_LEGAL_REVIEW,
    D_LAWYER, D_HEARING, D_REVIEW, D_WITHHELD, D_STATUS, D_STATUS_DATE,
    D_STATUS_NOTE, D_N
};

static const csvf_col cols[D_N] = {
    [D_DOCNO] = {"文书号", true},
    [D_CAT] = {"执法类别", true},
    [D_AGENCY] = {"执法机关", true},
    [D_PARTY] = {"相对人名称", true},
    [D_PARTY_TYPE] = {"相对人类别", true},
    [D_CREDIT] = {"统一社会信用代码", false},
    [D_LEGAL_REP] = {"法定代表人", false},
    [D_ID_TYPE] = {"证件类型", false},
    [D_ID_NO] = {"证件号码", false},
    [D_DATE] = {"决定日期", true},
    [D_VIOLATION] = {"违法行为类型", false},
    [D_FACTS] = {"违法事实", false},
    [D_BASIS] = {"执法依据", false},
    [D_CONCLUSION] = {"执法结论", true},
    [D_PENALTY] = {"处罚类别", false},
    [D_FINE] = {"罚款金额", false},
    [D_CONFISC] = {"没收金额", false},
    [D_PERMIT_RESULT] = {"许可结果", false},
    [D_PERMIT_CLASS] = {"许可类别", false},
    [D_PERMIT_CERT] = {"许可证书名称", false},
    [D_PERMIT_NO] = {"许可编号", false},
    [D_PERMIT_FROM] = {"有效期自", false},
    [D_PERMIT_TO] = {"有效期至", false},
    [D_COERCIVE] = {"强制措施", false},
    [D_PROCEDURE] = {"程序类型", false},
    [D_PLACE] = {"发生地点", false},
    [D_OCCUR] = {"发生时间", false},
    [D_OFFICERS] = {"执法人员", false},
    [D_MAJOR] = {"重大执法决定", false},
    [D_LEGAL_REVIEW] = {"法制审核", false},
    [D_LAWYER] = {"律师参与", false},
    [D_HEARING] = {"听证", false},
    [D_REVIEW] = {"公示审核", false},
    [D_WITHHELD] = {"不予公开", false},
    [D_STATUS] = {"状态", false},
    [D_STATUS_DATE] = {"状态日期", false},
    [D_STATUS_NOTE] = {"状态说明", false},
};

static const char *const id_types[] = {
    "身份证", "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证",
    "外国人永久居留身份证", "其他"};
static const char *const permit_classes[] = {"普通", "特许", "认可", "核准", "登记", "其他"};
static const char *const review_values[] = {"通过", "待审"};
static const char *const withheld_reasons[] = {"国家秘密", "商业秘密", "个人隐私",
                                               "未成年人", "其他"};

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

typedef struct dctx {
    gs_model *m;
    csvf *f;
    const char *file;
    keyset docs;    /* 文书号 -> first line; its hashes make the slugs */
    keyset certs;   /* 执法证号 -> officer index + 1 */
    u64map agencies;
} dctx;

static const char *cell(const dctx *c, int col)
{
    return csvf_get(c->f, (size_t)col);
}

/* interned: short values that repeat across rows */
static const char *cstr(dctx *c, int col)
{
    return model_str(c->m, csvf_get(c->f, (size_t)col), csvf_len(c->f, (size_t)col));
}

/* a plain copy: values that are mostly unique */
static const char *ctext(dctx *c, int col)
{
    return model_text(c->m, csvf_get(c->f, (size_t)col), csvf_len(c->f, (size_t)col));
}

/* 执法人员: a ;-list of 执法证号; problems are warnings */
static void read_officers(dctx *c, row *r, gs_decision *d)
{
    if (!csvf_has(c->f, D_OFFICERS))
        return;
    char *storage;
    const char **items;
    size_t n = field_list(cell(c, D_OFFICERS), &storage, &items);
    if (n > UINT16_MAX) {
        row_warn(r, "执法人员 lists more than %d numbers; the rest are ignored", UINT16_MAX);
        n = UINT16_MAX;
    }
    const char **list = n ? xreallocarray(NULL, n, sizeof *list) : NULL;
    size_t k = 0;
    keyset seen; /* long lists only: a short one is searched directly */
    bool hashed = n > 16;
    if (hashed)
        keyset_init_for(&seen, n);
    for (size_t i = 0; i < n; i++) {
        const char *no = items[i];
        bool dup = false;
        if (hashed)
            dup = keyset_add(&seen, no, 1) != 0;
        else
            for (size_t j = 0; j < k && !dup; j++)
                dup = strcmp(list[j], no) == 0;
        if (dup)
            continue;
        char q[MSG_VALUE_SIZE];
        int32_t o = (int32_t)keyset_find(&c->certs, no) - 1;
        if (o < 0) {
            if (c->m->officers.n) /* else officers.csv itself was reported */
                row_warn(r, "执法人员 %s is not in officers.csv", msg_value_raw(q, no));
            list[k++] = model_str(c->m, no, strlen(no));
            continue;
        }
        const gs_officer *of = &c->m->officers.v[o];
        list[k++] = of->cert_no;
        if (of->cert_status != CERT_VALID) {
            row_warn(r, "执法人员 %s: certificate is %s", msg_value_raw(q, no),
                     gs_cert_status_names[of->cert_status]);
        } else if (of->valid_to != GS_NODATE && d->date != GS_NODATE &&
                   of->valid_to < d->date) {
            char ds[11];
            date_format(of->valid_to, ds);
            row_warn(r, "执法人员 %s: certificate expired on %s, before 决定日期", msg_value_raw(q, no),
                     ds);
        }
    }
    if (k < 2)
        row_warn(r, "执法人员 lists %zu officer%s; at least two are expected", k,
                 k == 1 ? "" : "s");
    if (hashed)
        keyset_free(&seen);
    free(storage);
    free(items);
    d->officers = list;
    d->n_officers = (uint16_t)k;
}

int decision_slug(uint64_t h, unsigned twins, char s[DECISION_SLUG_MAX])
{
    int n;
    for (;;) {
        n = snprintf(s, DECISION_SLUG_MAX, "d/%02x/%016llx", (unsigned)(h >> 56),
                     (unsigned long long)h);
        if (!privacy_has_mobile_shape(s, (size_t)n))
            break;
        unsigned char le[8]; /* the same bytes on every machine */
        for (int i = 0; i < 8; i++)
            le[i] = (unsigned char)(h >> (8 * i));
        h = hash_bytes(le, sizeof le);
    }
    if (twins)
        n += snprintf(s + n, DECISION_SLUG_MAX - (size_t)n, "-%u", twins + 1);
    return n;
}

int decision_slug_renew(const char *old, char s[DECISION_SLUG_MAX])
{
    static const char hex[] = "0123456789abcdef", dec[] = "0123456789";
    size_t len = strlen(old);
    /* exactly what decision_slug writes: d/, the hash's first two digits,
     * /, its 16 lower-case digits, then maybe - and a twin number >= 2
     * without leading zeros */
    if (len < 21 || len > 30 || strncmp(old, "d/", 2) != 0 || strspn(old + 2, hex) != 2 ||
        old[4] != '/' || strspn(old + 5, hex) != 16 || strncmp(old + 2, old + 5, 2) != 0)
        return -1;
    unsigned long twin = 0;
    if (old[21]) {
        if (old[21] != '-' || old[22] < '1' || old[22] > '9' || strspn(old + 22, dec) != len - 22 ||
            (twin = strtoul(old + 22, NULL, 10)) < 2)
            return -1;
    }
    uint64_t h = strtoull(old + 5, NULL, 16); /* stops at the '-' */
    return decision_slug(h, twin ? (unsigned)twin - 1 : 0, s);
}

static void make_slug(dctx *c, gs_decision *d, uint64_t h, unsigned twins)
{
    char s[DECISION_SLUG_MAX];
    int n = decision_slug(h, twins, s);
    d->slug = model_text(c->m, s, (size_t)n);
}

static void decision_row(dctx *c)
{
    gs_model *m = c->m;
    const char *docno = cell(c, D_DOCNO);
    row r = {c->file, csvf_line(c->f), "文书号", docno, 0};
    if (!row_required(&r, "文书号", docno)) {
        m->decisions_incomplete = true; /* some decision lost its key */
        return;
    }
    gs_decision d;
    memset(&d, 0, sizeof d);
    d.doc_no = ctext(c, D_DOCNO);
    uint64_t h = hash_bytes(d.doc_no, csvf_len(c->f, D_DOCNO));
    unsigned twins;
    uint32_t first = keyset_add_hashed(&c->docs, d.doc_no, h, r.line, &twins);
    if (first) {
        row_error(&r, "duplicate 文书号, first on line %u", (unsigned)first);
        return;
    }
    d.src.file = c->file;
    d.src.line = r.line;
    char q[MSG_VALUE_SIZE];

    int cat = row_enum(&r, "执法类别", cell(c, D_CAT), gs_category_names, CAT_COUNT, -1);
    d.category = cat < 0 ? CAT_QITA : (uint8_t)cat;

    const char *agency = cell(c, D_AGENCY);
    d.agency = -1;
    if (row_required(&r, "执法机关", agency)) {
        d.agency = agency_lookup(m, &c->agencies, agency, csvf_len(c->f, D_AGENCY));
        if (d.agency < 0)
            row_error(&r, "执法机关 %s is not in agencies.csv", msg_value(q, agency));
    }

    row_required(&r, "相对人名称", cell(c, D_PARTY));
    d.party_name = ctext(c, D_PARTY);
    int pt = row_enum(&r, "相对人类别", cell(c, D_PARTY_TYPE), gs_party_names, PARTY_COUNT, -1);
    d.party_type = pt < 0 ? PARTY_ORG : (uint8_t)pt;

    const char *credit = cell(c, D_CREDIT);
    if (*credit)
        row_credit_code(&r, "统一社会信用代码", credit, false);
    else if (pt == PARTY_ORG || pt == PARTY_GETI)
        row_error(&r, "统一社会信用代码 is required for %s", gs_party_names[pt]);
    d.credit_code = ctext(c, D_CREDIT);
    d.legal_rep = ctext(c, D_LEGAL_REP);

    const char *idtype = cell(c, D_ID_TYPE);
    row_enum(&r, "证件类型", idtype, id_types, NELEM(id_types), 0);
    d.id_type = cstr(c, D_ID_TYPE);
    const char *idno = cell(c, D_ID_NO);
    if (*idno) {
        if ((!*idtype || strcmp(idtype, "身份证") == 0) && !id_number_valid(idno))
            row_error(&r, "证件号码 is not a valid 身份证 number "
                          "(18 characters with a correct check digit, or 15 digits)");
    } else if (pt == PARTY_PERSON) {
        row_error(&r, "证件号码 is required for 自然人");
    }
    d.id_no = ctext(c, D_ID_NO);

    d.date = row_date(&r, "决定日期", cell(c, D_DATE), true);

    if (cat == CAT_CHUFA && !*cell(c, D_VIOLATION))
        row_error(&r, "违法行为类型 is required for 行政处罚");
    d.violation_type = cstr(c, D_VIOLATION);
    d.facts = ctext(c, D_FACTS);
    d.basis = cstr(c, D_BASIS);
    row_required(&r, "执法结论", cell(c, D_CONCLUSION));
    d.conclusion = ctext(c, D_CONCLUSION);

    int count;
    d.penalties = (uint16_t)row_flags(&r, "处罚类别", cell(c, D_PENALTY), gs_penalty_names,
                                      PEN_COUNT, &count);
    if (cat == CAT_CHUFA && count == 0)
        row_error(&r, "处罚类别 is required for 行政处罚");
    d.fine_fen = row_money(&r, "罚款金额", cell(c, D_FINE));
    d.confiscation_fen = row_money(&r, "没收金额", cell(c, D_CONFISC));

    const char *pr = cell(c, D_PERMIT_RESULT);
    int permit = row_enum(&r, "许可结果", pr, gs_permit_names, PERMIT_COUNT, PERMIT_NONE);
    if (cat == CAT_XUKE && !*pr)
        row_error(&r, "许可结果 is required for 行政许可");
    d.permit_result = permit < 0 ? PERMIT_NONE : (uint8_t)permit;
    row_enum(&r, "许可类别", cell(c, D_PERMIT_CLASS), permit_classes, NELEM(permit_classes), 0);
    d.permit_class = cstr(c, D_PERMIT_CLASS);
    d.permit_cert = cstr(c, D_PERMIT_CERT);
    d.permit_no = ctext(c, D_PERMIT_NO);
    d.permit_from = row_date(&r, "有效期自", cell(c, D_PERMIT_FROM), false);
    d.permit_to = row_date(&r, "有效期至", cell(c, D_PERMIT_TO), false);

    d.coercive = (uint8_t)row_flags(&r, "强制措施", cell(c, D_COERCIVE), gs_coercive_names,
                                    COER_COUNT, &count);
    if (cat == CAT_QIANGZHI && count == 0)
        row_error(&r, "强制措施 is required for 行政强制");
    int proc = row_enum(&r, "程序类型", cell(c, D_PROCEDURE), gs_procedure_names, PROC_COUNT,
                        PROC_NONE);
    d.procedure = proc < 0 ? PROC_NONE : (uint8_t)proc;
    d.place = cstr(c, D_PLACE);
    d.occur_date = row_datetime(&r, "发生时间", cell(c, D_OCCUR), &d.occur_minute);

    d.major = row_yesno(&r, "重大执法决定", cell(c, D_MAJOR));
    d.legal_review = row_yesno(&r, "法制审核", cell(c, D_LEGAL_REVIEW));
    d.lawyer = row_yesno(&r, "律师参与", cell(c, D_LAWYER));
    d.hearing = row_yesno(&r, "听证", cell(c, D_HEARING));
    d.review_pending = row_enum(&r, "公示审核", cell(c, D_REVIEW), review_values,
                                NELEM(review_values), 0) == 1;
    row_enum(&r, "不予公开", cell(c, D_WITHHELD), withheld_reasons, NELEM(withheld_reasons), 0);
    d.withheld = cstr(c, D_WITHHELD);

    int st = row_enum(&r, "状态", cell(c, D_STATUS), gs_status_names, ST_COUNT, ST_VALID);
    d.status = st < 0 ? ST_VALID : (uint8_t)st;
    const char *sd = cell(c, D_STATUS_DATE);
    if (st > ST_VALID && !*sd)
        row_error(&r, "状态日期 is required when 状态 is %s", gs_status_names[st]);
    d.status_date = row_date(&r, "状态日期", sd, false);
    d.status_note = ctext(c, D_STATUS_NOTE);

    if (r.errors) {
        /* remembered so the ledger can keep a live decision's last good version */
        gs_rejected *rj = arena_alloc(&m->arena, sizeof *rj);
        rj->key = d.doc_no;
        rj->src = d.src;
        rj->next = m->rejected_decisions;
        m->rejected_decisions = rj;
        return;
    }
    read_officers(c, &r, &d);
    make_slug(c, &d, h, twins);
    *GS_PUSH(m->decisions) = d;
}

void load_decisions(gs_model *m, const char *path)
{
    dctx c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.f = load_open(m, path, GS_IN_DECISIONS, cols, D_N, &c.file);
    if (!c.f) {
        m->decisions_incomplete = true;
        return;
    }
    /* rows run about 600 bytes: start the 文书号 set near its final size */
    keyset_init_for(&c.docs, (size_t)(csvf_size(c.f) / 640));
    keyset_init_for(&c.certs, m->officers.n);
    for (size_t i = 0; i < m->officers.n; i++)
        keyset_add(&c.certs, m->officers.v[i].cert_no, (uint32_t)i + 1);
    u64map_init(&c.agencies);
    while (csvf_next(c.f))
        decision_row(&c);
    if (csvf_rejected(c.f)) /* records skipped before their 文书号 was read */
        m->decisions_incomplete = true;
    csvf_close(c.f);
    keyset_free(&c.docs);
    keyset_free(&c.certs);
    u64map_free(&c.agencies);
}
