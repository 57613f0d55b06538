/*
 * test_pdf_text.c - the typesetting underneath the PDFs: shaping with font
 * fallback and 〓 for what cannot be printed, Chinese line breaking with
 * kinsoku, the lone-character rule, justification, style files.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "pdf.h"
#include "t.h"

static pdf_env *env;
static pdf_style *st;

static pdf_doc *doc(void)
{
    pdf_doc *d = pdf_doc_new(env, st, date_from_ymd(2026, 11, 23));
    CHECK(d != NULL);
    return d;
}

static const char sample[] =
    "您好！我们是示例县××局的执法人员，这是我们的执法证件，请您查验。"
    "经调查，您的行为涉嫌违反了《××法》第××条，本机关拟对您作出××的行政处罚。"
    "您有权进行陈述和申辩（请在收到告知书之日起五个工作日内提出），"
    "对处理结果不满意的，您可以拨打12345政务服务便民热线反映……好吗？“是的。”"
    /* UAX #14 lets a line start with a middle dot (AI = ID in Chinese);
     * kinsoku does not */
    "买买提·艾力·阿不都·热依木·吐尔逊·阿依古丽·买买提·艾力·阿不都·热依木。";

/* for every width, no line starts with closing or ends with opening
 * punctuation, and none is wider than the measure */
TEST(kinsoku_all_widths)
{
    pdf_doc *d = doc();
    if (!d)
        return;
    pdf_para p;
    pdf_para_init(&p, 10, 16, PDF_JUSTIFY, 0);
    pdf_shape(d, PDF_BODY, sample, strlen(sample), 0, &p.g);
    CHECK(p.g.n > 100);
    int bad_start = 0, bad_end = 0, too_wide = 0, lone = 0;
    for (double w = 35; w <= 400; w += 3.5) {
        pdf_tline *l;
        size_t n = pdf_break(&p, w, &l);
        CHECK(n > 0);
        for (size_t i = 0; i < n; i++) {
            if (l[i].end <= l[i].start)
                continue;
            if (i > 0 && pdf_no_line_start(p.g.v[l[i].start].cp))
                bad_start++;
            if (i + 1 < n && pdf_no_line_end(p.g.v[l[i].end - 1].cp))
                bad_end++;
            if (l[i].width > w + 0.01)
                too_wide++;
            if (i > 0 && l[i].next < l[i].start)
                too_wide++;
        }
        /* consecutive lines cover the paragraph */
        for (size_t i = 1; i < n; i++)
            CHECK(l[i].start == l[i - 1].next);
        CHECK(l[n - 1].next == p.g.n);
        if (n >= 2 && l[n - 1].end - l[n - 1].start == 1)
            lone++;
        free(l);
    }
    CHECK_INT(bad_start, 0);
    CHECK_INT(bad_end, 0);
    CHECK_INT(too_wide, 0);
    CHECK_INT(lone, 0);
    pdf_para_free(&p);
    pdf_doc_free(d);
}

/* a paragraph whose greedy last line would be one character */
TEST(no_lone_last_character)
{
    pdf_doc *d = doc();
    if (!d)
        return;
    pdf_para p;
    pdf_para_init(&p, 10, 16, PDF_JUSTIFY, 0);
    const char *s = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子";
    pdf_shape(d, PDF_BODY, s, strlen(s), 0, &p.g);
    CHECK_INT(p.g.n, 21);
    pdf_tline *l;
    size_t n = pdf_break(&p, 100.5, &l); /* ten per line: 10 + 10 + 1 greedily */
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK(l[2].end - l[2].start >= 2);
        /* the line before it is justified to the full measure */
        double tc = pdf_justify(&p, &l[1], 100.5, false);
        size_t k = l[1].end - l[1].start;
        CHECK(tc > 0);
        CHECK(l[1].width + tc * (double)(k - 1) > 100.4 && l[1].width + tc * (double)(k - 1) < 100.6);
        CHECK(pdf_justify(&p, &l[2], 100.5, true) == 0);
    }
    free(l);
    pdf_para_free(&p);
    pdf_doc_free(d);
}

/* a newline is a forced break; a long Latin word breaks where it must */
TEST(forced_and_emergency_breaks)
{
    pdf_doc *d = doc();
    if (!d)
        return;
    pdf_para p;
    pdf_para_init(&p, 10, 16, PDF_LEFT, 0);
    const char *s = "第一行\n第二行 https://www.example.gov.cn/zfgs/officers/41099901001.html";
    pdf_shape(d, PDF_BODY, s, strlen(s), 0, &p.g);
    pdf_tline *l;
    size_t n = pdf_break(&p, 80, &l);
    CHECK(n >= 4);
    CHECK_INT(l[0].end - l[0].start, 3);
    for (size_t i = 0; i < n; i++)
        CHECK(l[i].width <= 80.01);
    free(l);
    pdf_para_free(&p);
    pdf_doc_free(d);
}

