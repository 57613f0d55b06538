/*
 * test_calendar.c - the holiday calendar (gen/calendar.c): loading
 * calendar/YYYY.csv, coverage, working days and deadlines on the real
 * 2024 and 2025 State Council calendars in tests/fixtures/mini, bad rows,
 * gaps between covered years, and the indexed path against the plain one;
 * and the sample county's calendar (content/calendar, 2015-2026) against
 * the State Council's holiday notices: 春节, 劳动节 and 国庆 with their
 * adjusted working Saturdays and Sundays, and 2020's extended 春节.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar.h"
#include "diag.h"
#include "loaders.h"
#include "model.h"
#include "t.h"

#define MINI_CAL "tests/fixtures/mini/calendar"

static char tmpdir[256];

static gs_date D(const char *iso)
{
    return date_parse_iso(iso);
}

static bool has_diag(enum diag_level lv, const char *file, uint32_t line, const char *part)
{
    for (size_t i = 0; i < diag_count(); i++) {
        const diag_entry *e = diag_get(i);
        if (e->level == lv && e->line == line && strstr(e->file, file) && strstr(e->msg, part))
            return true;
    }
    return false;
}

static const char *due(const gs_model *m, const char *from, int n)
{
    gs_date out = 0;
    int r = cal_due(m, D(from), n, &out);
    static char b[16];
    if (r)
        snprintf(b, sizeof b, "missing %d", r);
    else
        date_format(out, b);
    return b;
}

TEST(mini_calendar)
{
    diag_init();
    gs_model m;
    model_init(&m);
    calendar_load(&m, MINI_CAL);
    CHECK_INT(diag_count(), 0);
    CHECK_INT(m.cal_first_year, 2024);
    CHECK_INT(m.cal_last_year, 2025);
    CHECK(cal_covered(&m, 2024));
    CHECK(cal_covered(&m, 2025));
    CHECK(!cal_covered(&m, 2023));
    CHECK(!cal_covered(&m, 2026));
    CHECK(m.calendar.n > 0);
    for (size_t i = 1; i < m.calendar.n; i++)
        CHECK(m.calendar.v[i - 1].date < m.calendar.v[i].date);
    CHECK_STR(m.calendar.v[0].name, "元旦");

    /* the interface's example: 10-12 was an adjusted working Saturday */
    CHECK_STR(due(&m, "2024-09-27", 7), "2024-10-12");
    CHECK_STR(due(&m, "2024-09-30", 1), "2024-10-08");
    CHECK_STR(due(&m, "2024-02-08", 1), "2024-02-09");
    CHECK_STR(due(&m, "2024-02-09", 1), "2024-02-18");
    CHECK_STR(due(&m, "2025-01-24", 1), "2025-01-26");
    CHECK_STR(due(&m, "2024-12-31", 1), "2025-01-02");
    CHECK_STR(due(&m, "2024-12-25", 20), "2025-01-23");
    CHECK_STR(due(&m, "2024-04-30", 3), "2024-05-08");
    CHECK_STR(due(&m, "2025-09-26", 5), "2025-10-10");
    CHECK_STR(due(&m, "2025-12-01", 20), "2025-12-29");
    CHECK_STR(due(&m, "2024-10-05", 0), "2024-10-05");
    /* outside the calendar: the missing year, never a guess */
    CHECK_STR(due(&m, "2025-12-20", 20), "missing 2026");
    CHECK_STR(due(&m, "2023-12-29", 1), "missing 2023");

    CHECK(cal_is_workday(&m, D("2024-10-12")));
    CHECK(cal_is_workday(&m, D("2024-10-08")));
    CHECK(!cal_is_workday(&m, D("2024-10-01")));
    CHECK(!cal_is_workday(&m, D("2024-10-05")));
    CHECK(!cal_is_workday(&m, D("2025-06-02"))); /* a Monday holiday */

    int unc = -1;
    CHECK_INT(cal_workdays_between(&m, D("2024-09-27"), D("2024-10-12"), &unc), 7);
    CHECK_INT(unc, 0);
    CHECK_INT(cal_workdays_between(&m, D("2024-10-12"), D("2024-09-27"), &unc), -7);
    CHECK_INT(cal_workdays_between(&m, D("2023-12-31"), D("2024-12-31"), &unc), 0);
    CHECK_INT(unc, 2023);
    CHECK_INT(cal_workdays_between(&m, D("2024-01-01"), D("2024-01-01"), &unc), 0);
    CHECK_INT(unc, 0);
    /* whole years, as published: 251 working days in 2024, 248 in 2025 */
    CHECK_INT(cal_workdays_between(&m, D("2024-01-01"), D("2024-12-31"), NULL) +
                  cal_is_workday(&m, D("2024-01-01")),
              251);
    CHECK_INT(cal_workdays_between(&m, D("2024-12-31"), D("2025-12-31"), NULL), 248);
    model_free(&m);
}

