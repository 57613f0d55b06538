/*
 * pdf_font.c - one font file as the documents of a thread use it (see
 * pdf.h): its metrics, and the subset of it each document embeds.
 *
 * Metrics: the file is loaded once into a libharu document of its own,
 * which is never saved and only answers "which glyph, how wide" per code
 * point (cached), so the layout uses libharu's own numbers.
 *
 * Embedding: libharu 2.3 embeds a TrueType font by copying every table but
 * glyf whole.  For a CJK face that is ~0.9 MB per document (the names,
 * widths and locations of 45,000 glyphs), deflated at zlib's default level:
 * most of a small document's time and bytes.  So each document first gets
 * a font of its own, cut by HarfBuzz's subsetter down to the characters the
 * document draws (glyph names dropped, and every table libharu does not
 * embed left out), which libharu then loads from memory and embeds.  The
 * pages are unchanged: each character maps through the subset's cmap to
 * the same outline with the same width.
 *
 * libharu builds a width array and a CID-to-glyph map over all 65536 codes
 * of a font, searching its cmap segments for each.  narrow_cmap() replaces
 * the loaded subset's cmap by one with few segments (libharu 2.3's public
 * structs; skipped for other versions), which keeps that fast.
 */
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>
#include <hpdf_version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

struct pdf_font {
    char *path;
    unsigned index;
    bool ttc, tried;
    const char *why;  /* tried and not usable: why (NULL: usable) */
    HPDF_STATUS err;  /* libharu's first error in mdoc */
    HPDF_Doc mdoc;    /* the metrics document */
    HPDF_FontDef def; /* the whole font in mdoc */
    hb_face_t *hb;    /* the whole font for the subsetter (NULL: not yet) */
    hb_set_t *drop;   /* tables to leave out of a subset */
    uint16_t adv[65536]; /* PDF_ADV_UNKNOWN, PDF_ADV_NONE or 1/1000 em */
};

static HPDF_FontDef load_subset(pdf_font *f, HPDF_MMgr mm, const uint8_t *used);

/* a failed load shows as a NULL font name; its reason is kept */
static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *ud)
{
    pdf_font *f = ud;
    (void)detail;
    if (!f->err)
        f->err = e;
}

pdf_font *pdf_font_new(const char *path, unsigned index, bool ttc)
{
    pdf_font *f = xmalloc(sizeof *f);
    memset(f, 0, offsetof(pdf_font, adv));
    memset(f->adv, 0xFF, sizeof f->adv); /* PDF_ADV_UNKNOWN */
    f->path = xstrdup(path);
    f->index = index;
    f->ttc = ttc;
    return f;
}

void pdf_font_free(pdf_font *f)
{
    if (!f)
        return;
    if (f->mdoc)
        HPDF_Free(f->mdoc);
    hb_face_destroy(f->hb);
    hb_set_destroy(f->drop);
    free(f->path);
    free(f);
}

const char *pdf_font_path(const pdf_font *f)
{
    return f->path;
}

unsigned pdf_font_index(const pdf_font *f)
{
    return f->index;
}

bool pdf_font_load(pdf_font *f)
{
    if (f->tried)
        return !f->why;
    f->tried = true;
    f->why = "TrueType or TTC needed";
    f->mdoc = HPDF_New(on_error, f);
    if (!f->mdoc)
        return false;
    /* loaded as for embedding, so libharu refuses what it refused when it
     * embedded whole files (a font whose licence forbids embedding) */
    const char *name = f->ttc ? HPDF_LoadTTFontFromFile2(f->mdoc, f->path, f->index, HPDF_TRUE)
                              : HPDF_LoadTTFontFromFile(f->mdoc, f->path, HPDF_TRUE);
    if (name)
        f->def = HPDF_GetFontDef(f->mdoc, name);
    if (f->err == HPDF_TTF_CANNOT_EMBEDDING_FONT)
        f->why = "its licence (OS/2 fsType) does not allow embedding";
    if (!f->def || f->def->type != HPDF_FONTDEF_TYPE_TRUETYPE)
        return false;
    /* and a subset of it (of its first character) must load too, before
     * any document counts on it */
    f->why = "no subset of it could be made for embedding";
    uint8_t one[65536 / 8] = {0};
    uint32_t cp = 0x20;
    while (cp < 0xFFFF && HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp) == 0)
        cp++;
    one[cp >> 3] = (uint8_t)(1u << (cp & 7));
    HPDF_FontDef trial = load_subset(f, f->mdoc->mmgr, one);
    if (!trial)
        return false;
    HPDF_FontDef_Free(trial);
    f->why = NULL;
    return true;
}

const char *pdf_font_why(const pdf_font *f)
{
    return f->why ? f->why : "";
}

