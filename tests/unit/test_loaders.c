/*
 * test_loaders.c - the CSV loaders (gen/load_*.c) on the fixture folders:
 * tests/fixtures/mini (a small valid county) and tests/fixtures/bad (one
 * file per malformed case).  Checks what lands in the model and the exact
 * file:line of every diagnostic, and that good rows next to bad ones are
 * still loaded.  Run from the top of the repository.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "load_common.h"
#include "loaders.h"
#include "model.h"
#include "t.h"

#define MINI "tests/fixtures/mini/data/"
#define BAD "tests/fixtures/bad/"

static char tmpdir[256];

static bool has_diag(enum diag_level lv, const char *file, uint32_t line, const char *part)
{
    for (size_t i = 0; i < diag_count(); i++) {
        const diag_entry *e = diag_get(i);
        if (e->level == lv && e->line == line && strcmp(e->file, file) == 0 &&
            strstr(e->msg, part))
            return true;
    }
    return false;
}

static size_t count_level(enum diag_level lv)
{
    size_t n = 0;
    for (size_t i = 0; i < diag_count(); i++)
        n += diag_get(i)->level == lv;
    return n;
}

static void dump_diags(void)
{
    for (size_t i = 0; i < diag_count(); i++) {
        const diag_entry *e = diag_get(i);
        printf("  diag %s:%u: %s%s\n", e->file, (unsigned)e->line,
               e->level == DIAG_WARNING ? "warning: " : "", e->msg);
    }
}

/* no diagnostic may carry an ID number */
static bool diags_mention(const char *s)
{
    for (size_t i = 0; i < diag_count(); i++)
        if (strstr(diag_get(i)->msg, s))
            return true;
    return false;
}

static void load_base(gs_model *m)
{
    model_init(m);
    load_agencies(m, MINI "agencies.csv");
    load_officers(m, MINI "officers.csv");
}

static const gs_decision *find_decision(const gs_model *m, const char *doc)
{
    for (size_t i = 0; i < m->decisions.n; i++)
        if (strcmp(m->decisions.v[i].doc_no, doc) == 0)
            return &m->decisions.v[i];
    return NULL;
}

