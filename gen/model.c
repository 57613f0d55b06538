/*
 * model.c - name tables, model lifetime and lookups.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

const char *const gs_category_names[CAT_COUNT] = {
    "行政许可", "行政处罚", "行政强制", "行政检查",
    "行政征收", "行政征用", "行政确认", "其他"};
const char *const gs_category_slugs[CAT_COUNT] = {
    "xuke", "chufa", "qiangzhi", "jiancha",
    "zhengshou", "zhengyong", "queren", "qita"};
const char *const gs_party_names[PARTY_COUNT] = {
    "法人及非法人组织", "个体工商户", "自然人"};
const char *const gs_penalty_names[PEN_COUNT] = {
    "警告", "通报批评", "罚款", "没收违法所得", "没收非法财物",
    "暂扣许可证件", "降低资质等级", "吊销许可证件", "限制开展生产经营活动",
    "责令停产停业", "责令关闭", "限制从业", "行政拘留", "其他"};
const char *const gs_permit_names[PERMIT_COUNT] = {"", "准予", "不予", "撤销"};
const char *const gs_coercive_names[COER_COUNT] = {"查封", "扣押", "冻结", "其他"};
const char *const gs_procedure_names[PROC_COUNT] = {"", "简易程序", "普通程序"};
const char *const gs_status_names[ST_COUNT] = {
    "有效", "变更", "撤销", "确认违法", "确认无效", "更正"};
const char *const gs_cert_status_names[CERT_COUNT] = {"有效", "暂扣", "注销", "过期"};

char *gs_join_names(unsigned mask, const char *const *names, int n, const char *sep)
{
    buf b;
    buf_init(&b);
    for (int i = 0; i < n; i++) {
        if (!(mask & (1u << i)))
            continue;
        if (b.len)
            buf_puts(&b, sep);
        buf_puts(&b, names[i]);
    }
    return buf_detach(&b);
}

int gs_lookup(const char *const *names, int n, const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < n; i++)
        if (names[i][0] && strcmp(names[i], s) == 0)
            return i;
    return -1;
}

void settings_defaults(gs_settings *s)
{
    memset(s, 0, sizeof *s);
    s->name = "";
    s->base_url = "/";
    s->win_xuke = 7;
    s->win_chufa = 7;
    s->win_default = 20;
    s->win_info_change = 5;
    s->win_withdrawal = 3;
    s->win_correction = 20;
    s->short_months = 3;
    s->long_years = 3;
    s->person_years = 0;
    s->other_years = 0;
    s->low_fine_fen = 10000 * 100;
    s->publish_summary = true;
    s->mask_names = true;
    s->timezone = "Asia/Shanghai";
    s->credit_code = "";
    s->business_hours = 30;
    s->law_hours = 30;
    s->target_legal_review_staff = 0.05;
    s->target_lawyer_share = 0.20;
}

void model_init(gs_model *m)
{
    memset(m, 0, sizeof *m);
    arena_init(&m->arena);
    intern_init(&m->strings, &m->arena);
    settings_defaults(&m->settings);
}

void model_free(gs_model *m)
{
    for (size_t i = 0; i < m->decisions.n; i++)
        free(m->decisions.v[i].officers);
    free(m->agencies.v);
    free(m->officers.v);
    free(m->decisions.v);
    free(m->powers.v);
    free(m->inspections.v);
    free(m->phrases.v);
    free(m->pages.v);
    free(m->calendar.v);
    free(m->cal_years);
    free(m->officer_order);
    free(m->inputs.v);
    intern_free(&m->strings);
    arena_free(&m->arena);
    memset(m, 0, sizeof *m);
}

void model_add_input(gs_model *m, const char *path, enum gs_input_kind kind,
                     const uint64_t hash[2])
{
    gs_input *in = GS_PUSH(m->inputs);
    in->path = model_str(m, path, strlen(path));
    in->kind = (uint8_t)kind;
    in->read = hash != NULL;
    if (hash) {
        in->hash[0] = hash[0];
        in->hash[1] = hash[1];
    }
}

const char *model_str(gs_model *m, const char *s, size_t n)
{
    if (!s || !n)
        return "";
    return intern_str(&m->strings, s, n);
}

const char *model_text(gs_model *m, const char *s, size_t n)
{
    if (!s || !n)
        return "";
    return arena_strndup(&m->arena, s, n);
}

int32_t model_find_agency(const gs_model *m, const char *name)
{
    if (!name || !*name)
        return -1;
    for (size_t i = 0; i < m->agencies.n; i++)
        if (strcmp(m->agencies.v[i].name, name) == 0)
            return (int32_t)i;
    for (size_t i = 0; i < m->agencies.n; i++)
        if (m->agencies.v[i].short_name[0] &&
            strcmp(m->agencies.v[i].short_name, name) == 0)
            return (int32_t)i;
    return -1;
}

/* officers are looked up by certificate number from every decision row:
 * model_index_officers() keeps a sorted index; without it, scan */
static const gs_model *sort_model;

static int cmp_officer_idx(const void *a, const void *b)
{
    const gs_officer *o = sort_model->officers.v;
    return strcmp(o[*(const int32_t *)a].cert_no, o[*(const int32_t *)b].cert_no);
}

void model_index_officers(gs_model *m)
{
    free(m->officer_order);
    m->officer_order = xcalloc(m->officers.n, sizeof *m->officer_order);
    for (size_t i = 0; i < m->officers.n; i++)
        m->officer_order[i] = (int32_t)i;
    sort_model = m;
    if (m->officers.n)
        qsort(m->officer_order, m->officers.n, sizeof *m->officer_order, cmp_officer_idx);
    sort_model = NULL;
    m->officer_order_n = m->officers.n;
}

int32_t model_find_officer(const gs_model *m, const char *cert_no)
{
    if (!cert_no || !*cert_no)
        return -1;
    if (m->officer_order_n != m->officers.n) {
        for (size_t i = 0; i < m->officers.n; i++)
            if (strcmp(m->officers.v[i].cert_no, cert_no) == 0)
                return (int32_t)i;
        return -1;
    }
    size_t lo = 0, hi = m->officer_order_n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int32_t k = m->officer_order[mid];
        int c = strcmp(m->officers.v[k].cert_no, cert_no);
        if (c == 0)
            return k;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int cmp_calday(const void *a, const void *b)
{
    const gs_calday *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

void model_finish(gs_model *m)
{
    if (m->calendar.n)
        qsort(m->calendar.v, m->calendar.n, sizeof *m->calendar.v, cmp_calday);
    model_index_officers(m);
}
