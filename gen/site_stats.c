/*
 * site_stats.c - the 统计 section of the public site: the annual
 * statistics (stats.c, the same computation as the XLSX workbooks) as HTML
 * tables with inline SVG charts (svgchart.c), each chart followed by the
 * table of its figures.
 *
 * stats/index.html shows the year before --today; stats/YYYY.html each
 * earlier year that has decisions (at most 20 years back).  Only counts
 * and sums are shown, never a party; 违法行为类型 and 发生地点 names pass
 * the privacy scrubber, and a name that occurs only in decisions that are
 * never published (不予公开, minors) is shown as 不予公开事项.  The site has
 * no publication ledger yet, so 公示时效 says 暂无台账数据.
 */
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "site_int.h"
#include "stats.h"
#include "svgchart.h"

#define N(a) (sizeof(a) / sizeof *(a))
#define MAX_YEARS 20

/* ---- JSON table builders ---- */

static json_t *table_new(json_t *blocks, const char *caption, const char *const *head,
                         size_t n)
{
    json_t *t = json_object();
    jset(t, "caption", caption);
    json_t *h = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(h, jstr(head[i]));
    json_object_set_new(t, "head", h);
    json_object_set_new(t, "rows", json_array());
    /* the table of a chart joins the chart's block */
    json_t *blk = json_array_get(blocks, json_array_size(blocks) - 1);
    if (!blk || json_is_object(json_object_get(blk, "table"))) {
        blk = json_object();
        json_object_set_new(blk, "chart", jstr(""));
        jset(blk, "caption", "");
        json_array_append_new(blocks, blk);
    }
    json_object_set_new(blk, "table", t);
    return t;
}

/* a chart block; the table added next joins it */
static void chart_block(json_t *blocks, char *svg, const char *caption)
{
    json_t *blk = json_object();
    jset_own(blk, "chart", svg);
    jset(blk, "caption", caption);
    json_object_set_new(blk, "table", json_false());
    json_array_append_new(blocks, blk);
}

static json_t *row_new(json_t *t, bool total)
{
    json_t *r = json_object();
    json_object_set_new(r, "total", json_boolean(total));
    json_t *cells = json_array();
    json_object_set_new(r, "cells", cells);
    json_array_append_new(json_object_get(t, "rows"), r);
    return cells;
}

static void cell(json_t *cells, const char *v, bool th, bool num)
{
    json_t *c = json_object();
    jset(c, "v", v);
    json_object_set_new(c, "th", json_boolean(th));
    json_object_set_new(c, "num", json_boolean(num));
    json_array_append_new(cells, c);
}

static void cell_own(json_t *cells, char *v, bool num)
{
    cell(cells, v, false, num);
    free(v);
}

static char *fmt_int(int64_t v)
{
    buf b;
    buf_init(&b);
    if (v < 0) {
        buf_putc(&b, '-');
        v = -v;
    }
    fmt_yuan(&b, v * 100); /* whole yuan: thousands separators, no decimals */
    return buf_detach(&b);
}

static void cell_int(json_t *cells, int64_t v)
{
    cell_own(cells, fmt_int(v), true);
}

static void cell_pct(json_t *cells, double r)
{
    cell_own(cells, xasprintf("%.1f%%", r * 100.0), true);
}

static char *fmt_money(int64_t fen)
{
    buf b;
    buf_init(&b);
    fmt_yuan(&b, fen > 0 ? fen : 0);
    return buf_detach(&b);
}

static void cell_yuan(json_t *cells, int64_t fen)
{
    cell_own(cells, fmt_money(fen), true);
}

/* a row: label then integers */
static void row_ints(json_t *t, const char *label, const int64_t *v, size_t n, bool total)
{
    json_t *c = row_new(t, total);
    cell(c, label, true, false);
    for (size_t i = 0; i < n; i++)
        cell_int(c, v[i]);
}