uint16_t pdf_font_adv(pdf_font *f, uint32_t cp)
{
    if (cp > 0xFFFF)
        return PDF_ADV_NONE;
    uint16_t a = f->adv[cp];
    if (a != PDF_ADV_UNKNOWN)
        return a;
    if (!pdf_font_load(f))
        return PDF_ADV_NONE;
    HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp);
    if (gid == 0) {
        a = PDF_ADV_NONE;
    } else {
        HPDF_INT16 w = HPDF_TTFontDef_GetGidWidth(f->def, gid);
        a = w < 0 ? 0 : w > 4000 ? 4000 : (uint16_t)w;
    }
    f->adv[cp] = a;
    return a;
}

/* ---- the subset ---- */

/* what libharu embeds of a TrueType font; every other table is dropped */
static const char keep_tags[][5] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                    "hmtx", "loca", "maxp", "name", "post", "prep"};

static bool open_hb(pdf_font *f)
{
    if (f->hb)
        return true;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->path);
    if (!blob)
        return false;
    hb_face_t *face = hb_face_create(blob, f->index);
    hb_blob_destroy(blob);
    if (!face || face == hb_face_get_empty() || hb_face_get_glyph_count(face) == 0) {
        hb_face_destroy(face);
        return false;
    }
    hb_set_t *drop = hb_set_create();
    if (!hb_set_allocation_successful(drop)) {
        hb_face_destroy(face);
        hb_set_destroy(drop);
        return false;
    }
    hb_tag_t tags[64];
    unsigned start = 0, n;
    do {
        n = sizeof tags / sizeof *tags;
        hb_face_get_table_tags(face, start, &n, tags);
        for (unsigned i = 0; i < n; i++) {
            bool keep = false;
            for (size_t k = 0; k < sizeof keep_tags / sizeof *keep_tags; k++)
                keep |= tags[i] == hb_tag_from_string(keep_tags[k], 4);
            if (!keep)
                hb_set_add(drop, tags[i]);
        }
        start += n;
    } while (n == sizeof tags / sizeof *tags);
    f->hb = face;
    f->drop = drop;
    return true;
}

/* the font cut down to the code points in used (a 65536-bit set); NULL
 * when HarfBuzz cannot */
static hb_blob_t *cut(pdf_font *f, const uint8_t *used)
{
    if (!open_hb(f))
        return NULL;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *u = hb_subset_input_unicode_set(in);
    for (uint32_t cp = 0; cp < 65536; cp++)
        if ((used[cp >> 3] >> (cp & 7)) & 1)
            hb_set_add(u, cp);
    hb_set_union(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), f->drop);
    /* the name table as it is: the subsetter would keep only Windows
     * English records, and libharu takes the font's names from a Mac or a
     * Windows English one */
    hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_NO_SUBSET_TABLE_TAG),
               HB_TAG('n', 'a', 'm', 'e'));
    hb_face_t *sub = hb_subset_or_fail(f->hb, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return NULL;
    /* every table libharu embeds, empty where the subset has none (the
     * subsetter drops empty tables) - but never an empty prep: libharu
     * writes the tables in keep_tags order into a stream of 4096-byte
     * pieces and then seeks to each one, and a seek to an empty last table
     * that ends exactly on a piece boundary fails (the document with it
     * could not be made).  A prep of one FLIPON, which sets what is
     * already the default, is a program that changes nothing. */
    static const char flipon[] = {0x4D};
    hb_face_t *all = hb_face_builder_create();
    for (size_t k = 0; k < sizeof keep_tags / sizeof *keep_tags; k++) {
        hb_tag_t tag = hb_tag_from_string(keep_tags[k], 4);
        hb_blob_t *t = hb_face_reference_table(sub, tag);
        if (tag == HB_TAG('p', 'r', 'e', 'p') && !hb_blob_get_length(t)) {
            hb_blob_destroy(t);
            t = hb_blob_create(flipon, sizeof flipon, HB_MEMORY_MODE_READONLY, NULL, NULL);
        }
        hb_face_builder_add_table(all, tag, t);
        hb_blob_destroy(t);
    }
    hb_face_destroy(sub);
    hb_blob_t *b = hb_face_reference_blob(all);
    hb_face_destroy(all);
    if (!b || !hb_blob_get_length(b)) {
        hb_blob_destroy(b);
        return NULL;
    }
    return b;
}

#if HPDF_VERSION_ID == 20300
/* replace a loaded font's cmap by one that maps only the characters in
 * used, in few segments */
