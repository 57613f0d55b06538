/*
 * xlsx_sheets.c - the statistics sheets of a 统计年报 workbook: 总体,
 * 行政处罚, 行政许可, 行政强制, 违法分析, 法制审核, 执法人员 and 公示时效.
 * Every figure is read from the stats unit (stats.c); each sheet is a
 * column of sections (title row, header row, data rows, blank row), so it
 * prints and reads back simply.  Native charts on 总体 and 违法分析.
 */
#include <stdlib.h>
#include <string.h>

#include "xlsx.h"

#define N(a) (sizeof(a) / sizeof *(a))

static void sheet_start(xs *s, xl *x, const char *name, const char *what)
{
    xs_open(s, x, name);
    char *title = xasprintf("%s %d年度行政执法统计 · %s", x->u->name, x->st->year, what);
    char from[11], to[11], today[11];
    date_format(x->st->from, from);
    date_format(x->st->to, to);
    date_format(x->st->today, today);
    char *note = xasprintf("统计期间 %s 至 %s（按决定日期），含已撤下、公示期满、待审和不予公开的决定；"
                           "数据截至 %s。",
                           from, to, today);
    xs_title(s, title, note);
    xs_repeat(s, 1);
    free(title);
    free(note);
}

/* a label in column 0 and integers after it */
static void row_ints(xs *s, const char *label, const int64_t *v, size_t n, bool total)
{
    xl_formats *f = &s->x->f;
    xs_str(s, 0, label, total ? f->total : f->label);
    for (size_t i = 0; i < n; i++)
        xs_int(s, (lxw_col_t)(i + 1), v[i], total ? f->num_total : f->num);
    s->row++;
}

static void row_int(xs *s, const char *label, int64_t v)
{
    row_ints(s, label, &v, 1, false);
}

/* a chart of one series: categories in column cc, values in vc, rows r0..r1 */
static void chart(xs *s, uint8_t type, const char *title, lxw_row_t r0, lxw_row_t r1,
                  lxw_col_t cc, lxw_col_t vc, lxw_row_t at, lxw_col_t at_col)
{
    if (s->x->hash) {
        uint64_t shape[] = {type, r0, r1, cc, vc, at, at_col};
        for (size_t i = 0; i < sizeof shape / sizeof *shape; i++)
            xs_digest(s, shape[i]);
        dg_str(s->x->hash, title);
    }
    if (!s->ws || r1 < r0)
        return;
    lxw_chart *c = workbook_add_chart(s->x->wb, type);
    if (!c)
        return;
    lxw_chart_series *se = chart_add_series(c, NULL, NULL);
    chart_series_set_categories(se, s->name, r0, cc, r1, cc);
    chart_series_set_values(se, s->name, r0, vc, r1, vc);
    lxw_chart_fill fill = {.color = 0x9E1B1B};
    chart_series_set_fill(se, &fill);
    chart_title_set_name(c, title);
    chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
    lxw_chart_font small = {.size = 8};
    chart_axis_set_num_font(c->x_axis, &small);
    chart_axis_set_num_font(c->y_axis, &small);
    if (type == LXW_CHART_BAR) /* rank 1 at the top, as in the table */
        chart_axis_set_reverse(c->y_axis);
    else if (r1 - r0 >= 20) /* 24 hours: every third label */
        chart_axis_set_interval_unit(c->x_axis, 3);
    lxw_chart_options opt = {.x_scale = 1.15, .y_scale = 1.1, .description = (char *)title};
    worksheet_insert_chart_opt(s->ws, at, at_col, c, &opt);
}

static void flag_cell(xs *s, lxw_col_t c, bool ok)
{
    xs_str(s, c, ok ? "达标" : "未达标", ok ? s->x->f.text : s->x->f.flag);
}

/* ---- 总体 ---- */

