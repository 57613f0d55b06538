/*
 * pdf.h - the print products (out/pdf), drawn with libharu: the 规范用语
 * study handbook (学习手册), posters (海报), display boards (展板), window
 * signs (岗位信息公示牌) and quiz sheets (应用测试) with answer keys.
 *
 * pdf_start() and pdf_finish() are the entry points (called by `gongshi
 * build`, after pdf_fonts_usable()).  The rest of this header is internal
 * to gen/pdf_*.c:
 *
 *   pdf_style.c    document style files templates/print/KIND.yaml
 *   pdf_doc.c      fonts (fallback), shaping, the display list
 *   pdf_font.c     a font file: metrics, the subset a document embeds
 *   pdf_save.c     the display list through libharu: fonts, pages,
 *                  print-shop boxes, outline, document info
 *   pdf_text.c     line breaking (libunibreak + kinsoku), justification
 *   pdf_flow.c     blocks of rows flowed over pages: keep-together,
 *                  keep-with-next, widows/orphans, repeating table headers
 *   pdf_phrases.c  the phrase book of an agency: chapters, scenes, phrases
 *   pdf_handbook.c pdf_poster.c pdf_board.c pdf_sign.c pdf_quiz.c
 *                  one file per product; pdf_qr.c QR codes as vectors
 *   pdf_build.c    the driver: which documents, file names, fsout
 *
 * Layout works on a display list: documents are laid out completely (every
 * character measured, so every character is known) before anything goes
 * to libharu; pdf_doc_save() then restricts each font to the characters
 * used, draws the list and serialises.  Coordinates in the display list
 * are PDF points from the page's top-left corner, y growing downwards.
 */
#ifndef GONGSHI_PDF_H
#define GONGSHI_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "digest.h"
#include "model.h"
#include "tpl.h"

/* the style files of the products, print/KIND.yaml in the template
 * folders, loaded once per build (a broken one is reported once) */
typedef struct pdf_styles pdf_styles;
pdf_styles *pdf_styles_load(const tpl_dirs *tpl);
void pdf_styles_free(pdf_styles *s);

typedef struct pdf_opts {
    const char *out_dir;      /* e.g. out/pdf */
    tpl_dirs tpl;             /* template folders: print/KIND.yaml style files */
    const pdf_styles *styles; /* loaded from tpl when NULL */
    gs_date today;            /* document dates, the quiz seed, validity */
    const char *state_dir;    /* pdf.digests: documents whose inputs are
                                 unchanged are kept; NULL: make every one */
    bool verbose;             /* one line per document on stderr */
} pdf_opts;

/* every PDF below o->out_dir, in two steps.  pdf_start begins making the
 * documents whose inputs changed on threads of their own (behind: at a
 * lower priority, to fill what other work leaves of the processors),
 * reading m and o until pdf_finish.  pdf_finish writes them in document
 * order once they are made (0 on success, -1 when not all could be made
 * or written), or with write false stops and writes nothing (-1); it
 * frees the batch either way (NULL: -1) */
typedef struct pdf_batch pdf_batch;
pdf_batch *pdf_start(const gs_model *m, const pdf_opts *o, bool behind);
int pdf_finish(pdf_batch *b, bool write);
/* the font check `gongshi build` runs before anything is written (and
 * before pdf_start): can the documents of every kind load their body
 * font?  false with a message on stderr */
bool pdf_fonts_usable(const pdf_styles *s, gs_date today);

/* ====================================================================== */
/* internal to gen/pdf_*.c                                                */
/* ====================================================================== */

/* warnings about the input (file:line, as diag_warn) and plain notes
 * ("gongshi: pdf: ..."): on a worker thread they are held and passed on
 * by pdf_finish in document order, each distinct one once (pdf_build.c) */
void pdf_warn(const char *file, uint32_t line, const char *fmt, ...) GS_PRINTF(3, 4);
void pdf_note(const char *fmt, ...) GS_PRINTF(1, 2);

#define PDF_MM (72.0 / 25.4) /* points per millimetre */
#define PDF_NOCOLOR 0xFF000000u
#define PDF_SUBST 0x3013u    /* 〓: drawn for a character no font can print */

/* --- pdf_style.c: templates/print/KIND.yaml ---------------------------- */

typedef struct pdf_style pdf_style;

/* print/KIND.yaml from the first template folder that has it; a missing
 * file gives built-in defaults, a broken one is reported (diag) and also
 * gives defaults.  Never NULL. */