static json_t *section(json_t *secs, const char *id, const char *title, const char *note)
{
    json_t *s = json_object();
    jset(s, "id", id);
    jset(s, "title", title);
    jset(s, "note", note);
    json_t *blocks = json_array();
    json_object_set_new(s, "blocks", blocks);
    json_array_append_new(secs, s);
    return blocks;
}

static char *chart_h(const char *id, const char *title, const char *const *labels,
                     const int64_t *v, size_t n)
{
    buf b;
    buf_init(&b);
    svg_hbars(&b, id, title, labels, v, n);
    return buf_detach(&b);
}

static char *chart_c(const char *id, const char *title, const char *const *labels,
                     const int64_t *v, size_t n)
{
    buf b;
    buf_init(&b);
    svg_columns(&b, id, title, labels, v, n);
    return buf_detach(&b);
}

/* ---- sections ---- */

static void sec_overview(json_t *secs, const stats_unit *u)
{
    json_t *bl = section(secs, "overview", "执法决定总体情况",
                         "每件决定按执法类别计一次。已撤下指撤销、确认违法、确认无效的决定；"
                         "其他未公开含待审、不予公开、涉及未成年人等依规定不公开的决定。");
    const char *labels[CAT_COUNT];
    for (int c = 0; c < CAT_COUNT; c++)
        labels[c] = gs_category_names[c];
    chart_block(bl, chart_h("c-cat", "执法决定（按执法类别）", labels, u->by_cat, CAT_COUNT),
                "执法决定（按执法类别）");
    static const char *const head[] = {"执法类别", "案件数", "已公开", "已撤下", "公示期满",
                                       "其他未公开"};
    json_t *t = table_new(bl, "执法决定（按执法类别）", head, N(head));
    for (int c = 0; c <= CAT_COUNT; c++) {
        const int64_t *st = c < CAT_COUNT ? u->by_cat_state[c] : u->by_state;
        int64_t n = c < CAT_COUNT ? u->by_cat[c] : u->cases;
        int64_t other = n - st[PUB_LIVE] - st[PUB_WITHDRAWN] - st[PUB_EXPIRED];
        int64_t v[5] = {n, st[PUB_LIVE], st[PUB_WITHDRAWN], st[PUB_EXPIRED], other};
        row_ints(t, c < CAT_COUNT ? gs_category_names[c] : "合计", v, 5, c == CAT_COUNT);
    }

    const char *months[12];
    char mbuf[12][8];
    for (int i = 0; i < 12; i++) {
        snprintf(mbuf[i], sizeof mbuf[i], "%d月", i + 1);
        months[i] = mbuf[i];
    }
    chart_block(bl, chart_c("c-month", "执法决定（按决定月份）", months, u->by_month, 12),
                "执法决定（按决定月份）");
    static const char *const mh[] = {"月份", "案件数"};
    t = table_new(bl, "执法决定（按决定月份）", mh, N(mh));
    for (int i = 0; i < 12; i++)
        row_ints(t, months[i], &u->by_month[i], 1, false);
}

