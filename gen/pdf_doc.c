/*
 * pdf_doc.c - one PDF document: its fonts, text shaping with per-character
 * font fallback, and the display list of its pages (see pdf.h).
 *
 * Fonts: TrueType/TTC files (libharu cannot load OpenType/CFF) embedded as
 * subsets with the UTF-8 encoder.  A character is drawn in the first face
 * of the chain (the role's face, then the others in style order) that has
 * a glyph for it; one outside the BMP (libharu 2.3 would drop it silently)
 * or in no face is reported once per source row and drawn as 〓.
 *
 * Font files (pdf_font.c: metrics, subsets) belong to the pdf_env, one per
 * thread, shared by the documents it makes.  The output is pdf_save.c.
 */
#include <hpdf.h>
#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "pdf.h"

/* ---- the environment: caches shared by the documents of a build ---- */

struct pdf_env {
    GS_VEC(pdf_font *) fonts;
    uint64_t *rep; /* reported (row, code point) keys, open addressing */
    size_t rep_cap, rep_n;
};

pdf_env *pdf_env_new(void)
{
    static pthread_once_t lb_ready = PTHREAD_ONCE_INIT;
    pthread_once(&lb_ready, init_linebreak);
    pdf_env *e = xcalloc(1, sizeof *e);
    e->rep_cap = 64;
    e->rep = xcalloc(e->rep_cap, sizeof *e->rep);
    return e;
}

void pdf_env_free(pdf_env *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->fonts.n; i++)
        pdf_font_free(e->fonts.v[i]);
    free(e->fonts.v);
    free(e->rep);
    free(e);
}


/* the thread's font for a file (path, face index), made on first use */
static pdf_font *env_font(pdf_env *e, const char *path, unsigned index, bool ttc)
{
    for (size_t i = 0; i < e->fonts.n; i++)
        if (strcmp(pdf_font_path(e->fonts.v[i]), path) == 0 && pdf_font_index(e->fonts.v[i]) == index)
            return e->fonts.v[i];
    pdf_font *f = pdf_font_new(path, index, ttc);
    *GS_PUSH(e->fonts) = f;
    return f;
}

/* true the first time key is seen */
static bool env_first(pdf_env *e, uint64_t key)
{
    key |= 1; /* never 0, the empty slot */
    if (2 * (e->rep_n + 1) > e->rep_cap) {
        size_t cap = e->rep_cap * 2;
        uint64_t *t = xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < e->rep_cap; i++)
            if (e->rep[i]) {
                size_t j = (size_t)(e->rep[i] * 0x9E3779B97F4A7C15ull) & (cap - 1);
                while (t[j])
                    j = (j + 1) & (cap - 1);
                t[j] = e->rep[i];
            }
        free(e->rep);
        e->rep = t;
        e->rep_cap = cap;
    }
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull) & (e->rep_cap - 1);
    while (e->rep[j]) {
        if (e->rep[j] == key)
            return false;
        j = (j + 1) & (e->rep_cap - 1);
    }
    e->rep[j] = key;
    e->rep_n++;
    return true;
}

/* ---- the document ---- */

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *ud)
{
    pdf_doc *d = ud;
    if (!d->err) {
        d->err = e;
        d->err_detail = detail;
    }
}

static const char *const font_dirs[] = {"/usr/share/fonts/truetype", "/usr/share/fonts",
                                        "/usr/local/share/fonts"};

/* "wqy/wqy-zenhei.ttc#0" -> path and index; NULL when no such file */
static char *font_path(const char *spec, unsigned *index)
{
    const char *hash = strrchr(spec, '#');
    size_t n = hash ? (size_t)(hash - spec) : strlen(spec);
    *index = hash ? (unsigned)strtoul(hash + 1, NULL, 10) : 0;
    char *rel = xstrndup(spec, n);
    if (*rel == '/') {
        if (access(rel, R_OK) == 0)
            return rel;
        free(rel);
        return NULL;
    }
    for (size_t i = 0; i < sizeof font_dirs / sizeof *font_dirs; i++) {
        char *p = xasprintf("%s/%s", font_dirs[i], rel);
        if (access(p, R_OK) == 0) {
            free(rel);
            return p;
        }
        free(p);
    }
    free(rel);
    return NULL;
}

