/*
 * test_fields.c - cell parsers of gen/fields.c: dates, money, 是/否,
 * integers, lists, credit-code and ID check characters, trimming.
 */
#include <stdlib.h>

#include "fields.h"
#include "model.h"
#include "t.h"

static const char *fmt(gs_date d)
{
    static char b[11];
    date_format(d, b);
    return b;
}

TEST(dates_three_formats)
{
    CHECK_STR(fmt(field_date("2024-09-27", NULL)), "2024-09-27");
    CHECK_STR(fmt(field_date("2024/9/7", NULL)), "2024-09-07");
    CHECK_STR(fmt(field_date("2024/09/07", NULL)), "2024-09-07");
    CHECK_STR(fmt(field_date("2024年9月27日", NULL)), "2024-09-27");
    CHECK_STR(fmt(field_date("2024年09月07日", NULL)), "2024-09-07");
    CHECK_STR(fmt(field_date("2024-2-29", NULL)), "2024-02-29");
}

TEST(dates_invalid)
{
    const char *bad[] = {"", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10",
                         "2024-1-32", "24-01-01", "2024-01", "2024-01-01x",
                         "2024/01-01", "2024年1月1", "2024.01.01", "20240101",
                         "2024-001-01", " 2024-01-01", "2024-01-01 "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_INT(field_date(bad[i], NULL), GS_NODATE);
}

TEST(date_times)
{
    int16_t min = 99;
    CHECK_STR(fmt(field_date("2024-08-15 10:30", &min)), "2024-08-15");
    CHECK_INT(min, 630);
    CHECK_STR(fmt(field_date("2024/8/15 9:05:59", &min)), "2024-08-15");
    CHECK_INT(min, 545);
    CHECK_STR(fmt(field_date("2024年8月15日 0:00", &min)), "2024-08-15");
    CHECK_INT(min, 0);
    CHECK_STR(fmt(field_date("2024-08-15", &min)), "2024-08-15");
    CHECK_INT(min, -1);
    /* a time where only a date is allowed */
    CHECK_INT(field_date("2024-08-15 10:30", NULL), GS_NODATE);
    CHECK_INT(field_date("2024-08-15 24:00", &min), GS_NODATE);
    CHECK_INT(field_date("2024-08-15 10:60", &min), GS_NODATE);
    CHECK_INT(field_date("2024-08-15 10:5", &min), GS_NODATE);
    CHECK_INT(field_date("2024-08-15 10:30:61", &min), GS_NODATE);
    CHECK_INT(field_date("2024-08-15T10:30", &min), GS_NODATE);
    CHECK_INT(field_date("2024-08-15 ", &min), GS_NODATE);
}

TEST(money)
{
    int64_t f = -7;
    CHECK(field_money("5000", &f));
    CHECK_INT(f, 500000);
    CHECK(field_money("5,000.00", &f));
    CHECK_INT(f, 500000);
    CHECK(field_money("1,234,567.8", &f));
    CHECK_INT(f, 123456780);
    CHECK(field_money("0.05", &f));
    CHECK_INT(f, 5);
    CHECK(field_money("￥240", &f));
    CHECK_INT(f, 24000);
    CHECK(field_money("¥ 12.5", &f));
    CHECK_INT(f, 1250);
    CHECK(field_money("12,000元", &f));
    CHECK_INT(f, 1200000);
    CHECK(field_money("3000.5 元", &f));
    CHECK_INT(f, 300050);
    CHECK(field_money("0", &f));
    CHECK_INT(f, 0);
    CHECK(field_money("92233720368547757.99", &f)); /* the largest accepted */
    CHECK_INT(f, 9223372036854775799LL);
    const char *bad[] = {"", "元", "￥", "-5", "+5", "1.234", "1.", ".5", "1,23",
                         "12,3456", "1234,567", ",123", "123,", "1 000", "5e3",
                         "五千", "0x10", "92233720368547758", "99999999999999999999",
                         "1.2.3", "$5", "5万元"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t g = 42;
        CHECK(!field_money(bad[i], &g));
        if (field_money(bad[i], &g))
            printf("  accepted: %s\n", bad[i]);
    }
}

TEST(yesno_and_int)
{
    CHECK_INT(field_yesno("是"), YN_YES);
    CHECK_INT(field_yesno("否"), YN_NO);
    CHECK_INT(field_yesno(""), YN_UNSET);
    CHECK_INT(field_yesno("Y"), -1);
    CHECK_INT(field_yesno("是的"), -1);
    int32_t v = -1;
    CHECK(field_int("0", &v));
    CHECK_INT(v, 0);
    CHECK(field_int("2147483647", &v));
    CHECK_INT(v, 2147483647);
    CHECK(!field_int("2147483648", &v));
    CHECK(!field_int("", &v));
    CHECK(!field_int("-1", &v));
    CHECK(!field_int("1.5", &v));
    CHECK(!field_int("12a", &v));
}

TEST(lists)
{
    char *st;
    const char **it;
    size_t n = field_list("警告;罚款；没收违法所得", &st, &it);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(it[0], "警告");
        CHECK_STR(it[1], "罚款");
        CHECK_STR(it[2], "没收违法所得");
    }
    free(st);
    free(it);
    n = field_list(" a ; ;　b　;;", &st, &it); /* U+3000 around b, empty items */
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(it[0], "a");
        CHECK_STR(it[1], "b");
    }
    free(st);
    free(it);
    n = field_list("", &st, &it);
    CHECK_INT(n, 0);
    free(st);
    free(it);
    n = field_list("单项", &st, &it);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_STR(it[0], "单项");
    free(st);
    free(it);
}

