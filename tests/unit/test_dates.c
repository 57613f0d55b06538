/*
 * test_dates.c - civil date arithmetic.
 */
#include "dates.h"
#include "t.h"

TEST(roundtrip)
{
    for (int y = 1990; y <= 2040; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= 28; d += 9) {
                gs_date x = date_from_ymd(y, m, d);
                int yy, mm, dd;
                date_to_ymd(x, &yy, &mm, &dd);
                CHECK(yy == y && mm == m && dd == d);
            }
}

TEST(validity)
{
    CHECK(date_from_ymd(2024, 2, 29) != GS_NODATE);
    CHECK(date_from_ymd(2023, 2, 29) == GS_NODATE);
    CHECK(date_from_ymd(2100, 2, 29) == GS_NODATE);
    CHECK(date_from_ymd(2000, 2, 29) != GS_NODATE);
    CHECK(date_from_ymd(2024, 13, 1) == GS_NODATE);
    CHECK(date_from_ymd(2024, 4, 31) == GS_NODATE);
    CHECK(date_from_ymd(1970, 1, 1) != GS_NODATE);
}

TEST(weekday_and_format)
{
    CHECK_INT(date_weekday(date_from_ymd(2024, 10, 12)), 5); /* Saturday */
    CHECK_INT(date_weekday(date_from_ymd(1970, 1, 1)), 3);   /* Thursday */
    CHECK_INT(date_weekday(date_from_ymd(2026, 11, 23)), 0); /* Monday */
    char s[11];
    date_format(date_from_ymd(2024, 9, 7), s);
    CHECK_STR(s, "2024-09-07");
    date_format(GS_NODATE, s);
    CHECK_STR(s, "");
    CHECK_INT(date_parse_iso("2024-09-27"), date_from_ymd(2024, 9, 27));
    CHECK_INT(date_parse_iso("2024-9-27"), GS_NODATE);
    CHECK_INT(date_parse_iso("2024-02-30"), GS_NODATE);
    CHECK_INT(date_parse_iso(""), GS_NODATE);
}

TEST(add_months)
{
    CHECK_INT(date_add_months(date_from_ymd(2024, 1, 31), 1), date_from_ymd(2024, 2, 29));
    CHECK_INT(date_add_months(date_from_ymd(2024, 11, 15), 3), date_from_ymd(2025, 2, 15));
    CHECK_INT(date_add_months(date_from_ymd(2024, 2, 29), 36), date_from_ymd(2027, 2, 28));
}

int main(void)
{
    RUN(roundtrip);
    RUN(validity);
    RUN(weekday_and_format);
    RUN(add_months);
    return T_DONE();
}