pdf_style *pdf_style_load(const tpl_dirs *dirs, const char *kind);
/* parse YAML text (tests); file names diagnostics */
pdf_style *pdf_style_parse(const char *text, size_t len, const char *file);
void pdf_style_free(pdf_style *st);
/* the file it was read from ("print/KIND.yaml" when none: the defaults) */
const char *pdf_style_file(const pdf_style *st);
/* what the style was read from (path, or the built-in name, and the bytes'
 * hash) into an input digest */
void pdf_style_digest(const pdf_style *st, dg *d);
/* lookups by dotted key ("size.body", "font.fallback.0"); def when absent
 * or unusable (then reported once) */
const char *pdf_style_str(const pdf_style *st, const char *key, const char *def);
double pdf_style_num(const pdf_style *st, const char *key, double def);
/* a length in millimetres in the file, returned in points */
double pdf_style_mm(const pdf_style *st, const char *key, double def_mm);
/* "#RRGGBB" -> 0xRRGGBB */
uint32_t pdf_style_color(const pdf_style *st, const char *key, uint32_t def);
/* page size: "A5", "A4", "A3", "A1" or "WIDTHxHEIGHT" in mm; points out */
void pdf_style_page(const pdf_style *st, const char *key, const char *def,
                    double *w, double *h);
/* parse a page size string; false when unknown */
bool pdf_page_size(const char *s, double *w, double *h);

/* --- pdf_doc.c: fonts, shaping, the display list ---------------------- */

enum pdf_role { PDF_BODY, PDF_HEAD };            /* font roles */
enum pdf_brk { PDF_BRK_NO, PDF_BRK_ALLOW, PDF_BRK_MUST };
enum pdf_align { PDF_LEFT, PDF_JUSTIFY, PDF_CENTER, PDF_RIGHT };

typedef struct pdf_env pdf_env; /* caches shared by the documents of a build */
pdf_env *pdf_env_new(void);
void pdf_env_free(pdf_env *e);

typedef struct pdf_glyph {
    uint16_t cp;   /* code point drawn (BMP; 〓 for what cannot be drawn) */
    uint16_t adv;  /* advance, 1/1000 em */
    uint8_t face;  /* font face index in the document */
    uint8_t ink;   /* colour slot, see pdf_para.ink */
    uint8_t brk;   /* enum pdf_brk: may a line end after this glyph? */
    uint8_t space; /* white space: dropped at a line end */
} pdf_glyph;

typedef GS_VEC(pdf_glyph) pdf_glyphs;

enum pdf_item_kind { PI_TEXT, PI_RECT, PI_LINE, PI_LINK, PI_CIRCLE }; /* PI_LINK: 目录 */

typedef struct pdf_page pdf_page;

typedef struct pdf_item {
    uint8_t kind;  /* enum pdf_item_kind */
    uint8_t face;  /* PI_TEXT */
    uint32_t fill, stroke; /* colours or PDF_NOCOLOR; PI_TEXT: fill */
    float x, y, w, h;      /* TEXT: baseline start; RECT/LINK: box; LINE: from
                              (x,y) to (x+w,y+h); CIRCLE: centre, radius w */
    float size, tc, lw;    /* font size, char spacing, line width */
    const char *text;      /* PI_TEXT: UTF-8, BMP only (doc arena) */
    pdf_page *target;      /* PI_LINK */
    float target_y;
} pdf_item;

typedef GS_VEC(pdf_item) pdf_items;

struct pdf_page {
    double w, h;           /* MediaBox, points */
    bool boxes;            /* TrimBox/BleedBox below are set */
    double trim[4], bleed[4]; /* x, y (from top), w, h */
    pdf_items items;
    const char *note;      /* free for the product (running header) */
    size_t index;          /* position in the document, set by save */
};

typedef struct pdf_doc pdf_doc;

/* a document with the fonts of style st (font.body, font.heading,
 * font.fallback.N); NULL (reported) when the body font cannot be loaded */
pdf_doc *pdf_doc_new(pdf_env *env, const pdf_style *st, gs_date today);
/* the font files a document of style st would use (each spec, the file it
 * resolves to, that file's size, mtime and inode) into an input digest */
void pdf_fonts_digest(const pdf_style *st, dg *d);
void pdf_doc_free(pdf_doc *d);
void pdf_doc_info(pdf_doc *d, const char *title, const char *author,
                  const char *subject, const char *keywords);