static void sheet_overview(xl *x)
{
    const stats_unit *u = x->u;
    xs s;
    sheet_start(&s, x, "总体", "总体");
    const char *cols[2 + PUB_COUNT] = {"执法类别", "案件数"};
    for (int i = 0; i < PUB_COUNT; i++)
        cols[2 + i] = pub_state_names[i];
    xs_section(&s, "一、执法决定（按执法类别；各公示状态分列）", cols, N(cols));
    lxw_row_t r0 = s.row;
    for (int c = 0; c < CAT_COUNT; c++) {
        int64_t v[1 + PUB_COUNT];
        v[0] = u->by_cat[c];
        memcpy(v + 1, u->by_cat_state[c], sizeof u->by_cat_state[c]);
        row_ints(&s, gs_category_names[c], v, N(v), false);
    }
    lxw_row_t r1 = s.row - 1;
    int64_t tot[1 + PUB_COUNT];
    tot[0] = u->cases;
    memcpy(tot + 1, u->by_state, sizeof u->by_state);
    row_ints(&s, "合计", tot, N(tot), true);
    s.row++;

    static const char *const scols[] = {"决定状态", "件数"};
    xs_section(&s, "二、决定状态（统计日有效的状态）", scols, N(scols));
    for (int i = 0; i < ST_COUNT; i++)
        row_int(&s, gs_status_names[i], u->by_status[i]);
    row_int(&s, "其中：已撤下（撤销、确认违法、确认无效）", u->withdrawn);
    s.row++;

    static const char *const mcols[] = {"月份（决定日期）", "案件数"};
    xs_section(&s, "三、按月份", mcols, N(mcols));
    lxw_row_t m0 = s.row;
    for (int i = 0; i < 12; i++) {
        char label[16];
        snprintf(label, sizeof label, "%d月", i + 1);
        row_int(&s, label, u->by_month[i]);
    }
    lxw_row_t m1 = s.row - 1;
    s.row++;

    if (u->agency < 0) {
        const char *acols[CAT_COUNT + 4] = {"执法机关"};
        for (int c = 0; c < CAT_COUNT; c++)
            acols[1 + c] = gs_category_names[c];
        acols[CAT_COUNT + 1] = "合计";
        acols[CAT_COUNT + 2] = "罚款金额（元）";
        acols[CAT_COUNT + 3] = "没收金额（元）";
        xs_section(&s, "四、按执法机关", acols, N(acols));
        for (size_t a = 1; a < x->st->n_units; a++) {
            const stats_unit *au = &x->st->units[a];
            xs_str(&s, 0, au->name, x->f.label);
            for (int c = 0; c < CAT_COUNT; c++)
                xs_int(&s, (lxw_col_t)(1 + c), au->by_cat[c], x->f.num);
            xs_int(&s, CAT_COUNT + 1, au->cases, x->f.num_total);
            xs_yuan(&s, CAT_COUNT + 2, au->fine_fen, x->f.yuan);
            xs_yuan(&s, CAT_COUNT + 3, au->confisc_fen, x->f.yuan);
            s.row++;
        }
        xs_str(&s, 0, "合计", x->f.total);
        for (int c = 0; c < CAT_COUNT; c++)
            xs_int(&s, (lxw_col_t)(1 + c), u->by_cat[c], x->f.num_total);
        xs_int(&s, CAT_COUNT + 1, u->cases, x->f.num_total);
        xs_yuan(&s, CAT_COUNT + 2, u->fine_fen, x->f.yuan_total);
        xs_yuan(&s, CAT_COUNT + 3, u->confisc_fen, x->f.yuan_total);
        s.row += 2;
    }
    chart(&s, LXW_CHART_COLUMN, "执法决定（按执法类别）", r0, r1, 0, 1, s.row, 0);
    chart(&s, LXW_CHART_COLUMN, "执法决定（按月份）", m0, m1, 0, 1, s.row, 6);
    static const double w[] = {34, 10, 9, 9, 9, 9, 9, 12, 9, 9, 16, 16};
    xs_widths(&s, w, N(w));
    if (s.ws)
        worksheet_activate(s.ws);
}

/* ---- 行政处罚 ---- */

