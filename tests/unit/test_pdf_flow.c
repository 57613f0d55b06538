/*
 * test_pdf_flow.c - pagination (keep-together, keep-with-next, orphans and
 * widows, repeated table heads), the phrase book's order, and the products
 * made from a small model: page counts, valid certificates only, and the
 * same bytes for the same input.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "pdf.h"
#include "t.h"

static pdf_env *env;
static pdf_style *st;

/* ---- the flow ---- */

typedef struct hit {
    int anchor, no;
    double y;
} hit;

typedef struct rec {
    pdf_doc *d;
    hit h[64];
    int n;
} rec;

static pdf_page *newpage(void *ctx, int no)
{
    rec *r = ctx;
    return pdf_doc_page(r->d, 300, 200);
}

static void anchor(void *ctx, int a, pdf_page *pg, int no, double y)
{
    rec *r = ctx;
    if (r->n < 64)
        r->h[r->n++] = (hit){a, no, y};
}

/* a block of n rows of 20 pt; the first row anchored */
static void rows(pdf_block *b, int n, int anchor_id)
{
    pdf_block_reset(b);
    for (int i = 0; i < n; i++) {
        pdf_row *r = pdf_block_row(b, 20);
        if (i == 0)
            r->anchor = anchor_id;
        pdf_block_rect(b, 0, 0, 10, 10, 0, PDF_NOCOLOR, 0);
    }
}

static const hit *find(const rec *r, int a, int nth)
{
    for (int i = 0; i < r->n; i++)
        if (r->h[i].anchor == a && nth-- == 0)
            return &r->h[i];
    return NULL;
}

/* frame 10..190: nine rows of 20 pt per page */
TEST(flow_rules)
{
    rec r = {0};
    r.d = pdf_doc_new(env, st, date_from_ymd(2026, 11, 23));
    CHECK(r.d != NULL);
    if (!r.d)
        return;
    pdf_flow_cb cb = {newpage, anchor, &r};
    pdf_flow *f = pdf_flow_new(r.d, &cb, 10, 190, 20, 30, 1, false);
    pdf_block b;
    pdf_block_init(&b);
    rows(&b, 5, 1); /* page 1: rows 1-5 */
    pdf_flow_add(f, &b);
    rows(&b, 5, 2); /* kept together: does not fit (4 left), page 2 */
    b.keep = true;
    pdf_flow_add(f, &b);
    rows(&b, 3, 3); /* page 2: rows 6-8 */
    pdf_flow_add(f, &b);
    rows(&b, 1, 4); /* a heading with one row left on page 2 */
    b.keep_next = true;
    pdf_flow_add(f, &b);
    rows(&b, 3, 5); /* ... and a kept block after it: both to page 3 */
    b.keep = true;
    pdf_flow_add(f, &b);
    rows(&b, 6, 6); /* page 3 at row 5: five fit, one would be a widow */
    pdf_flow_add(f, &b);
    rows(&b, 1, 7); /* a table: its head repeats on each page */
    pdf_block_row(&b, 20);
    for (int i = 0; i < 20; i++)
        pdf_block_row(&b, 20);
    b.header_rows = 1;
    b.break_before = true;
    pdf_flow_add(f, &b);
    int pages = pdf_flow_finish(f);
    pdf_flow_free(f);
    pdf_block_free(&b);

    const hit *h;
    CHECK((h = find(&r, 1, 0)) && h->no == 1 && h->y == 10);
    CHECK((h = find(&r, 2, 0)) && h->no == 2 && h->y == 10);
    CHECK((h = find(&r, 3, 0)) && h->no == 2 && h->y == 110);
    CHECK((h = find(&r, 4, 0)) && h->no == 3 && h->y == 10);
    CHECK((h = find(&r, 5, 0)) && h->no == 3 && h->y == 30);
    /* rows 5..8 of page 3 hold four rows of block 6, two go over */
    CHECK((h = find(&r, 6, 0)) && h->no == 3 && h->y == 90);
    CHECK((h = find(&r, 7, 0)) && h->no == 5);
    CHECK((h = find(&r, 7, 1)) && h->no == 6 && h->y == 10);
    CHECK((h = find(&r, 7, 2)) && h->no == 7 && h->y == 10);
    CHECK(find(&r, 7, 3) == NULL);
    CHECK_INT(pages, 7);
    CHECK_INT(pdf_doc_npages(r.d), 7);
    /* block 6: 4 rows on page 3 (y 90..170), 2 on page 4 */
    pdf_page *p3 = pdf_doc_page_at(r.d, 2), *p4 = pdf_doc_page_at(r.d, 3);
    CHECK_INT(p4->items.n, 2);
    CHECK_INT(p3->items.n, 1 + 3 + 4);
    /* mirrored frames: odd pages at x 20, even at x 30 */
    CHECK(p3->items.v[0].x == 20 && p4->items.v[0].x == 30);
    pdf_doc_free(r.d);
}

