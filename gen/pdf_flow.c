/*
 * pdf_flow.c - blocks of rows flowed down the pages of a document.
 *
 * A block is a list of rows (a text line, a spacer, a table row), each
 * with the items drawn in it.  The flow fills a frame page after page:
 *   - a `keep` block (a phrase with its notes, a quiz question) is never
 *     split; it moves to the next page whole, unless it is taller than a
 *     page;
 *   - a `keep_next` block (a heading) waits for the block after it and
 *     goes to a new page with it when the two (or the first two rows of a
 *     splittable one) do not fit;
 *   - a splittable block leaves at least two rows on either side of a page
 *     break (no orphans, no widows);
 *   - the first header_rows rows of a block (a table head) are repeated
 *     at the top of each page the block continues on.
 * Anchored rows (headings) are reported with their page and position, for
 * the table of contents, the outline and running headers.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

void pdf_block_init(pdf_block *b)
{
    memset(b, 0, sizeof *b);
}

void pdf_block_free(pdf_block *b)
{
    free(b->rows.v);
    free(b->items.v);
    memset(b, 0, sizeof *b);
}

void pdf_block_reset(pdf_block *b)
{
    b->rows.n = 0;
    b->items.n = 0;
    b->space_before = 0;
    b->keep = b->keep_next = b->break_before = false;
    b->header_rows = 0;
}

double pdf_block_height(const pdf_block *b)
{
    double h = 0;
    for (size_t i = 0; i < b->rows.n; i++)
        h += b->rows.v[i].h;
    return h;
}

pdf_row *pdf_block_row(pdf_block *b, double h)
{
    pdf_row *r = GS_PUSH(b->rows);
    r->h = (float)h;
    r->first = (uint32_t)b->items.n;
    r->anchor = -1;
    r->bg = r->bar = PDF_NOCOLOR;
    return r;
}

static void need_row(pdf_block *b)
{
    if (!b->rows.n)
        pdf_block_row(b, 0);
}

void pdf_block_rect(pdf_block *b, double x, double y, double w, double h, uint32_t fill,
                    uint32_t stroke, double lw)
{
    need_row(b);
    pdf_item *it = pdf_items_push(&b->items, PI_RECT);
    it->x = (float)x, it->y = (float)y, it->w = (float)w, it->h = (float)h;
    it->fill = fill, it->stroke = stroke, it->lw = (float)lw;
}

void pdf_block_line(pdf_block *b, double x1, double y1, double x2, double y2, double lw,
                    uint32_t color)
{
    need_row(b);
    pdf_item *it = pdf_items_push(&b->items, PI_LINE);
    it->x = (float)x1, it->y = (float)y1, it->w = (float)(x2 - x1), it->h = (float)(y2 - y1);
    it->stroke = color, it->lw = (float)lw;
}

void pdf_block_circle(pdf_block *b, double cx, double cy, double r, uint32_t fill)
{
    need_row(b);
    pdf_item *it = pdf_items_push(&b->items, PI_CIRCLE);
    it->x = (float)cx, it->y = (float)cy, it->w = (float)r;
    it->fill = fill;
}

void pdf_block_run(pdf_doc *d, pdf_block *b, const pdf_glyph *g, size_t n, double x,
                   double baseline, double size, double tc, const uint32_t *inks)
{
    need_row(b);
    pdf_run_items(d, &b->items, g, n, x, baseline, size, tc, inks);
}

size_t pdf_block_para(pdf_doc *d, pdf_block *b, const pdf_para *p, double x, double width)
{
    pdf_tline *lines;
    size_t n = pdf_break(p, width, &lines);
    double base = (p->leading - p->size) / 2 + pdf_doc_ascent(d) * p->size;
    for (size_t i = 0; i < n; i++) {
        const pdf_tline *l = &lines[i];
        double lx = x + (i == 0 ? p->indent : 0);
        double avail = width - (i == 0 ? p->indent : 0);
        double tc = 0;
        if (p->align == PDF_JUSTIFY)
            tc = pdf_justify(p, l, avail, i + 1 == n);
        else if (p->align == PDF_CENTER)
            lx += (avail - l->width) / 2;
        else if (p->align == PDF_RIGHT)
            lx += avail - l->width;
        pdf_block_row(b, p->leading);
        pdf_block_run(d, b, p->g.v + l->start, l->end - l->start, lx, base, p->size, tc, p->ink);
    }
    free(lines);
    return n;
}

/* items of row i: [first, end) */
static size_t row_end(const pdf_block *b, size_t i)
{
    return i + 1 < b->rows.n ? b->rows.v[i + 1].first : b->items.n;
}

