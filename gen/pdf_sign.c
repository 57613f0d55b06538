/*
 * pdf_sign.c - window signs (岗位信息公示牌), A4 portrait, one page per
 * officer of the agency whose certificate is valid on --today (the same
 * rule as the site's verification page): name, 职务, 执法证号, 执法类别,
 * 执法区域, validity, the agency's complaint phone, and a QR code to the
 * officer's verification page on the site (base_url + officers/<slug>.html).
 * Only what the law makes public about an officer is printed.
 * Style: templates/print/sign.yaml.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

typedef struct sign {
    const pdf_ctx *c;
    pdf_doc *d;
    double pw, ph, m;
    double s_title, s_name, s_role, s_label, s_value, s_small;
    uint32_t c_band, c_band_text, c_text, c_label, c_rule, c_qr, c_muted, c_panel;
} sign;

/* one labelled row of the table: returns its height */
static double row(sign *s, pdf_page *pg, double y, const char *label, const char *value,
                  const gs_src *src, const char *column)
{
    double x = s->m, w = s->pw - 2 * s->m, lw = s->s_label * 6.2, pad = s->s_value * 0.55;
    pdf_block b;
    pdf_block_init(&b);
    pdf_block_row(&b, pad);
    pdf_para p;
    pdf_para_init(&p, s->s_value, s->s_value * 1.45, PDF_LEFT, s->c_text);
    pdf_doc_src(s->d, src, column);
    pdf_shape(s->d, PDF_HEAD, *value ? value : "—", strlen(*value ? value : "—"), 0, &p.g);
    pdf_doc_src(s->d, NULL, NULL);
    pdf_block_para(s->d, &b, &p, lw, w - lw);
    pdf_para_free(&p);
    pdf_block_row(&b, pad);
    double h = pdf_block_height(&b);
    pdf_block_place(&b, pg, x, y);
    pdf_block_free(&b);
    pdf_text(s->d, pg, PDF_BODY, label, x + s->s_label * 0.6,
             y + pad + (s->s_value * 1.45 - s->s_label) / 2 + s->s_label * 0.86, s->s_label,
             s->c_label, PDF_LEFT);
    pdf_line(pg, x, y + h, x + w, y + h, 0.6, s->c_rule);
    return h;
}

static void page(sign *s, const gs_officer *of)
{
    const gs_model *m = s->c->m;
    const gs_agency *ag = &m->agencies.v[of->agency];
    pdf_page *pg = pdf_doc_page(s->d, s->pw, s->ph);
    double band = s->s_title * 3.6;
    pdf_rect(pg, 0, 0, s->pw, band, s->c_band, PDF_NOCOLOR, 0);
    pdf_text(s->d, pg, PDF_HEAD, "行政执法人员岗位信息公示", s->pw / 2, band * 0.48,
             s->s_title, s->c_band_text, PDF_CENTER);
    pdf_doc_src(s->d, &ag->src, "机关名称");
    double as = s->s_small * 1.25, aw = pdf_text_width(s->d, PDF_BODY, ag->name, as);
    if (aw > s->pw - 2 * s->m)
        as *= (s->pw - 2 * s->m) / aw;
    pdf_text(s->d, pg, PDF_BODY, ag->name, s->pw / 2, band * 0.48 + s->s_title * 1.35, as,
             s->c_band_text, PDF_CENTER);

    double y = band + s->s_name * 1.5;
    pdf_doc_src(s->d, &of->src, "姓名");
    double ns = s->s_name, nw = pdf_text_width(s->d, PDF_HEAD, of->name, ns);
    if (nw > s->pw - 2 * s->m) /* a long name: smaller, on one line */
        ns *= (s->pw - 2 * s->m) / nw;
    pdf_text(s->d, pg, PDF_HEAD, of->name, s->pw / 2, y, ns, s->c_text, PDF_CENTER);
    y += s->s_role * 1.8;
    if (*of->title) {
        pdf_doc_src(s->d, &of->src, "职务");
        double rs = s->s_role, rw = pdf_text_width(s->d, PDF_BODY, of->title, rs);
        if (rw > s->pw - 2 * s->m)
            rs *= (s->pw - 2 * s->m) / rw;
        pdf_text(s->d, pg, PDF_BODY, of->title, s->pw / 2, y, rs, s->c_muted, PDF_CENTER);
    }
    pdf_doc_src(s->d, NULL, NULL);
    y += s->s_role * 1.6;
    pdf_line(pg, s->m, y, s->pw - s->m, y, 1.6, s->c_band);
    char valid[32] = "长期";
    if (of->valid_to != GS_NODATE)
        pdf_cn_date(of->valid_to, valid);
    y += row(s, pg, y, "执法证号", of->cert_no, &of->src, "执法证号");
    char *cats = pdf_list_text(of->categories);
    y += row(s, pg, y, "执法类别", cats, &of->src, "执法类别");
    free(cats);
    y += row(s, pg, y, "执法区域", of->area, &of->src, "执法区域");
    y += row(s, pg, y, "有效期至", valid, NULL, NULL);
    y += row(s, pg, y, "投诉电话", *ag->complaint_phone ? ag->complaint_phone : ag->phone,
             &ag->src, "投诉电话");

    /* the QR code and what it is for */
    double qs = s->pw * 0.3, qy = y + (s->ph - y - qs - s->s_small * 6) / 2;
    if (qy < y + s->s_small)
        qy = y + s->s_small;
    char *rel = xasprintf("officers/%s.html", of->slug);
    char *url = pdf_site_url(m, rel);
    free(rel);
    if (!url)
        goto foot;
    pdf_rect(pg, s->m, qy - s->s_small, s->pw - 2 * s->m, qs + 2 * s->s_small, s->c_panel,
             PDF_NOCOLOR, 0);
    pdf_qr(pg, url, s->m + s->s_small, qy, qs, s->c_qr);
    double tx = s->m + qs + s->s_small * 2.5, ty = qy + qs * 0.3;
    pdf_text(s->d, pg, PDF_HEAD, "扫码核验执法证件", tx, ty, s->s_label * 1.3, s->c_text,
             PDF_LEFT);
    pdf_block b;
    pdf_block_init(&b);
    pdf_para p;
    pdf_para_init(&p, s->s_small, s->s_small * 1.5, PDF_LEFT, s->c_muted);
    static const char hint[] = "查看执法人员身份、执法类别和证件状态，"
                               "以行政执法公示平台显示的信息为准：";
    pdf_shape(s->d, PDF_BODY, hint, strlen(hint), 0, &p.g);
    pdf_shape(s->d, PDF_BODY, url, strlen(url), 0, &p.g);
    double bw = s->pw - s->m - s->s_small - tx;
    pdf_block_para(s->d, &b, &p, 0, bw);
    pdf_para_free(&p);
    pdf_block_place(&b, pg, tx, ty + s->s_small * 1.2);
    pdf_block_free(&b);
    free(url);
foot:;
    double fy = s->ph - s->m;
    char date[32];
    pdf_cn_date(s->c->o->today, date);
    char *foot = xasprintf("欢迎监督　%s　%s", s->c->issuer, date);
    pdf_text(s->d, pg, PDF_BODY, foot, s->pw / 2, fy, s->s_small, s->c_muted, PDF_CENTER);
    free(foot);
}