static int add_face(pdf_doc *d, const char *spec, const pdf_style *st, const char *key)
{
    unsigned index;
    char *path = font_path(spec, &index);
    if (!path) {
        if (env_first(d->env, hash_bytes(spec, strlen(spec)) ^ 0x5bd1e995u))
            pdf_note("font %s (%s in %s) not found", spec, key, pdf_style_file(st));
        return -1;
    }
    size_t len = strlen(path);
    pdf_font *file = env_font(d->env, path, index,
                              len > 4 && strcasecmp(path + len - 4, ".ttc") == 0);
    free(path);
    for (int i = 0; i < d->nfaces; i++)
        if (d->faces[i].file == file)
            return i;
    if (d->nfaces == PDF_MAX_FACES)
        return -1;
    pdf_face *f = &d->faces[d->nfaces];
    memset(f, 0, sizeof *f);
    f->file = file;
    return d->nfaces++;
}

bool pdf_face_load(pdf_doc *d, pdf_face *f)
{
    if (pdf_font_load(f->file))
        return true;
    const char *path = pdf_font_path(f->file);
    if (env_first(d->env, hash_bytes(path, strlen(path)) ^ 0x27d4eb2du))
        pdf_note("cannot load font %s (%s)", path, pdf_font_why(f->file));
    return false;
}

static const char *const default_fallback[] = {"wqy/wqy-zenhei.ttc#0", "arphic/uming.ttc#0",
                                               "hanazono/HanaMinA.ttf"};

enum { N_FONT_KEYS = 8 };

/* the font settings of a style in the order a document adds them: body,
 * heading, fallback 0..5 (spec NULL: none) */
static void font_specs(const pdf_style *st, const char *spec[N_FONT_KEYS],
                       char key[N_FONT_KEYS][32])
{
    snprintf(key[0], sizeof key[0], "font.body");
    snprintf(key[1], sizeof key[1], "font.heading");
    spec[0] = pdf_style_str(st, key[0], default_fallback[0]);
    spec[1] = pdf_style_str(st, key[1], default_fallback[0]);
    for (unsigned i = 0; i < N_FONT_KEYS - 2; i++) {
        snprintf(key[2 + i], sizeof key[2 + i], "font.fallback.%u", i);
        spec[2 + i] = pdf_style_str(st, key[2 + i], i < 3 ? default_fallback[i] : NULL);
    }
}

void pdf_fonts_digest(const pdf_style *st, dg *d)
{
    const char *spec[N_FONT_KEYS];
    char key[N_FONT_KEYS][32];
    font_specs(st, spec, key);
    dg_str(d, "fonts");
    for (int i = 0; i < N_FONT_KEYS; i++) {
        dg_str(d, spec[i]);
        unsigned index = 0;
        char *path = spec[i] ? font_path(spec[i], &index) : NULL;
        dg_u64(d, index);
        dg_file_id(d, path);
        free(path);
    }
}

pdf_doc *pdf_doc_new(pdf_env *env, const pdf_style *st, gs_date today)
{
    pdf_doc *d = xcalloc(1, sizeof *d);
    d->env = env;
    d->today = today;
    arena_init(&d->a);
    d->pdf = HPDF_New(on_error, d);
    if (!d->pdf) {
        free(d);
        return NULL;
    }
    HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(d->pdf);
    HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
    const char *spec[N_FONT_KEYS];
    char key[N_FONT_KEYS][32];
    font_specs(st, spec, key);
    d->role_face[PDF_BODY] = add_face(d, spec[0], st, key[0]);
    d->role_face[PDF_HEAD] = add_face(d, spec[1], st, key[1]);
    for (int i = 2; i < N_FONT_KEYS; i++)
        if (spec[i])
            add_face(d, spec[i], st, key[i]);
    if (d->role_face[PDF_BODY] < 0 || !pdf_face_load(d, &d->faces[d->role_face[PDF_BODY]])) {
        pdf_doc_free(d);
        return NULL;
    }
    if (d->role_face[PDF_HEAD] < 0)
        d->role_face[PDF_HEAD] = d->role_face[PDF_BODY];
    return d;
}

