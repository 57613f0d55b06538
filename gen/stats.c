/*
 * stats.c - the annual statistics: one pass over the year's decisions and
 * one over the officers, per agency and for the county (see stats.h for
 * the rules).
 */
#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"

const char *const stats_heavy_names[HV_COUNT] = {
    "警告", "通报批评", "罚款", "没收违法所得、没收非法财物", "暂扣许可证件",
    "降低资质等级", "限制开展生产经营活动", "责令停产停业", "责令关闭、限制从业",
    "吊销许可证件", "行政拘留", "其他"};

/* rank of each enum gs_penalty; -1 = 其他 (counts only alone) */
static const signed char pen_rank[PEN_COUNT] = {
    [PEN_JINGGAO] = HV_JINGGAO,
    [PEN_TONGBAO] = HV_TONGBAO,
    [PEN_FAKUAN] = HV_FAKUAN,
    [PEN_MOSHOU_SUODE] = HV_MOSHOU,
    [PEN_MOSHOU_CAIWU] = HV_MOSHOU,
    [PEN_ZANKOU] = HV_ZANKOU,
    [PEN_JIANGDI] = HV_JIANGDI,
    [PEN_DIAOXIAO] = HV_DIAOXIAO,
    [PEN_XIANZHI_JINGYING] = HV_XIANZHI_JY,
    [PEN_TINGCHAN] = HV_TINGCHAN,
    [PEN_GUANBI] = HV_GUANBI,
    [PEN_XIANZHI_CONGYE] = HV_GUANBI,
    [PEN_JULIU] = HV_JULIU,
    [PEN_QITA] = -1,
};

enum stats_heavy stats_heaviest(unsigned penalties)
{
    int best = -1;
    for (int i = 0; i < PEN_COUNT; i++)
        if ((penalties & (1u << i)) && pen_rank[i] > best)
            best = pen_rank[i];
    return best < 0 ? HV_QITA : (enum stats_heavy)best;
}

const char *const stats_permit_class_names[PCLASS_COUNT] = {
    "普通", "特许", "认可", "核准", "登记", "其他", "未注明"};

int stats_permit_class(const char *s)
{
    int k = gs_lookup(stats_permit_class_names, PCLASS_COUNT - 1, s ? s : "");
    return k < 0 ? PCLASS_COUNT - 1 : k;
}

int stats_default_year(gs_date today)
{
    return date_year(today) - 1;
}

int stats_window(const gs_settings *s, const gs_decision *d)
{
    if (d->category == CAT_XUKE)
        return s->win_xuke;
    if (d->category == CAT_CHUFA)
        return s->win_chufa;
    return s->win_default;
}

bool stats_cert_held(const gs_officer *o, gs_date ref)
{
    return o->cert_status == CERT_VALID && (o->valid_to == GS_NODATE || o->valid_to >= ref);
}

bool stats_training_ok(const gs_stats *st, const gs_officer *o)
{
    int32_t b = o->business_hours > 0 ? o->business_hours : 0;
    int32_t l = o->law_hours > 0 ? o->law_hours : 0;
    return b >= st->business_hours && l >= st->law_hours;
}

/* ---- tallies ---- */

static void tally_grow(stats_tally *t)
{
    size_t ns = t->nslot ? t->nslot * 2 : 64;
    uint32_t *slot = xcalloc(ns, sizeof *slot);
    for (size_t i = 0; i < t->n; i++) {
        const char *k = t->v[i].key;
        size_t h = hash_bytes(k, strlen(k)) & (ns - 1);
        while (slot[h])
            h = (h + 1) & (ns - 1);
        slot[h] = (uint32_t)(i + 1);
    }
    free(t->slot);
    t->slot = slot;
    t->nslot = ns;
}

static stats_kv *tally_get(stats_tally *t, const char *key)
{
    if (!key)
        key = "";
    if ((t->n + 1) * 2 > t->nslot)
        tally_grow(t);
    size_t len = strlen(key);
    size_t h = hash_bytes(key, len) & (t->nslot - 1);
    while (t->slot[h]) {
        stats_kv *kv = &t->v[t->slot[h] - 1];
        if (kv->key == key || strcmp(kv->key, key) == 0)
            return kv;
        h = (h + 1) & (t->nslot - 1);
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
    }
    stats_kv *kv = &t->v[t->n];
    memset(kv, 0, sizeof *kv);
    kv->key = key;
    t->slot[h] = (uint32_t)++t->n;
    return kv;
}

