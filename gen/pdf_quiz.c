/*
 * pdf_quiz.c - quiz sheets (应用测试) on an agency's phrases and their
 * answer keys.  Multiple-choice questions ask which wording is the
 * standard one for a scene; the wrong answers are 禁用语 (the phrase's own
 * first, then others of the scene, then of the book).  Fill-in questions
 * blank a key term of a phrase (a built-in list of legal terms, or the
 * style's `terms`).  Questions are drawn with a
 * PRNG seeded by the agency, --today and the style's `seed`, so a sheet and
 * its key always match and the same day gives the same sheet; the seed is
 * printed as the sheet number.  The key is a table (题号, 答案, 出处) whose
 * head repeats on every page.  Style: templates/print/quiz.yaml.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

typedef struct quest {
    bool fill;
    size_t pos; /* position in the book */
    const gs_phrase *ph;
    const char *chapter;
    char *opt[4];
    size_t nopt;
    int answer;
    char *stem, *blank; /* fill-in */
} quest;

typedef struct quiz {
    const pdf_ctx *c;
    pdf_doc *d;
    double pw, ph, m, fw;
    double s_title, s_body, s_small;
    uint32_t c_text, c_muted, c_accent, c_rule, c_head_bg;
    uint64_t seed, rng;
    GS_VEC(quest) q;
    size_t nchoice, nfill;
} quiz;