static void sec_penalties(json_t *secs, const stats_unit *u)
{
    json_t *bl = section(secs, "penalties", "行政处罚",
                         "一案多罚的，按最重的一种处罚计一次（警告＜通报批评＜罚款＜没收＜暂扣许可证件＜"
                         "降低资质等级＜限制开展生产经营活动＜责令停产停业＜责令关闭、限制从业＜"
                         "吊销许可证件＜行政拘留）；出现次数则分别计。");
    chart_block(bl,
                chart_h("c-heavy", "行政处罚（按最重处罚类别）", stats_heavy_names, u->pen_heavy,
                        HV_COUNT),
                "行政处罚（按最重处罚类别）");
    static const char *const hh[] = {"最重处罚类别", "案件数", "罚款金额（元）"};
    json_t *t = table_new(bl, "行政处罚（按最重处罚类别）", hh, N(hh));
    for (int h = 0; h < HV_COUNT; h++) {
        json_t *c = row_new(t, false);
        cell(c, stats_heavy_names[h], true, false);
        cell_int(c, u->pen_heavy[h]);
        cell_yuan(c, u->pen_heavy_fine_fen[h]);
    }
    json_t *c = row_new(t, true);
    cell(c, "合计", true, false);
    cell_int(c, u->by_cat[CAT_CHUFA]);
    cell_yuan(c, u->fine_fen);

    static const char *const oh[] = {"处罚类别", "出现次数"};
    t = table_new(bl, "各处罚类别出现次数", oh, N(oh));
    for (int p = 0; p < PEN_COUNT; p++)
        row_ints(t, gs_penalty_names[p], &u->pen_occur[p], 1, false);

    static const char *const mh[] = {"项目", "案件数", "金额（元）"};
    t = table_new(bl, "罚没金额", mh, N(mh));
    c = row_new(t, false);
    cell(c, "罚款", true, false);
    cell_int(c, u->fine_cases);
    cell_yuan(c, u->fine_fen);
    c = row_new(t, false);
    cell(c, "没收违法所得、没收非法财物", true, false);
    cell_int(c, u->confisc_cases);
    cell_yuan(c, u->confisc_fen);

    static const char *const ph[] = {"程序类型", "案件数"};
    t = table_new(bl, "按程序类型", ph, N(ph));
    row_ints(t, "简易程序", &u->pen_proc[PROC_SIMPLE], 1, false);
    row_ints(t, "普通程序", &u->pen_proc[PROC_NORMAL], 1, false);
    row_ints(t, "未注明", &u->pen_proc[PROC_NONE], 1, false);
}

static void sec_permits_coercive(json_t *secs, const stats_unit *u)
{
    json_t *bl = section(secs, "permits", "行政许可", "数据只记录许可决定，不含受理数。");
    static const char *const head[] = {"许可类别", "准予", "不予", "撤销", "未注明结果", "合计"};
    json_t *t = table_new(bl, "行政许可（按许可类别和结果）", head, N(head));
    for (int k = 0; k < PCLASS_COUNT; k++) {
        const int64_t *r = u->permit_by_class[k];
        int64_t v[5] = {r[PERMIT_GRANT], r[PERMIT_REFUSE], r[PERMIT_REVOKE], r[PERMIT_NONE],
                        r[PERMIT_GRANT] + r[PERMIT_REFUSE] + r[PERMIT_REVOKE] + r[PERMIT_NONE]};
        if (v[4])
            row_ints(t, stats_permit_class_names[k], v, 5, false);
    }
    int64_t tv[5] = {u->permit[PERMIT_GRANT], u->permit[PERMIT_REFUSE], u->permit[PERMIT_REVOKE],
                     u->permit[PERMIT_NONE], u->by_cat[CAT_XUKE]};
    row_ints(t, "合计", tv, 5, true);

    char *note = xasprintf("行政强制决定共 %lld 件；一件决定采取多项措施的分别计。",
                           (long long)u->coer_cases);
    bl = section(secs, "coercive", "行政强制", note);
    free(note);
    static const char *const ch[] = {"强制措施", "采取次数"};
    t = table_new(bl, "行政强制措施", ch, N(ch));
    for (int i = 0; i < COER_COUNT; i++)
        row_ints(t, gs_coercive_names[i], &u->coer[i], 1, false);
}

/* a tally as public labels: scrubbed names, never-published ones merged */
typedef struct pub_tally {
    char **labels;
    int64_t *n;
    size_t count;
} pub_tally;

static void pub_tally_make(pub_tally *p, const stats_tally *t)
{
    uint32_t *o = stats_tally_order(t);
    p->labels = xcalloc(t->n + 1, sizeof *p->labels);
    p->n = xcalloc(t->n + 1, sizeof *p->n);
    p->count = 0;
    int64_t hidden = 0;
    for (size_t i = 0; i < t->n; i++) {
        const stats_kv *kv = &t->v[o[i]];
        if (kv->public_n == 0) {
            hidden += kv->n;
            continue;
        }
        p->labels[p->count] = *kv->key ? privacy_scrub(kv->key, SCRUB_ALL, NULL, NULL)
                                       : xstrdup("未注明");
        p->n[p->count++] = kv->n;
    }
    if (hidden) {
        p->labels[p->count] = xstrdup("不予公开事项");
        p->n[p->count++] = hidden;
    }
    free(o);
}