static const char *tmpfile_with(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

TEST(mini_agencies_and_officers)
{
    diag_init();
    gs_model m;
    load_base(&m);
    CHECK_INT(diag_count(), 0);
    CHECK_INT(m.agencies.n, 3);
    CHECK_INT(m.officers.n, 7);
    if (m.agencies.n == 3) {
        const gs_agency *a = &m.agencies.v[0];
        CHECK_STR(a->name, "示例县市场监督管理局");
        CHECK_STR(a->short_name, "县市场监管局");
        CHECK_STR(a->slug, "11419999mb0000001e");
        CHECK_STR(a->src.file, MINI "agencies.csv");
        CHECK_INT(a->src.line, 2);
        CHECK_STR(m.agencies.v[1].duties, "负责自然资源统一确权登记，\n负责国土空间用途管制。");
        CHECK_INT(m.agencies.v[2].src.line, 5); /* after a two-line record */
        /* no credit code: "a" + 12 hex digits of the name's hash */
        const char *s = m.agencies.v[2].slug;
        CHECK(s[0] == 'a' && strlen(s) == 13 && strspn(s + 1, "0123456789abcdef") == 12);
        CHECK_INT(m.agencies.v[1].updated, date_from_ymd(2024, 1, 5));
        CHECK_INT(m.agencies.v[2].updated, date_from_ymd(2024, 1, 5));
    }
    CHECK_INT(model_find_agency(&m, "县自然资源局"), 1);
    int32_t o = model_find_officer(&m, "41999901003");
    CHECK(o >= 0);
    if (o >= 0) {
        const gs_officer *of = &m.officers.v[o];
        CHECK_STR(of->name, "王建国");
        CHECK_INT(of->agency, 0); /* named by 简称 */
        CHECK_INT(of->cert_status, CERT_SUSPENDED);
        CHECK_INT(of->business_hours, -1);
        CHECK_STR(of->slug, "41999901003");
    }
    o = model_find_officer(&m, "41999901002");
    CHECK(o >= 0);
    if (o >= 0) {
        CHECK_INT(m.officers.v[o].legal_reviewer, YN_YES);
        CHECK_INT(m.officers.v[o].law_hours, 36);
        CHECK_INT(m.officers.v[o].valid_to, date_from_ymd(2027, 12, 31));
    }
    o = model_find_officer(&m, "卫执〔2023〕0302");
    CHECK(o >= 0);
    if (o >= 0) {
        const char *s = m.officers.v[o].slug;
        CHECK(s[0] == 'o' && strlen(s) == 17 && strspn(s + 1, "0123456789abcdef") == 16);
    }
    CHECK_INT(m.officer_order_n, m.officers.n);
    model_free(&m);
}

TEST(mini_decisions)
{
    diag_init();
    gs_model m;
    load_base(&m);
    const char *file = MINI "decisions.csv";
    load_decisions(&m, file);
    CHECK_INT(m.decisions.n, 8);
    CHECK_INT(diag_error_count(), 0);
    /* officer problems are warnings only */
    CHECK(has_diag(DIAG_WARNING, file, 4, "文书号 示市监处罚〔2024〕16号: 执法人员 lists 1 officer"));
    CHECK(has_diag(DIAG_WARNING, file, 5, "\"41999902001\": certificate expired on 2024-06-30"));
    CHECK(has_diag(DIAG_WARNING, file, 6, "\"41999901003\": certificate is 暂扣"));
    CHECK(has_diag(DIAG_WARNING, file, 7, "\"41999902001\": certificate expired"));
    CHECK_INT(count_level(DIAG_WARNING), 4);

    const gs_decision *d = find_decision(&m, "示市监处罚〔2024〕15号");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(d->src.line, 2);
        CHECK_INT(d->category, CAT_CHUFA);
        CHECK_INT(d->agency, 0);
        CHECK_INT(d->party_type, PARTY_ORG);
        CHECK_INT(d->date, date_from_ymd(2024, 9, 27));
        CHECK_INT(d->fine_fen, 500000);
        CHECK_INT(d->confiscation_fen, 24000);
        CHECK_INT(d->penalties, (1 << PEN_JINGGAO) | (1 << PEN_FAKUAN) | (1 << PEN_MOSHOU_CAIWU));
        CHECK_INT(d->procedure, PROC_NORMAL);
        CHECK_INT(d->occur_date, date_from_ymd(2024, 8, 15));
        CHECK_INT(d->occur_minute, 630);
        CHECK_INT(d->n_officers, 2);
        if (d->n_officers == 2)
            CHECK_STR(d->officers[1], "41999901002");
        CHECK_INT(d->legal_review, YN_YES);
        CHECK_INT(d->major, YN_NO);
        CHECK_INT(d->review_pending, 0);
        CHECK_INT(d->status, ST_VALID);
        CHECK_STR(d->facts, "经查，当事人于2024年8月15日销售超过保质期的\"鲜牛奶\"12盒，\n"
                            "货值金额共计人民币240元。");
        CHECK_STR(d->withheld, "");
        CHECK_STR(d->id_no, "");
        /* d/ + first two hex digits / + 16 hex digits */
        CHECK(strncmp(d->slug, "d/", 2) == 0 && strlen(d->slug) == 21 &&
              strncmp(d->slug + 2, d->slug + 5, 2) == 0 && d->slug[4] == '/');
    }
    d = find_decision(&m, "示市监处罚〔2024〕16号");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(d->src.line, 4);
        CHECK_INT(d->agency, 0); /* by 简称 */
        CHECK_INT(d->party_type, PARTY_GETI);
        CHECK_INT(d->date, date_from_ymd(2024, 10, 8));
        CHECK_INT(d->fine_fen, -1);
        CHECK_INT(d->occur_minute, -1);
        CHECK_INT(d->procedure, PROC_SIMPLE);
        CHECK_STR(d->id_no, "419999197512310043");
    }
    d = find_decision(&m, "示自然资处罚〔2024〕3号");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(d->date, date_from_ymd(2024, 11, 20));
        CHECK_INT(d->fine_fen, 1200000);
        CHECK_INT(d->confiscation_fen, 300050);
        CHECK_INT(d->lawyer, YN_YES);
        CHECK_STR(d->id_type, "身份证");
    }
    d = find_decision(&m, "示市监许可〔2024〕101号");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(d->permit_result, PERMIT_GRANT);
        CHECK_STR(d->permit_class, "普通");
        CHECK_INT(d->permit_to, date_from_ymd(2029, 10, 8));
    }
    d = find_decision(&m, "示自然资强制〔2024〕2号");
    CHECK(d != NULL);
    if (d)
        CHECK_INT(d->coercive, (1 << COER_CHAFENG) | (1 << COER_KOUYA));
    d = find_decision(&m, "示市监处罚〔2024〕9号");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(d->status, ST_REVOKED);
        CHECK_INT(d->status_date, date_from_ymd(2024, 12, 20));
        CHECK_STR(d->status_note, "经行政复议决定撤销");
    }
    d = find_decision(&m, "示市监处罚〔2025〕2号");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(d->review_pending, 1);
        CHECK_STR(d->withheld, "未成年人");
    }
    /* slugs are distinct */
    for (size_t i = 0; i < m.decisions.n; i++)
        for (size_t j = i + 1; j < m.decisions.n; j++)
            CHECK(strcmp(m.decisions.v[i].slug, m.decisions.v[j].slug) != 0);
    model_free(&m);
}