static void sheet_penalties(xl *x)
{
    const stats_unit *u = x->u;
    xs s;
    sheet_start(&s, x, "行政处罚", "行政处罚");
    static const char *const hcols[] = {"最重处罚类别", "案件数", "罚款金额（元）"};
    xs_section(&s, "一、按最重处罚类别（一案多罚的，按最重的一种计一次）", hcols, N(hcols));
    int64_t n = 0, fen = 0;
    for (int h = 0; h < HV_COUNT; h++) {
        xs_str(&s, 0, stats_heavy_names[h], x->f.label);
        xs_int(&s, 1, u->pen_heavy[h], x->f.num);
        xs_yuan(&s, 2, u->pen_heavy_fine_fen[h], x->f.yuan);
        n += u->pen_heavy[h];
        fen += u->pen_heavy_fine_fen[h];
        s.row++;
    }
    xs_str(&s, 0, "合计", x->f.total);
    xs_int(&s, 1, n, x->f.num_total);
    xs_yuan(&s, 2, fen, x->f.yuan_total);
    s.row += 2;

    static const char *const ocols[] = {"处罚类别", "出现次数"};
    xs_section(&s, "二、各处罚类别出现次数（一案多罚的分别计）", ocols, N(ocols));
    for (int p = 0; p < PEN_COUNT; p++)
        row_int(&s, gs_penalty_names[p], u->pen_occur[p]);
    s.row++;

    static const char *const mcols[] = {"项目", "案件数", "金额（元）"};
    xs_section(&s, "三、罚没金额", mcols, N(mcols));
    xs_str(&s, 0, "罚款", x->f.label);
    xs_int(&s, 1, u->fine_cases, x->f.num);
    xs_yuan(&s, 2, u->fine_fen, x->f.yuan);
    s.row++;
    xs_str(&s, 0, "没收违法所得、没收非法财物", x->f.label);
    xs_int(&s, 1, u->confisc_cases, x->f.num);
    xs_yuan(&s, 2, u->confisc_fen, x->f.yuan);
    s.row++;
    xs_str(&s, 0, "罚没合计", x->f.total);
    xs_str(&s, 1, "", x->f.total);
    xs_yuan(&s, 2, u->fine_fen + u->confisc_fen, x->f.yuan_total);
    s.row += 2;

    static const char *const pcols[] = {"程序类型", "案件数"};
    xs_section(&s, "四、按程序类型", pcols, N(pcols));
    row_int(&s, "简易程序", u->pen_proc[PROC_SIMPLE]);
    row_int(&s, "普通程序", u->pen_proc[PROC_NORMAL]);
    row_int(&s, "未注明", u->pen_proc[PROC_NONE]);
    s.row++;

    static const char *const rcols[] = {"相对人类别", "案件数"};
    xs_section(&s, "五、按相对人类别", rcols, N(rcols));
    for (int p = 0; p < PARTY_COUNT; p++)
        row_int(&s, gs_party_names[p], u->pen_party[p]);
    static const double w[] = {34, 12, 18};
    xs_widths(&s, w, N(w));
}

/* ---- 行政许可 ---- */

static void sheet_permits(xl *x)
{
    const stats_unit *u = x->u;
    xs s;
    sheet_start(&s, x, "行政许可", "行政许可");
    static const char *const rcols[] = {"项目", "件数"};
    xs_section(&s, "一、许可决定", rcols, N(rcols));
    row_int(&s, "办结的申请（准予＋不予）", u->permit[PERMIT_GRANT] + u->permit[PERMIT_REFUSE]);
    row_int(&s, "准予许可", u->permit[PERMIT_GRANT]);
    row_int(&s, "不予许可", u->permit[PERMIT_REFUSE]);
    row_int(&s, "撤销许可", u->permit[PERMIT_REVOKE]);
    row_int(&s, "未注明结果", u->permit[PERMIT_NONE]);
    row_ints(&s, "合计", &u->by_cat[CAT_XUKE], 1, true);
    xs_str(&s, 0, "注：数据只记录许可决定，受理数不在数据中。", x->f.note);
    s.row += 2;

    static const char *const ccols[] = {"许可类别", "准予", "不予", "撤销", "未注明结果", "合计"};
    xs_section(&s, "二、按许可类别", ccols, N(ccols));
    for (int c = 0; c < PCLASS_COUNT; c++) {
        const int64_t *r = u->permit_by_class[c];
        int64_t v[5] = {r[PERMIT_GRANT], r[PERMIT_REFUSE], r[PERMIT_REVOKE], r[PERMIT_NONE],
                        r[PERMIT_GRANT] + r[PERMIT_REFUSE] + r[PERMIT_REVOKE] + r[PERMIT_NONE]};
        row_ints(&s, stats_permit_class_names[c], v, N(v), false);
    }
    int64_t t[5] = {u->permit[PERMIT_GRANT], u->permit[PERMIT_REFUSE], u->permit[PERMIT_REVOKE],
                    u->permit[PERMIT_NONE], u->by_cat[CAT_XUKE]};
    row_ints(&s, "合计", t, N(t), true);
    static const double w[] = {30, 10, 10, 10, 12, 10};
    xs_widths(&s, w, N(w));
}

