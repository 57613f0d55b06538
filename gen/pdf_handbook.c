/*
 * pdf_handbook.c - the 规范用语 study handbook (学习手册), one per agency and
 * one county-wide: cover; 目录 with dotted leaders and page numbers;
 * a chapter per 执法类别 and a section per 场景 (pdf_phrases.c); each phrase
 * with its 序号, 要点 and 依据 and its 禁用语 set off in a tinted box; running
 * header (book title on even pages, chapter on odd ones) and footer
 * "x / y"; a PDF outline of chapters and sections; document info.
 *
 * Page numbers are physical (the cover is page 1).  The body is laid out
 * first, after a dry run of the 目录 has told how many pages it takes; the
 * 目录 is then laid out with the real numbers and moved in front.  Style:
 * templates/print/handbook.yaml.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

typedef struct entry {
    int level; /* 0 chapter, 1 section */
    char *title;
    pdf_page *pg;
    int no;
    double y;
} entry;

typedef struct hb {
    const pdf_ctx *c;
    pdf_doc *d;
    const pdf_style *st;
    double pw, ph, mt, mb, mi, mo, fw; /* page, margins, frame width */
    double s_body, s_note, s_ch, s_sec, s_head, s_toc, s_title, lead;
    uint32_t c_text, c_muted, c_accent, c_banned, c_banned_bg, c_cover, c_cover_text, c_rule;
    const char *title; /* the cover's, "\n" where its lines break */
    char *title_flat;  /* for the running header and document info */
    GS_VEC(entry) toc;
    const char *chapter; /* running header of new pages */
    pdf_book book;
    size_t scenes;
} hb;

static void style(hb *h)
{
    const pdf_style *st = h->st;
    pdf_style_page(st, "page", "A5", &h->pw, &h->ph);
    h->mt = pdf_style_mm(st, "margin.top", 20);
    h->mb = pdf_style_mm(st, "margin.bottom", 18);
    h->mi = pdf_style_mm(st, "margin.inner", 18);
    h->mo = pdf_style_mm(st, "margin.outer", 14);
    h->fw = h->pw - h->mi - h->mo;
    if (h->fw < 60) { /* margins wider than the page: fall back */
        h->mi = h->mo = h->pw * 0.1;
        h->fw = h->pw * 0.8;
    }
    h->s_body = pdf_style_num(st, "size.body", 10.5);
    h->s_note = pdf_style_num(st, "size.note", 8.5);
    h->s_ch = pdf_style_num(st, "size.chapter", 18);
    h->s_sec = pdf_style_num(st, "size.section", 12.5);
    h->s_head = pdf_style_num(st, "size.header", 7.5);
    h->s_toc = pdf_style_num(st, "size.toc", 10);
    h->s_title = pdf_style_num(st, "size.title", 26);
    h->lead = pdf_style_num(st, "leading", 1.65);
    if (h->lead < 1 || h->lead > 4)
        h->lead = 1.65;
    h->c_text = pdf_style_color(st, "color.text", 0x1A1A1A);
    h->c_muted = pdf_style_color(st, "color.muted", 0x5A5A5A);
    h->c_accent = pdf_style_color(st, "color.accent", 0xB3261E);
    h->c_banned = pdf_style_color(st, "color.banned", 0x9B1C1C);
    h->c_banned_bg = pdf_style_color(st, "color.banned_bg", 0xFBEDEC);
    h->c_cover = pdf_style_color(st, "color.cover", 0xB3261E);
    h->c_cover_text = pdf_style_color(st, "color.cover_text", 0xFFFFFF);
    h->c_rule = pdf_style_color(st, "color.rule", 0xC9C9C9);
    h->title = pdf_style_str(st, "title", "行政执法规范用语学习手册");
    buf b;
    buf_init(&b);
    buf_puts(&b, "");
    for (const char *p = h->title; *p; p++)
        if (*p != '\n' && *p != '\r')
            buf_putc(&b, *p);
    h->title_flat = buf_detach(&b);
}

static void para(hb *h, pdf_para *p, int role, const char *s, double size, double lead,
                 int align, uint32_t color)
{
    pdf_para_init(p, size, size * lead, align, color);
    pdf_shape(h->d, role, s, strlen(s), 0, &p->g);
}

