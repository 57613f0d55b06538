/*
 * xlsx_cells.c - what every workbook shares (xlsx.h): opening one with its
 * properties, the formats, print header and footer, worksheets and the
 * cell writers, and the content digest mode in which those writers feed a
 * digest instead of a workbook.
 */
#include "xlsx.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define XL_STR_MAX 32767u /* characters in one cell (Excel's limit) */

bool xl_zip64(size_t rows)
{
    return rows >= 500000;
}

lxw_workbook *xl_open(const char *path, const char *tmpdir, const char *title,
                      const char *subject, const gs_model *m, gs_date today, size_t rows)
{
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir,
                                .use_zip64 = xl_zip64(rows) ? LXW_TRUE : LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (!wb)
        return NULL;
    const char *who = m->settings.name ? m->settings.name : "";
    lxw_doc_properties p = {
        .title = (char *)title,
        .subject = (char *)subject,
        .author = (char *)who,
        .company = (char *)who,
        .category = (char *)"行政执法统计",
        .keywords = (char *)"行政执法公示, 统计年报",
        .comments = (char *)"gongshi",
        /* midnight UTC of --today: identical bytes for identical input */
        .created = (time_t)(today - 1) * 86400,
    };
    workbook_set_properties(wb, &p);
    return wb;
}

void xl_formats_init(xl_formats *f, lxw_workbook *wb)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->note = workbook_add_format(wb);
    format_set_font_color(f->note, 0x4A4A4A);
    format_set_font_size(f->note, 9);
    f->section = workbook_add_format(wb);
    format_set_bold(f->section);
    format_set_font_size(f->section, 12);
    f->head = workbook_add_format(wb);
    format_set_bold(f->head);
    format_set_bg_color(f->head, 0xF4F1EE);
    format_set_border(f->head, LXW_BORDER_THIN);
    format_set_text_wrap(f->head);
    format_set_align(f->head, LXW_ALIGN_CENTER);
    format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
    lxw_format **bordered[] = {&f->text, &f->wrap, &f->label, &f->total, &f->num,
                               &f->num_total, &f->yuan, &f->yuan_total, &f->pct,
                               &f->pct_total, &f->flag};
    for (size_t i = 0; i < sizeof bordered / sizeof *bordered; i++) {
        *bordered[i] = workbook_add_format(wb);
        format_set_border(*bordered[i], LXW_BORDER_THIN);
    }
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(f->total);
    format_set_num_format(f->num, "#,##0");
    format_set_num_format(f->num_total, "#,##0");
    format_set_bold(f->num_total);
    format_set_num_format(f->yuan, "#,##0.00");
    format_set_num_format(f->yuan_total, "#,##0.00");
    format_set_bold(f->yuan_total);
    format_set_num_format(f->pct, "0.0%");
    format_set_num_format(f->pct_total, "0.0%");
    format_set_bold(f->pct_total);
    format_set_bold(f->flag);
    format_set_font_color(f->flag, 0xA3120F);
    f->date = workbook_add_format(wb);
    format_set_num_format(f->date, "yyyy-mm-dd");
    f->datetime = workbook_add_format(wb);
    format_set_num_format(f->datetime, "yyyy-mm-dd hh:mm");
    f->wan = workbook_add_format(wb);
    format_set_num_format(f->wan, "0.000000");
    f->yuan_plain = workbook_add_format(wb);
    format_set_num_format(f->yuan_plain, "#,##0.00");
}

/* s with '&' doubled (header/footer codes), cut to max code points */
static void add_hf_text(buf *b, const char *s, size_t max)
{
    size_t n = 0;
    for (const char *p = s; *p && n < max; n++) {
        uint32_t cp;
        size_t k = utf8_decode(p, strlen(p), &cp);
        if (*p == '&')
            buf_putc(b, '&');
        buf_add(b, p, k);
        p += k;
    }
}

void xl_print_texts(xl *x, const char *who, const char *what)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "&L");
    add_hf_text(&b, who, 60);
    buf_puts(&b, "&C");
    add_hf_text(&b, what, 60);
    buf_puts(&b, "&R&A");
    x->hdr = buf_detach(&b);
    char today[11];
    date_format(x->st->today, today);
    x->ftr = xasprintf("&L数据截至 %s&C第 &P 页，共 &N 页", today);
}

/* ---- content digest mode ---- */