static void place_row(const pdf_block *b, size_t i, pdf_page *pg, double x, double y)
{
    const pdf_row *r = &b->rows.v[i];
    if (r->bg != PDF_NOCOLOR)
        pdf_rect(pg, x + r->bg_x, y, r->bg_w, r->h, r->bg, PDF_NOCOLOR, 0);
    if (r->bar != PDF_NOCOLOR)
        pdf_rect(pg, x + r->bg_x, y, r->bar_w, r->h, r->bar, PDF_NOCOLOR, 0);
    for (size_t k = r->first; k < row_end(b, i); k++) {
        pdf_item *it = GS_PUSH(pg->items);
        *it = b->items.v[k];
        it->x += (float)x;
        it->y += (float)y;
    }
}

double pdf_block_place(pdf_block *b, pdf_page *pg, double x, double y)
{
    double y0 = y;
    for (size_t i = 0; i < b->rows.n; i++) {
        place_row(b, i, pg, x, y);
        y += b->rows.v[i].h;
    }
    return y - y0;
}

/* ---- the flow ---- */

struct pdf_flow {
    pdf_doc *d;
    pdf_flow_cb cb;
    double top, bottom, x_odd, x_even;
    int no;      /* physical number of the current page, first_no - 1 before */
    bool dry, started;
    pdf_page *pg;
    double y;
    int pages;
    GS_VEC(pdf_block) pending; /* keep_next blocks and the one after them */
};

pdf_flow *pdf_flow_new(pdf_doc *d, const pdf_flow_cb *cb, double top, double bottom,
                       double x_odd, double x_even, int first_no, bool dry)
{
    pdf_flow *f = xcalloc(1, sizeof *f);
    f->d = d;
    f->cb = *cb;
    f->top = top;
    f->bottom = bottom;
    f->x_odd = x_odd;
    f->x_even = x_even;
    f->no = first_no - 1;
    f->dry = dry;
    return f;
}

static void new_page(pdf_flow *f)
{
    f->no++;
    f->pages++;
    f->started = true;
    f->pg = f->dry || !f->cb.new_page ? NULL : f->cb.new_page(f->cb.ctx, f->no);
    f->y = f->top;
}

static bool fresh(const pdf_flow *f)
{
    return f->started && f->y <= f->top + 0.001;
}

static double frame_x(const pdf_flow *f)
{
    return (f->no & 1) ? f->x_odd : f->x_even;
}

static void put_row(pdf_flow *f, const pdf_block *b, size_t i)
{
    const pdf_row *r = &b->rows.v[i];
    if (f->pg) {
        place_row(b, i, f->pg, frame_x(f), f->y);
        if (r->anchor >= 0 && f->cb.anchor)
            f->cb.anchor(f->cb.ctx, r->anchor, f->pg, f->no, f->y);
    }
    f->y += r->h;
}

/* rows from i that fit in what is left of the page */
static size_t rows_fitting(const pdf_flow *f, const pdf_block *b, size_t i)
{
    double y = f->y;
    size_t k = 0;
    while (i + k < b->rows.n && y + b->rows.v[i + k].h <= f->bottom + 0.01)
        y += b->rows.v[i + k++].h;
    return k;
}