TEST(indexed_matches_plain)
{
    gs_model m;
    model_init(&m);
    diag_init();
    calendar_load(&m, MINI_CAL);
    int32_t *table = m.cal_cum;
    int mismatches = 0;
    for (gs_date d = D("2024-01-01"); d <= D("2025-12-31"); d++) {
        for (int n = 0; n <= 25; n += 5) {
            gs_date a = 0, b = 0;
            m.cal_cum = table;
            int ra = cal_due(&m, d, n, &a);
            bool wa = cal_is_workday(&m, d);
            int ca = cal_workdays_between(&m, D("2024-01-01"), d, NULL);
            m.cal_cum = NULL;
            int rb = cal_due(&m, d, n, &b);
            bool wb = cal_is_workday(&m, d);
            int cb = cal_workdays_between(&m, D("2024-01-01"), d, NULL);
            if (ra != rb || (!ra && a != b) || wa != wb || ca != cb)
                mismatches++;
        }
    }
    m.cal_cum = table;
    CHECK_INT(mismatches, 0);
    model_free(&m);
}

/* each: from, working days, the deadline worked out by hand from the
 * State Council's notice of that year */
TEST(state_council)
{
    diag_init();
    gs_model m;
    model_init(&m);
    calendar_load(&m, "content/calendar");
    CHECK_INT(diag_error_count(), 0);
    static const struct {
        const char *from;
        int n;
        const char *want;
    } cases[] = {
        {"2015-09-30", 1, "2015-10-08"}, /* 国庆 10-01..07 */
        {"2015-09-30", 3, "2015-10-10"}, /* 10-10 Saturday 班 */
        {"2016-02-05", 1, "2016-02-06"}, /* 春节: 02-06 Saturday 班 */
        {"2016-02-05", 2, "2016-02-14"}, /* 02-07..13 off, 02-14 Sunday 班 */
        {"2017-09-29", 1, "2017-09-30"}, /* 09-30 Saturday 班 */
        {"2017-09-29", 2, "2017-10-09"}, /* 国庆中秋 10-01..08 */
        {"2018-02-09", 1, "2018-02-11"}, /* 春节: 02-11 Sunday 班 */
        {"2018-02-09", 5, "2018-02-22"}, /* 02-15..21 off */
        {"2019-04-26", 1, "2019-04-28"}, /* 劳动节: 04-28 Sunday 班 */
        {"2019-04-30", 1, "2019-05-05"}, /* 05-01..04 off, 05-05 Sunday 班 */
        {"2020-01-23", 1, "2020-02-03"}, /* 春节 extended to 02-02 */
        {"2021-02-10", 1, "2021-02-18"}, /* 春节 02-11..17 */
        {"2021-02-10", 3, "2021-02-20"}, /* 02-20 Saturday 班 */
        {"2022-09-30", 1, "2022-10-08"}, /* 国庆: 10-08 Saturday 班 */
        {"2022-09-30", 2, "2022-10-09"}, /* 10-09 Sunday 班 */
        {"2023-01-20", 1, "2023-01-28"}, /* 春节 01-21..27, 01-28 Saturday 班 */
        {"2023-01-20", 2, "2023-01-29"}, /* 01-29 Sunday 班 */
        {"2024-09-27", 7, "2024-10-12"}, /* interface.md's example */
        {"2025-01-27", 1, "2025-02-05"}, /* 春节 01-28..02-04 */
        {"2025-01-27", 4, "2025-02-08"}, /* 02-08 Saturday 班 */
        {"2026-02-13", 1, "2026-02-14"}, /* 春节: 02-14 Saturday 班 */
        {"2026-02-13", 2, "2026-02-24"}, /* 02-15..23 off */
        {"2026-09-30", 1, "2026-10-08"}, /* 国庆 10-01..07 */
        {"2026-12-31", 1, "missing 2027"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = due(&m, cases[i].from, cases[i].n);
        if (strcmp(got, cases[i].want) != 0) {
            printf("due %s + %d = %s, expected %s\n", cases[i].from, cases[i].n, got,
                   cases[i].want);
            t_cur_failed = 1;
        }
    }
    /* whole years as the notices count them */
    CHECK_INT(cal_workdays_between(&m, D("2019-12-31"), D("2020-12-31"), NULL), 249);
    CHECK_INT(cal_workdays_between(&m, D("2022-12-31"), D("2023-12-31"), NULL), 249);
    model_free(&m);
}

static void put(const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

TEST(bad_rows_and_gaps)
{
    diag_init();
    put("2030.csv", "date,kind,name\n"
                    "2030-01-01,休,元旦\n"
                    "2031-01-01,休,元旦\n"   /* 3: not in the file's year */
                    "2030-01-02,放,\n"        /* 4: bad kind */
                    "2030-01-01,班,\n"        /* 5: duplicate */
                    "2030-01-03,班,\n"        /* 6: a Thursday: warning */
                    "2030-02-30,休,\n"        /* 7: bad date */
                    "2030/1/5,班,调休\n");    /* 8: other date formats are fine */
    put("2032.csv", "date,kind\n");
    put("2033年.csv", "date,kind\n");
    put("2034.csv", "日期,类型\n2034-01-01,休\n"); /* unusable: the year is not covered */
    gs_model m;
    model_init(&m);
    calendar_load(&m, tmpdir);
    CHECK(has_diag(DIAG_ERROR, "2030.csv", 3, "date 2031-01-01: date is not in 2030"));
    CHECK(has_diag(DIAG_ERROR, "2030.csv", 4, "kind \"放\" is not one of 休, 班"));
    CHECK(has_diag(DIAG_ERROR, "2030.csv", 5, "duplicate date, first on line 2"));
    CHECK(has_diag(DIAG_WARNING, "2030.csv", 6, "班 on a weekday changes nothing"));
    CHECK(has_diag(DIAG_ERROR, "2030.csv", 7, "date \"2030-02-30\" is not a valid date"));
    CHECK(has_diag(DIAG_WARNING, "2033年.csv", 1, "ignored: calendar files are named YYYY.csv"));
    CHECK(has_diag(DIAG_ERROR, "2034.csv", 1, "missing required column date"));
    CHECK_INT(m.calendar.n, 3);
    CHECK_INT(m.cal_first_year, 2030);
    CHECK_INT(m.cal_last_year, 2034);
    CHECK(cal_covered(&m, 2030));
    CHECK(!cal_covered(&m, 2031));
    CHECK(cal_covered(&m, 2032));
    CHECK(!cal_covered(&m, 2034));
    CHECK(cal_is_workday(&m, D("2030-01-05"))); /* Saturday 班 */
    CHECK(!cal_is_workday(&m, D("2030-01-01")));
    CHECK_STR(due(&m, "2030-01-04", 1), "2030-01-05");
    CHECK_STR(due(&m, "2030-12-27", 5), "missing 2031"); /* runs into the gap */
    CHECK_STR(due(&m, "2032-12-30", 5), "missing 2033");
    CHECK_STR(due(&m, "2032-06-01", 1), "2032-06-02");
    int unc = 0;
    CHECK_INT(cal_workdays_between(&m, D("2030-06-01"), D("2032-06-01"), &unc), 0);
    CHECK_INT(unc, 2031);
    model_free(&m);
    char p[512];
    const char *names[] = {"2030.csv", "2032.csv", "2033年.csv", "2034.csv"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/%s", tmpdir, names[i]);
        unlink(p);
    }
}

TEST(missing_folder)
{
    diag_init();
    gs_model m;
    model_init(&m);
    char p[512];
    snprintf(p, sizeof p, "%s/no-calendar", tmpdir);
    calendar_load(&m, p);
    CHECK(has_diag(DIAG_WARNING, "no-calendar", 1, "no calendar folder"));
    CHECK_INT(diag_error_count(), 0);
    CHECK(!cal_covered(&m, 2024));
    CHECK_STR(due(&m, "2024-09-27", 7), "missing 2024");
    /* an empty folder */
    diag_init();
    mkdir(p, 0700);
    calendar_load(&m, p);
    CHECK(has_diag(DIAG_WARNING, "no-calendar", 1, "no calendar files"));
    rmdir(p);
    model_free(&m);
}

int main(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/gongshi-cal-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    diag_set_quiet(true);
    RUN(mini_calendar);
    RUN(indexed_matches_plain);
    RUN(state_council);
    RUN(bad_rows_and_gaps);
    RUN(missing_folder);
    diag_free();
    rmdir(tmpdir);
    return T_DONE();
}