/* where the text shaped next comes from, for reports of characters that
 * cannot be printed (NULL: not from the content) */
void pdf_doc_src(pdf_doc *d, const gs_src *src, const char *column);

pdf_page *pdf_doc_page(pdf_doc *d, double w, double h); /* appended */
size_t pdf_doc_npages(const pdf_doc *d);
pdf_page *pdf_doc_page_at(const pdf_doc *d, size_t i);
/* move pages [from, from+n) so that they start at index `to` (to <= from) */
void pdf_doc_move_pages(pdf_doc *d, size_t from, size_t n, size_t to);
/* bookmark: level 0 = top; ytop on the page */
void pdf_doc_outline(pdf_doc *d, int level, const char *title, pdf_page *pg, double ytop);
/* print-shop boxes: trim box of tw x th at (x, y) (from the top-left),
 * bleed box `bleed` around it */
void pdf_page_set_boxes(pdf_page *pg, double x, double y, double tw, double th, double bleed);

/* shape UTF-8 text in the font of `role` (falling back to the other faces
 * per character), appending glyphs with colour slot ink; line-break classes
 * from libunibreak ("zh") */
void pdf_shape(pdf_doc *d, int role, const char *s, size_t n, uint8_t ink, pdf_glyphs *out);
/* width in points of glyphs at size */
double pdf_glyphs_width(const pdf_glyph *g, size_t n, double size);
/* where the baseline sits below the top of the em box, as a fraction of
 * the size (the same for the CJK faces used) */
double pdf_doc_ascent(const pdf_doc *d);

/* a new item (colours PDF_NOCOLOR) */
pdf_item *pdf_items_push(pdf_items *v, int kind);
/* glyphs g[0..n) on one line into v: text items split where face or
 * colour changes; inks maps colour slots to colours; tc = extra space
 * after each glyph (justification) */
void pdf_run_items(pdf_doc *d, pdf_items *v, const pdf_glyph *g, size_t n, double x,
                   double baseline, double size, double tc, const uint32_t *inks);

/* drawing, top-left coordinates */
void pdf_rect(pdf_page *pg, double x, double y, double w, double h, uint32_t fill,
              uint32_t stroke, double lw);
void pdf_line(pdf_page *pg, double x1, double y1, double x2, double y2, double lw,
              uint32_t color);
void pdf_circle(pdf_page *pg, double cx, double cy, double r, uint32_t fill);
/* pdf_run_items onto a page */
void pdf_run(pdf_doc *d, pdf_page *pg, const pdf_glyph *g, size_t n, double x,
             double baseline, double size, double tc, const uint32_t *inks);
/* one line of plain text; align LEFT/CENTER/RIGHT around x; returns width */
double pdf_text(pdf_doc *d, pdf_page *pg, int role, const char *s, double x,
                double baseline, double size, uint32_t color, int align);
double pdf_text_width(pdf_doc *d, int role, const char *s, double size);

/* pdf_save.c: embed a subset of each font, draw the pages and serialise
 * into out; false (reported) on a libharu error */
bool pdf_doc_save(pdf_doc *d, buf *out);

/* --- pdf_font.c: a font file as the documents of one thread use it ----- */

#define PDF_ADV_UNKNOWN 0xFFFFu /* not looked up yet */
#define PDF_ADV_NONE 0xFFFEu    /* no glyph (or the file cannot be used) */

typedef struct pdf_font pdf_font;
/* a font file (TrueType or TTC face index), loaded when first needed */
pdf_font *pdf_font_new(const char *path, unsigned index, bool ttc);
void pdf_font_free(pdf_font *f);
const char *pdf_font_path(const pdf_font *f);
unsigned pdf_font_index(const pdf_font *f);
/* load the metrics and try a subset (once); false when libharu cannot
 * use the file, pdf_font_why says why */
bool pdf_font_load(pdf_font *f);
const char *pdf_font_why(const pdf_font *f);
/* advance of code point cp in 1/1000 em; PDF_ADV_NONE when not drawable */
uint16_t pdf_font_adv(pdf_font *f, uint32_t cp);
/* load into doc, as its nth embedded font, a subset of the font with the
 * code points in used (a 65536-bit set); NULL on failure */
HPDF_Font pdf_font_embed(pdf_font *f, HPDF_Doc doc, int nth, const uint8_t *used);