TEST(credit_codes)
{
    /* the example in the interface and fixture codes */
    CHECK(credit_code_valid("11410500MB0000000R"));
    CHECK(credit_code_valid("91419999MA00000014"));
    CHECK(credit_code_valid("92419999MA00000024"));
    CHECK(credit_code_valid("12419999MB0000005P"));
    /* check character 31 - 0 -> 0 */
    CHECK(credit_code_valid("000000000000000000"));
    CHECK(!credit_code_valid("11410500MB0000000S"));
    CHECK(!credit_code_valid("91419999MA00000015"));
    CHECK(!credit_code_valid("11410500mb0000000r"));   /* lower case */
    CHECK(!credit_code_valid("11410500MI0000000R"));   /* I is not in the alphabet */
    CHECK(!credit_code_valid("11410500MB0000000"));    /* 17 characters */
    CHECK(!credit_code_valid("11410500MB0000000RR"));  /* 19 characters */
    CHECK(!credit_code_valid(""));
}

TEST(id_numbers)
{
    CHECK(id_number_valid("419999198001010019"));
    CHECK(id_number_valid("419999200808080050"));
    CHECK(!id_number_valid("419999198001010018"));  /* wrong check digit */
    CHECK(!id_number_valid("419999198002300011"));  /* 1980-02-30 */
    CHECK(!id_number_valid("41999919800101001"));   /* 17 */
    CHECK(!id_number_valid("4199991980010100190")); /* 19 */
    CHECK(!id_number_valid("41999919800101001A"));
    CHECK(!id_number_valid(""));
    /* an X check digit, upper or lower case */
    const char *x = NULL;
    static char idbuf[32];
    for (unsigned seq = 0; seq < 1000 && !x; seq++) {
        snprintf(idbuf, sizeof idbuf, "41999919900101%03uX", seq % 1000);
        if (id_number_valid(idbuf))
            x = idbuf;
    }
    CHECK(x != NULL);
    if (x) {
        char lower[19];
        memcpy(lower, x, 19);
        lower[17] = 'x';
        CHECK(id_number_valid(lower));
        CHECK_STR(fmt(id_birthdate(x)), "1990-01-01");
    }
    /* old 15-digit form: digits only, 19YYMMDD valid */
    CHECK(id_number_valid("419999800101001"));
    CHECK(!id_number_valid("419999800230001"));
    CHECK(!id_number_valid("41999980010100X"));
    CHECK_STR(fmt(id_birthdate("419999800101001")), "1980-01-01");
    CHECK_STR(fmt(id_birthdate("419999200808080050")), "2008-08-08");
    CHECK_INT(id_birthdate("419999198001010018"), GS_NODATE);
}

TEST(trim)
{
    char a[] = "  \t文书号\r\n ";
    CHECK_STR(field_trim(a), "文书号");
    char b[] = "\xE3\x80\x80 全角空格 \xE3\x80\x80";
    CHECK_STR(field_trim(b), "全角空格");
    char c[] = "   ";
    CHECK_STR(field_trim(c), "");
    char d[] = "中 间";
    CHECK_STR(field_trim(d), "中 间");
    /* a character ending in 0x80 is not white space */
    char e[] = "\xE4\xB8\x80";
    CHECK_STR(field_trim(e), "\xE4\xB8\x80");
}

int main(void)
{
    RUN(dates_three_formats);
    RUN(dates_invalid);
    RUN(date_times);
    RUN(money);
    RUN(yesno_and_int);
    RUN(lists);
    RUN(credit_codes);
    RUN(id_numbers);
    RUN(trim);
    return T_DONE();
}