static uint64_t next(quiz *z)
{
    uint64_t x = (z->rng += 0x9E3779B97F4A7C15ull);
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static size_t pick(quiz *z, size_t n)
{
    return n ? (size_t)(next(z) % n) : 0;
}

typedef struct flat {
    const gs_phrase *ph;
    const char *chapter;
    size_t scene; /* running scene number */
} flat;

/* 禁用语 without its quotation marks */
static char *unquote(const char *s)
{
    size_t n = strlen(s);
    static const char *const open[] = {"“", "\"", "「", "‘"}, *const close[] = {"”", "\"", "」", "’"};
    for (size_t i = 0; i < 4; i++) {
        size_t a = strlen(open[i]), b = strlen(close[i]);
        if (n > a + b && strncmp(s, open[i], a) == 0 && strcmp(s + n - b, close[i]) == 0 &&
            !strstr(s + a, open[i]))
            return xstrndup(s + a, n - a - b);
    }
    return xstrdup(s);
}

/* key terms a fill-in question blanks (style `terms` replaces the list) */
static const char *const default_terms[] = {
    "执法证件", "音像记录", "陈述和申辩", "陈述", "申辩", "听证", "回避", "行政复议", "行政诉讼",
    "送达回证", "送达", "先行登记保存", "查封", "扣押", "法制审核", "重大执法决定", "补正",
    "受理通知书", "受理", "一次性告知", "法定期限", "工作日", "现场笔录", "询问笔录", "签字",
    "签名", "核对", "如实回答", "复核", "采纳", "强制执行", "催告", "加处罚款", "专用票据",
    "延期或者分期", "简易程序", "不予行政处罚", "不予许可", "准予许可", "利害关系人", "保密",
    "举报", "投诉电话", "整改", "责令改正", "抽样", "检验", "商业秘密", "妥善保管", "征用",
    "补偿", "疏散", "依法", "配合", "查验", "核实", "负责人批准", "清单", "救济途径",
    "决定书", "告知书", "回访", "公职律师",
};

static int term_count(const pdf_style *st)
{
    int n = 0;
    char key[32];
    while (n < 500) {
        snprintf(key, sizeof key, "terms.%d", n);
        if (!pdf_style_str(st, key, NULL))
            break;
        n++;
    }
    return n;
}

/* blank a key term of text (the longest found; the PRNG picks among
 * equals); false when the text has none */
static bool make_blank(quiz *z, const char *text, char **stem, char **blank)
{
    const pdf_style *st = z->c->st;
    int own = term_count(st);
    int nt = own ? own : (int)(sizeof default_terms / sizeof *default_terms);
    const char *best = NULL, *at = NULL;
    size_t ties = 0;
    for (int i = 0; i < nt; i++) {
        char key[32];
        snprintf(key, sizeof key, "terms.%d", i);
        const char *t = own ? pdf_style_str(st, key, "") : default_terms[i];
        const char *hit = *t ? strstr(text, t) : NULL;
        if (!hit)
            continue;
        if (!best || strlen(t) > strlen(best)) {
            best = t;
            at = hit;
            ties = 1;
        } else if (strlen(t) == strlen(best) && pick(z, ++ties) == 0) {
            best = t;
            at = hit;
        }
    }
    if (!best)
        return false;
    size_t len = strlen(best);
    *blank = xstrdup(best);
    buf b;
    buf_init(&b);
    buf_add(&b, text, (size_t)(at - text));
    for (size_t j = 0; j < 2 * utf8_count(best) + 4; j++) /* joins into one line */
        buf_putc(&b, '_');
    buf_puts(&b, at + len);
    *stem = buf_detach(&b);
    return true;
}

static int by_pos(const void *a, const void *b)
{
    const quest *x = a, *y = b;
    if (x->fill != y->fill)
        return x->fill ? 1 : -1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static void draw(quiz *z, const pdf_book *book)
{
    size_t n = 0;
    for (size_t c = 0; c < book->ch.n; c++)
        for (size_t s = 0; s < book->ch.v[c].scenes.n; s++)
            n += book->ch.v[c].scenes.v[s].ph.n;
    flat *f = xcalloc(n ? n : 1, sizeof *f);
    size_t k = 0, sc = 0;
    for (size_t c = 0; c < book->ch.n; c++)
        for (size_t s = 0; s < book->ch.v[c].scenes.n; s++, sc++)
            for (size_t p = 0; p < book->ch.v[c].scenes.v[s].ph.n; p++)
                f[k++] = (flat){book->ch.v[c].scenes.v[s].ph.v[p], book->ch.v[c].category, sc};
    size_t *order = xmalloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = n; i > 1; i--) {
        size_t j = pick(z, i), t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    size_t want_c = z->nchoice, want_f = z->nfill;
    z->nchoice = z->nfill = 0;
    bool *used = xcalloc(n ? n : 1, sizeof *used);
    for (size_t oi = 0; oi < n && z->nchoice < want_c; oi++) {
        const flat *e = &f[order[oi]];
        /* distractors: own 禁用语, the scene's, then the book's */
        const char *cand[3];
        size_t nd = 0;
        if (*e->ph->banned)
            cand[nd++] = e->ph->banned;
        for (int round = 0; round < 2 && nd < 3; round++) {
            size_t pool = 0;
            for (size_t i = 0; i < n; i++)
                pool += *f[i].ph->banned && f[i].ph != e->ph && (round || f[i].scene == e->scene);
            for (size_t tries = 0; tries < 8 && nd < 3 && pool; tries++) {
                size_t want = pick(z, pool), seen = 0;
                for (size_t i = 0; i < n; i++) {
                    if (!(*f[i].ph->banned && f[i].ph != e->ph && (round || f[i].scene == e->scene)))
                        continue;
                    if (seen++ != want)
                        continue;
                    bool dup = false;
                    for (size_t d = 0; d < nd; d++)
                        dup |= strcmp(cand[d], f[i].ph->banned) == 0;
                    if (!dup)
                        cand[nd++] = f[i].ph->banned;
                    break;
                }
            }
        }
        if (nd < 1)
            continue;
        used[order[oi]] = true;
        quest *q = GS_PUSH(z->q);
        q->ph = e->ph;
        q->chapter = e->chapter;
        q->pos = order[oi];
        q->nopt = nd + 1;
        q->answer = (int)pick(z, q->nopt);
        for (size_t i = 0, d = 0; i < q->nopt; i++)
            q->opt[i] = (int)i == q->answer ? xstrdup(e->ph->text) : unquote(cand[d++]);
        z->nchoice++;
    }
    for (size_t oi = 0; oi < n && z->nfill < want_f; oi++) {
        if (used[order[oi]])
            continue;
        const flat *e = &f[order[oi]];
        char *stem, *blank;
        if (!make_blank(z, e->ph->text, &stem, &blank))
            continue;
        quest *q = GS_PUSH(z->q);
        q->fill = true;
        q->ph = e->ph;
        q->chapter = e->chapter;
        q->pos = order[oi];
        q->stem = stem;
        q->blank = blank;
        z->nfill++;
    }
    qsort(z->q.v, z->q.n, sizeof *z->q.v, by_pos);
    free(used);
    free(order);
    free(f);
}

/* ---- layout ---- */

static pdf_page *new_page(void *ctx, int no)
{
    quiz *z = ctx;
    return pdf_doc_page(z->d, z->pw, z->ph);
}

static void text_block(quiz *z, pdf_block *b, int role, const char *s, double size, int align,
                       uint32_t color, double x, double indent)
{
    pdf_para p;
    pdf_para_init(&p, size, size * 1.6, align, color);
    p.indent = indent;
    pdf_shape(z->d, role, s, strlen(s), 0, &p.g);
    pdf_block_para(z->d, b, &p, x, z->fw - x);
    pdf_para_free(&p);
}

static void header(quiz *z, pdf_flow *f, bool key)
{
    pdf_block b;
    pdf_block_init(&b);
    text_block(z, &b, PDF_BODY, z->c->issuer, z->s_body * 1.15, PDF_CENTER, z->c_muted, 0, 0);
    text_block(z, &b, PDF_HEAD, key ? "行政执法规范用语应用测试　参考答案" : "行政执法规范用语应用测试",
               z->s_title, PDF_CENTER, z->c_text, 0, 0);
    char date[32];
    pdf_cn_date(z->c->o->today, date);
    size_t total = z->nchoice + z->nfill;
    char *info = xasprintf("测试日期：%s　　试卷编号：%08X　　共%zu题%s", date,
                           (unsigned)(z->seed >> 32), total,
                           total && 100 % total == 0 ? "，满分100分" : "");
    text_block(z, &b, PDF_BODY, info, z->s_small, PDF_CENTER, z->c_muted, 0, 0);
    free(info);
    pdf_block_row(&b, z->s_body * 0.8);
    if (!key) {
        text_block(z, &b, PDF_BODY,
                   "姓名：________________　执法证号：____________________　得分：__________",
                   z->s_body, PDF_CENTER, z->c_text, 0, 0);
        pdf_block_row(&b, z->s_body * 0.6);
    }
    pdf_block_row(&b, 4);
    pdf_block_line(&b, 0, 1, z->fw, 1, 0.8, z->c_accent);
    pdf_flow_add(f, &b);
    pdf_block_free(&b);
}

static void part(quiz *z, pdf_flow *f, const char *title, size_t n)
{
    size_t total = z->nchoice + z->nfill;
    char *s = total && 100 % total == 0
                  ? xasprintf("%s（共%zu题，每题%zu分）", title, n, 100 / total)
                  : xasprintf("%s（共%zu题）", title, n);
    pdf_block b;
    pdf_block_init(&b);
    b.keep_next = true;
    b.space_before = z->s_body;
    text_block(z, &b, PDF_HEAD, s, z->s_body * 1.1, PDF_LEFT, z->c_accent, 0, 0);
    pdf_flow_add(f, &b);
    pdf_block_free(&b);
    free(s);
}

static void sheet(quiz *z, pdf_flow *f)
{
    header(z, f, false);
    pdf_block b;
    pdf_block_init(&b);
    size_t no = 0;
    for (size_t i = 0; i < z->q.n; i++) {
        const quest *q = &z->q.v[i];
        if (i == 0 || q->fill != z->q.v[i - 1].fill)
            part(z, f, q->fill ? (z->nchoice ? "二、填空题" : "一、填空题") : "一、单项选择题",
                 q->fill ? z->nfill : z->nchoice);
        pdf_block_reset(&b);
        b.keep = true;
        b.space_before = z->s_body * 0.55;
        double ind = z->s_body * 2;
        char *stem = q->fill ? xasprintf("%zu．（%s）", ++no, q->ph->scene)
                             : xasprintf("%zu．在“%s”场景中，下列用语符合规范的是（　　）", ++no,
                                         q->ph->scene);
        pdf_para p;
        pdf_para_init(&p, z->s_body, z->s_body * 1.6, PDF_JUSTIFY, z->c_text);
        pdf_doc_src(z->d, &q->ph->src, q->fill ? "规范用语" : "场景");
        pdf_shape(z->d, PDF_BODY, stem, strlen(stem), 0, &p.g);
        if (q->fill)
            pdf_shape(z->d, PDF_BODY, q->stem, strlen(q->stem), 0, &p.g);
        free(stem);
        pdf_block_para(z->d, &b, &p, 0, z->fw);
        pdf_para_free(&p);
        for (size_t k = 0; k < q->nopt; k++) {
            char lab[8];
            snprintf(lab, sizeof lab, "%c．", 'A' + (int)k);
            pdf_para_init(&p, z->s_body, z->s_body * 1.45, PDF_JUSTIFY, z->c_text);
            pdf_doc_src(z->d, NULL, NULL);
            pdf_shape(z->d, PDF_BODY, lab, strlen(lab), 0, &p.g);
            pdf_doc_src(z->d, &q->ph->src, (int)k == q->answer ? "规范用语" : "禁用语");
            pdf_shape(z->d, PDF_BODY, q->opt[k], strlen(q->opt[k]), 0, &p.g);
            pdf_block_para(z->d, &b, &p, ind, z->fw - ind);
            pdf_para_free(&p);
        }
        pdf_doc_src(z->d, NULL, NULL);
        pdf_flow_add(f, &b);
    }
    pdf_block_free(&b);
}

/* a table row: cells laid out side by side, the row as tall as the tallest */
static void table_row(quiz *z, pdf_block *b, const char *const *cells, const double *w,
                      size_t nc, int role, uint32_t bg, const gs_src *src)
{
    double pad = z->s_small * 0.5, size = z->s_small * 1.1, lead = size * 1.5, h = 0;
    pdf_para p[4];
    pdf_tline *lines[4];
    size_t nl[4];
    for (size_t i = 0; i < nc; i++) {
        pdf_para_init(&p[i], size, lead, PDF_LEFT, z->c_text);
        pdf_doc_src(z->d, i == 1 ? src : NULL, "规范用语");
        pdf_shape(z->d, role, cells[i], strlen(cells[i]), 0, &p[i].g);
        nl[i] = pdf_break(&p[i], w[i] - 2 * pad, &lines[i]);
        if (lead * (double)nl[i] > h)
            h = lead * (double)nl[i];
    }
    pdf_doc_src(z->d, NULL, NULL);
    pdf_row *r = pdf_block_row(b, h + 2 * pad);
    r->bg = bg;
    r->bg_x = 0;
    r->bg_w = (float)z->fw;
    double x = 0, base = pad + (lead - size) / 2 + pdf_doc_ascent(z->d) * size;
    for (size_t i = 0; i < nc; i++) {
        for (size_t l = 0; l < nl[i]; l++)
            pdf_block_run(z->d, b, p[i].g.v + lines[i][l].start,
                          lines[i][l].end - lines[i][l].start, x + pad,
                          base + lead * (double)l, size, 0, p[i].ink);
        x += w[i];
        free(lines[i]);
        pdf_para_free(&p[i]);
    }
    pdf_block_line(b, 0, h + 2 * pad, z->fw, h + 2 * pad, 0.4, z->c_rule);
}

static void key(quiz *z, pdf_flow *f)
{
    header(z, f, true);
    pdf_block b;
    pdf_block_init(&b);
    b.space_before = z->s_body;
    b.header_rows = 1;
    double w[3] = {z->fw * 0.09, z->fw * 0.58, z->fw * 0.33};
    const char *head[3] = {"题号", "答案", "出处"};
    table_row(z, &b, head, w, 3, PDF_HEAD, z->c_head_bg, NULL);
    for (size_t i = 0; i < z->q.n; i++) {
        const quest *q = &z->q.v[i];
        char *no = xasprintf("%zu", i + 1);
        char *ans = q->fill ? xstrdup(q->blank)
                            : xasprintf("%c．%s", 'A' + q->answer, q->opt[q->answer]);
        char *from = q->ph->seq > 0 ? xasprintf("%s · %s · 第\u2060%d\u2060条", q->chapter,
                                                q->ph->scene, q->ph->seq)
                                    : xasprintf("%s · %s", q->chapter, q->ph->scene);
        const char *cells[3] = {no, ans, from};
        table_row(z, &b, cells, w, 3, PDF_BODY, PDF_NOCOLOR, &q->ph->src);
        free(no);
        free(ans);
        free(from);
    }
    pdf_flow_add(f, &b);
    pdf_block_free(&b);
}

pdf_doc *pdf_quiz(const pdf_ctx *c, bool is_key)
{
    pdf_book book;
    pdf_book_collect(&book, c->m, c->agency);
    quiz z = {.c = c};
    const pdf_style *st = c->st;
    z.nchoice = (size_t)pdf_style_num(st, "choice", 10);
    z.nfill = (size_t)pdf_style_num(st, "fill", 10);
    if (z.nchoice > 200)
        z.nchoice = 200;
    if (z.nfill > 200)
        z.nfill = 200;
    char date[11];
    date_format(c->o->today, date);
    const char *slug = c->agency >= 0 ? c->m->agencies.v[c->agency].slug : "county";
    char *seed = xasprintf("quiz|%s|%s|%s", slug, date, pdf_style_str(st, "seed", ""));
    z.seed = z.rng = hash_bytes(seed, strlen(seed));
    free(seed);
    draw(&z, &book);
    if (!z.q.n)
        goto out;
    pdf_style_page(st, "page", "A4", &z.pw, &z.ph);
    z.m = pdf_style_mm(st, "margin", 18);
    if (z.m * 4 > z.pw)
        z.m = z.pw / 10;
    z.fw = z.pw - 2 * z.m;
    z.s_title = pdf_style_num(st, "size.title", 18);
    z.s_body = pdf_style_num(st, "size.body", 10.5);
    z.s_small = pdf_style_num(st, "size.small", 9);
    z.c_text = pdf_style_color(st, "color.text", 0x1A1A1A);
    z.c_muted = pdf_style_color(st, "color.muted", 0x5A5A5A);
    z.c_accent = pdf_style_color(st, "color.accent", 0xB3261E);
    z.c_rule = pdf_style_color(st, "color.rule", 0xC9C9C9);
    z.c_head_bg = pdf_style_color(st, "color.table_head", 0xF1E4E2);
    z.d = pdf_doc_new(c->env, st, c->o->today);
    if (!z.d)
        goto out;
    pdf_flow_cb cb = {new_page, NULL, &z};
    pdf_flow *f = pdf_flow_new(z.d, &cb, z.m, z.ph - z.m - 14, z.m, z.m, 1, false);
    if (is_key)
        key(&z, f);
    else
        sheet(&z, f);
    pdf_flow_finish(f);
    pdf_flow_free(f);
    size_t np = pdf_doc_npages(z.d);
    for (size_t i = 0; i < np; i++) {
        char s[64];
        snprintf(s, sizeof s, "第 %zu 页 / 共 %zu 页", i + 1, np);
        pdf_text(z.d, pdf_doc_page_at(z.d, i), PDF_BODY, s, z.pw / 2, z.ph - z.m + 4, z.s_small,
                 z.c_muted, PDF_CENTER);
    }
    char *title = xasprintf("行政执法规范用语应用测试%s（%s，%s）", is_key ? "参考答案" : "",
                            c->issuer, date);
    pdf_doc_info(z.d, title, c->issuer, "行政执法规范用语应用测试", "规范用语, 应用测试");
    free(title);
out:
    for (size_t i = 0; i < z.q.n; i++) {
        for (size_t k = 0; k < z.q.v[i].nopt; k++)
            free(z.q.v[i].opt[k]);
        free(z.q.v[i].stem);
        free(z.q.v[i].blank);
    }
    free(z.q.v);
    pdf_book_free(&book);
    return z.d;
}