/* the insides of a document: built by pdf_doc.c, drawn by pdf_save.c */
#define PDF_MAX_FACES 8

typedef struct pdf_face {
    pdf_font *file;  /* the font file, shared by the thread's documents */
    HPDF_Font font;  /* the document's subset, once embedded */
    uint8_t *used;   /* bitset of code points drawn */
    bool any;
} pdf_face;

typedef struct pdf_outline {
    int level;
    const char *title;
    pdf_page *pg;
    double y;
} pdf_outline;

struct pdf_doc {
    pdf_env *env;
    HPDF_Doc pdf;
    HPDF_STATUS err, err_detail;
    gs_date today;
    pdf_face faces[PDF_MAX_FACES];
    int nfaces;
    int role_face[2];
    arena a;
    GS_VEC(pdf_page *) pages;
    pdf_outline *outl;
    size_t noutl, outl_cap;
    const char *info[4];
    const char *src_file, *src_col;
    uint32_t src_line;
};

/* the face's font file usable (loaded once)?  false (reported) if not */
bool pdf_face_load(pdf_doc *d, pdf_face *f);

/* --- pdf_text.c: paragraphs and line breaking -------------------------- */

typedef struct pdf_para {
    pdf_glyphs g;
    double size;      /* font size, pt */
    double leading;   /* line height, pt */
    int align;        /* enum pdf_align; the last line of JUSTIFY is LEFT */
    double indent;    /* first line indent, pt */
    uint32_t ink[4];  /* colours of the glyphs' slots */
} pdf_para;

typedef struct pdf_tline {
    size_t start, end; /* glyphs [start, end), trailing spaces excluded */
    size_t next;       /* where the next line starts (after spaces) */
    double width;      /* natural width, pt */
} pdf_tline;

void pdf_para_init(pdf_para *p, double size, double leading, int align, uint32_t ink0);
void pdf_para_free(pdf_para *p);
/* kinsoku: may no line start with cp / end with cp? */
bool pdf_no_line_start(uint32_t cp);
bool pdf_no_line_end(uint32_t cp);
/* break p into lines of `width` (the first line `width - indent`); returns
 * the number of lines, *lines malloc'd.  Breaks come from libunibreak,
 * restricted by kinsoku (a character that may not begin a line is pushed
 * down with its predecessor), and a last line of one lone character is
 * avoided by breaking the line before earlier. */
size_t pdf_break(const pdf_para *p, double width, pdf_tline **lines);
/* extra space per glyph gap to justify line l to width (0 for the last
 * line or when it would be ugly) */
double pdf_justify(const pdf_para *p, const pdf_tline *l, double width, bool last);

/* --- pdf_flow.c: blocks flowed over pages ------------------------------ */

typedef struct pdf_row {
    float h;              /* height */
    uint32_t first;       /* its items: from here to the next row's first */
    int32_t anchor;       /* >= 0: reported to the flow's anchor callback */
    uint32_t bg;          /* background across [bg_x, bg_x + bg_w) */
    float bg_x, bg_w;
    uint32_t bar;         /* a bar at bg_x, bar_w wide (禁用语) */
    float bar_w;
} pdf_row;

typedef struct pdf_block {
    GS_VEC(pdf_row) rows;
    pdf_items items;        /* x from the frame's left, y from the row's top */
    double space_before;    /* dropped at the top of a page */
    bool keep;              /* never split (unless taller than a page) */
    bool keep_next;         /* on the same page as the start of the next */
    bool break_before;      /* start a new page */
    size_t header_rows;     /* rows repeated at the top of each page (tables) */
} pdf_block;

void pdf_block_init(pdf_block *b);
void pdf_block_free(pdf_block *b);
void pdf_block_reset(pdf_block *b);
double pdf_block_height(const pdf_block *b);
/* start a row of height h; items added next belong to it */
pdf_row *pdf_block_row(pdf_block *b, double h);
/* a paragraph at x (from the frame's left), width wide: one row per line;
 * returns the number of lines */
size_t pdf_block_para(pdf_doc *d, pdf_block *b, const pdf_para *p, double x, double width);
/* items into the last row (y from the row's top) */
void pdf_block_rect(pdf_block *b, double x, double y, double w, double h, uint32_t fill,
                    uint32_t stroke, double lw);
void pdf_block_line(pdf_block *b, double x1, double y1, double x2, double y2, double lw,
                    uint32_t color);