TEST(mini_lists)
{
    diag_init();
    gs_model m;
    load_base(&m);
    load_powers(&m, MINI "powers.csv");
    load_inspections(&m, MINI "inspections.csv");
    load_phrases(&m, MINI "phrases.csv");
    CHECK_INT(diag_count(), 0);
    CHECK_INT(m.powers.n, 3);
    if (m.powers.n == 3) {
        CHECK_STR(m.powers.v[0].code, "SJ-CF-001");
        CHECK_INT(m.powers.v[2].agency, 1);
        CHECK_STR(m.powers.v[2].code, "");
        CHECK_STR(m.powers.v[1].time_limit, "20个工作日");
    }
    CHECK_INT(m.inspections.n, 2);
    if (m.inspections.n == 2) {
        CHECK_INT(m.inspections.v[0].agency, 0);
        CHECK_INT(m.inspections.v[1].agency, -1); /* not an agency: no error */
    }
    CHECK_INT(m.phrases.n, 3);
    if (m.phrases.n == 3) {
        CHECK_STR(m.phrases.v[0].category, "通用");
        CHECK_INT(m.phrases.v[0].agency, -1);
        CHECK_INT(m.phrases.v[2].seq, 1);
        CHECK_INT(m.phrases.v[2].agency, 0);
    }
    model_free(&m);
}

TEST(cannot_open)
{
    diag_init();
    gs_model m;
    model_init(&m);
    load_agencies(&m, "tests/fixtures/no-such-dir/agencies.csv");
    CHECK(has_diag(DIAG_ERROR, "tests/fixtures/no-such-dir/agencies.csv", 1, "cannot open: "));
    CHECK_INT(m.agencies.n, 0);
    model_free(&m);
}

/* a bad agencies-format file: what is reported, what is loaded */
static void bad_agencies(const char *name, uint32_t line, const char *msg, size_t loaded)
{
    diag_init();
    gs_model m;
    model_init(&m);
    char path[256];
    snprintf(path, sizeof path, BAD "%s", name);
    load_agencies(&m, path);
    bool ok = has_diag(DIAG_ERROR, path, line, msg) && diag_error_count() == 1 &&
              m.agencies.n == loaded;
    if (!ok) {
        printf("  %s: expected %s:%u: %s and %zu rows, got %zu rows\n", name, path,
               (unsigned)line, msg, loaded, m.agencies.n);
        dump_diags();
    }
    CHECK(ok);
    model_free(&m);
}