/* ---- body blocks ---- */

static void chapter_block(hb *h, pdf_block *b, size_t ci, int anchor)
{
    const pdf_chapter *ch = &h->book.ch.v[ci];
    char num[16], label[48];
    pdf_cn_number((int)ci + 1, num);
    snprintf(label, sizeof label, "第%s章", num);
    pdf_block_reset(b);
    b->break_before = true;
    b->keep_next = true;
    pdf_block_row(b, h->s_ch * 1.2)->anchor = anchor; /* outline and 目录 point here */
    pdf_para p;
    para(h, &p, PDF_HEAD, label, h->s_note * 1.2, 1.6, PDF_LEFT, h->c_accent);
    pdf_block_para(h->d, b, &p, 0, h->fw);
    pdf_para_free(&p);
    para(h, &p, PDF_HEAD, ch->category, h->s_ch, 1.45, PDF_LEFT, h->c_text);
    pdf_block_para(h->d, b, &p, 0, h->fw);
    pdf_para_free(&p);
    pdf_block_row(b, 6);
    pdf_block_rect(b, 0, 2, 28, 2.2, h->c_accent, PDF_NOCOLOR, 0);
    pdf_block_line(b, 28, 3.1, h->fw, 3.1, 0.4, h->c_rule);
    size_t n = 0;
    for (size_t k = 0; k < ch->scenes.n; k++)
        n += ch->scenes.v[k].ph.n;
    char intro[128];
    snprintf(intro, sizeof intro, "本章收录%zu个执法场景、%zu条规范用语。", ch->scenes.n, n);
    pdf_block_row(b, 6);
    para(h, &p, PDF_BODY, intro, h->s_note, 1.6, PDF_LEFT, h->c_muted);
    pdf_block_para(h->d, b, &p, 0, h->fw);
    pdf_para_free(&p);
    pdf_block_row(b, 8);
}

static void section_block(hb *h, pdf_block *b, size_t si, const pdf_scene *sc, int anchor)
{
    const char *name = sc->name;
    char num[16], label[32];
    pdf_cn_number((int)si + 1, num);
    snprintf(label, sizeof label, "%s、", num);
    pdf_block_reset(b);
    b->keep_next = true;
    b->space_before = h->s_body * 1.2;
    pdf_para p;
    pdf_para_init(&p, h->s_sec, h->s_sec * 1.5, PDF_LEFT, h->c_accent);
    pdf_shape(h->d, PDF_HEAD, label, strlen(label), 0, &p.g);
    pdf_doc_src(h->d, &sc->ph.v[0]->src, "场景");
    pdf_shape(h->d, PDF_HEAD, name, strlen(name), 0, &p.g);
    pdf_doc_src(h->d, NULL, NULL);
    size_t first = b->rows.n;
    pdf_block_para(h->d, b, &p, 0, h->fw);
    b->rows.v[first].anchor = anchor;
    pdf_para_free(&p);
    pdf_block_row(b, 5);
    pdf_block_line(b, 0, 1.5, h->fw, 1.5, 0.5, h->c_accent);
}

/* a labelled note: "要点　text" */
static void note(hb *h, pdf_block *b, const char *label, const char *text, const gs_phrase *ph,
                 const char *column, double x)
{
    pdf_para p;
    pdf_para_init(&p, h->s_note, h->s_note * 1.55, PDF_JUSTIFY, h->c_muted);
    p.ink[1] = h->c_accent;
    pdf_doc_src(h->d, NULL, NULL);
    pdf_shape(h->d, PDF_HEAD, label, strlen(label), 1, &p.g);
    pdf_shape(h->d, PDF_BODY, "　", strlen("　"), 0, &p.g);
    pdf_doc_src(h->d, &ph->src, column);
    pdf_shape(h->d, PDF_BODY, text, strlen(text), 0, &p.g);
    pdf_block_para(h->d, b, &p, x, h->fw - x);
    pdf_para_free(&p);
}

