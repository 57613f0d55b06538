/*
 * pdf_board.c - display boards (展板) for the print shop, one file per
 * agency with a page per size (style `sizes`, default 90×120 cm and A1):
 * the three systems of 行政执法公示 (公示, 全过程记录, 法制审核) summarised
 * with the agency's own numbers (officers with valid certificates, legal
 * reviewers, powers, inspection items, this year's decisions and major
 * decisions reviewed; all from the content, so the same input gives the
 * same board), its supervision channels and a QR code to its page
 * on the site.  All vector.  Each page has 3 mm bleed (background to the
 * bleed edge), TrimBox and BleedBox, crop marks and a slug line outside the
 * bleed.  Type scales with the board's width; a layout that does not fit
 * the height is shrunk until it does.  Style: templates/print/board.yaml;
 * the paragraphs can be reworded there (text.*) with {placeholders}.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

typedef struct stats {
    size_t officers, reviewers, powers, inspections, decided, major, major_reviewed;
} stats;

typedef struct board {
    const pdf_ctx *c;
    pdf_doc *d;
    const pdf_style *st;
    stats n;
    double tx, ty, tw, th, u, f; /* trim box, unit (1% of width), type factor */
    uint32_t c_bg, c_band, c_band_text, c_accent, c_text, c_muted, c_panel, c_num;
} board;

/* the figures of agency a on today: everything the board shows that
 * comes from the data (pdf_board_digest feeds them to the input digest) */
static void count(const gs_model *m, int32_t a, gs_date today, stats *n)
{
    int year = date_year(today);
    memset(n, 0, sizeof *n);
    for (size_t i = 0; i < m->officers.n; i++) {
        const gs_officer *of = &m->officers.v[i];
        if (of->agency != a || !pdf_cert_valid(of, today))
            continue;
        n->officers++;
        n->reviewers += of->legal_reviewer == YN_YES;
    }
    for (size_t i = 0; i < m->powers.n; i++)
        n->powers += m->powers.v[i].agency == a;
    for (size_t i = 0; i < m->inspections.n; i++)
        n->inspections += m->inspections.v[i].agency == a;
    for (size_t i = 0; i < m->decisions.n; i++) {
        const gs_decision *d = &m->decisions.v[i];
        if (d->agency != a)
            continue;
        if (date_year(d->date) != year || d->date > today)
            continue;
        n->decided++;
        if (d->major == YN_YES) {
            n->major++;
            n->major_reviewed += d->legal_review == YN_YES;
        }
    }
}

void pdf_board_digest(const gs_model *m, int32_t a, gs_date today, dg *d)
{
    stats n;
    count(m, a, today, &n);
    const size_t v[] = {n.officers, n.reviewers, n.powers, n.inspections,
                        n.decided, n.major, n.major_reviewed};
    dg_str(d, "board");
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        dg_u64(d, v[i]);
}

/* text.KEY from the style (or def) with {name} placeholders filled in */
static char *text(board *b, const char *key, const char *def)
{
    const gs_model *m = b->c->m;
    char k[64];
    snprintf(k, sizeof k, "text.%s", key);
    const char *s = pdf_style_str(b->st, k, def);
    struct {
        const char *name;
        long long v;
    } vars[] = {
        {"officers", (long long)b->n.officers},   {"reviewers", (long long)b->n.reviewers},
        {"powers", (long long)b->n.powers},       {"inspections", (long long)b->n.inspections},
        {"decided", (long long)b->n.decided},     {"major", (long long)b->n.major},
        {"xuke_days", m->settings.win_xuke},      {"chufa_days", m->settings.win_chufa},
        {"default_days", m->settings.win_default},
        {"year", date_year(b->c->o->today)},
    };
    buf out;
    buf_init(&out);
    buf_puts(&out, "");
    while (*s) {
        const char *close = *s == '{' ? strchr(s, '}') : NULL;
        bool done = false;
        for (size_t i = 0; close && i < sizeof vars / sizeof *vars && !done; i++)
            if ((size_t)(close - s - 1) == strlen(vars[i].name) &&
                strncmp(s + 1, vars[i].name, (size_t)(close - s - 1)) == 0) {
                buf_printf(&out, "%lld", vars[i].v);
                s = close + 1;
                done = true;
            }
        if (!done && close && strncmp(s, "{agency}", 8) == 0) {
            buf_puts(&out, b->c->issuer);
            s += 8;
            done = true;
        }
        /* a space between two non-ASCII characters comes from folding a
         * long YAML line and is no space in Chinese text */
        if (!done && *s == ' ' && out.len && (out.p[out.len - 1] & 0x80) && (s[1] & 0x80)) {
            s++;
            done = true;
        }
        if (!done)
            buf_putc(&out, *s++);
    }
    return buf_detach(&out);
}