TEST(unprintable_and_fallback)
{
    diag_init();
    diag_set_quiet(true);
    pdf_doc *d = doc();
    if (!d)
        return;
    gs_src src = {"officers.csv", 7};
    pdf_doc_src(d, &src, "姓名");
    pdf_glyphs g = {0};
    const char *s = "吉\xF0\xA0\xAE\xB7祥"; /* 吉𠮷祥: U+20BB7 is outside the BMP */
    pdf_shape(d, PDF_BODY, s, strlen(s), 0, &g);
    CHECK_INT(g.n, 3);
    if (g.n == 3) {
        CHECK_INT(g.v[1].cp, PDF_SUBST);
        CHECK(g.v[1].adv > 0);
    }
    CHECK_INT(diag_count(), 1);
    if (diag_count()) {
        CHECK_STR(diag_get(0)->file, "officers.csv");
        CHECK_INT(diag_get(0)->line, 7);
        CHECK(strstr(diag_get(0)->msg, "U+20BB7") != NULL);
    }
    /* the same row and character again: reported once */
    pdf_shape(d, PDF_BODY, s, strlen(s), 0, &g);
    CHECK_INT(diag_count(), 1);
    /* 鿌 (U+9FCC) is in neither wqy-zenhei nor uming: from HanaMinA */
    g.n = 0;
    pdf_shape(d, PDF_BODY, "中\xE9\xBF\x8C", 6, 0, &g);
    CHECK_INT(g.n, 2);
    if (g.n == 2) {
        CHECK_INT(g.v[1].cp, 0x9FCC);
        CHECK(g.v[1].face != g.v[0].face);
    }
    CHECK_INT(diag_count(), 1);
    free(g.v);
    pdf_doc_free(d);
    diag_free();
}

TEST(style_file)
{
    diag_init();
    diag_set_quiet(true);
    static const char y[] = "page: A5\n"
                            "margin: {top: 20, inner: x}\n"
                            "font:\n  fallback: [a.ttc#1, b.ttf]\n"
                            "color: {accent: \"#B3261E\", short: \"#fff\", bad: red}\n"
                            "sizes: [900x1200, A1]\n";
    pdf_style *s = pdf_style_parse(y, sizeof y - 1, "print/test.yaml");
    double w, h;
    pdf_style_page(s, "page", "A4", &w, &h);
    CHECK(w > 419 && w < 420 && h > 595 && h < 596);
    CHECK(pdf_style_mm(s, "margin.top", 5) > 56.6 && pdf_style_mm(s, "margin.top", 5) < 56.7);
    CHECK_INT(diag_count(), 0);
    CHECK(pdf_style_mm(s, "margin.inner", 10) > 28.3); /* bad: default, reported */
    CHECK_INT(diag_count(), 1);
    if (diag_count())
        CHECK_INT(diag_get(0)->line, 2);
    CHECK_STR(pdf_style_str(s, "font.fallback.1", NULL), "b.ttf");
    CHECK(pdf_style_str(s, "font.fallback.2", NULL) == NULL);
    CHECK_INT(pdf_style_color(s, "color.accent", 0), 0xB3261E);
    CHECK_INT(pdf_style_color(s, "color.short", 0), 0xFFFFFF);
    CHECK_INT(pdf_style_color(s, "color.bad", 0x123456), 0x123456);
    CHECK(pdf_page_size("900x1200", &w, &h) && w > 2551 && w < 2552);
    CHECK(!pdf_page_size("B7", &w, &h));
    pdf_style_free(s);
    s = pdf_style_parse("- a\n- b\n", 8, "print/list.yaml"); /* not a mapping */
    CHECK_INT(pdf_style_num(s, "size.body", 10.5) * 10, 105);
    pdf_style_free(s);
    diag_free();
}

TEST(helpers)
{
    char s[16];
    pdf_cn_number(1, s);
    CHECK_STR(s, "一");
    pdf_cn_number(10, s);
    CHECK_STR(s, "十");
    pdf_cn_number(12, s);
    CHECK_STR(s, "十二");
    pdf_cn_number(20, s);
    CHECK_STR(s, "二十");
    pdf_cn_number(99, s);
    CHECK_STR(s, "九十九");
    pdf_cn_number(120, s);
    CHECK_STR(s, "120");
    char *t = pdf_list_text("行政许可;行政处罚； 行政检查;");
    CHECK_STR(t, "行政许可、行政处罚、行政检查");
    free(t);
    char d[32];
    pdf_cn_date(date_from_ymd(2026, 1, 5), d);
    CHECK_STR(d, "2026年1月5日");
}

int main(void)
{
    tpl_dirs none = {NULL, 0};
    env = pdf_env_new();
    st = pdf_style_load(&none, "handbook"); /* built-in defaults */
    RUN(kinsoku_all_widths);
    RUN(no_lone_last_character);
    RUN(forced_and_emergency_breaks);
    RUN(unprintable_and_fallback);
    RUN(style_file);
    RUN(helpers);
    pdf_style_free(st);
    pdf_env_free(env);
    return T_DONE();
}