static void phrase_block(hb *h, pdf_block *b, const gs_phrase *ph)
{
    const gs_model *m = h->c->m;
    double x = h->s_body * 1.9; /* text column after the number badge */
    pdf_block_reset(b);
    b->keep = true;
    b->space_before = h->s_body * 0.9;
    /* the 序号 badge in a row of no height, centred on the first line */
    pdf_block_row(b, 0);
    char num[16];
    snprintf(num, sizeof num, "%d", ph->seq);
    const char *shown = ph->seq > 0 ? num : "·";
    double r = h->s_body * 0.72, cy = h->s_body * h->lead / 2;
    pdf_block_circle(b, r, cy, r, h->c_accent);
    pdf_glyphs g = {0};
    pdf_doc_src(h->d, NULL, NULL);
    pdf_shape(h->d, PDF_HEAD, shown, strlen(shown), 0, &g);
    double ns = h->s_body * (strlen(shown) > 1 ? 0.72 : 0.85);
    double nw = pdf_glyphs_width(g.v, g.n, ns);
    uint32_t white[4] = {0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF};
    pdf_block_run(h->d, b, g.v, g.n, r - nw / 2, cy + ns * 0.36, ns, 0, white);
    free(g.v);
    pdf_para p;
    pdf_para_init(&p, h->s_body, h->s_body * h->lead, PDF_JUSTIFY, h->c_text);
    pdf_doc_src(h->d, &ph->src, "规范用语");
    pdf_shape(h->d, PDF_BODY, ph->text, strlen(ph->text), 0, &p.g);
    pdf_block_para(h->d, b, &p, x, h->fw - x);
    pdf_para_free(&p);
    pdf_block_row(b, 2);
    if (*ph->points)
        note(h, b, "要点", ph->points, ph, "要点", x);
    if (*ph->basis)
        note(h, b, "依据", ph->basis, ph, "依据", x);
    if (h->c->agency < 0 && ph->agency >= 0) {
        const gs_agency *ag = &m->agencies.v[ph->agency];
        note(h, b, "适用", *ag->short_name ? ag->short_name : ag->name, ph, "执法机关", x);
    }
    if (*ph->banned) {
        size_t from = b->rows.n;
        pdf_block_row(b, 3);
        pdf_para_init(&p, h->s_note, h->s_note * 1.55, PDF_JUSTIFY, h->c_banned);
        pdf_doc_src(h->d, NULL, NULL);
        pdf_shape(h->d, PDF_HEAD, "禁用语", strlen("禁用语"), 0, &p.g);
        pdf_shape(h->d, PDF_BODY, "　", strlen("　"), 0, &p.g);
        pdf_doc_src(h->d, &ph->src, "禁用语");
        pdf_shape(h->d, PDF_BODY, ph->banned, strlen(ph->banned), 0, &p.g);
        pdf_block_para(h->d, b, &p, x + 7, h->fw - x - 10);
        pdf_para_free(&p);
        pdf_block_row(b, 3);
        for (size_t i = from; i < b->rows.n; i++) {
            pdf_row *rw = &b->rows.v[i];
            rw->bg = h->c_banned_bg;
            rw->bg_x = (float)x;
            rw->bg_w = (float)(h->fw - x);
            rw->bar = h->c_banned;
            rw->bar_w = 2.2f;
        }
    }
    pdf_doc_src(h->d, NULL, NULL);
}

/* ---- 目录 ---- */

/* one 目录 entry: title (wrapping if need be), leader dots, page number;
 * a link to the page when the entry's target is known */
