/*
 * dates.c - civil date arithmetic (days-from-civil, H. Hinnant's algorithm).
 */
#include "dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

gs_date date_from_ymd(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return GS_NODATE;
    return (gs_date)(days_from_civil(y, (unsigned)m, (unsigned)d) + 1);
}

void date_to_ymd(gs_date dd, int *yy, int *mm, int *dy)
{
    int64_t z = (int64_t)dd - 1 + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = (int64_t)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    if (yy)
        *yy = (int)(y + (m <= 2));
    if (mm)
        *mm = (int)m;
    if (dy)
        *dy = (int)d;
}

int date_year(gs_date d)
{
    int y;
    date_to_ymd(d, &y, NULL, NULL);
    return y;
}

int date_weekday(gs_date d)
{
    /* 1970-01-01 (d = 1) was a Thursday (3) */
    int64_t w = ((int64_t)d - 1 + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

void date_format(gs_date d, char out[11])
{
    if (d == GS_NODATE) {
        out[0] = 0;
        return;
    }
    int y, m, dy;
    date_to_ymd(d, &y, &m, &dy);
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)dy % 100u;
    out[0] = (char)('0' + uy / 1000);
    out[1] = (char)('0' + uy / 100 % 10);
    out[2] = (char)('0' + uy / 10 % 10);
    out[3] = (char)('0' + uy % 10);
    out[4] = '-';
    out[5] = (char)('0' + um / 10);
    out[6] = (char)('0' + um % 10);
    out[7] = '-';
    out[8] = (char)('0' + ud / 10);
    out[9] = (char)('0' + ud % 10);
    out[10] = 0;
}

gs_date date_add_months(gs_date d, int months)
{
    int y, m, dy;
    date_to_ymd(d, &y, &m, &dy);
    int total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    int dim = days_in_month(y, m);
    return date_from_ymd(y, m, dy > dim ? dim : dy);
}

gs_date date_parse_iso(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return GS_NODATE;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return GS_NODATE;
    return date_from_ymd(atoi(s), atoi(s + 5), atoi(s + 8));
}

gs_date date_today(const char *tz)
{
    time_t now = time(NULL);
    struct tm tmv;
    const char *old = getenv("TZ");
    char *saved = old ? strdup(old) : NULL;
    setenv("TZ", tz && *tz ? tz : "Asia/Shanghai", 1);
    tzset();
    localtime_r(&now, &tmv);
    if (saved) {
        setenv("TZ", saved, 1);
        free(saved);
    } else {
        unsetenv("TZ");
    }
    tzset();
    return date_from_ymd(tmv.tm_year + 1900, tmv.tm_mon + 1, tmv.tm_mday);
}
