/*
 * pdf_save.c - a laid-out document through libharu (see pdf.h): each font
 * it draws with embedded as a subset of the characters drawn (pdf_font.c,
 * numbered in face order), the pages with their items, TrimBox/BleedBox,
 * links, the outline and the document info (dates from --today, so the
 * bytes depend on the input only), serialised into memory.
 */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

/* ---- output ---- */

typedef struct gstate {
    HPDF_Page p;
    double h;
    bool in_text;
    int face;
    float size, tc, lw;
    uint32_t fill, stroke;
} gstate;

static void set_fill(gstate *g, uint32_t c)
{
    if (g->fill == c)
        return;
    g->fill = c;
    HPDF_Page_SetRGBFill(g->p, (float)((c >> 16) & 255) / 255.0f,
                         (float)((c >> 8) & 255) / 255.0f, (float)(c & 255) / 255.0f);
}

static void set_stroke(gstate *g, uint32_t c, float lw)
{
    if (g->stroke != c) {
        g->stroke = c;
        HPDF_Page_SetRGBStroke(g->p, (float)((c >> 16) & 255) / 255.0f,
                               (float)((c >> 8) & 255) / 255.0f, (float)(c & 255) / 255.0f);
    }
    if (g->lw != lw) {
        g->lw = lw;
        HPDF_Page_SetLineWidth(g->p, lw);
    }
}

static void text_mode(gstate *g, bool on)
{
    if (g->in_text == on)
        return;
    g->in_text = on;
    if (on)
        HPDF_Page_BeginText(g->p);
    else
        HPDF_Page_EndText(g->p);
}

static void draw_page(pdf_doc *d, pdf_page *pg, HPDF_Page p, HPDF_Page *hp)
{
    gstate g = {.p = p, .h = pg->h, .face = -1, .size = -1, .tc = 0, .lw = 1,
                .fill = 0, .stroke = 0};
    for (size_t i = 0; i < pg->items.n; i++) {
        const pdf_item *it = &pg->items.v[i];
        double h = pg->h;
        switch (it->kind) {
        case PI_TEXT:
            text_mode(&g, true);
            if (g.face != it->face || g.size != it->size) {
                g.face = it->face;
                g.size = it->size;
                HPDF_Page_SetFontAndSize(p, d->faces[it->face].font, it->size);
            }
            if (g.tc != it->tc) {
                g.tc = it->tc;
                HPDF_Page_SetCharSpace(p, it->tc);
            }
            set_fill(&g, it->fill);
            HPDF_Page_TextOut(p, it->x, (float)(h - it->y), it->text);
            break;
        case PI_RECT:
            text_mode(&g, false);
            if (it->fill != PDF_NOCOLOR)
                set_fill(&g, it->fill);
            if (it->stroke != PDF_NOCOLOR)
                set_stroke(&g, it->stroke, it->lw);
            HPDF_Page_Rectangle(p, it->x, (float)(h - it->y - it->h), it->w, it->h);
            if (it->fill != PDF_NOCOLOR && it->stroke != PDF_NOCOLOR)
                HPDF_Page_FillStroke(p);
            else if (it->fill != PDF_NOCOLOR)
                HPDF_Page_Fill(p);
            else if (it->stroke != PDF_NOCOLOR)
                HPDF_Page_Stroke(p);
            else
                HPDF_Page_EndPath(p);
            break;
        case PI_LINE:
            text_mode(&g, false);
            set_stroke(&g, it->stroke, it->lw);
            HPDF_Page_MoveTo(p, it->x, (float)(h - it->y));
            HPDF_Page_LineTo(p, it->x + it->w, (float)(h - it->y - it->h));
            HPDF_Page_Stroke(p);
            break;
        case PI_CIRCLE:
            text_mode(&g, false);
            set_fill(&g, it->fill);
            HPDF_Page_Circle(p, it->x, (float)(h - it->y), it->w);
            HPDF_Page_Fill(p);
            break;
        case PI_LINK: {
            HPDF_Rect r = {it->x, (float)(h - it->y - it->h), it->x + it->w, (float)(h - it->y)};
            HPDF_Destination dst = HPDF_Page_CreateDestination(hp[it->target->index]);
            HPDF_Destination_SetFitH(dst, (float)(it->target->h - it->target_y));
            HPDF_Annotation an = HPDF_Page_CreateLinkAnnot(p, r, dst);
            HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
            break;
        }
        }
    }
    text_mode(&g, false);
}