/* ---- 行政强制 ---- */

static void sheet_coercive(xl *x)
{
    const stats_unit *u = x->u;
    xs s;
    sheet_start(&s, x, "行政强制", "行政强制");
    static const char *const ccols[] = {"项目", "件数"};
    xs_section(&s, "一、行政强制决定", ccols, N(ccols));
    row_int(&s, "行政强制决定", u->coer_cases);
    s.row++;
    static const char *const mcols[] = {"强制措施", "采取次数"};
    xs_section(&s, "二、按强制措施（一案多项的分别计）", mcols, N(mcols));
    for (int i = 0; i < COER_COUNT; i++)
        row_int(&s, gs_coercive_names[i], u->coer[i]);
    static const double w[] = {30, 12};
    xs_widths(&s, w, N(w));
}

/* ---- 违法分析 ---- */

static void tally_section(xs *s, const char *title, const char *head, const stats_tally *t,
                          int64_t total, lxw_row_t *r0, lxw_row_t *r1)
{
    const char *cols[] = {head, "案件数", "占比", "罚款金额（元）"};
    xs_section(s, title, cols, N(cols));
    uint32_t *o = stats_tally_order(t);
    *r0 = s->row;
    for (size_t i = 0; i < t->n; i++) {
        const stats_kv *kv = &t->v[o[i]];
        xs_str(s, 0, *kv->key ? kv->key : "未注明", s->x->f.label);
        xs_int(s, 1, kv->n, s->x->f.num);
        xs_num(s, 2, stats_ratio(kv->n, total), s->x->f.pct);
        xs_yuan(s, 3, kv->fine_fen, s->x->f.yuan);
        s->row++;
    }
    *r1 = s->row - 1;
    free(o);
    xs_str(s, 0, "合计", s->x->f.total);
    xs_int(s, 1, total, s->x->f.num_total);
    xs_num(s, 2, total ? 1.0 : 0.0, s->x->f.pct_total);
    s->row += 2;
}

static void sheet_analysis(xl *x)
{
    const stats_unit *u = x->u;
    int64_t total = u->by_cat[CAT_CHUFA];
    xs s;
    sheet_start(&s, x, "违法分析", "违法行为分析（行政处罚案件）");
    lxw_row_t t0, t1, p0, p1;
    tally_section(&s, "一、按违法行为类型", "违法行为类型", &u->vtype, total, &t0, &t1);
    tally_section(&s, "二、按发生地点（乡镇、街道）", "发生地点", &u->place, total, &p0, &p1);

    static const char *const mcols[] = {"发生月份", "案件数"};
    xs_section(&s, "三、按发生月份（发生时间）", mcols, N(mcols));
    lxw_row_t m0 = s.row;
    for (int i = 1; i <= 12; i++) {
        char label[16];
        snprintf(label, sizeof label, "%d月", i);
        row_int(&s, label, u->occ_month[i]);
    }
    lxw_row_t m1 = s.row - 1;
    row_int(&s, "未注明", u->occ_month[0]);
    s.row++;

    static const char *const hcols[] = {"发生时段", "案件数"};
    xs_section(&s, "四、按发生时段（发生时间含时刻的）", hcols, N(hcols));
    lxw_row_t h0 = s.row;
    for (int i = 0; i < 24; i++) {
        char label[16];
        snprintf(label, sizeof label, "%02d时", i);
        row_int(&s, label, u->occ_hour[i]);
    }
    lxw_row_t h1 = s.row - 1;
    row_int(&s, "未注明时刻", u->occ_hour[24]);
    s.row++;

    /* charts beside the tables: the ten most frequent types, month, hour */
    lxw_row_t top = t1 >= t0 && t1 - t0 >= 10 ? t0 + 9 : t1;
    if (t1 >= t0)
        chart(&s, LXW_CHART_BAR, "违法行为类型（前十）", t0, top, 0, 1, 3, 5);
    chart(&s, LXW_CHART_COLUMN, "按发生月份", m0, m1, 0, 1, 19, 5);
    chart(&s, LXW_CHART_COLUMN, "按发生时段", h0, h1, 0, 1, 35, 5);
    (void)p0;
    (void)p1;
    static const double w[] = {40, 10, 9, 16};
    xs_widths(&s, w, N(w));
}