void pdf_doc_free(pdf_doc *d)
{
    if (!d)
        return;
    if (d->pdf)
        HPDF_Free(d->pdf);
    for (int i = 0; i < d->nfaces; i++)
        free(d->faces[i].used);
    for (size_t i = 0; i < d->pages.n; i++) {
        free(d->pages.v[i]->items.v);
        free(d->pages.v[i]);
    }
    free(d->pages.v);
    free(d->outl);
    arena_free(&d->a);
    free(d);
}


void pdf_doc_info(pdf_doc *d, const char *title, const char *author, const char *subject,
                  const char *keywords)
{
    const char *v[4] = {title, author, subject, keywords};
    for (int i = 0; i < 4; i++)
        d->info[i] = v[i] ? arena_strdup(&d->a, v[i]) : NULL;
}

void pdf_doc_src(pdf_doc *d, const gs_src *src, const char *column)
{
    d->src_file = src ? src->file : NULL;
    d->src_line = src ? src->line : 0;
    d->src_col = column;
}

/* ---- shaping ---- */

static uint16_t face_adv(pdf_doc *d, int fi, uint32_t cp)
{
    pdf_face *f = &d->faces[fi];
    if (!pdf_face_load(d, f)) /* reports an unusable file once */
        return PDF_ADV_NONE;
    return pdf_font_adv(f->file, cp);
}

static void report(pdf_doc *d, uint32_t cp, bool astral)
{
    uint64_t key = hash_bytes(d->src_file ? d->src_file : "", d->src_file ? strlen(d->src_file) : 0);
    key = key * 31 + d->src_line;
    key = key * 0x100000001B3ull + cp;
    if (!env_first(d->env, key))
        return;
    pdf_warn(d->src_file ? d->src_file : "print", d->src_file ? d->src_line : 1,
              "%s%scharacter U+%04X %s; the PDFs print 〓 in its place",
              d->src_col ? d->src_col : "", d->src_col ? ": " : "", (unsigned)cp,
              astral ? "is outside the Basic Multilingual Plane, which the PDF library "
                       "cannot draw"
                     : "is in none of the PDF fonts");
}

static bool zero_width(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xAD;
}

static void push_glyph(pdf_doc *d, pdf_glyphs *out, int role, uint32_t cp, uint8_t ink,
                       uint8_t brk)
{
    bool astral = cp > 0xFFFF;
    int fi = -1;
    uint16_t adv = 0;
    if (!astral) {
        int first = d->role_face[role];
        adv = face_adv(d, first, cp);
        if (adv != PDF_ADV_NONE)
            fi = first;
        for (int i = 0; fi < 0 && i < d->nfaces; i++) {
            if (i == first)
                continue;
            adv = face_adv(d, i, cp);
            if (adv != PDF_ADV_NONE)
                fi = i;
        }
    }
    if (fi < 0) {
        report(d, cp, astral);
        cp = PDF_SUBST;
        for (int i = 0; fi < 0 && i < d->nfaces; i++) {
            int k = i == 0 ? d->role_face[role] : i;
            adv = face_adv(d, k, cp);
            if (adv != PDF_ADV_NONE)
                fi = k;
        }
        if (fi < 0) { /* not even 〓: a question mark */
            cp = '?';
            fi = d->role_face[role];
            adv = face_adv(d, fi, cp);
            if (adv == PDF_ADV_NONE)
                adv = 500;
        }
    }
    pdf_glyph *g = GS_PUSH(*out);
    g->cp = (uint16_t)cp;
    g->adv = adv;
    g->face = (uint8_t)fi;
    g->ink = ink;
    g->brk = brk;
    g->space = cp == ' ';
}