static void narrow_cmap(HPDF_FontDef def, const uint8_t *used)
{
    HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
    if (a->cmap.format != 4 || !a->cmap.seg_count_x2)
        return;
    size_t n = 0;
    for (uint32_t cp = 0; cp < 0xFFFF; cp++)
        n += (used[cp >> 3] >> (cp & 7)) & 1;
    if (n > 30000)
        return;
    /* segments cover runs of used characters less than gap apart and map
     * through the glyph id array (unused codes in a run map to 0): few
     * segments keep libharu's linear segment search over 65536 codes
     * fast, so the widest gap whose array fits the 16-bit offsets wins */
    static const uint32_t gaps[] = {4096, 1024, 256, 64, 16, 1};
    uint16_t *gids = xcalloc(65536, sizeof *gids);
    uint32_t *sstart = xmalloc((n + 1) * sizeof *sstart), *send = xmalloc((n + 1) * sizeof *send);
    for (uint32_t cp = 0; cp < 0xFFFF; cp++)
        if ((used[cp >> 3] >> (cp & 7)) & 1)
            gids[cp] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
    size_t nseg = 0, span = 0, seg = 0;
    for (size_t g = 0; g < sizeof gaps / sizeof *gaps; g++) {
        nseg = span = 0;
        for (uint32_t cp = 0; cp < 0xFFFF; cp++) {
            if (!((used[cp >> 3] >> (cp & 7)) & 1))
                continue;
            if (nseg && cp - send[nseg - 1] < gaps[g]) {
                span += cp - send[nseg - 1];
                send[nseg - 1] = cp;
            } else {
                sstart[nseg] = send[nseg] = cp;
                nseg++;
                span++;
            }
        }
        seg = nseg + 1; /* and the required final segment, to .notdef */
        if (span + seg <= 32000)
            break;
    }
    if (span + seg > 32000) { /* the offsets would not fit: keep the cmap */
        free(gids);
        free(sstart);
        free(send);
        return;
    }
    HPDF_MMgr mm = def->mmgr;
    HPDF_UINT16 *start = HPDF_GetMem(mm, (HPDF_UINT)(seg * 2));
    HPDF_UINT16 *end = HPDF_GetMem(mm, (HPDF_UINT)(seg * 2));
    HPDF_INT16 *delta = HPDF_GetMem(mm, (HPDF_UINT)(seg * 2));
    HPDF_UINT16 *range = HPDF_GetMem(mm, (HPDF_UINT)(seg * 2));
    HPDF_UINT16 *ids = HPDF_GetMem(mm, (HPDF_UINT)((span + 1) * 2)); /* +1: libharu reads
                                                                    one past the count */
    if (!start || !end || !delta || !range || !ids) {
        free(gids); /* libharu reported it; the document fails */
        free(sstart);
        free(send);
        return;
    }
    size_t base = 0;
    for (size_t i = 0; i < nseg; i++) {
        start[i] = (HPDF_UINT16)sstart[i];
        end[i] = (HPDF_UINT16)send[i];
        delta[i] = 0;
        /* libharu: index = range/2 + (code - start) - (segments - i) */
        range[i] = (HPDF_UINT16)(2 * (base + seg - i));
        for (uint32_t cp = sstart[i]; cp <= send[i]; cp++)
            ids[base++] = gids[cp];
    }
    ids[span] = 0;
    start[nseg] = end[nseg] = 0xFFFF;
    delta[nseg] = 1;
    range[nseg] = 0;
    free(gids);
    free(sstart);
    free(send);
    HPDF_FreeMem(mm, a->cmap.start_count);
    HPDF_FreeMem(mm, a->cmap.end_count);
    HPDF_FreeMem(mm, a->cmap.id_delta);
    HPDF_FreeMem(mm, a->cmap.id_range_offset);
    if (a->cmap.glyph_id_array)
        HPDF_FreeMem(mm, a->cmap.glyph_id_array);
    a->cmap.start_count = start;
    a->cmap.end_count = end;
    a->cmap.id_delta = delta;
    a->cmap.id_range_offset = range;
    a->cmap.glyph_id_array = ids;
    a->cmap.glyph_id_array_count = (HPDF_UINT)span;
    a->cmap.seg_count_x2 = (HPDF_UINT16)(seg * 2);
}
#else
static void narrow_cmap(HPDF_FontDef def, const uint8_t *used)
{
}
#endif

/* a subset of the font (see cut) loaded by libharu for embedding, in
 * memory from mm; NULL when either cannot */
