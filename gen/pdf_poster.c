/*
 * pdf_poster.c - posters (海报), A3 portrait, one page per 场景 of an
 * agency's phrase book (county-wide phrases and its own), in book order:
 * the scene as a banner, its phrases large enough to read from two metres
 * (the size is fitted between size.phrase_max and size.phrase_min; when
 * even the smallest size cannot hold them all, the first ones by 序号 are
 * shown), and a strip with the scene's 禁用语 when there is room.
 * Style: templates/print/poster.yaml.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

typedef struct poster {
    const pdf_ctx *c;
    pdf_doc *d;
    double pw, ph, m;
    double s_max, s_min, s_scene, s_kicker, s_banned, s_foot;
    uint32_t c_band, c_band_text, c_text, c_num, c_banned, c_banned_bg, c_muted;
} poster;

/* the phrase column: numbered paragraphs; returns the height, placing
 * them on pg at y when pg is not NULL */
static double phrases(poster *p, const pdf_scene *sc, size_t n, double size, pdf_page *pg,
                      double y)
{
    double x = p->m, w = p->pw - 2 * p->m, indent = size * 1.6, h = 0;
    pdf_block b;
    pdf_block_init(&b);
    for (size_t i = 0; i < n; i++) {
        const gs_phrase *ph = sc->ph.v[i];
        pdf_block_reset(&b);
        pdf_block_row(&b, 0);
        double r = size * 0.55, cy = size * 1.38 / 2;
        pdf_block_circle(&b, r, cy, r, p->c_num);
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        pdf_glyphs g = {0};
        pdf_doc_src(p->d, NULL, NULL);
        pdf_shape(p->d, PDF_HEAD, num, strlen(num), 0, &g);
        double ns = size * 0.7, nw = pdf_glyphs_width(g.v, g.n, ns);
        uint32_t white[4] = {0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF};
        pdf_block_run(p->d, &b, g.v, g.n, r - nw / 2, cy + ns * 0.36, ns, 0, white);
        free(g.v);
        pdf_para pa;
        pdf_para_init(&pa, size, size * 1.38, PDF_JUSTIFY, p->c_text);
        pdf_doc_src(p->d, &ph->src, "规范用语");
        pdf_shape(p->d, PDF_HEAD, ph->text, strlen(ph->text), 0, &pa.g);
        pdf_block_para(p->d, &b, &pa, indent, w - indent);
        pdf_para_free(&pa);
        double bh = pdf_block_height(&b) + (i + 1 < n ? size * 0.75 : 0);
        if (pg)
            pdf_block_place(&b, pg, x, y + h);
        h += bh;
    }
    pdf_doc_src(p->d, NULL, NULL);
    pdf_block_free(&b);
    return h;
}

/* the 禁用语 strip: up to three of the scene's */
static double banned(poster *p, const pdf_scene *sc, size_t n, pdf_page *pg, double y)
{
    pdf_para pa;
    pdf_para_init(&pa, p->s_banned, p->s_banned * 1.5, PDF_LEFT, p->c_banned);
    size_t shown = 0;
    for (size_t i = 0; i < n && shown < 3; i++) {
        const gs_phrase *ph = sc->ph.v[i];
        if (!*ph->banned)
            continue;
        if (!shown) {
            pdf_doc_src(p->d, NULL, NULL);
            pdf_shape(p->d, PDF_HEAD, "禁用语　", strlen("禁用语　"), 0, &pa.g);
        } else {
            pdf_shape(p->d, PDF_BODY, "　", strlen("　"), 0, &pa.g);
        }
        pdf_doc_src(p->d, &ph->src, "禁用语");
        pdf_shape(p->d, PDF_BODY, ph->banned, strlen(ph->banned), 0, &pa.g);
        shown++;
    }
    pdf_doc_src(p->d, NULL, NULL);
    double h = 0;
    if (shown) {
        pdf_block b;
        pdf_block_init(&b);
        double pad = p->s_banned * 0.8, w = p->pw - 2 * p->m;
        pdf_block_row(&b, pad);
        pdf_block_para(p->d, &b, &pa, pad + 6, w - 2 * pad - 6);
        pdf_block_row(&b, pad);
        h = pdf_block_height(&b);
        if (pg) {
            pdf_rect(pg, p->m, y, w, h, p->c_banned_bg, PDF_NOCOLOR, 0);
            pdf_rect(pg, p->m, y, 5, h, p->c_banned, PDF_NOCOLOR, 0);
            pdf_block_place(&b, pg, p->m, y);
        }
        pdf_block_free(&b);
    }
    pdf_para_free(&pa);
    return h;
}