/* ---- 法制审核 ---- */

static void sheet_review(xl *x)
{
    const stats_unit *u = x->u;
    const gs_stats *st = x->st;
    xs s;
    sheet_start(&s, x, "法制审核", "重大执法决定法制审核");
    static const char *const cols[] = {"项目", "数值", "目标", "是否达标"};
    xs_section(&s, "一、重大执法决定与法制审核", cols, N(cols));
    row_int(&s, "重大执法决定", u->major);
    row_int(&s, "其中：经法制审核", u->major_reviewed);
    xs_str(&s, 0, "重大执法决定法制审核率", x->f.label);
    xs_num(&s, 1, stats_ratio(u->major_reviewed, u->major), x->f.pct);
    xs_num(&s, 2, 1.0, x->f.pct);
    flag_cell(&s, 3, u->major_reviewed == u->major);
    s.row++;
    row_int(&s, "经法制审核的决定（全部）", u->reviewed);
    row_int(&s, "其中：律师（法律顾问）参与", u->reviewed_lawyer);
    xs_str(&s, 0, "律师参与率", x->f.label);
    double ls = stats_ratio(u->reviewed_lawyer, u->reviewed);
    xs_num(&s, 1, ls, x->f.pct);
    xs_num(&s, 2, st->target_lawyer_share, x->f.pct);
    flag_cell(&s, 3, ls >= st->target_lawyer_share);
    s.row++;
    row_int(&s, "举行听证", u->hearing);
    s.row++;

    xs_section(&s, "二、法制审核人员", cols, N(cols));
    row_int(&s, "执法人员", u->officers);
    row_int(&s, "法制审核人员", u->legal_reviewers);
    xs_str(&s, 0, "法制审核人员占比", x->f.label);
    double rs = stats_ratio(u->legal_reviewers, u->officers);
    xs_num(&s, 1, rs, x->f.pct);
    xs_num(&s, 2, st->target_legal_review_staff, x->f.pct);
    flag_cell(&s, 3, rs >= st->target_legal_review_staff);
    s.row += 2;

    if (u->agency < 0) {
        static const char *const acols[] = {
            "执法机关", "重大执法决定", "经法制审核", "审核率", "法制审核（全部）", "律师参与",
            "律师参与率", "律师参与达标", "听证", "执法人员", "法制审核人员", "审核人员占比",
            "审核人员达标"};
        xs_section(&s, "三、按执法机关", acols, N(acols));
        for (size_t a = 1; a < st->n_units; a++) {
            const stats_unit *au = &st->units[a];
            double l = stats_ratio(au->reviewed_lawyer, au->reviewed);
            double r = stats_ratio(au->legal_reviewers, au->officers);
            xs_str(&s, 0, au->name, x->f.label);
            xs_int(&s, 1, au->major, x->f.num);
            xs_int(&s, 2, au->major_reviewed, x->f.num);
            xs_num(&s, 3, stats_ratio(au->major_reviewed, au->major), x->f.pct);
            xs_int(&s, 4, au->reviewed, x->f.num);
            xs_int(&s, 5, au->reviewed_lawyer, x->f.num);
            xs_num(&s, 6, l, x->f.pct);
            flag_cell(&s, 7, l >= st->target_lawyer_share);
            xs_int(&s, 8, au->hearing, x->f.num);
            xs_int(&s, 9, au->officers, x->f.num);
            xs_int(&s, 10, au->legal_reviewers, x->f.num);
            xs_num(&s, 11, r, x->f.pct);
            flag_cell(&s, 12, r >= st->target_legal_review_staff);
            s.row++;
        }
    }
    static const double w[] = {34, 12, 10, 10, 12, 10, 10, 10, 8, 10, 10, 10, 10};
    xs_widths(&s, w, N(w));
}