TEST(bad_files)
{
    bad_agencies("unterminated_quote.csv", 4, "unterminated quoted field", 2);
    bad_agencies("too_many_fields.csv", 3, "record has 6 fields, header has 4", 2);
    bad_agencies("bad_quote.csv", 3, "bad quoting in column 机关名称", 2);
    bad_agencies("damaged_utf8.csv", 3, "invalid UTF-8 byte sequence in column 简称", 2);
    bad_agencies("empty.csv", 1, "empty file (no header row)", 0);
    bad_agencies("binary.csv", 1, "not a text file", 0);
    bad_agencies("wrong_encoding.csv", 1, "not valid UTF-8 or GB18030 text (first bad byte on line 2)", 0);

    diag_init();
    gs_model m;
    model_init(&m);
    load_agencies(&m, BAD "header_only.csv");
    CHECK_INT(diag_count(), 0);
    CHECK_INT(m.agencies.n, 0);
    model_free(&m);
}

/* a bad decisions file over the mini agencies and officers */
static void bad_decisions(const char *name, uint32_t line, const char *msg, size_t loaded,
                          size_t errors)
{
    diag_init();
    gs_model m;
    load_base(&m);
    char path[256];
    snprintf(path, sizeof path, BAD "%s", name);
    load_decisions(&m, path);
    bool ok = has_diag(DIAG_ERROR, path, line, msg) && diag_error_count() == errors &&
              m.decisions.n == loaded;
    if (!ok) {
        printf("  %s: expected %s:%u: %s and %zu rows, got %zu rows\n", name, path,
               (unsigned)line, msg, loaded, m.decisions.n);
        dump_diags();
    }
    CHECK(ok);
    CHECK(!diags_mention("419999198001010018"));
    model_free(&m);
}

TEST(bad_decision_files)
{
    bad_decisions("duplicate_key.csv", 4,
                  "文书号 示市监处罚〔2024〕15号: duplicate 文书号, first on line 2", 2, 1);
    bad_decisions("unknown_agency.csv", 3,
                  "文书号 示市监处罚〔2024〕16号: 执法机关 \"示例县城市管理局\" is not in agencies.csv",
                  2, 1);
    bad_decisions("bad_date.csv", 3,
                  "文书号 示市监处罚〔2024〕16号: 决定日期 \"2024-02-30\" is not a valid date", 2, 1);
    bad_decisions("bad_check_digit.csv", 2,
                  "文书号 示市监处罚〔2024〕15号: 统一社会信用代码 check character is wrong", 2, 2);
    bad_decisions("bad_check_digit.csv", 4,
                  "文书号 示自然资处罚〔2024〕3号: 证件号码 is not a valid 身份证 number", 2, 2);
    bad_decisions("missing_column.csv", 1, "missing required column 决定日期", 0, 1);
}