static void place_block(pdf_flow *f, const pdf_block *b)
{
    if (!f->started || (b->break_before && !fresh(f)))
        new_page(f);
    double h = pdf_block_height(b);
    double space = fresh(f) ? 0 : b->space_before;
    if (f->y + space + h > f->bottom + 0.01 && b->keep && h <= f->bottom - f->top &&
        !fresh(f)) {
        new_page(f);
        space = 0;
    }
    f->y += space;
    size_t n = b->rows.n, hr = b->header_rows < n ? b->header_rows : 0;
    size_t i = 0;
    while (i < n) {
        size_t left = n - i, k = rows_fitting(f, b, i);
        if (k >= left) {
            while (i < n)
                put_row(f, b, i++);
            break;
        }
        /* orphans: two rows (a table: its head and a row) or none */
        size_t min_first = hr ? (i == 0 ? hr + 1 : 1) : 2;
        bool move = k < min_first;
        /* widows: leave two rows for the next page, or move on whole */
        if (!move && left - k < 2) {
            if (left >= 2 + min_first)
                k = left - 2;
            else
                move = true;
        }
        if (move && !fresh(f)) {
            new_page(f);
            if (i > 0)
                for (size_t r = 0; r < hr; r++)
                    put_row(f, b, r);
            continue;
        }
        if (k == 0)
            k = 1; /* a row taller than the page: it overflows */
        for (size_t e = i + k; i < e;)
            put_row(f, b, i++);
        new_page(f);
        for (size_t r = 0; r < hr; r++)
            put_row(f, b, r);
    }
}

static void clone_block(pdf_block *dst, const pdf_block *src)
{
    *dst = *src;
    dst->rows.v = xmalloc((src->rows.n ? src->rows.n : 1) * sizeof *dst->rows.v);
    dst->rows.cap = src->rows.n ? src->rows.n : 1;
    if (src->rows.n)
        memcpy(dst->rows.v, src->rows.v, src->rows.n * sizeof *dst->rows.v);
    dst->items.v = xmalloc((src->items.n ? src->items.n : 1) * sizeof *dst->items.v);
    dst->items.cap = src->items.n ? src->items.n : 1;
    if (src->items.n)
        memcpy(dst->items.v, src->items.v, src->items.n * sizeof *dst->items.v);
}

/* place the pending group: keep_next blocks and the block that ends it */
static void flush(pdf_flow *f)
{
    size_t n = f->pending.n;
    if (!n)
        return;
    if (n > 1 || f->pending.v[0].keep_next) {
        const pdf_block *first = &f->pending.v[0], *last = &f->pending.v[n - 1];
        if (!f->started || (first->break_before && !fresh(f)))
            new_page(f);
        double need = 0;
        for (size_t i = 0; i + 1 < n; i++)
            need += (i == 0 && fresh(f) ? 0 : f->pending.v[i].space_before) +
                    pdf_block_height(&f->pending.v[i]);
        need += last->space_before;
        if (last->keep_next) {
            /* the document ended after a heading: keep the group together */
            need += pdf_block_height(last);
        } else if (last->keep) {
            need += pdf_block_height(last);
        } else {
            size_t rows = last->rows.n < 2 ? last->rows.n : 2;
            if (last->header_rows && last->header_rows + 1 > rows)
                rows = last->header_rows + 1 < last->rows.n ? last->header_rows + 1
                                                            : last->rows.n;
            for (size_t r = 0; r < rows; r++)
                need += last->rows.v[r].h;
        }
        if (!fresh(f) && f->y + need > f->bottom + 0.01 && need <= f->bottom - f->top)
            new_page(f);
    }
    for (size_t i = 0; i < n; i++) {
        place_block(f, &f->pending.v[i]);
        pdf_block_free(&f->pending.v[i]);
    }
    f->pending.n = 0;
}

void pdf_flow_add(pdf_flow *f, const pdf_block *b)
{
    if (!b->rows.n)
        return;
    pdf_block *c = GS_PUSH(f->pending);
    clone_block(c, b);
    if (!b->keep_next)
        flush(f);
}

int pdf_flow_finish(pdf_flow *f)
{
    flush(f);
    return f->pages;
}

void pdf_flow_free(pdf_flow *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->pending.n; i++)
        pdf_block_free(&f->pending.v[i]);
    free(f->pending.v);
    free(f);
}
