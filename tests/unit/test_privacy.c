/*
 * test_privacy.c - name masking and free-text scrubbing, including the
 * adversarial fixture set in tests/fixtures/privacy/scrub.tsv, and the
 * minors rule.
 */
#include <stdio.h>
#include <stdlib.h>

#include "privacy.h"
#include "t.h"

static void check_scrub(const char *in, unsigned what, const char *want, int line)
{
    char *got = privacy_scrub(in, what, NULL, NULL);
    if (strcmp(got, want) != 0) {
        printf("%s:%d: scrub(\"%s\") == \"%s\", expected \"%s\"\n", __FILE__, line, in,
               got, want);
        t_cur_failed = 1;
    }
    free(got);
}
#define SCRUB(in, want) check_scrub(in, SCRUB_ALL, want, __LINE__)
#define M PRIVACY_MARK

TEST(mask_names)
{
    char *s;
    CHECK_STR(s = privacy_mask_name("张三丰"), "张某"); free(s);
    CHECK_STR(s = privacy_mask_name("欧阳明辉"), "欧阳某"); free(s);
    CHECK_STR(s = privacy_mask_name("诸葛亮"), "诸葛某"); free(s);
    CHECK_STR(s = privacy_mask_name("王五"), "王某"); free(s);
    CHECK_STR(s = privacy_mask_name(""), ""); free(s);
    /* a one-character "compound" prefix is not enough: 欧阳 alone stays a name */
    CHECK_STR(s = privacy_mask_name("欧阳"), "欧某"); free(s);
}

TEST(ids)
{
    SCRUB("身份证号419999198001011234，住址", "身份证号" M "，住址");
    SCRUB("证号41999919800101123X。", "证号" M "。");
    SCRUB("旧证号419999800101123号", "旧证号" M "号");
    SCRUB("全角４１９９９９１９８００１０１１２３４", "全角" M);
    SCRUB("分开 419999 19800101 1234 写", "分开 " M " 写");
}

TEST(phones)
{
    SCRUB("联系电话13800138000。", "联系电话" M "。");
    SCRUB("电话 138-0013-8000", "电话 " M);
    SCRUB("电话 138 0013 8000 转", "电话 " M " 转");
    SCRUB("座机0379-61234567", "座机" M);
    SCRUB("座机（0379）61234567", "座机" M);
    SCRUB("tel:+8613800138000", "tel:" M);
}

/* strings gongshi makes itself (URL hashes) must not look like a mobile
 * number, whatever stands around the digits */
TEST(mobile_shape)
{
#define SHAPE(s) privacy_has_mobile_shape(s, strlen(s))
    CHECK(SHAPE("d/15/15847818709b069c"));
    CHECK(SHAPE("x13800138000"));
    CHECK(SHAPE("0013800138000")); /* inside a longer run */
    CHECK(!SHAPE("d/15/1584781870b9069c"));
    CHECK(!SHAPE("12800138000"));  /* 12: no mobile prefix */
    CHECK(!SHAPE("1380013800"));   /* ten digits */
    CHECK(!SHAPE(""));
#undef SHAPE
}

TEST(cards_and_mail)
{
    SCRUB("卡号6222020200112233445", "卡号" M);
    SCRUB("卡号 6222 0202 0011 2233", "卡号 " M);
    SCRUB("邮箱 zhang.san@example.com 联系", "邮箱 " M " 联系");
    SCRUB("not@mail", "not@mail");
}

TEST(keeps_ordinary_numbers)
{
    SCRUB("2024-01-15 罚款12,000元，没收3000元", "2024-01-15 罚款12,000元，没收3000元");
    SCRUB("示市监处罚〔2024〕15号", "示市监处罚〔2024〕15号");
    SCRUB("第一百二十四条第1款", "第一百二十四条第1款");
    SCRUB("2023-01-01-2023-12-31 期间", "2023-01-01-2023-12-31 期间");
    SCRUB("代码91410500MA00000000", "代码91410500MA00000000");
}

TEST(staff_keeps_phones)
{
    check_scrub("投诉电话 0379-61234567，手机13800138000", SCRUB_STAFF,
                "投诉电话 0379-61234567，手机13800138000", __LINE__);
    check_scrub("身份证419999198001011234", SCRUB_STAFF, "身份证" M, __LINE__);
}

TEST(name_in_text)
{
    char *s = privacy_scrub("当事人张三丰于店内销售，张三丰承认。", SCRUB_ALL, "张三丰", "张某");
    CHECK_STR(s, "当事人张某于店内销售，张某承认。");
    free(s);
}

