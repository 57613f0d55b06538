/*
 * test_pdf_font.c - fonts as the PDFs embed them (pdf_font.c): a document
 * embeds a subset of just the characters it draws, each with the width
 * the layout measured; the bytes are the same run after run; a fallback
 * face is embedded beside the body face; and a character set whose font,
 * as libharu writes it, ends on one of its 4096-byte stream pieces (which
 * made libharu fail before the font got a non-empty prep) still saves.
 * A font whose licence forbids embedding is refused when loaded, not when
 * the first document is saved; one whose English names are only Mac
 * records still embeds.  Every stream is deflated at DEFLATE_LEVEL
 * (deflate_level.c), not libharu's fixed default.  A font's ToUnicode map
 * is a real one (bfrange, code = UTF-16), not libharu's identity CID map.
 */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "deflate_level.h"
#include "diag.h"
#include "pdf.h"
#include "t.h"

static pdf_env *env;
static pdf_style *st;

static pdf_doc *doc(void)
{
    pdf_doc *d = pdf_doc_new(env, st, date_from_ymd(2026, 11, 23));
    CHECK(d != NULL);
    return d;
}

/* a document with s on an A4 page, saved into out; false if not saved */
static bool make(const char *s, buf *out)
{
    pdf_doc *d = doc();
    if (!d)
        return false;
    pdf_page *pg = pdf_doc_page(d, 595, 842);
    pdf_text(d, pg, PDF_BODY, s, 20, 100, 10, 0, PDF_LEFT);
    bool ok = pdf_doc_save(d, out);
    pdf_doc_free(d);
    return ok;
}

/* the uncompressed sizes (/Length1) of the embedded fonts, up to max */
static int font_sizes(const buf *b, long *len, int max)
{
    int n = 0;
    if (!b->p)
        return 0;
    const char *p = b->p, *end = b->p + b->len;
    while (n < max && (p = memmem(p, (size_t)(end - p), "/Length1 ", 9))) {
        p += 9;
        len[n++] = strtol(p, NULL, 10);
    }
    return n;
}

static const char sample[] =
    "您好！我们是示例县市场监督管理局的执法人员，这是我们的执法证件，请您查验。"
    "对处理结果不满意的，您可以拨打12345政务服务便民热线反映。ABC xyz";

TEST(subset_is_small)
{
    buf b;
    buf_init(&b);
    CHECK(make(sample, &b));
    long len[4];
    int n = font_sizes(&b, len, 4);
    CHECK_INT(n, 1);
    /* the whole face as libharu 2.3 embedded it was ~870 KB (the names,
     * widths and locations of 45,000 glyphs); a subset of 60 characters is
     * their outlines and a few small tables */
    if (n == 1)
        CHECK(len[0] > 1000 && len[0] < 40000);
    CHECK(b.len < 40000);
    CHECK(memmem(b.p, b.len, "/FontFile2", 10) != NULL);
    CHECK(memmem(b.p, b.len, "HPDFAA+WenQuanYiZenHei", 22) != NULL);
    buf_free(&b);
}

/* every character of the sample is as wide in the embedded subset as the
 * layout measured it in the whole face */
TEST(widths_as_measured)
{
    pdf_doc *d = doc();
    if (!d)
        return;
    pdf_glyphs g = {0};
    pdf_shape(d, PDF_BODY, sample, strlen(sample), 0, &g);
    pdf_page *pg = pdf_doc_page(d, 595, 842);
    pdf_text(d, pg, PDF_BODY, sample, 20, 100, 10, 0, PDF_LEFT);
    buf b;
    buf_init(&b);
    CHECK(pdf_doc_save(d, &b));
    pdf_face *f = &d->faces[d->role_face[PDF_BODY]];
    CHECK(f->font != NULL);
    int checked = 0;
    for (size_t i = 0; f->font && i < g.n; i++) {
        uint32_t cp = g.v[i].cp;
        char u[4];
        size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
        if (n == 1)
            u[0] = (char)cp;
        else if (n == 2) {
            u[0] = (char)(0xC0 | cp >> 6);
            u[1] = (char)(0x80 | (cp & 63));
        } else {
            u[0] = (char)(0xE0 | cp >> 12);
            u[1] = (char)(0x80 | ((cp >> 6) & 63));
            u[2] = (char)(0x80 | (cp & 63));
        }
        HPDF_TextWidth w = HPDF_Font_TextWidth(f->font, (const HPDF_BYTE *)u, (HPDF_UINT)n);
        CHECK_INT(w.width, g.v[i].adv);
        checked++;
    }
    CHECK(checked > 60);
    free(g.v);
    buf_free(&b);
    pdf_doc_free(d);
}

TEST(same_bytes_every_time)
{
    buf a, b;
    buf_init(&a);
    buf_init(&b);
    CHECK(make(sample, &a));
    CHECK(make(sample, &b));
    CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
    buf_free(&a);
    buf_free(&b);
}

/* 鿌 (U+9FCC) is in neither wqy-zenhei nor uming: HanaMinA, a second
 * embedded subset with the next tag */