/* ---- 执法人员 ---- */

static void sheet_officers(xl *x)
{
    const gs_model *m = x->m;
    const stats_unit *u = x->u;
    const gs_stats *st = x->st;
    xs s;
    sheet_start(&s, x, "执法人员", "执法人员、持证与培训");
    static const char *const cols[] = {"项目", "数值"};
    xs_section(&s, "一、概况", cols, N(cols));
    row_int(&s, "执法人员", u->officers);
    row_int(&s, "持有效执法证", u->cert_valid);
    xs_str(&s, 0, "持证率", x->f.label);
    xs_num(&s, 1, stats_ratio(u->cert_valid, u->officers), x->f.pct);
    s.row++;
    row_int(&s, "法制审核人员", u->legal_reviewers);
    char *req = xasprintf("培训要求（每人每年）：业务培训 %d 学时、法律知识培训 %d 学时",
                          st->business_hours, st->law_hours);
    xs_str(&s, 0, req, x->f.label);
    free(req);
    xs_str(&s, 1, "", x->f.label);
    s.row++;
    row_int(&s, "培训达到要求", u->train_ok);
    row_int(&s, "业务培训学时不足", u->business_short);
    row_int(&s, "法律培训学时不足", u->law_short);
    xs_str(&s, 0, "人均业务培训学时", x->f.label);
    xs_num(&s, 1, stats_ratio(u->business_hours, u->officers), x->f.num);
    s.row++;
    xs_str(&s, 0, "人均法律培训学时", x->f.label);
    xs_num(&s, 1, stats_ratio(u->law_hours, u->officers), x->f.num);
    s.row += 2;

    if (u->agency < 0) {
        static const char *const acols[] = {"执法机关", "执法人员", "持有效执法证", "持证率",
                                            "法制审核人员", "培训达到要求", "培训不足"};
        xs_section(&s, "二、按执法机关", acols, N(acols));
        for (size_t a = 1; a < st->n_units; a++) {
            const stats_unit *au = &st->units[a];
            xs_str(&s, 0, au->name, x->f.label);
            xs_int(&s, 1, au->officers, x->f.num);
            xs_int(&s, 2, au->cert_valid, x->f.num);
            xs_num(&s, 3, stats_ratio(au->cert_valid, au->officers), x->f.pct);
            xs_int(&s, 4, au->legal_reviewers, x->f.num);
            xs_int(&s, 5, au->train_ok, x->f.num);
            int64_t short_n = au->officers - au->train_ok;
            xs_int(&s, 6, short_n, short_n ? x->f.flag : x->f.num);
            s.row++;
        }
        s.row++;
    }

    static const char *const lcols[] = {"姓名", "执法证号", "执法机关", "职务", "证件状态",
                                        "有效期至", "持证有效", "法制审核人员", "业务培训学时",
                                        "法律培训学时", "培训"};
    xs_section(&s, u->agency < 0 ? "三、人员名单" : "二、人员名单", lcols, N(lcols));
    lxw_row_t first = s.row - 1;
    for (size_t i = 0; i < m->officers.n; i++) {
        const gs_officer *o = &m->officers.v[i];
        if (u->agency >= 0 && o->agency != u->agency)
            continue;
        bool held = stats_cert_held(o, st->ref);
        bool ok = stats_training_ok(st, o);
        xs_str(&s, 0, o->name, x->f.text);
        xs_str(&s, 1, o->cert_no, x->f.text);
        xs_str(&s, 2, o->agency >= 0 ? m->agencies.v[o->agency].name : "", x->f.text);
        xs_str(&s, 3, o->title, x->f.text);
        xs_str(&s, 4, gs_cert_status_names[o->cert_status], x->f.text);
        xs_date(&s, 5, o->valid_to, x->f.date);
        xs_str(&s, 6, held ? "是" : "否", held ? x->f.text : x->f.flag);
        xs_str(&s, 7, o->legal_reviewer == YN_YES ? "是" : "否", x->f.text);
        if (o->business_hours >= 0)
            xs_int(&s, 8, o->business_hours,
                   o->business_hours < st->business_hours ? x->f.flag : x->f.num);
        else
            xs_str(&s, 8, "未填", x->f.flag);
        if (o->law_hours >= 0)
            xs_int(&s, 9, o->law_hours, o->law_hours < st->law_hours ? x->f.flag : x->f.num);
        else
            xs_str(&s, 9, "未填", x->f.flag);
        xs_str(&s, 10, ok ? "达标" : "不足", ok ? x->f.text : x->f.flag);
        s.row++;
    }
    xs_digest(&s, s.row);
    if (s.ws && s.row > first + 1)
        worksheet_autofilter(s.ws, first, 0, s.row - 1, N(lcols) - 1);
    static const double w[] = {34, 16, 26, 14, 10, 11, 9, 12, 12, 12, 8};
    xs_widths(&s, w, N(w));
}