static void pub_tally_free(pub_tally *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->labels[i]);
    free(p->labels);
    free(p->n);
}

static void tally_blocks(json_t *bl, const char *id, const char *what, const stats_tally *t,
                         int64_t total)
{
    pub_tally p;
    pub_tally_make(&p, t);
    char *title = xasprintf("行政处罚案件（按%s%s）", what, p.count > 10 ? "，前十" : "");
    chart_block(bl,
                chart_h(id, title, (const char *const *)p.labels, p.n,
                        p.count > 10 ? 10 : p.count),
                title);
    free(title);
    const char *head[] = {what, "案件数", "占比"};
    char *cap = xasprintf("行政处罚案件（按%s）", what);
    json_t *t2 = table_new(bl, cap, head, N(head));
    free(cap);
    for (size_t i = 0; i < p.count; i++) {
        json_t *c = row_new(t2, false);
        cell(c, p.labels[i], true, false);
        cell_int(c, p.n[i]);
        cell_pct(c, stats_ratio(p.n[i], total));
    }
    pub_tally_free(&p);
}

static void sec_analysis(json_t *secs, const stats_unit *u)
{
    json_t *bl = section(secs, "analysis", "违法行为分析",
                         "行政处罚案件按违法行为类型、发生地点和发生时间统计；发生时间只有日期的，"
                         "时段计为未注明。");
    int64_t total = u->by_cat[CAT_CHUFA];
    tally_blocks(bl, "c-type", "违法行为类型", &u->vtype, total);
    tally_blocks(bl, "c-place", "发生地点", &u->place, total);

    const char *months[13];
    char mbuf[13][12];
    for (int i = 0; i < 12; i++) {
        snprintf(mbuf[i], sizeof mbuf[i], "%d月", i + 1);
        months[i] = mbuf[i];
    }
    months[12] = "未注明";
    int64_t mv[13];
    memcpy(mv, u->occ_month + 1, 12 * sizeof *mv);
    mv[12] = u->occ_month[0];
    chart_block(bl, chart_c("c-omonth", "行政处罚案件（按发生月份）", months, mv, 12),
                "行政处罚案件（按发生月份）");
    static const char *const mh[] = {"发生月份", "案件数"};
    json_t *t = table_new(bl, "行政处罚案件（按发生月份）", mh, N(mh));
    for (int i = 0; i < 13; i++)
        row_ints(t, months[i], &mv[i], 1, false);

    const char *hours[25];
    char hbuf[25][12];
    for (int i = 0; i < 24; i++) {
        snprintf(hbuf[i], sizeof hbuf[i], "%d", i);
        hours[i] = hbuf[i];
    }
    chart_block(bl, chart_c("c-hour", "行政处罚案件（按发生时段，时）", hours, u->occ_hour, 24),
                "行政处罚案件（按发生时段，时）");
    static const char *const hh[] = {"发生时段", "案件数"};
    t = table_new(bl, "行政处罚案件（按发生时段）", hh, N(hh));
    for (int i = 0; i <= 24; i++) {
        char label[32];
        if (i < 24)
            snprintf(label, sizeof label, "%02d:00–%02d:59", i, i);
        else
            snprintf(label, sizeof label, "未注明时刻");
        row_ints(t, label, &u->occ_hour[i], 1, false);
    }
}

static void target_row(json_t *t, const char *label, double v, double target)
{
    json_t *c = row_new(t, false);
    cell(c, label, true, false);
    cell_pct(c, v);
    cell_pct(c, target);
    cell(c, v >= target ? "达标" : "未达标", false, false);
}