TEST(fallback_face_embedded)
{
    diag_init();
    diag_set_quiet(true);
    buf b;
    buf_init(&b);
    CHECK(make("中文\xE9\xBF\x8C", &b));
    long len[4];
    CHECK_INT(font_sizes(&b, len, 4), 2);
    CHECK(memmem(b.p, b.len, "HPDFAA+WenQuanYiZenHei", 22) != NULL);
    CHECK(memmem(b.p, b.len, "HPDFAB+", 7) != NULL);
    CHECK_INT(diag_count(), 0);
    buf_free(&b);
    diag_free();
}

/* the characters of a quiz answer key of a synthetic county: libharu
 * writes wqy-zenhei's subset of them in exactly 14 pieces of 4096 bytes,
 * and with an empty prep last it failed to seek there (libharu error
 * 0x1033, the document not made) */
static const char boundary[] =
    " /0123456789ABCD·×　、。一上下不与专为举之书了予事五人以们会作例供依停催共关内决出分则利"
    "到制劝务即卷县参及可号合同后否听告员和咨品回在场处复大好如妨子字定实审害家对导封将局工已市"
    "年并应式强当录径待必急您想意成我或所手执批报抽拟据接提收改政救数整文方施无日时是月有期本机权"
    "条来果查样核案检次款止求法活测济满现理生用由申电的监着督知确碍示票程立笔符第答签管箱系纳经结"
    "编罚考者职范行要见规解警认许设访证试询语请调起较辩达过这进违述送途通邮采量问间陈需面页题额食"
    "验，．：；";

TEST(font_ending_on_a_piece_boundary)
{
    buf b;
    buf_init(&b);
    CHECK(make(boundary, &b));
    long len[2];
    CHECK_INT(font_sizes(&b, len, 2), 1);
    buf_free(&b);
}

/* ---- fonts libharu or the subsetter would trip over ---- */

static const char hana[] = "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf";

/* HanaMinA's bytes with patch(bytes, table offset) applied to table tag,
 * written to a temporary file; its path (to free and unlink) or NULL */
static char *patched(const char *tag, void (*patch)(uint8_t *, size_t))
{
    FILE *f = fopen(hana, "rb");
    if (!f)
        return NULL;
    buf b;
    buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    uint8_t *d = (uint8_t *)b.p;
    size_t ntab = b.len > 12 ? (size_t)(d[4] << 8 | d[5]) : 0;
    bool found = false;
    for (size_t i = 0; i < ntab && 12 + 16 * (i + 1) <= b.len; i++) {
        const uint8_t *e = d + 12 + 16 * i;
        size_t off = (size_t)e[8] << 24 | (size_t)e[9] << 16 | (size_t)e[10] << 8 | e[11];
        if (memcmp(e, tag, 4) == 0 && off < b.len) {
            patch(d + off, b.len - off);
            found = true;
        }
    }
    char *path = NULL;
    if (found) {
        path = xasprintf("%s/gongshi-font-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        int fd = mkstemp(path);
        if (fd < 0 || write(fd, b.p, b.len) != (ssize_t)b.len) {
            if (fd >= 0) {
                close(fd);
                unlink(path);
            }
            free(path);
            path = NULL;
        } else {
            close(fd);
        }
    }
    buf_free(&b);
    return path;
}

static void no_embedding(uint8_t *os2, size_t n)
{
    if (n > 10) {
        os2[8] = 0; /* fsType: restricted licence embedding */
        os2[9] = 2;
    }
}

/* the Windows English names become Simplified Chinese ones: libharu still
 * finds the Mac names, the subsetter by default keeps Windows English only */
static void names_not_english(uint8_t *name, size_t n)
{
    size_t count = n > 6 ? (size_t)(name[2] << 8 | name[3]) : 0;
    for (size_t i = 0; i < count && 6 + 12 * (i + 1) <= n; i++) {
        uint8_t *r = name + 6 + 12 * i;
        if (r[1] == 3 && r[4] == 0x04 && r[5] == 0x09) {
            r[4] = 0x08;
            r[5] = 0x04;
        }
    }
}

TEST(licence_forbids_embedding)
{
    char *path = patched("OS/2", no_embedding);
    CHECK(path != NULL);
    if (!path)
        return;
    pdf_font *f = pdf_font_new(path, 0, false);
    CHECK(!pdf_font_load(f));
    CHECK(strstr(pdf_font_why(f), "embedding") != NULL);
    CHECK_INT(pdf_font_adv(f, 0x4E00), PDF_ADV_NONE); /* so never drawn with */
    pdf_font_free(f);
    unlink(path);
    free(path);
}

TEST(names_only_in_other_languages)
{
    char *path = patched("name", names_not_english);
    CHECK(path != NULL);
    if (!path)
        return;
    pdf_font *f = pdf_font_new(path, 0, false);
    CHECK(pdf_font_load(f));
    CHECK(pdf_font_adv(f, 0x4E00) != PDF_ADV_NONE);
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    CHECK(doc != NULL);
    if (doc) {
        HPDF_UseUTFEncodings(doc);
        HPDF_SetCurrentEncoder(doc, "UTF-8");
        uint8_t used[65536 / 8] = {0};
        used[0x4E00 >> 3] |= (uint8_t)(1u << (0x4E00 & 7));
        CHECK(pdf_font_embed(f, doc, 0, used) != NULL);
        HPDF_Free(doc);
    }
    pdf_font_free(f);
    unlink(path);
    free(path);
}

/* zlib's header says which kind of level made a stream: FLEVEL, the top
 * two bits of its second byte, is 0 for level 1, 1 for 2-5, 2 for the
 * default 6 and 3 for 7-9 (RFC 1950; zlib's deflate.c) */
static int flevel(int level)
{
    return level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
}

TEST(streams_at_the_pdf_level)
{
    buf b;
    buf_init(&b);
    CHECK(make(sample, &b));
    int n = 0, right = 0;
    const char *p = b.p, *end = b.p + b.len;
    while (p && (p = memmem(p, (size_t)(end - p), "stream\r\n", 8))) {
        p += 8;
        if (end - p < 2)
            break;
        n++;
        unsigned char cmf = (unsigned char)p[0], flg = (unsigned char)p[1];
        if (cmf == 0x78 && (cmf * 256 + flg) % 31 == 0 && flg >> 6 == flevel(DEFLATE_LEVEL))
            right++;
    }
    /* the page, the font, its CIDToGIDMap and its ToUnicode map at least */
    CHECK(n >= 4);
    CHECK_INT(right, n);
    buf_free(&b);
}

/* the inflated stream of object `num 0 obj` in b, into out */
static bool object_stream(const buf *b, long num, buf *out)
{
    char head[32];
    int hn = snprintf(head, sizeof head, "\n%ld 0 obj", num);
    const char *p = memmem(b->p, b->len, head, (size_t)hn);
    if (!p || !(p = memmem(p, b->len - (size_t)(p - b->p), "stream\r\n", 8)))
        return false;
    p += 8;
    unsigned char chunk[65536];
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK)
        return false;
    z.next_in = (unsigned char *)p;
    z.avail_in = (unsigned)(b->len - (size_t)(p - b->p));
    int rc;
    do {
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        buf_add(out, (const char *)chunk, sizeof chunk - z.avail_out);
    } while (rc == Z_OK);
    inflateEnd(&z);
    return rc == Z_STREAM_END;
}