TEST(decision_rules)
{
    diag_init();
    gs_model m;
    load_base(&m);
    const char *path = tmpfile_with(
        "rules.csv",
        "文书号,执法类别,执法机关,相对人名称,相对人类别,统一社会信用代码,证件类型,证件号码,决定日期,"
        "违法行为类型,执法结论,处罚类别,罚款金额,许可结果,强制措施,重大执法决定,公示审核,不予公开,"
        "状态,状态日期,程序类型,发生时间,执法人员\n"
        /* 2 */ "R2,行政处罚,县市场监管局,甲公司,法人及非法人组织,91419999MA00000014,,,2024-05-06,虚假宣传,罚款,,,,,,,,,,,,41999901001;41999901002\n"
        /* 3 */ "R3,行政许可,县市场监管局,甲公司,法人及非法人组织,91419999MA00000014,,,2024-05-06,,准予,,,,,,,,,,,,41999901001;41999901002\n"
        /* 4 */ "R4,行政强制,县市场监管局,甲公司,法人及非法人组织,91419999MA00000014,,,2024-05-06,,查封,,,,,,,,,,,,41999901001;41999901002\n"
        /* 5 */ "R5,行政检查,县市场监管局,张三,自然人,,,,2024-05-06,,无,,,,,,,,,,,,41999901001;41999901002\n"
        /* 6 */ "R6,行政检查,县市场监管局,甲公司,法人及非法人组织,,,,2024-05-06,,无,,,,,,,,,,,,41999901001;41999901002\n"
        /* 7 */ "R7,行政检查,县市场监管局,甲公司,法人及非法人组织,91419999MA00000014,,,2024-05-06,,无,,,,,,,,撤销,,,,41999901001;41999901002\n"
        /* 8 */ "R8,行政检查,县市场监管局,甲公司,法人及非法人组织,91419999MA00000014,,,2024-05-06,,无,,,,,是的,待定,保密,作废,,快速,2024-05-06 25:00,41999901001;41999901002\n"
        /* 9 */ "R9,行政处罚,县市场监管局,甲公司,法人及非法人组织,91419999MA00000014,,,2024-05-06,虚假宣传,罚款,罚款;罚金,1.234,,,,,,,,,,41999901001;41999901002\n"
        /* 10 */ "R10,行政处分,县市场监管局,甲公司,法人,91419999MA00000014,,,2024-05-06,,无,,,,,,,,,,,,41999901001;41999901002\n"
        /* 11 */ "R11,行政检查,县市场监管局,李四,自然人,,护照,E12345678,2024-05-06,,无,,,,,,,,,,,,41999901001;41999901002\n"
        /* 12 */ "R12,行政检查,县市场监管局,王五,自然人,,,419999198001010019,2024-05-06,,无,,,,,,,,更正,2024-06-01,,,41999901001;41999901002\n"
        /* 13 */ ",行政检查,县市场监管局,王五,自然人,,,419999198001010019,2024-05-06,,无,,,,,,,,,,,,\n"
        /* 14 */ "R14,行政检查,县市场监管局,甲公司,法人及非法人组织,91419999mA00000014,,,2024-05-06,,无,,,,,,,,,,,,41999901001;41999901002\n"
        /* 15 */ "R15,行政检查,县市场监管局,甲公司,法人及非法人组织,91419999MA00000014,,,2024-05-06,,无,,,,,,,,,,,,41999901001;41999909999\n"
        /* 16 */ "R16,行政检查,县市场监管局,甲公司,法人及非法人组织,91419999MA00000014,,,,,,,,,,,,,,,,,41999901001;41999901002\n");
    load_decisions(&m, path);
    CHECK(has_diag(DIAG_ERROR, path, 2, "文书号 R2: 处罚类别 is required for 行政处罚"));
    CHECK(has_diag(DIAG_ERROR, path, 3, "文书号 R3: 许可结果 is required for 行政许可"));
    CHECK(has_diag(DIAG_ERROR, path, 4, "文书号 R4: 强制措施 is required for 行政强制"));
    CHECK(has_diag(DIAG_ERROR, path, 5, "文书号 R5: 证件号码 is required for 自然人"));
    CHECK(has_diag(DIAG_ERROR, path, 6, "文书号 R6: 统一社会信用代码 is required for 法人及非法人组织"));
    CHECK(has_diag(DIAG_ERROR, path, 7, "文书号 R7: 状态日期 is required when 状态 is 撤销"));
    CHECK(has_diag(DIAG_ERROR, path, 8, "重大执法决定 \"是的\" must be 是 or 否"));
    CHECK(has_diag(DIAG_ERROR, path, 8, "公示审核 \"待定\" is not one of 通过, 待审"));
    CHECK(has_diag(DIAG_ERROR, path, 8, "不予公开 \"保密\" is not one of 国家秘密"));
    CHECK(has_diag(DIAG_ERROR, path, 8, "状态 \"作废\" is not one of 有效"));
    CHECK(has_diag(DIAG_ERROR, path, 8, "程序类型 \"快速\" is not one of 简易程序, 普通程序"));
    CHECK(has_diag(DIAG_ERROR, path, 8, "发生时间 \"2024-05-06 25:00\" is not a valid date"));
    CHECK(has_diag(DIAG_ERROR, path, 9, "处罚类别 \"罚金\" is not one of 警告"));
    CHECK(has_diag(DIAG_ERROR, path, 9, "罚款金额 \"1.234\" is not an amount in yuan"));
    CHECK(has_diag(DIAG_ERROR, path, 10, "执法类别 \"行政处分\" is not one of"));
    CHECK(has_diag(DIAG_ERROR, path, 10, "相对人类别 \"法人\" is not one of"));
    CHECK(has_diag(DIAG_ERROR, path, 13, "文书号 is empty"));
    CHECK(has_diag(DIAG_ERROR, path, 14, "文书号 R14: 统一社会信用代码 must be 18 characters"));
    CHECK(has_diag(DIAG_WARNING, path, 15, "文书号 R15: 执法人员 \"41999909999\" is not in officers.csv"));
    CHECK(has_diag(DIAG_ERROR, path, 16, "文书号 R16: 决定日期 is empty"));
    CHECK(has_diag(DIAG_ERROR, path, 16, "文书号 R16: 执法结论 is empty"));
    /* R11 (passport, any number), R12 (更正 with a date), R15 (warning) load */
    CHECK_INT(m.decisions.n, 3);
    CHECK(find_decision(&m, "R11") != NULL);
    CHECK(find_decision(&m, "R12") != NULL);
    CHECK(find_decision(&m, "R15") != NULL);
    CHECK(!diags_mention("419999198001010019"));
    CHECK(!diags_mention("E12345678"));
    model_free(&m);
}

