/*
 * publish.c - publication rules for decisions (see publish.h and
 * domain.md "Rules gongshi applies").
 */
#include "publish.h"

#include <stdint.h>

#include "privacy.h"

const char *const pub_state_names[PUB_COUNT] = {
    "已公开", "未到日期", "待审", "不予公开", "未成年人", "简易程序不公开",
    "已撤下", "公示期满"};

enum gs_status publish_status(const gs_decision *d, gs_date today)
{
    if (d->status == ST_VALID)
        return ST_VALID;
    if (d->status_date != GS_NODATE && d->status_date > today)
        return ST_VALID;
    return (enum gs_status)d->status;
}

static bool short_period(const gs_model *m, const gs_decision *d)
{
    if (!d->penalties)
        return false;
    uint16_t light = (1u << PEN_JINGGAO) | (1u << PEN_TONGBAO) | (1u << PEN_FAKUAN);
    if (d->penalties & ~light)
        return false;
    if ((d->penalties & (1u << PEN_FAKUAN)) &&
        (d->fine_fen < 0 || d->fine_fen > m->settings.low_fine_fen))
        return false;
    return true;
}

gs_date publish_since(const gs_model *m, const gs_decision *d)
{
    if (!m->pub_since || !m->decisions.v)
        return GS_NODATE;
    /* compare addresses as integers: d may be any decision, not only one
     * of the model's (tests build them on the stack) */
    uintptr_t p = (uintptr_t)d, b = (uintptr_t)m->decisions.v;
    if (p < b || (p - b) % sizeof *d)
        return GS_NODATE;
    size_t i = (p - b) / sizeof *d;
    return i < m->decisions.n && i < m->pub_since_n ? m->pub_since[i] : GS_NODATE;
}

gs_date publish_until(const gs_model *m, const gs_decision *d, gs_date since)
{
    const gs_settings *s = &m->settings;
    if (since == GS_NODATE)
        since = publish_since(m, d);
    gs_date start = since != GS_NODATE ? since : d->date;
    if (d->category != CAT_CHUFA) {
        if (s->other_years <= 0)
            return GS_NODATE;
        return date_add_months(start, 12 * s->other_years) - 1;
    }
    if (short_period(m, d))
        return date_add_months(start, s->short_months) - 1;
    int years = s->long_years;
    if (d->party_type == PARTY_PERSON && s->person_years > 0)
        years = s->person_years;
    if (years <= 0)
        return GS_NODATE;
    return date_add_months(start, 12 * years) - 1;
}

enum pub_state publish_state(const gs_model *m, const gs_decision *d,
                             gs_date today, gs_date since)
{
    if (d->date > today)
        return PUB_FUTURE;
    if (d->withheld[0])
        return PUB_WITHHELD;
    if (privacy_is_minor(d))
        return PUB_MINOR;
    if (d->category == CAT_CHUFA && d->procedure == PROC_SIMPLE &&
        !m->settings.publish_summary)
        return PUB_SUMMARY;
    if (d->review_pending)
        return PUB_PENDING;
    enum gs_status st = publish_status(d, today);
    if (st == ST_REVOKED || st == ST_ILLEGAL || st == ST_VOID)
        return PUB_WITHDRAWN;
    gs_date until = publish_until(m, d, since);
    if (until != GS_NODATE && today > until)
        return PUB_EXPIRED;
    return PUB_LIVE;
}