/* ---- 公示时效 ---- */

static void timeliness_rows(xs *s, const stats_unit *u, bool header_only)
{
    (void)header_only;
    int64_t done = u->tl_on_time + u->tl_late + u->tl_overdue;
    row_int(s, "应公示的决定", u->tl_items);
    row_int(s, "按时公示", u->tl_on_time);
    row_int(s, "逾期公示", u->tl_late);
    row_int(s, "逾期公示累计工作日", u->tl_late_days);
    row_int(s, "未公示且已超期", u->tl_overdue);
    row_int(s, "未公示、未到期", u->tl_waiting);
    row_int(s, "期限未知（缺少节假日日历）", u->tl_unknown);
    xs_str(s, 0, "按时公示率（按时 ÷（按时＋逾期＋超期未公示））", s->x->f.total);
    xs_num(s, 1, stats_ratio(u->tl_on_time, done), s->x->f.pct_total);
    s->row++;
}

static void sheet_timeliness(xl *x)
{
    const gs_settings *cfg = &x->m->settings;
    xs s;
    sheet_start(&s, x, "公示时效", "公示时效");
    static const char *const wcols[] = {"公示期限", "工作日"};
    xs_section(&s, "一、公示期限（自决定日期起，当日不计）", wcols, N(wcols));
    row_int(&s, "行政许可", cfg->win_xuke);
    row_int(&s, "行政处罚", cfg->win_chufa);
    row_int(&s, "其他执法决定", cfg->win_default);
    s.row++;
    static const char *const cols[] = {"项目", "件数"};
    if (!x->st->has_ledger) {
        xs_section(&s, "二、按时公示情况", cols, N(cols));
        xs_str(&s, 0, "暂无台账数据", x->f.flag);
        s.row++;
        xs_str(&s, 0, "首次公示日期由公示台账记录；台账启用后，本表按上列期限计算按时公示率。",
               x->f.note);
        s.row++;
    } else {
        xs_section(&s, "二、按时公示情况", cols, N(cols));
        timeliness_rows(&s, x->u, false);
        s.row++;
        if (x->u->agency < 0) {
            static const char *const acols[] = {"执法机关", "应公示", "按时", "逾期",
                                                "超期未公示", "未到期", "期限未知",
                                                "按时公示率"};
            xs_section(&s, "三、按执法机关", acols, N(acols));
            for (size_t a = 1; a < x->st->n_units; a++) {
                const stats_unit *au = &x->st->units[a];
                int64_t v[6] = {au->tl_items,   au->tl_on_time, au->tl_late,
                                au->tl_overdue, au->tl_waiting, au->tl_unknown};
                lxw_row_t r = s.row;
                row_ints(&s, au->name, v, N(v), false);
                s.row = r;
                xs_num(&s, 7,
                       stats_ratio(au->tl_on_time, au->tl_on_time + au->tl_late + au->tl_overdue),
                       x->f.pct);
                s.row++;
            }
        }
    }
    static const double w[] = {44, 10, 10, 10, 10, 10, 10, 12};
    xs_widths(&s, w, N(w));
}

void xl_stats_sheets(xl *x)
{
    sheet_overview(x);
    sheet_penalties(x);
    sheet_permits(x);
    sheet_coercive(x);
    sheet_analysis(x);
    sheet_review(x);
    sheet_officers(x);
    sheet_timeliness(x);
}