TEST(officer_and_list_rules)
{
    diag_init();
    gs_model m;
    model_init(&m);
    load_agencies(&m, MINI "agencies.csv");
    const char *path = tmpfile_with(
        "officers.csv",
        "姓名,执法证号,执法机关,证件状态,有效期至,法制审核人员,业务培训学时,法律培训学时\n"
        "甲,A-1,县市场监管局,有效,2026-01-01,是,30,30\n"
        "乙,A-1,县市场监管局,有效,2026-01-01,是,30,30\n"
        "丙,A-3,县城管局,吊销,2026-13-01,对,三十,-1\n"
        "丁,a-1,县卫健委,有效,,,,\n"
        ",A-5,县卫健委,有效,,,,\n");
    load_officers(&m, path);
    CHECK(has_diag(DIAG_ERROR, path, 3, "执法证号 A-1: duplicate 执法证号, first on line 2"));
    CHECK(has_diag(DIAG_ERROR, path, 4, "执法证号 A-3: 执法机关 \"县城管局\" is not in agencies.csv"));
    CHECK(has_diag(DIAG_ERROR, path, 4, "证件状态 \"吊销\" is not one of 有效, 暂扣, 注销, 过期"));
    CHECK(has_diag(DIAG_ERROR, path, 4, "有效期至 \"2026-13-01\" is not a valid date"));
    CHECK(has_diag(DIAG_ERROR, path, 4, "法制审核人员 \"对\" must be 是 or 否"));
    CHECK(has_diag(DIAG_ERROR, path, 4, "业务培训学时 \"三十\" is not a whole number"));
    CHECK(has_diag(DIAG_ERROR, path, 4, "法律培训学时 \"-1\" is not a whole number"));
    CHECK(has_diag(DIAG_ERROR, path, 6, "执法证号 A-5: 姓名 is empty"));
    CHECK_INT(m.officers.n, 2);
    if (m.officers.n == 2) {
        /* slugs differ only in case: made distinct */
        CHECK_STR(m.officers.v[0].slug, "A-1");
        CHECK_STR(m.officers.v[1].slug, "a-1-2");
    }

    diag_init();
    path = tmpfile_with("powers.csv",
                        "职权编码,职权类别,职权名称,执法机关,更新日期\n"
                        "P1,行政处罚,对甲的处罚,县市场监管局,2024-01-01\n"
                        "P1,行政处罚,对乙的处罚,县市场监管局,2024-01-01\n"
                        ",行政检查,检查丙,县城管局,2024-01-01\n"
                        "P4,行政检查,检查丁,县市场监管局,昨天\n"
                        "P5,,,县市场监管局,\n");
    load_powers(&m, path);
    CHECK(has_diag(DIAG_ERROR, path, 3, "职权编码 P1: duplicate 职权编码, first on line 2"));
    CHECK(has_diag(DIAG_ERROR, path, 4, "职权名称 检查丙: 执法机关 \"县城管局\" is not in agencies.csv"));
    CHECK(has_diag(DIAG_ERROR, path, 5, "职权编码 P4: 更新日期 \"昨天\" is not a valid date"));
    CHECK(has_diag(DIAG_ERROR, path, 6, "职权编码 P5: 职权类别 is empty"));
    CHECK(has_diag(DIAG_ERROR, path, 6, "职权编码 P5: 职权名称 is empty"));
    CHECK_INT(m.powers.n, 1);

    diag_init();
    path = tmpfile_with("phrases.csv",
                        "执法类别,场景,序号,规范用语,执法机关\n"
                        "通用,问候,1,您好。,\n"
                        "行政审判,问候,2,您好。,\n"
                        "行政检查,检查,二,请配合。,\n"
                        "行政检查,检查,3,请配合。,县城管局\n"
                        "行政检查,检查,4,,\n");
    load_phrases(&m, path);
    CHECK(has_diag(DIAG_ERROR, path, 3, "场景 问候: 执法类别 \"行政审判\" is not one of"));
    CHECK(has_diag(DIAG_ERROR, path, 4, "场景 检查: 序号 \"二\" is not a whole number"));
    CHECK(has_diag(DIAG_ERROR, path, 5, "执法机关 \"县城管局\" is not in agencies.csv"));
    CHECK(has_diag(DIAG_ERROR, path, 6, "规范用语 is empty"));
    CHECK_INT(m.phrases.n, 1);

    diag_init();
    path = tmpfile_with("inspections.csv", "抽查事项,抽查主体,更新日期\n"
                                           "甲,县卫健委,\n"
                                           ",县卫健委,\n"
                                           "丙,,2024-01-01\n");
    load_inspections(&m, path);
    CHECK(has_diag(DIAG_ERROR, path, 3, "抽查事项 is empty"));
    CHECK(has_diag(DIAG_ERROR, path, 4, "抽查事项 丙: 抽查主体 is empty"));
    CHECK_INT(m.inspections.n, 1);
    if (m.inspections.n == 1)
        CHECK_INT(m.inspections.v[0].agency, 2);
    model_free(&m);
}