/* a paragraph at (x, y) width w; returns its height (drawn when pg) */
static double para(board *b, pdf_page *pg, const char *s, int role, double size, double x,
                   double y, double w, uint32_t color, int align)
{
    pdf_block blk;
    pdf_block_init(&blk);
    pdf_para p;
    pdf_para_init(&p, size, size * 1.5, align, color);
    pdf_shape(b->d, role, s, strlen(s), 0, &p.g);
    pdf_block_para(b->d, &blk, &p, 0, w);
    pdf_para_free(&p);
    double h = pg ? pdf_block_place(&blk, pg, x, y) : pdf_block_height(&blk);
    pdf_block_free(&blk);
    return h;
}

typedef struct tile {
    size_t n;
    const char *unit, *label;
} tile;

/* a row of number tiles */
static double tiles(board *b, pdf_page *pg, const tile *t, size_t nt, double x, double y,
                    double w)
{
    double u = b->u * b->f, gap = 1.5 * u, tw = (w - gap * (double)(nt - 1)) / (double)nt;
    double h = 9.5 * u;
    for (size_t i = 0; pg && i < nt; i++) {
        double tx = x + (double)i * (tw + gap);
        pdf_rect(pg, tx, y, tw, h, 0xFFFFFF, PDF_NOCOLOR, 0);
        pdf_rect(pg, tx, y, tw, 0.35 * u, b->c_num, PDF_NOCOLOR, 0);
        char num[32];
        snprintf(num, sizeof num, "%zu", t[i].n);
        double nw = pdf_text(b->d, pg, PDF_HEAD, num, tx + 1.2 * u, y + 5.2 * u, 4.6 * u,
                             b->c_num, PDF_LEFT);
        pdf_text(b->d, pg, PDF_HEAD, t[i].unit, tx + 1.5 * u + nw, y + 5.2 * u, 1.7 * u,
                 b->c_num, PDF_LEFT);
        pdf_text(b->d, pg, PDF_BODY, t[i].label, tx + 1.2 * u, y + 8 * u, 1.5 * u, b->c_muted,
                 PDF_LEFT);
    }
    return h;
}

/* one of the three systems: heading, tiles, paragraph; returns height */
static double panel(board *b, pdf_page *pg, double y, const char *num, const char *title,
                    const tile *t, size_t nt, const char *body)
{
    double u = b->u * b->f, x = b->tx + 4 * b->u, w = b->tw - 8 * b->u, pad = 2.6 * u;
    double h = pad, ix = x + pad, iw = w - 2 * pad;
    if (pg) {
        pdf_circle(pg, ix + 1.9 * u, y + h + 1.9 * u, 1.9 * u, b->c_accent);
        pdf_text(b->d, pg, PDF_HEAD, num, ix + 1.9 * u, y + h + 2.75 * u, 2.4 * u, 0xFFFFFF,
                 PDF_CENTER);
        pdf_text(b->d, pg, PDF_HEAD, title, ix + 5 * u, y + h + 2.95 * u, 3.1 * u, b->c_accent,
                 PDF_LEFT);
    }
    h += 5.2 * u;
    if (nt) {
        h += tiles(b, pg, t, nt, ix, y + h, iw);
        h += 1.6 * u;
    }
    h += para(b, pg, body, PDF_BODY, 1.75 * u, ix, y + h, iw, b->c_text, PDF_JUSTIFY);
    h += pad;
    return h;
}

static double channels(board *b, pdf_page *pg, double y)
{
    const gs_model *m = b->c->m;
    const gs_agency *ag = &m->agencies.v[b->c->agency];
    double u = b->u * b->f, x = b->tx + 4 * b->u, w = b->tw - 8 * b->u, pad = 2.6 * u;
    double qs = 17 * u, ix = x + pad, iw = w - 3 * pad - qs;
    double h = pad;
    if (pg)
        pdf_text(b->d, pg, PDF_HEAD, "监督渠道", ix, y + h + 2.9 * u, 3.1 * u, b->c_accent,
                 PDF_LEFT);
    h += 5 * u;
    const char *rows[][2] = {
        {"投诉电话", *ag->complaint_phone ? ag->complaint_phone : ag->phone},
        {"办公地址", ag->address},
        {"行政复议", ag->review_body},
        {"行政诉讼", ag->court},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        if (!*rows[i][1])
            continue;
        if (pg)
            pdf_text(b->d, pg, PDF_HEAD, rows[i][0], ix,
                     y + h + (0.25 + pdf_doc_ascent(b->d)) * 1.75 * u, 1.75 * u, b->c_muted,
                     PDF_LEFT);
        pdf_doc_src(b->d, &ag->src, rows[i][0]);
        h += para(b, pg, rows[i][1], PDF_BODY, 1.75 * u, ix + 9 * u, y + h, iw - 9 * u,
                  b->c_text, PDF_LEFT);
        pdf_doc_src(b->d, NULL, NULL);
    }
    double qh = pad + qs + 4 * u;
    if (h < qh - pad)
        h = qh - pad;
    h += pad;
    char *rel = xasprintf("agencies/%s.html", ag->slug);
    char *url = pg ? pdf_site_url(m, rel) : NULL;
    free(rel);
    if (url) {
        double qx = x + w - pad - qs;
        pdf_qr(pg, url, qx, y + pad, qs, 0x000000);
        pdf_text(b->d, pg, PDF_BODY, "扫码查看执法公示信息", qx + qs / 2, y + pad + qs + 2 * u,
                 1.45 * u, b->c_muted, PDF_CENTER);
        free(url);
    }
    return h;
}