static void toc_entry(hb *h, pdf_block *b, const entry *e, bool real)
{
    double size = h->s_toc;
    int role = e->level == 0 ? PDF_HEAD : PDF_BODY;
    double indent = e->level == 0 ? 0 : size * 2;
    double numw = pdf_text_width(h->d, PDF_BODY, "0000", size);
    double titlew = h->fw - indent - numw - size * 1.5;
    pdf_para p;
    pdf_para_init(&p, size, size * (e->level == 0 ? 2.0 : 1.75), PDF_LEFT,
                  e->level == 0 ? h->c_text : h->c_text);
    pdf_shape(h->d, role, e->title, strlen(e->title), 0, &p.g);
    pdf_tline *lines;
    size_t n = pdf_break(&p, titlew, &lines);
    double base = (p.leading - size) / 2 + pdf_doc_ascent(h->d) * size;
    size_t first_row = b->rows.n;
    for (size_t i = 0; i < n; i++) {
        pdf_block_row(b, p.leading);
        pdf_block_run(h->d, b, p.g.v + lines[i].start, lines[i].end - lines[i].start, indent,
                      base, size, 0, p.ink);
    }
    double xs = indent + (n ? lines[n - 1].width : 0) + size * 0.5;
    double xe = h->fw - numw - size * 0.3;
    char no[16];
    snprintf(no, sizeof no, "%d", real ? e->no : 0);
    pdf_glyphs g = {0};
    pdf_shape(h->d, PDF_BODY, ".", 1, 0, &g);
    double pitch = size * 0.5, dw = pdf_glyphs_width(g.v, 1, size);
    double x0 = pitch * (double)(long)(xs / pitch + 0.999);
    size_t dots = x0 < xe ? (size_t)((xe - x0) / pitch) + 1 : 0;
    uint32_t inks[4] = {h->c_muted, h->c_muted, h->c_muted, h->c_muted};
    pdf_glyph dot = g.v[0];
    for (size_t i = 1; i < dots; i++)
        *GS_PUSH(g) = dot;
    if (dots)
        pdf_block_run(h->d, b, g.v, dots, x0, base, size, pitch - dw, inks);
    free(g.v);
    double w = pdf_text_width(h->d, PDF_BODY, no, size);
    g = (pdf_glyphs){0};
    pdf_shape(h->d, PDF_BODY, no, strlen(no), 0, &g);
    pdf_block_run(h->d, b, g.v, g.n, h->fw - w, base, size, 0, p.ink);
    free(g.v);
    if (real && e->pg) {
        pdf_item *it = pdf_items_push(&b->items, PI_LINK);
        it->x = 0;
        it->y = 0;
        it->w = (float)h->fw;
        it->h = (float)(p.leading);
        it->target = e->pg;
        it->target_y = (float)e->y;
        /* cover every line of the entry */
        it->y = -(float)(p.leading * (double)(b->rows.n - 1 - first_row));
        it->h = (float)(p.leading * (double)(b->rows.n - first_row));
    }
    free(lines);
    pdf_para_free(&p);
}

static void toc_layout(hb *h, pdf_flow *f, bool real)
{
    pdf_block b;
    pdf_block_init(&b);
    b.keep_next = true;
    pdf_block_row(&b, h->s_ch * 0.6);
    pdf_para p;
    para(h, &p, PDF_HEAD, "目　录", h->s_ch, 1.6, PDF_CENTER, h->c_text);
    pdf_block_para(h->d, &b, &p, 0, h->fw);
    pdf_para_free(&p);
    pdf_block_row(&b, h->s_toc);
    pdf_flow_add(f, &b);
    size_t i = 0;
    while (i < h->toc.n) {
        pdf_block_reset(&b);
        b.space_before = i ? h->s_toc * 0.5 : 0;
        toc_entry(h, &b, &h->toc.v[i++], real);
        while (i < h->toc.n && h->toc.v[i].level > 0)
            toc_entry(h, &b, &h->toc.v[i++], real);
        pdf_flow_add(f, &b);
    }
    pdf_block_free(&b);
}

/* ---- pages ---- */

static pdf_page *body_page(void *ctx, int no)
{
    hb *h = ctx;
    pdf_page *pg = pdf_doc_page(h->d, h->pw, h->ph);
    pg->note = h->chapter;
    return pg;
}

static pdf_page *toc_page(void *ctx, int no)
{
    hb *h = ctx;
    pdf_page *pg = pdf_doc_page(h->d, h->pw, h->ph);
    pg->note = "目　录";
    return pg;
}

static void body_anchor(void *ctx, int anchor, pdf_page *pg, int no, double y)
{
    hb *h = ctx;
    entry *e = &h->toc.v[anchor];
    e->pg = pg;
    e->no = no;
    e->y = y;
    if (e->level == 0) {
        h->chapter = e->title;
        pg->note = NULL; /* no running header over a chapter's opening */
    }
}