TEST(agency_rules)
{
    diag_init();
    gs_model m;
    model_init(&m);
    const char *path = tmpfile_with(
        "agencies.csv",
        "机关名称,统一社会信用代码,简称,更新日期\n"
        "甲局,11419999MB0000001E,甲,2024-01-01\n"
        "乙局,11419999MB0000001E,乙,2024-01-01\n"
        "丙局,11419999MB0000001F,丙,2024-02-30\n"
        "甲局,,,\n"
        ",,戊,\n"
        "丁局,,甲局,\n");
    load_agencies(&m, path);
    CHECK(has_diag(DIAG_WARNING, path, 3, "机关名称 乙局: 统一社会信用代码 is also used on line 2"));
    CHECK(has_diag(DIAG_WARNING, path, 4, "机关名称 丙局: 统一社会信用代码 check character is wrong"));
    CHECK(has_diag(DIAG_WARNING, path, 4, "更新日期 \"2024-02-30\" is not a valid date"));
    CHECK(has_diag(DIAG_ERROR, path, 5, "机关名称 甲局: duplicate 机关名称, first on line 2"));
    CHECK(has_diag(DIAG_ERROR, path, 6, "机关名称 is empty"));
    CHECK(has_diag(DIAG_WARNING, path, 7, "简称 \"甲局\" is already the name"));
    CHECK_INT(diag_error_count(), 2);
    CHECK_INT(m.agencies.n, 4);
    if (m.agencies.n == 4) {
        CHECK_STR(m.agencies.v[0].slug, "11419999mb0000001e");
        CHECK_STR(m.agencies.v[1].slug, "11419999mb0000001e-2");
        CHECK(m.agencies.v[2].slug[0] == 'a'); /* invalid code: hashed name */
        CHECK_INT(m.agencies.v[2].updated, GS_NODATE);
    }
    model_free(&m);
}

