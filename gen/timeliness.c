/*
 * timeliness.c - deadlines and whether they were met (see timeliness.h).
 */
#include "timeliness.h"

#include "calendar.h"

const char *const tl_what_names[TL_WHAT_COUNT] = {"公开", "撤下", "变更", "更正", "信息更新"};
const char *const tl_result_names[TL_RESULT_COUNT] = {"按时", "逾期完成", "超期未办", "待办",
                                                      "截止日期未知", "账本建立前"};

int tl_window_publish(const gs_settings *s, const gs_decision *d)
{
    if (d->category == CAT_XUKE)
        return s->win_xuke;
    if (d->category == CAT_CHUFA)
        return s->win_chufa;
    return s->win_default;
}

int tl_window_status(const gs_settings *s, enum gs_status st)
{
    /* 变更: the original content is taken down and the changed content
     * published, within the withdrawal window (domain.md) */
    return st == ST_CORRECTED ? s->win_correction : s->win_withdrawal;
}

void tl_eval(const gs_model *m, tl_record *r, gs_date today)
{
    r->due = GS_NODATE;
    r->days = 0;
    r->missing_year = 0;
    if (r->result == TL_BEFORE)
        return;
    gs_date due;
    int unc = cal_due(m, r->event, r->window, &due);
    if (unc) {
        r->result = TL_UNKNOWN;
        r->missing_year = unc;
        return;
    }
    r->due = due;
    gs_date until = r->done != GS_NODATE ? r->done : today;
    int days = 0;
    if (until != due) {
        days = cal_workdays_between(m, due, until, &unc);
        if (unc) {
            r->result = TL_UNKNOWN;
            r->missing_year = unc;
            return;
        }
    }
    if (r->done != GS_NODATE) {
        r->result = r->done <= due ? TL_ONTIME : TL_LATE;
        r->days = r->done <= due ? 0 : days;
    } else if (today > due) {
        r->result = TL_OVERDUE;
        r->days = days;
    } else {
        r->result = TL_WAITING;
        r->days = -days;
    }
}

char *tl_describe(const tl_record *r)
{
    switch (r->result) {
    case TL_ONTIME:
        return xstrdup("按时");
    case TL_LATE:
        return xasprintf("逾期 %d 个工作日", r->days);
    case TL_OVERDUE:
        return xasprintf("已超期 %d 个工作日，尚未办理", r->days);
    case TL_WAITING:
        return xasprintf("剩余 %d 个工作日", r->days);
    case TL_UNKNOWN:
        return xasprintf("截止日期未知：缺少 %d 年日历（calendar/%d.csv）", r->missing_year,
                         r->missing_year);
    default:
        return xstrdup("账本建立前已公开，不计时效");
    }
}