/* everything below the header; returns its height (drawn when pg) */
static double body(board *b, pdf_page *pg, double y)
{
    double u = b->u * b->f, x = b->tx + 4 * b->u, w = b->tw - 8 * b->u, y0 = y, gap = 2.2 * u;
    char *t1 = text(b, "publicity",
                    "事前公开执法主体、人员、职责、权限、依据、程序、救济渠道和随机抽查事项清单；"
                    "事中出示执法证件、出具执法文书，主动告知执法事由、依据和当事人的权利义务；"
                    "事后将行政许可决定在{xuke_days}个工作日内、行政处罚决定在{chufa_days}个工作日内、"
                    "其他执法决定在{default_days}个工作日内公开，接受社会监督。");
    char *t2 = text(b, "record",
                    "通过文字、音像等形式，对执法的启动、调查取证、审核决定、送达执行等全过程"
                    "进行记录并全面系统归档保存，做到执法全过程留痕和可回溯管理。查封扣押财产、"
                    "强制拆除等直接涉及生命健康、重大财产权益的现场执法活动，全程音像记录。");
    char *t3 = text(b, "review",
                    "作出重大执法决定前，由法制审核机构对执法主体、管辖权限、执法程序、事实证据、"
                    "适用依据和自由裁量等进行法制审核；未经法制审核或者审核未通过的，不得作出决定。");
    char lab[64], lab1[64];
    snprintf(lab1, sizeof lab1, "%d年执法决定", date_year(b->c->o->today));
    tile k1[] = {{b->n.officers, "名", "持证执法人员"},
                 {b->n.powers, "项", "权责清单事项"},
                 {b->n.inspections, "项", "随机抽查事项"},
                 {b->n.decided, "件", lab1}};
    snprintf(lab, sizeof lab, "%d年重大执法决定", date_year(b->c->o->today));
    tile k3[] = {{b->n.reviewers, "名", "法制审核人员"},
                 {b->n.major, "件", lab},
                 {b->n.major_reviewed, "件", "经法制审核"}};
    struct {
        const char *num, *title;
        const tile *t;
        size_t nt;
        const char *body;
    } p[] = {{"一", "行政执法公示制度", k1, 4, t1},
             {"二", "执法全过程记录制度", NULL, 0, t2},
             {"三", "重大执法决定法制审核制度", k3, 3, t3}};
    for (size_t i = 0; i < 3; i++) {
        double h = panel(b, NULL, y, p[i].num, p[i].title, p[i].t, p[i].nt, p[i].body);
        if (pg) {
            pdf_rect(pg, x, y, w, h, b->c_panel, PDF_NOCOLOR, 0);
            pdf_rect(pg, x, y, 0.5 * u, h, b->c_accent, PDF_NOCOLOR, 0);
            panel(b, pg, y, p[i].num, p[i].title, p[i].t, p[i].nt, p[i].body);
        }
        y += h + gap;
    }
    double h = channels(b, NULL, y);
    if (pg) {
        pdf_rect(pg, x, y, w, h, b->c_panel, PDF_NOCOLOR, 0);
        pdf_rect(pg, x, y, 0.5 * u, h, b->c_accent, PDF_NOCOLOR, 0);
        channels(b, pg, y);
    }
    y += h;
    free(t1);
    free(t2);
    free(t3);
    return y - y0;
}

static void crop_marks(board *b, pdf_page *pg, double bleed, double len)
{
    double xs[2] = {b->tx, b->tx + b->tw}, ys[2] = {b->ty, b->ty + b->th}, lw = 0.25;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double x = xs[i], y = ys[j], sx = i ? 1 : -1, sy = j ? 1 : -1;
            pdf_line(pg, x + sx * bleed, y, x + sx * (bleed + len), y, lw, 0x000000);
            pdf_line(pg, x, y + sy * bleed, x, y + sy * (bleed + len), lw, 0x000000);
        }
}