TEST(shifted_personal_data_is_masked)
{
    /* a stray comma shifts an ID number and a phone number into checked columns */
    diag_init();
    gs_model m;
    load_base(&m);
    const char *path = tmpfile_with(
        "shifted.csv",
        "文书号,执法类别,执法机关,相对人名称,相对人类别,证件号码,决定日期,执法结论,罚款金额\n"
        "S2,行政检查,县市场监管局,张三,,419999198001010019,2024-05-06,无,138-0000-0000\n"
        "S3,行政检查,县市场监管局,张三,自然人,419999198001010019,2024-05-06,无,0371-5550101\n");
    load_decisions(&m, path);
    CHECK(has_diag(DIAG_ERROR, path, 2, "文书号 S2: 相对人类别 is empty"));
    CHECK(has_diag(DIAG_ERROR, path, 2, "罚款金额 \"***-****-****\" is not an amount"));
    CHECK(has_diag(DIAG_ERROR, path, 3, "罚款金额 \"****-*******\" is not an amount"));
    CHECK(!diags_mention("0000"));
    CHECK(!diags_mention("5550101"));
    CHECK(!diags_mention("419999198001010019"));
    model_free(&m);
    char q[MSG_VALUE_SIZE];
    CHECK_STR(msg_value(q, "ID 41999919900101123X end"), "\"ID ****************** end\"");
    CHECK_STR(msg_value(q, "2024-05-06"), "\"2024-05-06\"");
    CHECK_STR(msg_value(q, "2024-05-06 10:30"), "\"2024-05-06 10:30\"");
    CHECK_STR(msg_value(q, "tel 138 0000 0000."), "\"tel *** **** ****.\"");
    CHECK_STR(msg_value(q, "6228 4800 1234 5678 901"), "\"**** **** **** **** ***\"");
    CHECK_STR(msg_value(q, "罚款5,000元"), "\"罚款5,000元\"");
    CHECK_STR(msg_value(q, "a\nb"), "\"a b\"");
    CHECK_STR(msg_value_raw(q, "41999901001"), "\"41999901001\"");
}

TEST(keyset_twins)
{
    /* different strings with the same 64-bit hash: counted for slugs */
    keyset k;
    keyset_init(&k);
    unsigned twins = 9;
    CHECK_INT(keyset_add_hashed(&k, "甲", 42, 2, &twins), 0);
    CHECK_INT(twins, 0);
    CHECK_INT(keyset_add_hashed(&k, "乙", 42, 3, &twins), 0);
    CHECK_INT(twins, 1);
    CHECK_INT(keyset_add_hashed(&k, "丙", 43, 4, &twins), 0);
    CHECK_INT(twins, 0);
    for (int i = 0; i < 200; i++) { /* force rehashing */
        static char names[200][16];
        snprintf(names[i], sizeof names[i], "k%u", (unsigned)i % 1000u);
        keyset_add(&k, names[i], (uint32_t)i + 10);
    }
    CHECK_INT(keyset_add_hashed(&k, "丁", 42, 5, &twins), 0);
    CHECK_INT(twins, 2);
    CHECK_INT(keyset_add_hashed(&k, "乙", 42, 6, &twins), 3); /* a duplicate */
    CHECK_INT(keyset_find(&k, "k150"), 160);
    CHECK_INT(keyset_find(&k, "k200"), 0);
    keyset_free(&k);
}

int main(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/gongshi-load-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    diag_set_quiet(true);
    RUN(mini_agencies_and_officers);
    RUN(mini_decisions);
    RUN(mini_lists);
    RUN(cannot_open);
    RUN(bad_files);
    RUN(bad_decision_files);
    RUN(decision_rules);
    RUN(officer_and_list_rules);
    RUN(agency_rules);
    RUN(shifted_personal_data_is_masked);
    RUN(keyset_twins);
    diag_free();
    const char *names[] = {"rules.csv", "officers.csv", "powers.csv", "phrases.csv",
                           "inspections.csv", "agencies.csv", "shifted.csv"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", tmpdir, names[i]);
        unlink(p);
    }
    rmdir(tmpdir);
    return T_DONE();
}