TEST(to_unicode_map)
{
    buf b, m;
    buf_init(&b);
    buf_init(&m);
    CHECK(make(sample, &b));
    const char *t = b.p ? memmem(b.p, b.len, "/ToUnicode ", 11) : NULL;
    CHECK(t != NULL);
    if (t && object_stream(&b, strtol(t + 11, NULL, 10), &m)) {
        buf_add(&m, "", 1);
        CHECK(strstr(m.p, "/CMapType 2 def") != NULL);
        CHECK(strstr(m.p, "begincidrange") == NULL);
        /* 您 U+60A8, 我 U+6211, A U+0041, ！ U+FF01: their rows map to themselves */
        CHECK(strstr(m.p, "<6000> <60FF> <6000>\n") != NULL);
        CHECK(strstr(m.p, "<6200> <62FF> <6200>\n") != NULL);
        CHECK(strstr(m.p, "<0000> <00FF> <0000>\n") != NULL);
        CHECK(strstr(m.p, "<FF00> <FFFF> <FF00>\n") != NULL);
        /* a row the sample does not draw from is not mapped */
        CHECK(strstr(m.p, "<0100> ") == NULL);
        /* the count each block declares is the number of its lines */
        int declared = 0, lines = 0;
        for (const char *q = m.p; (q = strstr(q, " beginbfrange\n")); q++) {
            const char *s0 = q;
            while (s0 > m.p && s0[-1] >= '0' && s0[-1] <= '9')
                s0--;
            declared += atoi(s0);
        }
        for (const char *q = m.p; (q = strstr(q, "> <")); q += 3)
            lines++;
        /* each bfrange line has two "> <" separators, the codespace one */
        CHECK_INT(lines, 2 * declared + 1);
    } else {
        CHECK(!"ToUnicode stream not found or not inflated");
    }
    buf_free(&m);
    buf_free(&b);
}

int main(void)
{
    tpl_dirs none = {NULL, 0};
    env = pdf_env_new();
    st = pdf_style_load(&none, "handbook"); /* built-in defaults: wqy-zenhei */
    RUN(subset_is_small);
    RUN(widths_as_measured);
    RUN(same_bytes_every_time);
    RUN(fallback_face_embedded);
    RUN(font_ending_on_a_piece_boundary);
    RUN(licence_forbids_embedding);
    RUN(names_only_in_other_languages);
    RUN(streams_at_the_pdf_level);
    RUN(to_unicode_map);
    pdf_style_free(st);
    pdf_env_free(env);
    return T_DONE();
}
