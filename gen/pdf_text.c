/*
 * pdf_text.c - paragraphs: Chinese line breaking and justification.
 *
 * Break opportunities come from libunibreak (UAX #14, language "zh",
 * computed by pdf_shape); kinsoku (禁则, GB/T 15834) then removes those
 * that would put a closing mark at the start of a line (，。、；：？！）》」』
 * and their kin) or an opening mark at the end (（《「『 …), and any inside
 * —— or …….  Lines are filled greedily; a character that may not begin a
 * line is pushed down together with the character before it.  A last line
 * holding a single character (孤字) is avoided by ending the line before
 * it one opportunity earlier.  Justified lines spread the remaining space
 * evenly between all glyphs (PDF character spacing), which is how Chinese
 * text is justified.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

bool pdf_no_line_start(uint32_t cp)
{
    static const uint16_t set[] = {
        0x0021, 0x0025, 0x0029, 0x002C, 0x002E, 0x003A, 0x003B, 0x003F, 0x005D, 0x007D,
        0x00B0, 0x00B7, 0x2019, 0x201D, 0x2030, 0x2032, 0x2033, 0x2103, 0x2026, 0x2014,
        0x3001, 0x3002, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017,
        0x3019, 0x301B, 0x301E, 0x30FB, 0x30FC, 0xFE50, 0xFE51, 0xFE52, 0xFE54, 0xFE55,
        0xFE56, 0xFE57, 0xFF01, 0xFF05, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F,
        0xFF3D, 0xFF5D, 0xFF60, 0xFF61, 0xFF63, 0xFF64,
    };
    for (size_t i = 0; i < sizeof set / sizeof *set; i++)
        if (set[i] == cp)
            return true;
    return false;
}

bool pdf_no_line_end(uint32_t cp)
{
    static const uint16_t set[] = {
        0x0024, 0x0028, 0x005B, 0x007B, 0x00A3, 0x00A5, 0x2018, 0x201C, 0x3008, 0x300A,
        0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018, 0x301A, 0x301D, 0xFE59, 0xFE5B,
        0xFE5D, 0xFF04, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62, 0xFFE1, 0xFFE5,
    };
    for (size_t i = 0; i < sizeof set / sizeof *set; i++)
        if (set[i] == cp)
            return true;
    return false;
}

void pdf_para_init(pdf_para *p, double size, double leading, int align, uint32_t ink0)
{
    memset(p, 0, sizeof *p);
    p->size = size;
    p->leading = leading;
    p->align = align;
    for (int i = 0; i < 4; i++)
        p->ink[i] = ink0;
}

void pdf_para_free(pdf_para *p)
{
    free(p->g.v);
    p->g.v = NULL;
    p->g.n = p->g.cap = 0;
}

/* a pair that must stay on one line: ——, …… */
static bool inseparable(uint32_t a, uint32_t b)
{
    return a == b && (a == 0x2014 || a == 0x2026 || a == 0x2E3A || a == 0x2015);
}

/* may a line end after glyph i?  PDF_BRK_* with kinsoku applied */
static uint8_t *break_classes(const pdf_glyph *g, size_t n)
{
    uint8_t *a = xmalloc(n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        uint8_t b = g[i].brk;
        if (i + 1 == n) {
            b = PDF_BRK_MUST;
        } else if (b != PDF_BRK_MUST) {
            if (pdf_no_line_start(g[i + 1].cp) || pdf_no_line_end(g[i].cp) ||
                inseparable(g[i].cp, g[i + 1].cp))
                b = PDF_BRK_NO;
            /* a break is always possible after white space not followed by
             * a closing mark, whatever the classes said */
            else if (g[i].space && !g[i + 1].space)
                b = PDF_BRK_ALLOW;
        }
        a[i] = b;
    }
    return a;
}

/* width of [s, e) without trailing spaces; *end_out = e minus those */
static double span(const pdf_glyph *g, size_t s, size_t e, double size, size_t *end_out)
{
    while (e > s && g[e - 1].space)
        e--;
    if (end_out)
        *end_out = e;
    return pdf_glyphs_width(g + s, e - s, size);
}

/* a glyph that counts as a character of its own (not closing punctuation) */
static bool solid(const pdf_glyph *g)
{
    return !g->space && !pdf_no_line_start(g->cp);
}

size_t pdf_break(const pdf_para *p, double width, pdf_tline **lines)
{
    const pdf_glyph *g = p->g.v;
    size_t n = p->g.n;
    *lines = NULL;
    if (!n)
        return 0;
    uint8_t *cls = break_classes(g, n);
    GS_VEC(pdf_tline) out = {0};
    size_t start = 0;
    double eps = 0.01;
    while (start < n) {
        double avail = (out.n ? width : width - p->indent);
        double w = 0;
        size_t last_ok = SIZE_MAX, end = n - 1, i;
        for (i = start; i < n; i++) {
            w += g[i].adv * p->size / 1000.0;
            if (!g[i].space && w > avail + eps && i > start) {
                if (last_ok != SIZE_MAX) {
                    end = last_ok;
                } else {
                    /* no opportunity in the whole line (a long Latin word or
                     * number): break before i, stepping back over kinsoku */
                    end = i - 1;
                    while (end > start && (pdf_no_line_start(g[end + 1].cp) ||
                                           pdf_no_line_end(g[end].cp)))
                        end--;
                }
                break;
            }
            if (cls[i] == PDF_BRK_MUST) {
                end = i;
                break;
            }
            if (cls[i] == PDF_BRK_ALLOW)
                last_ok = i;
        }
        pdf_tline *l = GS_PUSH(out);
        l->start = start;
        l->next = end + 1;
        l->width = span(g, start, end + 1, p->size, &l->end);
        start = end + 1;
    }
    /* a lone character on the last line: move one more down from the line
     * before, at that line's last opportunity that leaves it non-empty */
    if (out.n >= 2) {
        pdf_tline *last = &out.v[out.n - 1], *prev = &out.v[out.n - 2];
        size_t solids = 0;
        for (size_t i = last->start; i < last->end; i++)
            solids += solid(&g[i]);
        bool forced = cls[prev->next - 1] == PDF_BRK_MUST;
        if (solids == 1 && !forced) {
            for (size_t b = prev->next - 1; b-- > prev->start + 1;) {
                if (cls[b] != PDF_BRK_ALLOW)
                    continue;
                if (span(g, b + 1, last->end, p->size, NULL) > width + eps)
                    break;
                prev->next = b + 1;
                prev->width = span(g, prev->start, b + 1, p->size, &prev->end);
                last->start = b + 1;
                last->width = span(g, last->start, last->next, p->size, &last->end);
                break;
            }
        }
    }
    free(cls);
    *lines = out.v;
    return out.n;
}

double pdf_justify(const pdf_para *p, const pdf_tline *l, double width, bool last)
{
    if (last || l->end <= l->start + 1)
        return 0;
    const pdf_glyph *g = p->g.v;
    /* a line ended by a forced break is not stretched either */
    for (size_t i = l->end; i < l->next; i++)
        if (g[i].brk == PDF_BRK_MUST)
            return 0;
    if (l->end > l->start && g[l->end - 1].brk == PDF_BRK_MUST)
        return 0;
    double extra = width - l->width;
    if (extra <= 0)
        return 0;
    double tc = extra / (double)(l->end - l->start - 1);
    return tc > p->size * 0.6 ? 0 : tc;
}