void pdf_block_circle(pdf_block *b, double cx, double cy, double r, uint32_t fill);
/* a run of glyphs into the last row (see pdf_run) */
void pdf_block_run(pdf_doc *d, pdf_block *b, const pdf_glyph *g, size_t n, double x,
                   double baseline, double size, double tc, const uint32_t *inks);
/* place all rows at (x, y) on pg, ignoring page limits; returns height */
double pdf_block_place(pdf_block *b, pdf_page *pg, double x, double y);

typedef struct pdf_flow pdf_flow;
typedef struct pdf_flow_cb {
    /* a new page, physical number no (1-based); NULL in a dry run */
    pdf_page *(*new_page)(void *ctx, int no);
    /* a row with anchor >= 0 was placed (not in dry runs) */
    void (*anchor)(void *ctx, int anchor, pdf_page *pg, int no, double y);
    void *ctx;
} pdf_flow_cb;

/* a frame from top to bottom (points from the page top), width wide, at
 * x_odd on odd and x_even on even physical pages; numbering starts at
 * first_no.  dry: count pages only. */
pdf_flow *pdf_flow_new(pdf_doc *d, const pdf_flow_cb *cb, double top, double bottom,
                       double x_odd, double x_even, int first_no, bool dry);
/* add a block (copied: b may be reset and reused) */
void pdf_flow_add(pdf_flow *f, const pdf_block *b);
/* place what is pending; returns the number of pages used */
int pdf_flow_finish(pdf_flow *f);
void pdf_flow_free(pdf_flow *f);

/* --- pdf_qr.c ----------------------------------------------------------- */

/* QR code of text (ECC level M) as filled squares, quiet zone included,
 * size x size at (x, y) on pg; false when it cannot be encoded */
bool pdf_qr(pdf_page *pg, const char *text, double x, double y, double size, uint32_t color);

/* --- pdf_phrases.c: the phrase book of an agency ------------------------ */

typedef struct pdf_scene {
    const char *name;             /* 场景 */
    GS_VEC(const gs_phrase *) ph; /* in 序号 order */
} pdf_scene;

typedef struct pdf_chapter {
    const char *category;         /* 执法类别 or 通用 */
    GS_VEC(pdf_scene) scenes;     /* in order of first appearance */
} pdf_chapter;

typedef struct pdf_book {
    GS_VEC(pdf_chapter) ch;       /* 通用 first, then 执法类别 order */
    size_t phrases;
} pdf_book;

/* the phrases of agency a (county-wide ones plus its own); a < 0: all */
void pdf_book_collect(pdf_book *b, const gs_model *m, int32_t a);
void pdf_book_free(pdf_book *b);
/* Chinese numerals 1..99 (一, 十二, 九十九); digits beyond; out >= 16 */
void pdf_cn_number(int n, char out[16]);

/* --- products ------------------------------------------------------------ */

typedef struct pdf_ctx {
    const gs_model *m;
    pdf_env *env;
    const pdf_opts *o;
    int32_t agency;     /* -1: county-wide */
    const char *issuer; /* agency name, or the publishing body */
    const pdf_style *st;
} pdf_ctx;

/* each returns a finished document, or NULL when there is nothing to
 * print (or the fonts failed, reported) */
pdf_doc *pdf_handbook(const pdf_ctx *c, size_t *pages);
pdf_doc *pdf_posters(const pdf_ctx *c);
pdf_doc *pdf_board(const pdf_ctx *c);
/* the figures the board of agency a shows on today (from decisions,
 * officers, powers, inspections) into an input digest */
void pdf_board_digest(const gs_model *m, int32_t a, gs_date today, dg *d);
pdf_doc *pdf_signs(const pdf_ctx *c);
pdf_doc *pdf_quiz(const pdf_ctx *c, bool key);

/* base_url + rel for a QR code (malloc'd); NULL, reported, when base_url
 * is no absolute URL (a relative link means nothing on paper) */
char *pdf_site_url(const gs_model *m, const char *rel);
/* a certificate valid on today (window signs; the site uses the same rule) */
bool pdf_cert_valid(const gs_officer *of, gs_date today);
/* a list cell ("a;b；c") as text ("a、b、c"); malloc'd */
char *pdf_list_text(const char *cell);
/* "2026年11月23日" */
void pdf_cn_date(gs_date d, char out[32]);

#endif
