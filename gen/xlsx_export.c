/*
 * xlsx_export.c - the 双公示 (信用中国) data-sharing export for staff to
 * upload: the year's 行政处罚 and 行政许可 decisions in the 信用中国 field
 * order (docs: domain.md), amounts in 万元 with 6 decimals, as XLSX and as
 * CSV (UTF-8 with BOM, CRLF).  Staff-only (out/xlsx): the party's full
 * name and 证件号码 are included because 信用中国 asks for them; the free
 * text that 信用中国 republishes (违法事实, 依据, 内容) is scrubbed of ID,
 * phone, bank-card and e-mail shapes.
 *
 * Rows: decisions of the year that are published or whose publicity period
 * has ended (not 待审, 不予公开, about a minor, withdrawn, or dated after
 * today); for permits, 准予 and 撤销 decisions (a refusal is not shared).
 */
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "publish.h"
#include "report.h"
#include "xlsx.h"

static const char *const pen_cols[] = {
    "行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "证件类型",
    "证件号码", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别",
    "处罚内容", "罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）",
    "暂扣或吊销证照名称及编号", "处罚决定日期", "处罚有效期", "公示截止期", "处罚机关",
    "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码", "备注"};
#define N_PEN (sizeof pen_cols / sizeof *pen_cols)

static const char *const per_cols[] = {
    "行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "证件类型",
    "证件号码", "行政许可决定文书名称", "行政许可决定文书号", "许可类别", "许可证书名称",
    "许可编号", "许可内容", "许可决定日期", "有效期自", "有效期至", "许可机关",
    "许可机关统一社会信用代码", "当前状态", "数据来源单位", "数据来源单位统一社会信用代码",
    "备注"};
#define N_PER (sizeof per_cols / sizeof *per_cols)

#define MAX_COLS 23

/* a cell: text, a date, or an amount in fen shown in 万元 */
enum { V_TEXT, V_DATE, V_WAN };
typedef struct cell {
    int kind;
    const char *s; /* V_TEXT */
    char *own;     /* V_TEXT owned copy, freed after the row */
    gs_date d;     /* V_DATE */
    int64_t fen;   /* V_WAN, -1 = empty */
} cell;

typedef struct exporter {
    const gs_model *m;
    const gs_stats *st;
    xl x;
    xs s;
    const char *sheet;
    unsigned part;
    const char *const *cols;
    size_t ncols;
    FILE *csv;
    buf line;
    cell c[MAX_COLS];
} exporter;

static void wan_text(char out[32], int64_t fen)
{
    /* 1 万元 = 1,000,000 fen: exact, no floating point */
    snprintf(out, 32, "%lld.%06lld", (long long)(fen / 1000000), (long long)(fen % 1000000));
}

static void sheet_open(exporter *e)
{
    char name[32];
    if (e->part == 1)
        snprintf(name, sizeof name, "%s", e->sheet);
    else
        snprintf(name, sizeof name, "%s%u", e->sheet, e->part);
    xs_open(&e->s, &e->x, name);
    for (size_t i = 0; i < e->ncols; i++) {
        xs_str(&e->s, (lxw_col_t)i, e->cols[i], e->x.f.head);
        if (e->s.ws)
            worksheet_set_column(e->s.ws, (lxw_col_t)i, (lxw_col_t)i, 16, NULL);
    }
    e->s.row = 1;
    xs_repeat(&e->s, 0);
    if (e->s.ws)
        worksheet_freeze_panes(e->s.ws, 1, 0);
}

static void sheet_close(exporter *e)
{
    xs_digest(&e->s, e->s.row);
    if (e->s.ws && e->s.row > 1)
        worksheet_autofilter(e->s.ws, 0, 0, e->s.row - 1, (lxw_col_t)(e->ncols - 1));
}

static void emit_row(exporter *e)
{
    if (e->s.row > xlsx_rows_per_sheet) {
        sheet_close(e);
        e->part++;
        sheet_open(e);
    }
    buf_reset(&e->line);
    for (size_t i = 0; i < e->ncols; i++) {
        cell *c = &e->c[i];
        bool last = i + 1 == e->ncols;
        char tmp[32];
        switch (c->kind) {
        case V_TEXT:
            xs_str(&e->s, (lxw_col_t)i, c->s ? c->s : "", NULL);
            csv_field(&e->line, c->s ? c->s : "", last);
            break;
        case V_DATE:
            xs_date(&e->s, (lxw_col_t)i, c->d, e->x.f.date);
            date_format(c->d, tmp);
            csv_field(&e->line, tmp, last);
            break;
        case V_WAN:
            if (c->fen >= 0) {
                wan_text(tmp, c->fen);
                xs_num(&e->s, (lxw_col_t)i, strtod(tmp, NULL), e->x.f.wan);
            } else {
                tmp[0] = 0;
            }
            csv_field(&e->line, tmp, last);
            break;
        }
        free(c->own);
        memset(c, 0, sizeof *c);
    }
    e->s.row++;
    if (e->x.hash)
        dg_add(e->x.hash, e->line.p, e->line.len);
    if (e->csv)
        fwrite(e->line.p, 1, e->line.len, e->csv);
}