static void page(board *b, double tw, double th, const char *size_name)
{
    double bleed = pdf_style_mm(b->st, "bleed", 3), slug = pdf_style_mm(b->st, "slug", 12);
    pdf_page *pg = pdf_doc_page(b->d, tw + 2 * (bleed + slug), th + 2 * (bleed + slug));
    b->tx = b->ty = bleed + slug;
    b->tw = tw;
    b->th = th;
    b->u = tw / 100;
    pdf_page_set_boxes(pg, b->tx, b->ty, tw, th, bleed);
    pdf_rect(pg, b->tx - bleed, b->ty - bleed, tw + 2 * bleed, th + 2 * bleed, b->c_bg,
             PDF_NOCOLOR, 0);
    /* header, then as large a type factor as fits the height */
    double u = b->u, head = 19 * u, foot = 5 * u;
    double avail = th - head - foot - 3 * u;
    for (b->f = 1.0; b->f > 0.5 && body(b, NULL, 0) > avail; b->f -= 0.04)
        ;
    pdf_rect(pg, b->tx - bleed, b->ty - bleed, tw + 2 * bleed, head + bleed, b->c_band,
             PDF_NOCOLOR, 0);
    pdf_doc_src(b->d, &b->c->m->agencies.v[b->c->agency].src, "机关名称");
    pdf_text(b->d, pg, PDF_HEAD, b->c->issuer, b->tx + 4 * u, b->ty + 4.6 * u, 2.2 * u,
             b->c_band_text, PDF_LEFT);
    pdf_doc_src(b->d, NULL, NULL);
    pdf_text(b->d, pg, PDF_HEAD, pdf_style_str(b->st, "title", "行政执法公示"), b->tx + 4 * u,
             b->ty + 12.3 * u, 6.6 * u, b->c_band_text, PDF_LEFT);
    pdf_text(b->d, pg, PDF_BODY,
             pdf_style_str(b->st, "subtitle", "全面推行行政执法公示制度、执法全过程记录制度、"
                                              "重大执法决定法制审核制度"),
             b->tx + 4 * u, b->ty + 16.3 * u, 1.9 * u, b->c_band_text, PDF_LEFT);
    double h = body(b, NULL, 0), y = b->ty + head + 3 * u;
    if (h < avail)
        y += (avail - h) / 2;
    body(b, pg, y);
    char date[32];
    pdf_cn_date(b->c->o->today, date);
    char *foot_s = xasprintf("%s　%s", b->c->m->settings.name, date);
    pdf_text(b->d, pg, PDF_BODY, foot_s, b->tx + tw / 2, b->ty + th - 2 * u, 1.3 * u,
             b->c_muted, PDF_CENTER);
    free(foot_s);
    crop_marks(b, pg, bleed, slug - 3 * PDF_MM);
    char *info = xasprintf("%s　展板 %s　成品 %.0f×%.0f mm　出血 %.0f mm", b->c->issuer, size_name,
                           tw / PDF_MM, th / PDF_MM, bleed / PDF_MM);
    pdf_text(b->d, pg, PDF_BODY, info, b->tx, b->ty + th + bleed + slug * 0.7, 7, 0x000000,
             PDF_LEFT);
    free(info);
}

pdf_doc *pdf_board(const pdf_ctx *c)
{
    board b = {.c = c, .st = c->st};
    count(c->m, c->agency, c->o->today, &b.n);
    b.c_bg = pdf_style_color(b.st, "color.background", 0xF6F1EA);
    b.c_band = pdf_style_color(b.st, "color.band", 0xB3261E);
    b.c_band_text = pdf_style_color(b.st, "color.band_text", 0xFFFFFF);
    b.c_accent = pdf_style_color(b.st, "color.accent", 0xB3261E);
    b.c_num = pdf_style_color(b.st, "color.number", 0xB3261E);
    b.c_text = pdf_style_color(b.st, "color.text", 0x1A1A1A);
    b.c_muted = pdf_style_color(b.st, "color.muted", 0x5A5A5A);
    b.c_panel = pdf_style_color(b.st, "color.panel", 0xFFFDF9);
    b.d = pdf_doc_new(c->env, b.st, c->o->today);
    if (!b.d)
        return NULL;
    static const char *const def[] = {"900x1200", "A1"};
    bool own = pdf_style_str(b.st, "sizes.0", NULL) != NULL;
    for (unsigned i = 0; i < 8; i++) {
        char key[32];
        snprintf(key, sizeof key, "sizes.%u", i);
        const char *s = pdf_style_str(b.st, key, own || i >= 2 ? NULL : def[i]);
        if (!s)
            break;
        double w, h;
        pdf_style_page(b.st, key, "900x1200", &w, &h);
        page(&b, w, h, s);
    }
    char *title = xasprintf("行政执法公示展板（%s）", c->issuer);
    pdf_doc_info(b.d, title, c->issuer, "行政执法三项制度", "展板, 行政执法公示");
    free(title);
    return b.d;
}
