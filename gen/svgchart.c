/*
 * svgchart.c - inline SVG bar and column charts (see svgchart.h).  Sizes
 * are in viewBox units; the page's CSS scales the chart to its column.
 * Text widths are estimated (a CJK character one em, others 0.6 em).
 */
#include "svgchart.h"

#include <stdio.h>
#include <string.h>

#define FONT 13
#define BAR_H 22
#define GAP 6
#define WIDTH 640
#define COLOR "#9e1b1b"
#define GRID "#c8c8c8"

int64_t svg_nice_max(int64_t v)
{
    if (v <= 1)
        return 1;
    int64_t p = 1;
    while (p <= v / 10)
        p *= 10;
    /* p <= v < 10p */
    static const int steps[] = {1, 2, 5, 10};
    for (size_t i = 0; i < 4; i++)
        if (steps[i] * p >= v)
            return steps[i] * p;
    return 10 * p;
}

/* estimated width of s in units of FONT/10 */
static int text_w10(const char *s)
{
    int w = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        w += cp < 0x2E80 ? 6 : 10;
    }
    return w;
}

/* s cut so that it is at most max_w10 wide, with "…" when cut */
static void add_label(buf *b, const char *s, int max_w10)
{
    size_t len = strlen(s), i = 0;
    if (text_w10(s) <= max_w10) {
        buf_add_html(b, s, len);
        return;
    }
    int w = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, len - i, &cp);
        int cw = cp < 0x2E80 ? 6 : 10;
        if (w + cw > max_w10 - 10)
            break;
        w += cw;
        i += k;
    }
    buf_add_html(b, s, i);
    buf_puts(b, "…");
}

static void open_svg(buf *b, const char *id, const char *title, int h)
{
    buf_printf(b,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" "
               "width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"%s-t\" "
               "font-size=\"%d\"><title id=\"%s-t\">",
               WIDTH, h, WIDTH, h, id, FONT, id);
    buf_add_html(b, title, strlen(title));
    buf_puts(b, "（数据见下表）</title>\n");
}

void svg_hbars(buf *b, const char *id, const char *title, const char *const *labels,
               const int64_t *values, size_t n)
{
    int64_t max = 0;
    int label_w10 = 0;
    for (size_t i = 0; i < n; i++) {
        if (values[i] > max)
            max = values[i];
        int w = text_w10(labels[i]);
        if (w > label_w10)
            label_w10 = w;
    }
    if (label_w10 > 240)
        label_w10 = 240; /* at most 24 em of label */
    int lx = label_w10 * FONT / 10 + 8; /* bars start here */
    char vs[32];
    snprintf(vs, sizeof vs, "%lld", (long long)max);
    int vw = (int)strlen(vs) * FONT * 6 / 10 + 10; /* room for the value text */
    int plot = WIDTH - lx - vw;
    if (plot < 100)
        plot = 100;
    int64_t scale = max > 0 ? max : 1; /* values are printed: no axis needed */
    int h = (int)n * (BAR_H + GAP) + GAP;
    if (n == 0)
        h = BAR_H + 2 * GAP;
    open_svg(b, id, title, h);
    buf_printf(b, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n", lx, lx, h,
               GRID);
    for (size_t i = 0; i < n; i++) {
        int y = GAP + (int)i * (BAR_H + GAP);
        int w = (int)(values[i] * plot / scale);
        if (values[i] > 0 && w < 1)
            w = 1;
        buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", lx - 6,
                   y + BAR_H / 2 + FONT * 4 / 10);
        add_label(b, labels[i], label_w10);
        buf_puts(b, "</text>");
        buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", lx, y, w,
                   BAR_H, COLOR);
        buf_printf(b, "<text x=\"%d\" y=\"%d\">%lld</text>\n", lx + w + 4,
                   y + BAR_H / 2 + FONT * 4 / 10, (long long)values[i]);
    }
    if (n == 0)
        buf_printf(b, "<text x=\"%d\" y=\"%d\">暂无数据</text>\n", lx + 6, GAP + BAR_H / 2 + 5);
    buf_puts(b, "</svg>");
}

void svg_columns(buf *b, const char *id, const char *title, const char *const *labels,
                 const int64_t *values, size_t n)
{
    const int top = 18, bottom = 26, left = 44, h = 220;
    int64_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (values[i] > max)
            max = values[i];
    int64_t scale = svg_nice_max(max);
    int plot_h = h - top - bottom, plot_w = WIDTH - left - 8;
    open_svg(b, id, title, h);
    /* axis with 0, half and full scale */
    for (int k = 0; k <= 2; k++) {
        int y = top + plot_h - plot_h * k / 2;
        buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>", left, y,
                   WIDTH - 8, y, GRID);
        long long tick = (long long)(scale * k / 2);
        if (k == 1 && scale % 2)
            continue; /* no fractional tick */
        buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>\n", left - 4,
                   y + 4, tick);
    }
    int slot = n ? plot_w / (int)n : plot_w;
    int cw = slot * 6 / 10;
    int small = n > 12; /* 24 hours: smaller text */
    for (size_t i = 0; i < n; i++) {
        int x = left + (int)i * slot + (slot - cw) / 2;
        int ch = (int)(values[i] * plot_h / scale);
        if (values[i] > 0 && ch < 1)
            ch = 1;
        int y = top + plot_h - ch;
        buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", x, y, cw,
                   ch, COLOR);
        if (values[i] > 0)
            buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\"%s>%lld</text>",
                       x + cw / 2, y - 3, small ? " font-size=\"10\"" : "",
                       (long long)values[i]);
        buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\"%s>", x + cw / 2, h - 8,
                   small ? " font-size=\"10\"" : "");
        buf_add_html(b, labels[i], strlen(labels[i]));
        buf_puts(b, "</text>\n");
    }
    buf_puts(b, "</svg>");
}