static void sec_review_officers(json_t *secs, const gs_stats *st, const stats_unit *u)
{
    json_t *bl = section(secs, "review", "重大执法决定法制审核", "");
    static const char *const head[] = {"项目", "数值", "目标", "是否达标"};
    json_t *t = table_new(bl, "法制审核情况", head, N(head));
    json_t *c = row_new(t, false);
    cell(c, "重大执法决定（件）", true, false);
    cell_int(c, u->major);
    cell(c, "", false, false);
    cell(c, "", false, false);
    c = row_new(t, false);
    cell(c, "其中经法制审核（件）", true, false);
    cell_int(c, u->major_reviewed);
    cell(c, "", false, false);
    cell(c, "", false, false);
    target_row(t, "重大执法决定法制审核率", stats_ratio(u->major_reviewed, u->major), 1.0);
    c = row_new(t, false);
    cell(c, "经法制审核的决定（件）", true, false);
    cell_int(c, u->reviewed);
    cell(c, "", false, false);
    cell(c, "", false, false);
    target_row(t, "律师（法律顾问）参与率", stats_ratio(u->reviewed_lawyer, u->reviewed),
               st->target_lawyer_share);
    c = row_new(t, false);
    cell(c, "举行听证（件）", true, false);
    cell_int(c, u->hearing);
    cell(c, "", false, false);
    cell(c, "", false, false);

    char *note = xasprintf("持证率按执法证状态为有效且未过有效期计；培训要求为每人每年业务培训 %d "
                           "学时、法律知识培训 %d 学时；法制审核人员占比目标 %.0f%%。",
                           st->business_hours, st->law_hours,
                           st->target_legal_review_staff * 100.0);
    bl = section(secs, "officers", "执法人员", note);
    free(note);
    static const char *const oh[] = {"执法机关", "执法人员", "持证率", "法制审核人员",
                                     "审核人员占比", "培训达到要求"};
    t = table_new(bl, "执法人员（按执法机关）", oh, N(oh));
    for (size_t a = 0; a < st->n_units; a++) {
        const stats_unit *au = &st->units[a == st->n_units - 1 ? 0 : a + 1];
        bool tot = a == st->n_units - 1;
        c = row_new(t, tot);
        cell(c, tot ? "合计" : au->name, true, false);
        cell_int(c, au->officers);
        cell_pct(c, stats_ratio(au->cert_valid, au->officers));
        cell_int(c, au->legal_reviewers);
        cell_pct(c, stats_ratio(au->legal_reviewers, au->officers));
        cell_int(c, au->train_ok);
    }
}

static void sec_agencies(json_t *secs, const gs_stats *st)
{
    json_t *bl = section(secs, "agencies", "按执法机关", "");
    const char *head[CAT_COUNT + 3] = {"执法机关"};
    for (int c = 0; c < CAT_COUNT; c++)
        head[1 + c] = gs_category_names[c];
    head[CAT_COUNT + 1] = "合计";
    head[CAT_COUNT + 2] = "罚没金额（元）";
    json_t *t = table_new(bl, "执法决定（按执法机关）", head, N(head));
    for (size_t a = 1; a <= st->n_units; a++) {
        bool tot = a == st->n_units;
        const stats_unit *au = &st->units[tot ? 0 : a];
        json_t *c = row_new(t, tot);
        cell(c, tot ? "合计" : au->name, true, false);
        for (int k = 0; k < CAT_COUNT; k++)
            cell_int(c, au->by_cat[k]);
        cell_int(c, au->cases);
        cell_yuan(c, au->fine_fen + au->confisc_fen);
    }
}

static void sec_timeliness(json_t *secs, const gs_stats *st, const stats_unit *u)
{
    if (!st->has_ledger) {
        section(secs, "timeliness", "公示时效",
                "暂无台账数据：首次公示日期由公示台账记录，台账启用后在此公布按时公示率。");
        return;
    }
    json_t *bl = section(secs, "timeliness", "公示时效", "");
    static const char *const head[] = {"项目", "件数"};
    json_t *t = table_new(bl, "按时公示情况", head, N(head));
    row_ints(t, "应公示的决定", &u->tl_items, 1, false);
    row_ints(t, "按时公示", &u->tl_on_time, 1, false);
    row_ints(t, "逾期公示", &u->tl_late, 1, false);
    row_ints(t, "未公示且已超期", &u->tl_overdue, 1, false);
    json_t *c = row_new(t, true);
    cell(c, "按时公示率", true, false);
    cell_pct(c, stats_ratio(u->tl_on_time, u->tl_on_time + u->tl_late + u->tl_overdue));
}