static void text(exporter *e, size_t i, const char *s)
{
    e->c[i].kind = V_TEXT;
    e->c[i].s = s;
}

static void text_own(exporter *e, size_t i, char *s)
{
    e->c[i].kind = V_TEXT;
    e->c[i].s = e->c[i].own = s;
}

static void date_cell(exporter *e, size_t i, gs_date d)
{
    e->c[i].kind = V_DATE;
    e->c[i].d = d;
}

static void wan(exporter *e, size_t i, int64_t fen)
{
    e->c[i].kind = V_WAN;
    e->c[i].fen = fen;
}

static char *scrub(const char *s)
{
    return privacy_scrub(s ? s : "", SCRUB_ALL, NULL, NULL);
}

/* the party columns shared by both exports (0..5) */
static void party(exporter *e, const gs_decision *d)
{
    text(e, 0, d->party_name);
    text(e, 1, gs_party_names[d->party_type]);
    text(e, 2, d->credit_code);
    text(e, 3, d->legal_rep);
    text(e, 4, *d->id_no ? (*d->id_type ? d->id_type : "身份证") : "");
    text(e, 5, d->id_no);
}

/* 备注: 变更 / 更正 with their date and note, 公示期满 */
static char *remark(const gs_decision *d, enum pub_state ps, gs_date today)
{
    buf b;
    buf_init(&b);
    enum gs_status status = publish_status(d, today);
    if (status == ST_CHANGED || status == ST_CORRECTED) {
        char ds[11];
        date_format(d->status_date, ds);
        buf_printf(&b, "%s（%s）", gs_status_names[status], ds);
        if (*d->status_note) {
            char *n = scrub(d->status_note);
            buf_printf(&b, "：%s", n);
            free(n);
        }
    }
    if (ps == PUB_EXPIRED)
        buf_printf(&b, "%s公示期满", b.len ? "；" : "");
    return buf_detach(&b);
}

static void penalty_row(exporter *e, const gs_decision *d, enum pub_state ps)
{
    const gs_model *m = e->m;
    const gs_agency *ag = &m->agencies.v[d->agency];
    party(e, d);
    text(e, 6, d->doc_no);
    text(e, 7, d->violation_type);
    text_own(e, 8, scrub(d->facts));
    text_own(e, 9, scrub(d->basis));
    text_own(e, 10, gs_join_names(d->penalties, gs_penalty_names, PEN_COUNT, ";"));
    text_own(e, 11, scrub(d->conclusion));
    wan(e, 12, d->fine_fen);
    wan(e, 13, d->confiscation_fen);
    if (d->penalties & ((1u << PEN_ZANKOU) | (1u << PEN_DIAOXIAO))) {
        const char *sep = *d->permit_cert && *d->permit_no ? " " : "";
        text_own(e, 14, xasprintf("%s%s%s", d->permit_cert, sep, d->permit_no));
    }
    date_cell(e, 15, d->date);
    gs_date until = publish_until(m, d, GS_NODATE);
    date_cell(e, 16, until);
    date_cell(e, 17, until);
    text(e, 18, ag->name);
    text(e, 19, ag->credit_code);
    text(e, 20, m->settings.name);
    text(e, 21, m->settings.credit_code);
    text_own(e, 22, remark(d, ps, e->st->today));
    emit_row(e);
}

static const char *permit_doc_name(const gs_decision *d)
{
    return d->permit_result == PERMIT_REVOKE ? "撤销行政许可决定书" : "准予行政许可决定书";
}