static HPDF_FontDef load_subset(pdf_font *f, HPDF_MMgr mm, const uint8_t *used)
{
    hb_blob_t *b = cut(f, used);
    if (!b)
        return NULL;
    unsigned len;
    const char *data = hb_blob_get_data(b, &len);
    /* one buffer, one byte longer than the font: libharu 2.3 cannot seek
     * a memory stream to its end when that is a buffer boundary */
    HPDF_Stream s = HPDF_MemStream_New(mm, len + 1);
    if (!s || HPDF_Stream_Write(s, (const HPDF_BYTE *)data, len) != HPDF_OK) {
        if (s)
            HPDF_Stream_Free(s);
        hb_blob_destroy(b);
        return NULL;
    }
    hb_blob_destroy(b);
    return HPDF_TTFontDef_Load(mm, s, HPDF_TRUE); /* owns s */
}

/* the font's ToUnicode CMap, which says which text each code of the page
 * streams stands for (copying text, searching it, reading it aloud).
 * libharu 2.3 writes, for its UTF-8 encoder, an identity *CID* map
 * ("begincidrange <0000> <FFFF> 0"), which is no ToUnicode CMap at all:
 * readers that follow the specification ignore it (poppler says "Invalid
 * 'begincidrange' operator in ToUnicode CMap") and must guess.  The codes
 * of that encoder are the characters' own UTF-16 (BMP) values, so the
 * right map is the identity: one bfrange per 256 codes the font draws
 * from, written into libharu's stream in place of its own (the
 * surrogate rows D8-DF never occur: libharu cannot draw outside the BMP).
 * The stream's dictionary keeps only what a ToUnicode stream has.  False
 * only when the map could not be written */
static bool to_unicode(HPDF_Font font, const uint8_t *used)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
    HPDF_Dict cmap = attr ? attr->cmap_stream : NULL;
    if (!cmap || !cmap->stream || cmap->stream->type != HPDF_STREAM_MEMORY)
        return true; /* not the libharu this was written for: its own map stays */
    int rows[256], n = 0;
    for (int hi = 0; hi < 256; hi++) {
        if (hi >= 0xD8 && hi <= 0xDF)
            continue;
        for (int b = 0; b < 32; b++)
            if (used[hi * 32 + b]) {
                rows[n++] = hi;
                break;
            }
    }
    HPDF_MemStream_FreeData(cmap->stream);
    static const char head[] =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    static const char tail[] = "endcmap\n"
                               "CMapName currentdict /CMap defineresource pop\n"
                               "end\n"
                               "end\n";
    HPDF_STATUS st = HPDF_Stream_WriteStr(cmap->stream, head);
    /* at most 100 entries per block (the CMap format's limit) */
    for (int i = 0; i < n && st == HPDF_OK; i += 100) {
        int k = n - i < 100 ? n - i : 100;
        char line[40];
        snprintf(line, sizeof line, "%d beginbfrange\n", k);
        st = HPDF_Stream_WriteStr(cmap->stream, line);
        for (int j = i; j < i + k && st == HPDF_OK; j++) {
            snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", rows[j], rows[j], rows[j]);
            st = HPDF_Stream_WriteStr(cmap->stream, line);
        }
        if (st == HPDF_OK)
            st = HPDF_Stream_WriteStr(cmap->stream, "endbfrange\n");
    }
    if (st == HPDF_OK)
        st = HPDF_Stream_WriteStr(cmap->stream, tail);
    static const char *const drop[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
    for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
        HPDF_Dict_RemoveElement(cmap, drop[i]); /* quiet when absent */
    return st == HPDF_OK;
}

HPDF_Font pdf_font_embed(pdf_font *f, HPDF_Doc doc, int nth, const uint8_t *used)
{
    HPDF_FontDef def = load_subset(f, doc->mmgr, used);
    if (!def)
        return NULL;
    /* two files with one PostScript name: the second is renamed, since
     * libharu keys a document's fonts by name */
    if (HPDF_Doc_FindFontDef(doc, def->base_font)) {
        size_t n = strlen(def->base_font);
        if (n > HPDF_LIMIT_MAX_NAME_LEN - 3)
            n = HPDF_LIMIT_MAX_NAME_LEN - 3;
        snprintf(def->base_font + n, 4, "-%c", 'A' + nth % 26);
    }
    if (HPDF_Doc_RegisterFontDef(doc, def) != HPDF_OK) /* frees def */
        return NULL;
    char tag[HPDF_TTF_FONT_TAG_LEN + 1] = "HPDFAA"; /* HPDFAA, HPDFAB, ... per face */
    tag[4] = (char)('A' + nth / 26 % 26);
    tag[5] = (char)('A' + nth % 26);
    HPDF_TTFontDef_SetTagName(def, tag);
    narrow_cmap(def, used);
    HPDF_Font font = HPDF_GetFont(doc, def->base_font, "UTF-8");
    if (font && !to_unicode(font, used))
        return NULL; /* libharu's error handler has said why */
    return font;
}