static void tally_free(stats_tally *t)
{
    free(t->v);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

static int cmp_kv(const void *a, const void *b, void *base)
{
    const stats_kv *x = &((const stats_kv *)base)[*(const uint32_t *)a];
    const stats_kv *y = &((const stats_kv *)base)[*(const uint32_t *)b];
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    /* 未注明 ("") last among equals */
    if (!*x->key != !*y->key)
        return *x->key ? -1 : 1;
    return strcmp(x->key, y->key);
}

uint32_t *stats_tally_order(const stats_tally *t)
{
    uint32_t *o = xcalloc(t->n ? t->n : 1, sizeof *o);
    for (size_t i = 0; i < t->n; i++)
        o[i] = (uint32_t)i;
    qsort_r(o, t->n, sizeof *o, cmp_kv, t->v); /* reentrant: outputs run in threads */
    return o;
}

/* ---- the computation ---- */

static void add_decision(stats_unit *u, const gs_model *m, const gs_decision *d,
                         enum pub_state ps, enum gs_status status, bool is_public)
{
    int mo, dd, y;
    date_to_ymd(d->date, &y, &mo, &dd);
    u->cases++;
    u->by_cat[d->category]++;
    u->by_cat_state[d->category][ps]++;
    u->by_state[ps]++;
    u->by_status[status]++;
    if (status == ST_REVOKED || status == ST_ILLEGAL || status == ST_VOID)
        u->withdrawn++;
    u->by_month[mo - 1]++;

    if (d->major == YN_YES) {
        u->major++;
        if (d->legal_review == YN_YES)
            u->major_reviewed++;
    }
    if (d->legal_review == YN_YES) {
        u->reviewed++;
        if (d->lawyer == YN_YES)
            u->reviewed_lawyer++;
    }
    if (d->hearing == YN_YES)
        u->hearing++;

    switch (d->category) {
    case CAT_CHUFA: {
        enum stats_heavy h = stats_heaviest(d->penalties);
        int64_t fine = d->fine_fen > 0 ? d->fine_fen : 0;
        u->pen_heavy[h]++;
        u->pen_heavy_fine_fen[h] += fine;
        for (int i = 0; i < PEN_COUNT; i++)
            if (d->penalties & (1u << i))
                u->pen_occur[i]++;
        u->pen_proc[d->procedure]++;
        u->pen_party[d->party_type]++;
        if (fine > 0) {
            u->fine_cases++;
            u->fine_fen += fine;
        }
        if (d->confiscation_fen > 0) {
            u->confisc_cases++;
            u->confisc_fen += d->confiscation_fen;
        }
        stats_kv *kv = tally_get(&u->vtype, d->violation_type);
        kv->n++;
        kv->public_n += is_public;
        kv->fine_fen += fine;
        kv = tally_get(&u->place, d->place);
        kv->n++;
        kv->public_n += is_public;
        kv->fine_fen += fine;
        if (d->occur_date != GS_NODATE) {
            int oy, om, od;
            date_to_ymd(d->occur_date, &oy, &om, &od);
            u->occ_month[om]++;
        } else {
            u->occ_month[0]++;
        }
        u->occ_hour[d->occur_minute >= 0 && d->occur_minute < 24 * 60 ? d->occur_minute / 60
                                                                       : 24]++;
        break;
    }
    case CAT_XUKE:
        u->permit[d->permit_result]++;
        u->permit_by_class[stats_permit_class(d->permit_class)][d->permit_result]++;
        break;
    case CAT_QIANGZHI:
        u->coer_cases++;
        for (int i = 0; i < COER_COUNT; i++)
            if (d->coercive & (1u << i))
                u->coer[i]++;
        break;
    default:
        break;
    }
    (void)m;
}

static void add_timeliness(stats_unit *u, const gs_model *m, const gs_decision *d,
                           size_t i, enum pub_state ps, const stats_ledger *lg,
                           gs_date today)
{
    /* never to be published: not a timeliness item */
    if (ps == PUB_WITHHELD || ps == PUB_MINOR || ps == PUB_SUMMARY)
        return;
    if (d->date < lg->start)
        return;
    u->tl_items++;
    gs_date due;
    if (cal_due(m, d->date, stats_window(&m->settings, d), &due) != 0) {
        u->tl_unknown++;
        return;
    }
    gs_date first = lg->first_published(lg->ctx, m, i);
    if (first != GS_NODATE) {
        if (first <= due) {
            u->tl_on_time++;
        } else {
            int unc = 0;
            int late = cal_workdays_between(m, due, first, &unc);
            u->tl_late++;
            u->tl_late_days += late > 0 ? late : 0;
        }
    } else if (today > due) {
        u->tl_overdue++;
    } else {
        u->tl_waiting++;
    }
}

void stats_compute(gs_stats *st, const gs_model *m, int year, gs_date today,
                   const stats_ledger *ledger)
{
    memset(st, 0, sizeof *st);
    if (year <= 0)
        year = stats_default_year(today);
    st->year = year;
    st->today = today;
    st->from = date_from_ymd(year, 1, 1);
    st->to = date_from_ymd(year, 12, 31);
    st->ref = today < st->to ? today : st->to;
    st->has_ledger = ledger && ledger->first_published;
    st->target_legal_review_staff = m->settings.target_legal_review_staff;
    st->target_lawyer_share = m->settings.target_lawyer_share;
    st->business_hours = m->settings.business_hours;
    st->law_hours = m->settings.law_hours;
    st->n_units = 1 + m->agencies.n;
    st->units = xcalloc(st->n_units, sizeof *st->units);
    st->units[0].agency = -1;
    st->units[0].name = m->settings.name ? m->settings.name : "";
    for (size_t a = 0; a < m->agencies.n; a++) {
        st->units[1 + a].agency = (int32_t)a;
        st->units[1 + a].name = m->agencies.v[a].name;
    }

    for (size_t i = 0; i < m->decisions.n; i++) {
        const gs_decision *d = &m->decisions.v[i];
        if (d->date < st->from || d->date > st->to || d->agency < 0 ||
            (size_t)d->agency >= m->agencies.n)
            continue;
        enum pub_state ps = publish_state(m, d, today, GS_NODATE);
        enum gs_status status = publish_status(d, today);
        bool is_public = ps != PUB_WITHHELD && ps != PUB_MINOR;
        stats_unit *ag = &st->units[1 + d->agency];
        add_decision(&st->units[0], m, d, ps, status, is_public);
        add_decision(ag, m, d, ps, status, is_public);
        if (st->has_ledger) {
            add_timeliness(&st->units[0], m, d, i, ps, ledger, today);
            add_timeliness(ag, m, d, i, ps, ledger, today);
        }
    }

    for (size_t i = 0; i < m->officers.n; i++) {
        const gs_officer *o = &m->officers.v[i];
        stats_unit *us[2] = {&st->units[0], NULL};
        if (o->agency >= 0 && (size_t)o->agency < m->agencies.n)
            us[1] = &st->units[1 + o->agency];
        for (int k = 0; k < 2; k++) {
            stats_unit *u = us[k];
            if (!u)
                continue;
            u->officers++;
            u->cert_valid += stats_cert_held(o, st->ref);
            u->legal_reviewers += o->legal_reviewer == YN_YES;
            int32_t b = o->business_hours > 0 ? o->business_hours : 0;
            int32_t l = o->law_hours > 0 ? o->law_hours : 0;
            u->business_hours += b;
            u->law_hours += l;
            u->business_short += b < st->business_hours;
            u->law_short += l < st->law_hours;
            u->train_ok += stats_training_ok(st, o);
        }
    }
}

void stats_free(gs_stats *st)
{
    for (size_t i = 0; i < st->n_units; i++) {
        tally_free(&st->units[i].vtype);
        tally_free(&st->units[i].place);
    }
    free(st->units);
    memset(st, 0, sizeof *st);
}