static void set_box(pdf_doc *d, HPDF_Page p, const char *name, const double *b, double h)
{
    HPDF_Box box = {(float)b[0], (float)(h - b[1] - b[3]), (float)(b[0] + b[2]),
                    (float)(h - b[1])};
    HPDF_Dict_Add(p, name, HPDF_Box_Array_New(d->pdf->mmgr, box));
}

static void add_outlines(pdf_doc *d, HPDF_Page *hp)
{
    HPDF_Encoder enc = HPDF_GetEncoder(d->pdf, "UTF-8");
    HPDF_Outline parent[8] = {0};
    for (size_t i = 0; i < d->noutl; i++) {
        const pdf_outline *o = &d->outl[i];
        int lv = o->level < 0 ? 0 : o->level > 7 ? 7 : o->level;
        while (lv > 0 && !parent[lv - 1])
            lv--;
        HPDF_Outline ol = HPDF_CreateOutline(d->pdf, lv ? parent[lv - 1] : NULL, o->title, enc);
        HPDF_Destination dst = HPDF_Page_CreateDestination(hp[o->pg->index]);
        HPDF_Destination_SetFitH(dst, (float)(o->pg->h - o->y));
        HPDF_Outline_SetDestination(ol, dst);
        HPDF_Outline_SetOpened(ol, lv == 0 ? HPDF_TRUE : HPDF_FALSE);
        parent[lv] = ol;
        for (int k = lv + 1; k < 8; k++)
            parent[k] = NULL;
    }
}

bool pdf_doc_save(pdf_doc *d, buf *out)
{
    for (int i = 0, nth = 0; i < d->nfaces; i++) {
        pdf_face *f = &d->faces[i];
        if (!f->any)
            continue;
        if (!pdf_face_load(d, f))
            return false;
        f->font = pdf_font_embed(f->file, d->pdf, nth++, f->used);
        if (!f->font) {
            if (!d->err)
                pdf_note("cannot embed a subset of font %s", pdf_font_path(f->file));
            return false;
        }
    }
    int y, mo, dd;
    date_to_ymd(d->today, &y, &mo, &dd);
    HPDF_Date date = {y, mo, dd, 0, 0, 0, '+', 8, 0};
    HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
    static const HPDF_InfoType kinds[4] = {HPDF_INFO_TITLE, HPDF_INFO_AUTHOR,
                                           HPDF_INFO_SUBJECT, HPDF_INFO_KEYWORDS};
    for (int i = 0; i < 4; i++)
        if (d->info[i] && *d->info[i])
            HPDF_SetInfoAttr(d->pdf, kinds[i], d->info[i]);
    HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, "gongshi");

    size_t np = d->pages.n;
    HPDF_Page *hp = xcalloc(np ? np : 1, sizeof *hp);
    for (size_t i = 0; i < np; i++) {
        pdf_page *pg = d->pages.v[i];
        pg->index = i;
        hp[i] = HPDF_AddPage(d->pdf);
        HPDF_Page_SetWidth(hp[i], (float)pg->w);
        HPDF_Page_SetHeight(hp[i], (float)pg->h);
        if (pg->boxes) {
            set_box(d, hp[i], "BleedBox", pg->bleed, pg->h);
            set_box(d, hp[i], "TrimBox", pg->trim, pg->h);
        }
    }
    for (size_t i = 0; i < np && !d->err; i++)
        draw_page(d, d->pages.v[i], hp[i], hp);
    if (d->noutl) {
        add_outlines(d, hp);
        HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    }
    free(hp);
    if (!d->err)
        HPDF_SaveToStream(d->pdf);
    if (d->err) {
        pdf_note("libharu error 0x%04X (detail %u)", (unsigned)d->err, (unsigned)d->err_detail);
        return false;
    }
    HPDF_UINT32 size = HPDF_GetStreamSize(d->pdf);
    buf_reset(out);
    buf_grow(out, size);
    HPDF_ResetStream(d->pdf);
    size_t got = 0;
    while (got < size) {
        HPDF_UINT32 len = (HPDF_UINT32)(size - got);
        HPDF_STATUS st = HPDF_ReadFromStream(d->pdf, (HPDF_BYTE *)out->p + got, &len);
        got += len;
        if (st != HPDF_OK || !len)
            break;
    }
    out->len = got;
    out->p[got] = 0;
    return got == size;
}