static void cover(hb *h, pdf_page *pg)
{
    const pdf_ctx *c = h->c;
    double band = h->ph * 0.56, x = h->mo * 1.5, w = h->pw - 2 * x;
    pdf_rect(pg, 0, 0, h->pw, band, h->c_cover, PDF_NOCOLOR, 0);
    pdf_rect(pg, 0, band, h->pw, 4, h->c_accent, PDF_NOCOLOR, 0);
    pdf_text(h->d, pg, PDF_HEAD, "规范 · 文明 · 公正", x, h->mt + 4, h->s_note * 1.1,
             h->c_cover_text, PDF_LEFT);
    pdf_block b;
    pdf_block_init(&b);
    pdf_para p;
    para(h, &p, PDF_HEAD, h->title, h->s_title, 1.35, PDF_LEFT, h->c_cover_text);
    pdf_block_para(h->d, &b, &p, 0, w);
    pdf_para_free(&p);
    double th = pdf_block_height(&b), y = band * 0.62 - th;
    pdf_block_place(&b, pg, x, y);
    pdf_block_free(&b);
    int year, mo, dd;
    date_to_ymd(c->o->today, &year, &mo, &dd);
    char s[64];
    snprintf(s, sizeof s, "%d年版", year);
    pdf_rect(pg, x, band * 0.62 + 12, 36, 2, h->c_cover_text, PDF_NOCOLOR, 0);
    pdf_text(h->d, pg, PDF_HEAD, s, x, band * 0.62 + 36, h->s_sec, h->c_cover_text, PDF_LEFT);

    pdf_block_init(&b);
    para(h, &p, PDF_HEAD, c->issuer, h->s_sec * 1.25, 1.4, PDF_LEFT, h->c_text);
    pdf_block_para(h->d, &b, &p, 0, w);
    pdf_para_free(&p);
    y = band + 34;
    y += pdf_block_place(&b, pg, x, y);
    pdf_block_free(&b);
    if (c->agency < 0)
        pdf_text(h->d, pg, PDF_BODY, "全县通用版（含各执法机关专用用语）", x, y + 14,
                 h->s_note * 1.15, h->c_muted, PDF_LEFT);
    size_t nsc = 0;
    for (size_t i = 0; i < h->book.ch.n; i++)
        nsc += h->book.ch.v[i].scenes.n;
    snprintf(s, sizeof s, "%zu章　%zu个场景　%zu条规范用语", h->book.ch.n, nsc,
             h->book.phrases);
    pdf_text(h->d, pg, PDF_BODY, s, x, y + 34, h->s_note * 1.15, h->c_muted, PDF_LEFT);
    char date[32];
    snprintf(date, sizeof date, "%d年%d月", year, mo);
    pdf_line(pg, x, h->ph - h->mb - 30, h->pw - x, h->ph - h->mb - 30, 0.5, h->c_rule);
    pdf_text(h->d, pg, PDF_HEAD, c->m->settings.name, x, h->ph - h->mb - 12, h->s_note * 1.1,
             h->c_text, PDF_LEFT);
    pdf_text(h->d, pg, PDF_BODY, date, h->pw - x, h->ph - h->mb - 12, h->s_note * 1.1,
             h->c_text, PDF_RIGHT);
}

static void decorate(hb *h)
{
    size_t n = pdf_doc_npages(h->d);
    char s[64];
    for (size_t i = 1; i < n; i++) {
        pdf_page *pg = pdf_doc_page_at(h->d, i);
        int no = (int)i + 1;
        double fx = (no & 1) ? h->mi : h->mo;
        double hy = h->mt - 15, fy = h->ph - h->mb + 24;
        const char *head = (no & 1) ? pg->note : h->title_flat;
        if (pg->note) {
            if (head)
                pdf_text(h->d, pg, PDF_BODY, head, (no & 1) ? fx + h->fw : fx, hy, h->s_head,
                         h->c_muted, (no & 1) ? PDF_RIGHT : PDF_LEFT);
            pdf_line(pg, fx, hy + 5, fx + h->fw, hy + 5, 0.4, h->c_rule);
        }
        snprintf(s, sizeof s, "%d / %zu", no, n);
        pdf_text(h->d, pg, PDF_BODY, s, fx + h->fw / 2, fy, h->s_head * 1.1, h->c_muted,
                 PDF_CENTER);
    }
}