static void permit_row(exporter *e, const gs_decision *d, enum pub_state ps)
{
    const gs_model *m = e->m;
    const gs_agency *ag = &m->agencies.v[d->agency];
    party(e, d);
    text(e, 6, permit_doc_name(d));
    text(e, 7, d->doc_no);
    text(e, 8, d->permit_class);
    text(e, 9, d->permit_cert);
    text(e, 10, d->permit_no);
    text_own(e, 11, scrub(d->conclusion));
    date_cell(e, 12, d->date);
    date_cell(e, 13, d->permit_from != GS_NODATE ? d->permit_from : d->date);
    date_cell(e, 14, d->permit_to);
    text(e, 15, ag->name);
    text(e, 16, ag->credit_code);
    const char *state = "有效";
    if (d->permit_result == PERMIT_REVOKE)
        state = "撤销";
    else if (d->permit_to != GS_NODATE && d->permit_to < e->st->today)
        state = "已过期";
    text(e, 17, state);
    text(e, 18, m->settings.name);
    text(e, 19, m->settings.credit_code);
    text_own(e, 20, remark(d, ps, e->st->today));
    emit_row(e);
}

static bool exported(const gs_decision *d, enum pub_state ps, int category)
{
    if (d->category != category || (ps != PUB_LIVE && ps != PUB_EXPIRED))
        return false;
    if (category == CAT_XUKE)
        return d->permit_result == PERMIT_GRANT || d->permit_result == PERMIT_REVOKE;
    return true;
}

void xl_export(const gs_model *m, const gs_stats *st, const char *dir, xl_job *j, dg *hash)
{
    int category = j->kind == XJ_PENALTIES ? CAT_CHUFA : CAT_XUKE;
    const uint32_t *rows = j->rows;
    size_t nrows = j->nrows;
    bool pen = category == CAT_CHUFA;
    /* names as xl_job_names gave them */
    const char *xname = j->name[0], *cname = j->name[1];
    exporter e;
    memset(&e, 0, sizeof e);
    e.m = m;
    e.st = st;
    e.sheet = pen ? "行政处罚" : "行政许可";
    e.part = 1;
    e.cols = pen ? pen_cols : per_cols;
    e.ncols = pen ? N_PEN : N_PER;
    buf_init(&e.line);
    e.x.m = m;
    e.x.st = st;
    e.x.u = &st->units[0];
    char *title = xasprintf("%s %d年度双公示数据（%s）", m->settings.name, st->year, e.sheet);
    bool ok = true;
    if (hash) {
        xl_digest_mode(&e.x, hash);
        dg_str(hash, title);
    } else {
        char *xtmp = j->tmp[0] = xl_tmp_path(dir, xname);
        char *ctmp = j->tmp[1] = xl_tmp_path(dir, cname);
        e.x.wb = xl_open(xtmp, dir, title, "双公示数据", m, st->today, nrows);
        e.csv = fopen(ctmp, "wb");
        ok = e.x.wb && e.csv;
        if (ok)
            xl_formats_init(&e.x.f, e.x.wb);
        else
            fprintf(stderr, "gongshi: cannot create %s/%s\n", dir, e.x.wb ? cname : xname);
    }
    if (ok) {
        char *what = xasprintf("%d年度双公示数据（%s）", st->year, e.sheet);
        xl_print_texts(&e.x, m->settings.name, what);
        free(what);
        if (hash) {
            dg_str(hash, e.x.hdr);
            dg_str(hash, e.x.ftr);
        }
        sheet_open(&e);
        buf_puts(&e.line, "\xEF\xBB\xBF");
        for (size_t i = 0; i < e.ncols; i++)
            csv_field(&e.line, e.cols[i], i + 1 == e.ncols);
        if (hash)
            dg_add(hash, e.line.p, e.line.len);
        if (e.csv)
            fwrite(e.line.p, 1, e.line.len, e.csv);
        for (size_t k = 0; k < nrows; k++) {
            const gs_decision *d = &m->decisions.v[rows[k]];
            if (d->category != category)
                continue;
            enum pub_state ps = publish_state(m, d, st->today, GS_NODATE);
            if (!exported(d, ps, category))
                continue;
            if (pen)
                penalty_row(&e, d, ps);
            else
                permit_row(&e, d, ps);
        }
        sheet_close(&e);
    }
    if (e.x.wb) {
        lxw_error err = workbook_close(e.x.wb);
        if (err != LXW_NO_ERROR) {
            fprintf(stderr, "gongshi: cannot write %s/%s: %s\n", dir, xname, lxw_strerror(err));
            ok = false;
        }
    }
    if (e.csv && (ferror(e.csv) | (fclose(e.csv) != 0))) {
        fprintf(stderr, "gongshi: cannot write %s/%s\n", dir, cname);
        ok = false;
    }
    if (!hash)
        j->ok = ok && !e.x.failed;
    buf_free(&e.line);
    free(e.x.hdr);
    free(e.x.ftr);
    free(title);
}