/* ---- pages ---- */

static void cards(json_t *ctx, const stats_unit *u)
{
    json_t *a = json_array();
    struct {
        const char *label;
        char *value;
    } v[] = {
        {"执法决定（件）", fmt_int(u->cases)},
        {"行政处罚（件）", fmt_int(u->by_cat[CAT_CHUFA])},
        {"罚没金额（元）", fmt_money(u->fine_fen + u->confisc_fen)},
        {"行政许可（件）", fmt_int(u->by_cat[CAT_XUKE])},
        {"执法人员（人）", fmt_int(u->officers)},
        {"执法证持证率", xasprintf("%.1f%%", stats_ratio(u->cert_valid, u->officers) * 100)},
    };
    for (size_t i = 0; i < N(v); i++) {
        json_t *o = json_object();
        jset(o, "label", v[i].label);
        jset_own(o, "value", v[i].value);
        json_array_append_new(a, o);
    }
    json_object_set_new(ctx, "cards", a);
}

static char *year_url(int year, int latest)
{
    return year == latest ? xstrdup("stats/index.html") : xasprintf("stats/%d.html", year);
}

static void year_page(site *s, int year, int latest, const int *years, size_t ny)
{
    gs_stats st;
    stats_compute(&st, s->m, year, s->today, NULL);
    const stats_unit *u = &st.units[0];
    json_t *ctx = json_object();
    jset_int(ctx, "year", year);
    char from[11], to[11];
    date_format(st.from, from);
    date_format(st.to, to);
    jset_own(ctx, "range", xasprintf("%s 至 %s", from, to));
    json_t *ya = json_array();
    for (size_t i = 0; i < ny; i++) {
        json_t *o = json_object();
        jset_int(o, "year", years[i]);
        jset_own(o, "url", year_url(years[i], latest));
        json_object_set_new(o, "current", json_boolean(years[i] == year));
        json_array_append_new(ya, o);
    }
    json_object_set_new(ctx, "years", ya);
    cards(ctx, u);
    json_t *secs = json_array();
    sec_overview(secs, u);
    sec_penalties(secs, u);
    sec_permits_coercive(secs, u);
    sec_analysis(secs, u);
    sec_review_officers(secs, &st, u);
    sec_agencies(secs, &st);
    sec_timeliness(secs, &st, u);
    json_object_set_new(ctx, "sections", secs);

    char *title = xasprintf("%d年度行政执法统计", year);
    char *rel = year_url(year, latest);
    json_t *cr = crumbs_new();
    if (year != latest)
        crumb_add(cr, "统计", "stats/index.html");
    site_page(s, rel, "stats", title, "stats", cr, ctx);
    free(rel);
    free(title);
    stats_free(&st);
}

static int cmp_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

void site_stats(site *s)
{
    const gs_model *m = s->m;
    int latest = stats_default_year(s->today);
    /* years with decisions, newest first: latest and up to MAX_YEARS - 1 before */
    bool has[MAX_YEARS] = {false};
    has[0] = true;
    for (size_t i = 0; i < m->decisions.n; i++) {
        int y = date_year(m->decisions.v[i].date);
        if (y <= latest && latest - y < MAX_YEARS)
            has[latest - y] = true;
    }
    int years[MAX_YEARS];
    size_t ny = 0;
    for (int k = 0; k < MAX_YEARS; k++)
        if (has[k])
            years[ny++] = latest - k;
    qsort(years, ny, sizeof *years, cmp_desc);
    for (size_t i = 0; i < ny; i++)
        year_page(s, years[i], latest, years, ny);
}