void pdf_shape(pdf_doc *d, int role, const char *s, size_t n, uint8_t ink, pdf_glyphs *out)
{
    if (!n)
        return;
    char *brks = xmalloc(n);
    set_linebreaks_utf8((const utf8_t *)s, n, "zh", brks);
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        char b = brks[i + len - 1];
        i += len;
        uint8_t brk = b == LINEBREAK_MUSTBREAK ? PDF_BRK_MUST
                      : b == LINEBREAK_ALLOWBREAK ? PDF_BRK_ALLOW
                                                  : PDF_BRK_NO;
        if (i == n && brk == PDF_BRK_MUST && cp != '\n')
            brk = PDF_BRK_ALLOW; /* the end of this piece, not of the line */
        if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
            push_glyph(d, out, role, ' ', ink, PDF_BRK_MUST);
            out->v[out->n - 1].adv = 0;
            continue;
        }
        if (cp == '\t')
            cp = ' ';
        if (cp == '\r' || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || zero_width(cp)) {
            if (out->n && brk != PDF_BRK_NO)
                out->v[out->n - 1].brk = brk;
            continue;
        }
        push_glyph(d, out, role, cp, ink, brk);
    }
    free(brks);
}

double pdf_glyphs_width(const pdf_glyph *g, size_t n, double size)
{
    long sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += g[i].adv;
    return (double)sum * size / 1000.0;
}

double pdf_doc_ascent(const pdf_doc *d)
{
    return 0.86;
}

/* ---- pages and items ---- */

pdf_page *pdf_doc_page(pdf_doc *d, double w, double h)
{
    pdf_page *pg = xcalloc(1, sizeof *pg);
    pg->w = w;
    pg->h = h;
    *GS_PUSH(d->pages) = pg;
    return pg;
}

size_t pdf_doc_npages(const pdf_doc *d)
{
    return d->pages.n;
}

pdf_page *pdf_doc_page_at(const pdf_doc *d, size_t i)
{
    return i < d->pages.n ? d->pages.v[i] : NULL;
}

void pdf_doc_move_pages(pdf_doc *d, size_t from, size_t n, size_t to)
{
    if (to >= from || from + n > d->pages.n || !n)
        return;
    pdf_page **tmp = xmalloc(n * sizeof *tmp);
    memcpy(tmp, d->pages.v + from, n * sizeof *tmp);
    memmove(d->pages.v + to + n, d->pages.v + to, (from - to) * sizeof *tmp);
    memcpy(d->pages.v + to, tmp, n * sizeof *tmp);
    free(tmp);
}

void pdf_doc_outline(pdf_doc *d, int level, const char *title, pdf_page *pg, double ytop)
{
    if (d->noutl == d->outl_cap) {
        d->outl_cap = d->outl_cap ? d->outl_cap * 2 : 32;
        d->outl = xreallocarray(d->outl, d->outl_cap, sizeof *d->outl);
    }
    d->outl[d->noutl++] = (pdf_outline){level, arena_strdup(&d->a, title), pg, ytop};
}

void pdf_page_set_boxes(pdf_page *pg, double x, double y, double tw, double th, double bleed)
{
    pg->boxes = true;
    pg->trim[0] = x;
    pg->trim[1] = y;
    pg->trim[2] = tw;
    pg->trim[3] = th;
    pg->bleed[0] = x - bleed;
    pg->bleed[1] = y - bleed;
    pg->bleed[2] = tw + 2 * bleed;
    pg->bleed[3] = th + 2 * bleed;
}