/* title: malloc'd, owned by the entry */
static void add_entry(hb *h, int level, char *title)
{
    entry *e = GS_PUSH(h->toc);
    e->level = level;
    e->title = title;
}

pdf_doc *pdf_handbook(const pdf_ctx *c, size_t *pages)
{
    hb h;
    memset(&h, 0, sizeof h);
    h.c = c;
    h.st = c->st;
    style(&h);
    pdf_book_collect(&h.book, c->m, c->agency);
    pdf_doc *ret = NULL;
    if (!h.book.phrases)
        goto out;
    h.d = pdf_doc_new(c->env, c->st, c->o->today);
    if (!h.d)
        goto out;
    for (size_t ci = 0; ci < h.book.ch.n; ci++) {
        char num[16];
        pdf_cn_number((int)ci + 1, num);
        add_entry(&h, 0, xasprintf("第%s章　%s", num, h.book.ch.v[ci].category));
        for (size_t si = 0; si < h.book.ch.v[ci].scenes.n; si++) {
            pdf_cn_number((int)si + 1, num);
            add_entry(&h, 1, xasprintf("%s、%s", num, h.book.ch.v[ci].scenes.v[si].name));
        }
    }
    pdf_page *cov = pdf_doc_page(h.d, h.pw, h.ph);
    pdf_flow_cb dry = {0};
    pdf_flow *f = pdf_flow_new(h.d, &dry, h.mt, h.ph - h.mb, h.mi, h.mo, 2, true);
    toc_layout(&h, f, false);
    int tpages = pdf_flow_finish(f);
    pdf_flow_free(f);

    pdf_flow_cb cb = {body_page, body_anchor, &h};
    f = pdf_flow_new(h.d, &cb, h.mt, h.ph - h.mb, h.mi, h.mo, 2 + tpages, false);
    pdf_block b;
    pdf_block_init(&b);
    int anchor = 0;
    for (size_t ci = 0; ci < h.book.ch.n; ci++) {
        const pdf_chapter *ch = &h.book.ch.v[ci];
        chapter_block(&h, &b, ci, anchor++);
        pdf_flow_add(f, &b);
        for (size_t si = 0; si < ch->scenes.n; si++) {
            section_block(&h, &b, si, &ch->scenes.v[si], anchor++);
            pdf_flow_add(f, &b);
            for (size_t k = 0; k < ch->scenes.v[si].ph.n; k++) {
                phrase_block(&h, &b, ch->scenes.v[si].ph.v[k]);
                pdf_flow_add(f, &b);
            }
        }
    }
    pdf_block_free(&b);
    pdf_flow_finish(f);
    pdf_flow_free(f);

    size_t before = pdf_doc_npages(h.d);
    pdf_flow_cb tcb = {toc_page, NULL, &h};
    f = pdf_flow_new(h.d, &tcb, h.mt, h.ph - h.mb, h.mi, h.mo, 2, false);
    toc_layout(&h, f, true);
    int t2 = pdf_flow_finish(f);
    pdf_flow_free(f);
    if (t2 != tpages)
        pdf_note("handbook contents took %d pages, not %d", t2, tpages);
    pdf_doc_move_pages(h.d, before, (size_t)t2, 1);
    cover(&h, cov);
    decorate(&h);
    for (size_t i = 0; i < h.toc.n; i++)
        if (h.toc.v[i].pg)
            pdf_doc_outline(h.d, h.toc.v[i].level, h.toc.v[i].title, h.toc.v[i].pg,
                            h.toc.v[i].y);
    char *title = xasprintf("%s（%s）", h.title_flat, c->issuer);
    pdf_doc_info(h.d, title, c->issuer, "行政执法规范用语", "规范用语, 学习手册, 行政执法");
    free(title);
    if (pages)
        *pages = pdf_doc_npages(h.d);
    ret = h.d;
    h.d = NULL;
out:
    pdf_doc_free(h.d);
    for (size_t i = 0; i < h.toc.n; i++)
        free(h.toc.v[i].title);
    free(h.toc.v);
    free(h.title_flat);
    pdf_book_free(&h.book);
    return ret;
}