void xl_digest_mode(xl *x, dg *d)
{
    xl_formats *f = &x->f;
    lxw_format **slot[] = {&f->title, &f->note,      &f->section,   &f->head,       &f->text,
                           &f->wrap,  &f->label,     &f->total,     &f->num,        &f->num_total,
                           &f->yuan,  &f->yuan_total, &f->pct,      &f->pct_total,  &f->flag,
                           &f->date,  &f->datetime,  &f->wan,       &f->yuan_plain};
    _Static_assert(sizeof slot / sizeof *slot == sizeof(xl_formats) / sizeof(lxw_format *),
                   "xl_formats changed: update xl_digest_mode");
    /* stand-in formats: distinct addresses, never read or written */
    static lxw_format stand_in[sizeof slot / sizeof *slot];
    for (size_t i = 0; i < sizeof slot / sizeof *slot; i++)
        *slot[i] = &stand_in[i];
    x->fmt0 = stand_in;
    x->wb = NULL;
    x->hash = d;
}

static uint64_t fmt_number(const xs *s, const lxw_format *f)
{
    return f ? (uint64_t)(f - s->x->fmt0) + 1 : 0;
}

void xs_digest(xs *s, uint64_t v)
{
    if (s->x->hash)
        dg_u64(s->x->hash, v);
}

void xs_open(xs *s, xl *x, const char *name)
{
    memset(s, 0, sizeof *s);
    s->x = x;
    snprintf(s->name, sizeof s->name, "%s", name);
    if (x->hash) {
        dg_str(x->hash, "sheet");
        dg_str(x->hash, name);
        return;
    }
    s->ws = workbook_add_worksheet(x->wb, name);
    if (!s->ws) {
        x->failed = true;
        return;
    }
    worksheet_set_landscape(s->ws);
    worksheet_set_paper(s->ws, 9); /* A4 */
    worksheet_fit_to_pages(s->ws, 1, 0);
    worksheet_set_margins(s->ws, 0.5, 0.5, 0.75, 0.75);
    if (x->hdr)
        worksheet_set_header(s->ws, x->hdr);
    if (x->ftr)
        worksheet_set_footer(s->ws, x->ftr);
}

void xs_repeat(xs *s, lxw_row_t last)
{
    if (s->ws)
        worksheet_repeat_rows(s->ws, 0, last);
}

void xs_str(xs *s, lxw_col_t c, const char *v, lxw_format *f)
{
    if (s->x->hash) {
        if (v) {
            dg_u64(s->x->hash, (uint64_t)s->row << 16 | c);
            dg_str(s->x->hash, v);
            dg_u64(s->x->hash, fmt_number(s, f));
        }
        return;
    }
    if (!s->ws || !v)
        return;
    if (!*v) {
        if (f)
            worksheet_write_blank(s->ws, s->row, c, f);
        return;
    }
    size_t len = strlen(v);
    if (len > XL_STR_MAX) { /* bytes > limit: count characters, cut if needed */
        size_t n = 0, i = 0;
        while (i < len && n < XL_STR_MAX) {
            uint32_t cp;
            i += utf8_decode(v + i, len - i, &cp);
            n++;
        }
        if (i < len) {
            char *cut = xstrndup(v, i);
            worksheet_write_string(s->ws, s->row, c, cut, f);
            free(cut);
            return;
        }
    }
    worksheet_write_string(s->ws, s->row, c, v, f);
}

void xs_num(xs *s, lxw_col_t c, double v, lxw_format *f)
{
    if (s->x->hash) {
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        dg_u64(s->x->hash, (uint64_t)s->row << 16 | c | 1u << 15);
        dg_u64(s->x->hash, bits);
        dg_u64(s->x->hash, fmt_number(s, f));
        return;
    }
    if (s->ws)
        worksheet_write_number(s->ws, s->row, c, v, f);
}

void xs_int(xs *s, lxw_col_t c, int64_t v, lxw_format *f)
{
    xs_num(s, c, (double)v, f);
}

void xs_yuan(xs *s, lxw_col_t c, int64_t fen, lxw_format *f)
{
    /* fen stays integer until here; yuan = fen / 100 in the cell */
    xs_num(s, c, (double)(fen / 100) + (double)(fen % 100) / 100.0, f);
}

void xs_date(xs *s, lxw_col_t c, gs_date d, lxw_format *f)
{
    if (d != GS_NODATE)
        xs_num(s, c, xl_serial(d), f);
}

void xs_title(xs *s, const char *title, const char *note)
{
    xs_str(s, 0, title, s->x->f.title);
    if (s->ws)
        worksheet_set_row(s->ws, s->row, 22, NULL);
    s->row++;
    xs_str(s, 0, note, s->x->f.note);
    s->row += 2;
}

void xs_section(xs *s, const char *title, const char *const *cols, size_t n)
{
    xs_str(s, 0, title, s->x->f.section);
    s->row++;
    for (size_t i = 0; i < n; i++)
        xs_str(s, (lxw_col_t)i, cols[i], s->x->f.head);
    s->row++;
}

void xs_widths(xs *s, const double *w, size_t n)
{
    for (size_t i = 0; s->ws && i < n; i++)
        worksheet_set_column(s->ws, (lxw_col_t)i, (lxw_col_t)i, w[i], NULL);
}