static void page(poster *p, const pdf_chapter *ch, const pdf_scene *sc)
{
    pdf_page *pg = pdf_doc_page(p->d, p->pw, p->ph);
    double band = p->s_scene * 2.6 + p->s_kicker * 2;
    pdf_rect(pg, 0, 0, p->pw, band, p->c_band, PDF_NOCOLOR, 0);
    pdf_text(p->d, pg, PDF_HEAD, "行政执法规范用语", p->m, p->m * 0.6 + p->s_kicker,
             p->s_kicker, p->c_band_text, PDF_LEFT);
    double tw = pdf_text_width(p->d, PDF_HEAD, ch->category, p->s_kicker * 0.8);
    double tx = p->pw - p->m - tw - p->s_kicker * 0.8, ty = p->m * 0.6;
    pdf_rect(pg, tx, ty, tw + p->s_kicker * 0.8, p->s_kicker * 1.3, PDF_NOCOLOR,
             p->c_band_text, 1.2);
    pdf_text(p->d, pg, PDF_HEAD, ch->category, tx + p->s_kicker * 0.4,
             ty + p->s_kicker * 0.95, p->s_kicker * 0.8, p->c_band_text, PDF_LEFT);
    pdf_doc_src(p->d, &sc->ph.v[0]->src, "场景");
    double ss = p->s_scene, sw = pdf_text_width(p->d, PDF_HEAD, sc->name, ss);
    if (sw > p->pw - 2 * p->m) /* a long scene name: smaller, on one line */
        ss *= (p->pw - 2 * p->m) / sw;
    pdf_text(p->d, pg, PDF_HEAD, sc->name, p->m, band - p->s_scene * 0.7, ss, p->c_band_text,
             PDF_LEFT);
    pdf_doc_src(p->d, NULL, NULL);

    double foot = p->s_foot * 3.2;
    double top = band + p->m * 0.7, bottom = p->ph - foot - p->m * 0.3;
    double avail = bottom - top;
    /* fit: the largest size that holds every phrase (and the 禁用语 strip) */
    size_t n = sc->ph.n;
    double size = p->s_min, bh = banned(p, sc, n, NULL, 0), gap = p->s_min;
    bool with_banned = bh > 0, fitted = false;
    for (int pass = 0; pass < 2 && !fitted; pass++) {
        for (double s = p->s_max; s >= p->s_min - 0.01; s -= 2) {
            double need = phrases(p, sc, n, s, NULL, 0) + (with_banned ? bh + gap : 0);
            if (need <= avail) {
                size = s;
                fitted = true;
                break;
            }
        }
        if (!fitted)
            with_banned = false; /* drop the strip before dropping phrases */
    }
    while (!fitted && n > 1) {
        n--;
        fitted = phrases(p, sc, n, p->s_min, NULL, 0) <= avail;
    }
    /* one phrase longer than the page at the smallest size: smaller still */
    for (; !fitted && size > 8; size *= 0.9)
        fitted = phrases(p, sc, n, size * 0.9, NULL, 0) <= avail;
    double h = phrases(p, sc, n, size, NULL, 0);
    double spare = avail - h - (with_banned ? bh + gap : 0);
    double y = top + (spare > 0 ? spare * 0.3 : 0);
    phrases(p, sc, n, size, pg, y);
    if (with_banned)
        banned(p, sc, n, pg, bottom - bh);

    double fy = p->ph - foot;
    pdf_line(pg, p->m, fy, p->pw - p->m, fy, 1, p->c_band);
    pdf_text(p->d, pg, PDF_HEAD, p->c->issuer, p->m, fy + p->s_foot * 1.8, p->s_foot,
             p->c_muted, PDF_LEFT);
    pdf_text(p->d, pg, PDF_HEAD, "严格　规范　公正　文明", p->pw - p->m, fy + p->s_foot * 1.8,
             p->s_foot, p->c_band, PDF_RIGHT);
}

pdf_doc *pdf_posters(const pdf_ctx *c)
{
    pdf_book book;
    pdf_book_collect(&book, c->m, c->agency);
    if (!book.phrases) {
        pdf_book_free(&book);
        return NULL;
    }
    poster p = {.c = c};
    const pdf_style *st = c->st;
    pdf_style_page(st, "page", "A3", &p.pw, &p.ph);
    p.m = pdf_style_mm(st, "margin", 20);
    if (p.m * 4 > p.pw)
        p.m = p.pw / 10;
    double k = p.pw / (297 * PDF_MM); /* sizes are for A3; other pages scale */
    p.s_max = pdf_style_num(st, "size.phrase_max", 46) * k;
    p.s_min = pdf_style_num(st, "size.phrase_min", 28) * k;
    if (p.s_min > p.s_max || p.s_min < 6)
        p.s_min = p.s_max * 0.6;
    p.s_scene = pdf_style_num(st, "size.scene", 80) * k;
    p.s_kicker = pdf_style_num(st, "size.kicker", 24) * k;
    p.s_banned = pdf_style_num(st, "size.banned", 20) * k;
    p.s_foot = pdf_style_num(st, "size.footer", 16) * k;
    p.c_band = pdf_style_color(st, "color.band", 0xB3261E);
    p.c_band_text = pdf_style_color(st, "color.band_text", 0xFFFFFF);
    p.c_text = pdf_style_color(st, "color.text", 0x1A1A1A);
    p.c_num = pdf_style_color(st, "color.number", 0xB3261E);
    p.c_banned = pdf_style_color(st, "color.banned", 0x9B1C1C);
    p.c_banned_bg = pdf_style_color(st, "color.banned_bg", 0xFBEDEC);
    p.c_muted = pdf_style_color(st, "color.muted", 0x5A5A5A);
    p.d = pdf_doc_new(c->env, st, c->o->today);
    if (p.d) {
        for (size_t ci = 0; ci < book.ch.n; ci++)
            for (size_t si = 0; si < book.ch.v[ci].scenes.n; si++)
                page(&p, &book.ch.v[ci], &book.ch.v[ci].scenes.v[si]);
        char *title = xasprintf("行政执法规范用语海报（%s）", c->issuer);
        pdf_doc_info(p.d, title, c->issuer, "行政执法规范用语", "规范用语, 海报");
        free(title);
    }
    pdf_book_free(&book);
    return p.d;
}