TEST(decision_party)
{
    gs_model m;
    model_init(&m);
    gs_decision d;
    memset(&d, 0, sizeof d);
    d.party_type = PARTY_PERSON;
    d.party_name = "李小龙";
    d.legal_rep = "";
    d.id_no = "";
    char *s = privacy_party_name(&m, &d);
    CHECK_STR(s, "李某");
    free(s);
    s = privacy_decision_text(&m, &d, "李小龙电话13912345678");
    CHECK_STR(s, "李某电话" M);
    free(s);
    m.settings.mask_names = false;
    s = privacy_party_name(&m, &d);
    CHECK_STR(s, "李小龙");
    free(s);
    m.settings.mask_names = true;
    d.party_type = PARTY_GETI;
    d.party_name = "示例县小龙便利店";
    d.legal_rep = "李小龙";
    s = privacy_legal_rep(&m, &d);
    CHECK_STR(s, "李某");
    free(s);
    s = privacy_decision_text(&m, &d, "经营者李小龙未按规定");
    CHECK_STR(s, "经营者李某未按规定");
    free(s);
    model_free(&m);
}

/* tests/fixtures/privacy/scrub.tsv: mode TAB input [TAB expected] */
TEST(fixtures)
{
    FILE *f = fopen("tests/fixtures/privacy/scrub.tsv", "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int n = 0, lineno = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (!len || line[0] == '#')
            continue;
        char *in = strchr(line, '\t');
        if (!in) {
            printf("scrub.tsv:%d: no input column\n", lineno);
            t_cur_failed = 1;
            continue;
        }
        *in++ = 0;
        char *want = strchr(in, '\t');
        if (want)
            *want++ = 0;
        else
            want = in;
        char *got;
        if (strcmp(line, "all") == 0) {
            got = privacy_scrub(in, SCRUB_ALL, NULL, NULL);
        } else if (strcmp(line, "staff") == 0) {
            got = privacy_scrub(in, SCRUB_STAFF, NULL, NULL);
        } else if (strncmp(line, "name:", 5) == 0) {
            char *mask = privacy_mask_name(line + 5);
            got = privacy_scrub(in, SCRUB_ALL, line + 5, mask);
            free(mask);
        } else {
            printf("scrub.tsv:%d: unknown mode %s\n", lineno, line);
            t_cur_failed = 1;
            continue;
        }
        if (strcmp(got, want) != 0) {
            printf("scrub.tsv:%d: %s \"%s\" -> \"%s\", expected \"%s\"\n", lineno, line, in,
                   got, want);
            t_cur_failed = 1;
        }
        /* scrubbing is idempotent: the ledger re-publishes scrubbed text */
        char *again = privacy_scrub(got, strcmp(line, "staff") == 0 ? SCRUB_STAFF : SCRUB_ALL,
                                    NULL, NULL);
        if (strcmp(again, got) != 0) {
            printf("scrub.tsv:%d: not idempotent: \"%s\" -> \"%s\"\n", lineno, got, again);
            t_cur_failed = 1;
        }
        free(again);
        free(got);
        n++;
    }
    free(line);
    fclose(f);
    CHECK(n >= 100);
}

/* a GETI trading under its operator's name; a minor is never published */
TEST(geti_and_minor)
{
    gs_model m;
    model_init(&m);
    gs_decision d;
    memset(&d, 0, sizeof d);
    d.party_type = PARTY_GETI;
    d.party_name = "示例县李小龙水果店";
    d.legal_rep = "李小龙";
    d.id_no = "";
    char *s = privacy_party_name(&m, &d);
    CHECK_STR(s, "示例县李某水果店");
    free(s);
    d.party_type = PARTY_PERSON;
    d.party_name = "李小龙";
    d.legal_rep = "";
    d.date = date_from_ymd(2024, 3, 1);
    d.id_no = "419999201001011235"; /* born 2010-01-01 */
    CHECK(privacy_is_minor(&d));
    d.date = date_from_ymd(2028, 1, 1); /* 18 that day */
    CHECK(!privacy_is_minor(&d));
    d.date = date_from_ymd(2027, 12, 31);
    CHECK(privacy_is_minor(&d));
    d.id_no = "419999198001011230";
    CHECK(!privacy_is_minor(&d));
    d.party_type = PARTY_ORG;
    d.id_no = "419999201001011235";
    CHECK(!privacy_is_minor(&d));
    model_free(&m);
}

int main(void)
{
    RUN(mask_names);
    RUN(ids);
    RUN(phones);
    RUN(cards_and_mail);
    RUN(keeps_ordinary_numbers);
    RUN(staff_keeps_phones);
    RUN(name_in_text);
    RUN(decision_party);
    RUN(fixtures);
    RUN(geti_and_minor);
    RUN(mobile_shape);
    return T_DONE();
}