pdf_item *pdf_items_push(pdf_items *v, int kind)
{
    pdf_item *it = GS_PUSH(*v);
    it->kind = (uint8_t)kind;
    it->fill = it->stroke = PDF_NOCOLOR;
    return it;
}

void pdf_rect(pdf_page *pg, double x, double y, double w, double h, uint32_t fill,
              uint32_t stroke, double lw)
{
    pdf_item *it = pdf_items_push(&pg->items, PI_RECT);
    it->x = (float)x, it->y = (float)y, it->w = (float)w, it->h = (float)h;
    it->fill = fill, it->stroke = stroke, it->lw = (float)lw;
}

void pdf_line(pdf_page *pg, double x1, double y1, double x2, double y2, double lw,
              uint32_t color)
{
    pdf_item *it = pdf_items_push(&pg->items, PI_LINE);
    it->x = (float)x1, it->y = (float)y1, it->w = (float)(x2 - x1), it->h = (float)(y2 - y1);
    it->stroke = color, it->lw = (float)lw;
}

void pdf_circle(pdf_page *pg, double cx, double cy, double r, uint32_t fill)
{
    pdf_item *it = pdf_items_push(&pg->items, PI_CIRCLE);
    it->x = (float)cx, it->y = (float)cy, it->w = (float)r;
    it->fill = fill;
}


static void mark_used(pdf_doc *d, const pdf_glyph *g)
{
    pdf_face *f = &d->faces[g->face];
    if (!f->used)
        f->used = xcalloc(65536 / 8, 1);
    f->used[g->cp >> 3] |= (uint8_t)(1u << (g->cp & 7));
    f->any = true;
}

void pdf_run_items(pdf_doc *d, pdf_items *v, const pdf_glyph *g, size_t n, double x,
                   double baseline, double size, double tc, const uint32_t *inks)
{
    buf b;
    buf_init(&b);
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        double w = 0;
        buf_reset(&b);
        while (j < n && g[j].face == g[i].face && g[j].ink == g[i].ink) {
            char u[4];
            buf_add(&b, u, utf8_encode(g[j].cp, u));
            mark_used(d, &g[j]);
            w += g[j].adv * size / 1000.0 + tc;
            j++;
        }
        bool blank = true;
        for (size_t k = 0; k < b.len; k++)
            blank &= b.p[k] == ' ';
        if (!blank) {
            pdf_item *it = pdf_items_push(v, PI_TEXT);
            it->face = g[i].face;
            it->x = (float)x, it->y = (float)baseline;
            it->size = (float)size, it->tc = (float)tc;
            it->fill = inks[g[i].ink & 3];
            it->text = arena_strndup(&d->a, b.p, b.len);
        }
        x += w;
        i = j;
    }
    buf_free(&b);
}

void pdf_run(pdf_doc *d, pdf_page *pg, const pdf_glyph *g, size_t n, double x,
             double baseline, double size, double tc, const uint32_t *inks)
{
    pdf_run_items(d, &pg->items, g, n, x, baseline, size, tc, inks);
}

double pdf_text(pdf_doc *d, pdf_page *pg, int role, const char *s, double x, double baseline,
                double size, uint32_t color, int align)
{
    pdf_glyphs g = {0};
    pdf_shape(d, role, s, strlen(s), 0, &g);
    double w = pdf_glyphs_width(g.v, g.n, size);
    if (align == PDF_CENTER)
        x -= w / 2;
    else if (align == PDF_RIGHT)
        x -= w;
    uint32_t inks[4] = {color, color, color, color};
    pdf_run(d, pg, g.v, g.n, x, baseline, size, 0, inks);
    free(g.v);
    return w;
}

double pdf_text_width(pdf_doc *d, int role, const char *s, double size)
{
    pdf_glyphs g = {0};
    pdf_shape(d, role, s, strlen(s), 0, &g);
    double w = pdf_glyphs_width(g.v, g.n, size);
    free(g.v);
    return w;
}