pdf_doc *pdf_signs(const pdf_ctx *c)
{
    const gs_model *m = c->m;
    size_t n = 0;
    for (size_t i = 0; i < m->officers.n; i++)
        n += m->officers.v[i].agency == c->agency && pdf_cert_valid(&m->officers.v[i], c->o->today);
    if (!n)
        return NULL;
    sign s = {.c = c};
    const pdf_style *st = c->st;
    pdf_style_page(st, "page", "A4", &s.pw, &s.ph);
    s.m = pdf_style_mm(st, "margin", 18);
    if (s.m * 4 > s.pw)
        s.m = s.pw / 10;
    double k = s.pw / (210 * PDF_MM);
    s.s_title = pdf_style_num(st, "size.title", 26) * k;
    s.s_name = pdf_style_num(st, "size.name", 56) * k;
    s.s_role = pdf_style_num(st, "size.role", 22) * k;
    s.s_label = pdf_style_num(st, "size.label", 14) * k;
    s.s_value = pdf_style_num(st, "size.value", 17) * k;
    s.s_small = pdf_style_num(st, "size.small", 10) * k;
    s.c_band = pdf_style_color(st, "color.band", 0x1F4E8C);
    s.c_band_text = pdf_style_color(st, "color.band_text", 0xFFFFFF);
    s.c_text = pdf_style_color(st, "color.text", 0x1A1A1A);
    s.c_label = pdf_style_color(st, "color.label", 0x1F4E8C);
    s.c_rule = pdf_style_color(st, "color.rule", 0xC9CED6);
    s.c_qr = pdf_style_color(st, "color.qr", 0x000000);
    s.c_muted = pdf_style_color(st, "color.muted", 0x5A5A5A);
    s.c_panel = pdf_style_color(st, "color.panel", 0xEEF2F8);
    s.d = pdf_doc_new(c->env, st, c->o->today);
    if (!s.d)
        return NULL;
    for (size_t i = 0; i < m->officers.n; i++) {
        const gs_officer *of = &m->officers.v[i];
        if (of->agency == c->agency && pdf_cert_valid(of, c->o->today))
            page(&s, of);
    }
    char *title = xasprintf("行政执法人员岗位信息公示牌（%s）", c->issuer);
    pdf_doc_info(s.d, title, c->issuer, "岗位信息公示", "执法人员, 岗位信息公示");
    free(title);
    return s.d;
}