/* a dry run counts the same pages as a real one */
TEST(flow_dry)
{
    pdf_doc *d = pdf_doc_new(env, st, date_from_ymd(2026, 11, 23));
    if (!d)
        return;
    pdf_flow_cb none = {0};
    pdf_flow *f = pdf_flow_new(d, &none, 10, 190, 20, 20, 1, true);
    pdf_block b;
    pdf_block_init(&b);
    for (int i = 0; i < 7; i++) {
        rows(&b, 4, i);
        b.keep = true;
        pdf_flow_add(f, &b);
    }
    CHECK_INT(pdf_flow_finish(f), 4);
    CHECK_INT(pdf_doc_npages(d), 0);
    pdf_flow_free(f);
    pdf_block_free(&b);
    pdf_doc_free(d);
}

/* ---- a small model ---- */

static gs_model m;

static void phrase(const char *cat, const char *scene, int seq, const char *text, int32_t ag,
                   const char *banned)
{
    gs_phrase *p = GS_PUSH(m.phrases);
    p->category = model_str(&m, cat, strlen(cat));
    p->scene = model_str(&m, scene, strlen(scene));
    p->seq = seq;
    p->text = model_str(&m, text, strlen(text));
    p->points = "";
    p->banned = banned;
    p->basis = "";
    p->agency = ag;
    p->src.file = "phrases.csv";
    p->src.line = (uint32_t)m.phrases.n + 1;
}

static void officer(const char *name, const char *cert, enum gs_cert_status s, gs_date to)
{
    gs_officer *o = GS_PUSH(m.officers);
    o->name = name;
    o->cert_no = cert;
    o->slug = cert;
    o->agency = 0;
    o->title = "执法队员";
    o->categories = "行政检查;行政处罚";
    o->area = "示例县";
    o->cert_status = (uint8_t)s;
    o->valid_to = to;
    o->src.file = "officers.csv";
    o->src.line = (uint32_t)m.officers.n + 1;
}

static void setup(void)
{
    model_init(&m);
    m.settings.name = "示例县人民政府";
    m.settings.base_url = "https://example.gov.cn/zfgs/";
    gs_agency *a = GS_PUSH(m.agencies);
    a->name = "示例县市场监督管理局";
    a->short_name = "县市场监管局";
    a->slug = "scjg";
    a->duties = a->address = a->phone = a->review_body = a->court = a->credit_code = "";
    a->complaint_phone = "0379-6512315";
    gs_agency *b = GS_PUSH(m.agencies);
    *b = *a;
    b->name = "示例县交通运输局";
    b->slug = "jt";
    phrase("行政处罚", "告知", 2, "您有权进行陈述和申辩。", -1, "“说完了没有？”");
    phrase("通用", "表明身份", 2, "我们依法对贵单位进行检查，请您配合。", -1, "“查你还要理由吗？”");
    phrase("通用", "表明身份", 1, "您好！这是我们的执法证件，请您查验。", -1, "“我们是执法的。”");
    phrase("行政处罚", "告知", 1, "本机关拟对您作出行政处罚，您有权要求举行听证。", 1, "");
    phrase("通用", "受理", 1, "您提交的材料齐全，我们决定受理，这是受理通知书。", 0,
           "“先放这儿，等通知吧。”");
    phrase("行政许可", "受理", 1, "您的材料还缺少××，我一次性告知您需要补正的全部内容。", -1, "");
    officer("沈宇", "41099901001", CERT_VALID, date_from_ymd(2028, 5, 31));
    officer("白斌", "41099901002", CERT_VALID, date_from_ymd(2026, 1, 31)); /* expired */
    officer("杜桂兰", "41099901003", CERT_CANCELLED, date_from_ymd(2029, 2, 28));
    officer("史文博", "41099901004", CERT_VALID, GS_NODATE);
}

TEST(book_order)
{
    pdf_book b;
    pdf_book_collect(&b, &m, 0); /* 县市场监管局: county-wide + own */
    CHECK_INT(b.phrases, 5);
    CHECK_INT(b.ch.n, 3);
    if (b.ch.n == 3) {
        CHECK_STR(b.ch.v[0].category, "通用");
        CHECK_STR(b.ch.v[1].category, "行政许可");
        CHECK_STR(b.ch.v[2].category, "行政处罚");
        CHECK_INT(b.ch.v[0].scenes.n, 2);
        CHECK_STR(b.ch.v[0].scenes.v[0].name, "表明身份");
        CHECK_INT(b.ch.v[0].scenes.v[0].ph.v[0]->seq, 1);
        CHECK_INT(b.ch.v[0].scenes.v[0].ph.v[1]->seq, 2);
        CHECK_INT(b.ch.v[2].scenes.v[0].ph.n, 1); /* the other agency's is not here */
    }
    pdf_book_free(&b);
    pdf_book_collect(&b, &m, -1);
    CHECK_INT(b.phrases, 6);
    pdf_book_free(&b);
}

static bool save(pdf_doc *d, buf *out)
{
    bool ok = d && pdf_doc_save(d, out);
    pdf_doc_free(d);
    return ok;
}

TEST(products)
{
    diag_init();
    diag_set_quiet(true);
    tpl_dirs none = {NULL, 0};
    pdf_opts o = {.out_dir = "unused", .tpl = none, .today = date_from_ymd(2026, 11, 23)};
    pdf_ctx c = {.m = &m, .env = env, .o = &o, .agency = 0, .issuer = m.agencies.v[0].name,
                 .st = st};
    size_t pages = 0;
    pdf_doc *d = pdf_handbook(&c, &pages);
    CHECK(d != NULL);
    CHECK(pages >= 4); /* cover, 目录, three chapters */
    buf a, b;
    buf_init(&a);
    buf_init(&b);
    CHECK(save(d, &a));
    CHECK(a.len > 1000 && memcmp(a.p, "%PDF-", 5) == 0);
    CHECK(save(pdf_handbook(&c, NULL), &b));
    CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0); /* same input, same bytes */

    d = pdf_signs(&c);
    CHECK(d && pdf_doc_npages(d) == 2); /* valid on the day: 沈宇 and 史文博 */
    CHECK(save(d, &a));
    c.agency = 1;
    CHECK(pdf_signs(&c) == NULL); /* nobody there */
    c.agency = 0;

    d = pdf_quiz(&c, false);
    CHECK(d != NULL);
    CHECK(save(d, &a));
    CHECK(save(pdf_quiz(&c, false), &b));
    CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
    CHECK(save(pdf_quiz(&c, true), &b));
    CHECK(b.len > 1000);

    d = pdf_posters(&c);
    CHECK(d && pdf_doc_npages(d) == 4); /* one page per scene */
    CHECK(save(d, &a));
    d = pdf_board(&c);
    CHECK(d && pdf_doc_npages(d) == 2);
    if (d) {
        pdf_page *p = pdf_doc_page_at(d, 0);
        CHECK(p->boxes && p->trim[2] > 2551 && p->trim[2] < 2552);
        CHECK(p->bleed[0] < p->trim[0] && p->w > p->bleed[2]);
    }
    CHECK(save(d, &a));
    buf_free(&a);
    buf_free(&b);
    CHECK_INT(diag_error_count(), 0);
    diag_free();
}

int main(void)
{
    tpl_dirs none = {NULL, 0};
    env = pdf_env_new();
    st = pdf_style_load(&none, "handbook");
    setup();
    RUN(flow_rules);
    RUN(flow_dry);
    RUN(book_order);
    RUN(products);
    model_free(&m);
    pdf_style_free(st);
    pdf_env_free(env);
    return T_DONE();
}
