/*
 * test_csvfile.c - the CSV reader (gen/csvfile.c) and encoding detection
 * (gen/encoding.c): RFC 4180 quoting, physical line numbers, blank rows,
 * header cleanup, record-level errors, UTF-8 with and without BOM,
 * GB18030 and UTF-16 input, binary and undecodable files, and inputs
 * large enough to show quadratic behaviour.
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvfile.h"
#include "diag.h"
#include "encoding.h"
#include "t.h"
#include "util.h"

static char tmpdir[256];
static int nfiles;

static const char *write_bytes(const char *name, const void *data, size_t len)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return path;
    fwrite(data, 1, len, f);
    fclose(f);
    nfiles++;
    return path;
}

static const char *write_text(const char *name, const char *text)
{
    return write_bytes(name, text, strlen(text));
}

/* a diagnostic at this line whose message contains part */
static bool has_diag(enum diag_level lv, uint32_t line, const char *part)
{
    for (size_t i = 0; i < diag_count(); i++) {
        const diag_entry *e = diag_get(i);
        if (e->level == lv && e->line == line && strstr(e->msg, part))
            return true;
    }
    return false;
}

static void dump_diags(void)
{
    for (size_t i = 0; i < diag_count(); i++) {
        const diag_entry *e = diag_get(i);
        printf("  diag %s:%u: %s%s\n", e->file, (unsigned)e->line,
               e->level == DIAG_WARNING ? "warning: " : "", e->msg);
    }
}

enum { C_NAME, C_CODE, C_NOTE, C_N };
static const csvf_col cols[C_N] = {
    {"名称", true}, {"代码", true}, {"备注", false}};

TEST(basic_lookup_by_name)
{
    diag_init();
    const char *p = write_text("basic.csv",
                               "代码,名称,多余\n"
                               "A1,甲单位,x\n"
                               "  A2 ,\xE3\x80\x80乙单位\xE3\x80\x80\n"
                               "A3\n");
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(has_diag(DIAG_WARNING, 1, "unknown column 多余 ignored"));
    CHECK(csvf_has(f, C_NAME));
    CHECK(!csvf_has(f, C_NOTE));
    CHECK_INT(csvf_col_index(f, C_NAME), 1);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "甲单位");
    CHECK_STR(csvf_get(f, C_CODE), "A1");
    CHECK_STR(csvf_get(f, C_NOTE), "");
    CHECK_INT(csvf_line(f), 2);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "乙单位"); /* U+3000 trimmed */
    CHECK_STR(csvf_get(f, C_CODE), "A2");
    CHECK_INT(csvf_len(f, C_CODE), 2);
    CHECK_INT(csvf_line(f), 3);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_CODE), "A3");
    CHECK_STR(csvf_get(f, C_NAME), ""); /* missing trailing field */
    CHECK_INT(csvf_line(f), 4);
    CHECK(!csvf_next(f));
    CHECK_INT(csvf_rows(f), 3);
    CHECK_INT(diag_error_count(), 0);
    csvf_close(f);
}

TEST(crlf_bom_quotes_and_lines)
{
    diag_init();
    const char *text = "\xEF\xBB\xBF名称,代码,备注\r\n"
                       "\"甲,单位\",A1,\"第一行\r\n第二行\"\r\n"          /* lines 2-3 */
                       "乙单位,A2,\"他说\"\"你好\"\"\"\r\n"                /* line 4 */
                       "\r\n"                                             /* blank 5 */
                       "   \r\n"                                          /* blank 6 */
                       ",,\r\n"                                           /* empty row 7 */
                       "\"丙\n单\n位\",A3,\r\n"                           /* lines 8-10 */
                       "丁单位,A4,最后没有换行";                          /* line 11 */
    const char *p = write_text("crlf.csv", text);
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_INT(csvf_encoding(f).kind, ENC_UTF8);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "甲,单位");
    CHECK_STR(csvf_get(f, C_NOTE), "第一行\n第二行"); /* CRLF inside quotes -> LF */
    CHECK_INT(csvf_line(f), 2);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NOTE), "他说\"你好\"");
    CHECK_INT(csvf_line(f), 4);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "丙\n单\n位");
    CHECK_INT(csvf_line(f), 8);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NOTE), "最后没有换行");
    CHECK_INT(csvf_line(f), 11);
    CHECK(!csvf_next(f));
    CHECK_INT(diag_count(), 0);
    csvf_close(f);
}

TEST(lone_cr_line_ends)
{
    diag_init();
    const char *p = write_text("cr.csv", "名称,代码\r甲,1\r\r\"乙\r乙\",2\r丙,3");
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(csvf_next(f));
    CHECK_INT(csvf_line(f), 2);
    CHECK(csvf_next(f));
    CHECK_INT(csvf_line(f), 4);
    CHECK_STR(csvf_get(f, C_NAME), "乙\n乙");
    CHECK(csvf_next(f));
    CHECK_INT(csvf_line(f), 6);
    CHECK(!csvf_next(f));
    csvf_close(f);
}

TEST(header_cleanup)
{
    diag_init();
    /* BOM inside a quoted first cell, spaces and U+3000 around names,
     * an unnamed column, a duplicate column */
    const char *p = write_text("hdr.csv",
                               "\"\xEF\xBB\xBF 名称 \",\xE3\x80\x80代码 ,,代码\n"
                               "甲,1,,2\n");
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (!f) {
        dump_diags();
        return;
    }
    CHECK_STR(csvf_header(f, 0), "名称");
    CHECK_STR(csvf_header(f, 1), "代码");
    CHECK(has_diag(DIAG_WARNING, 1, "1 column without a header name ignored"));
    CHECK(has_diag(DIAG_WARNING, 1, "column 代码 appears twice (columns 2 and 4)"));
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "甲");
    CHECK_STR(csvf_get(f, C_CODE), "1");
    csvf_close(f);
}

TEST(missing_required_column)
{
    diag_init();
    const char *p = write_text("missing.csv", "名称,备注\n甲,x\n");
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f == NULL);
    CHECK(has_diag(DIAG_ERROR, 1, "missing required column 代码"));
    CHECK_INT(diag_error_count(), 1);
    csvf_close(f);
}

TEST(empty_and_header_only)
{
    diag_init();
    const char *p = write_text("empty.csv", "");
    CHECK(csvf_open(p, cols, C_N) == NULL);
    CHECK(has_diag(DIAG_ERROR, 1, "empty file (no header row)"));
    diag_init();
    p = write_text("blank.csv", "\xEF\xBB\xBF\n \n\r\n");
    CHECK(csvf_open(p, cols, C_N) == NULL);
    CHECK(has_diag(DIAG_ERROR, 1, "empty file"));
    diag_init();
    p = write_text("header.csv", "名称,代码\n");
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (f) {
        CHECK(!csvf_next(f));
        csvf_close(f);
    }
    CHECK_INT(diag_count(), 0);
}

TEST(cannot_open)
{
    diag_init();
    char path[512];
    snprintf(path, sizeof path, "%s/no-such-file.csv", tmpdir);
    CHECK(csvf_open(path, cols, C_N) == NULL);
    CHECK(has_diag(DIAG_ERROR, 1, "cannot open: "));
    diag_init();
    CHECK(csvf_open(tmpdir, cols, C_N) == NULL); /* a directory */
    CHECK(has_diag(DIAG_ERROR, 1, "cannot "));
}

TEST(too_many_fields)
{
    diag_init();
    const char *p = write_text("wide.csv", "名称,代码\n甲,1\n乙,2,3,4\n丙,3,\n丁,4\n");
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "甲");
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "丁");
    CHECK_INT(csvf_line(f), 5);
    CHECK(!csvf_next(f));
    CHECK(has_diag(DIAG_ERROR, 3, "record has 4 fields, header has 2"));
    CHECK(has_diag(DIAG_ERROR, 4, "record has 3 fields, header has 2"));
    CHECK_INT(csvf_rejected(f), 2);
    csvf_close(f);
}

TEST(unterminated_quote)
{
    diag_init();
    const char *p = write_text("open.csv", "名称,代码\n甲,1\n乙,2\n\"丙,3\n丁,4\n戊,5\n");
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(csvf_next(f));
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "乙");
    CHECK(!csvf_next(f));
    CHECK(has_diag(DIAG_ERROR, 4, "unterminated quoted field"));
    CHECK_INT(diag_error_count(), 1);
    csvf_close(f);
    /* in the header itself: the file is rejected */
    diag_init();
    p = write_text("open2.csv", "\"名称,代码\n甲,1\n");
    CHECK(csvf_open(p, cols, C_N) == NULL);
    CHECK(has_diag(DIAG_ERROR, 1, "unterminated quoted field"));
}

TEST(bad_quoting)
{
    diag_init();
    const char *p = write_text("quote.csv",
                               "名称,代码\n"
                               "\"甲\"x,1\n"          /* text after a closing quote */
                               "乙,2\n"
                               "丙,3\"\n"             /* quote inside an unquoted field */
                               "\"丁\n多行\"尾,4\n"   /* error on the record's second line */
                               "戊,5\n");
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "乙");
    CHECK_INT(csvf_line(f), 3);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "戊");
    CHECK_INT(csvf_line(f), 7);
    CHECK(!csvf_next(f));
    CHECK(has_diag(DIAG_ERROR, 2, "bad quoting in column 名称"));
    CHECK(has_diag(DIAG_ERROR, 4, "bad quoting in column 代码"));
    CHECK(has_diag(DIAG_ERROR, 5, "bad quoting in column 名称"));
    CHECK_INT(diag_error_count(), 3);
    csvf_close(f);
}

/* UTF-8 -> GB18030 with iconv, as Excel on Chinese Windows would save */
static char *to_gb18030(const char *utf8, size_t *outlen)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    size_t inl = strlen(utf8), outl = inl * 2 + 16;
    char *out = xmalloc(outl), *o = out;
    char *in = (char *)utf8;
    size_t r = iconv(cd, &in, &inl, &o, &outl);
    iconv_close(cd);
    CHECK(r != (size_t)-1);
    *outlen = (size_t)(o - out);
    return out;
}

TEST(gb18030_file)
{
    diag_init();
    const char *text = "名称,代码,备注\r\n"
                       "示例县市场监督管理局,A1,\"罚款５０００元；\r\n没收“过期”食品\"\r\n"
                       "龘𠮷,A2,€™\r\n";
    size_t n;
    char *gb = to_gb18030(text, &n);
    CHECK(memcmp(gb, text, 6) != 0); /* really converted */
    const char *p = write_bytes("gb.csv", gb, n);
    free(gb);
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (!f) {
        dump_diags();
        return;
    }
    CHECK_INT(csvf_encoding(f).kind, ENC_GB18030);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "示例县市场监督管理局");
    CHECK_STR(csvf_get(f, C_NOTE), "罚款５０００元；\n没收“过期”食品");
    CHECK_INT(csvf_line(f), 2);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "龘𠮷");
    CHECK_STR(csvf_get(f, C_NOTE), "€™");
    CHECK_INT(csvf_line(f), 4);
    CHECK(!csvf_next(f));
    CHECK_INT(diag_count(), 0);
    csvf_close(f);
}

TEST(gb18030_across_blocks)
{
    /* more than one read block, with two-byte characters on the seam */
    diag_init();
    buf b;
    buf_init(&b);
    buf_puts(&b, "名称,代码\n");
    int rows = 0;
    while (b.len < (3u << 20)) {
        buf_printf(&b, "单位%d甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥,%d\n", rows, rows);
        rows++;
    }
    size_t n;
    char *gb = to_gb18030(b.p, &n);
    const char *p = write_bytes("gbbig.csv", gb, n);
    free(gb);
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    int got = 0, bad = 0;
    while (f && csvf_next(f)) {
        char want[128];
        snprintf(want, sizeof want, "单位%d甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥", got);
        if (strcmp(csvf_get(f, C_NAME), want) != 0 || csvf_line(f) != (uint32_t)got + 2)
            bad++;
        got++;
    }
    CHECK_INT(got, rows);
    CHECK_INT(bad, 0);
    CHECK_INT(diag_count(), 0);
    csvf_close(f);
    buf_free(&b);
}

TEST(crlf_across_blocks)
{
    /* the CR of a CRLF is the last byte of the first 1 MiB block */
    diag_init();
    buf b;
    buf_init(&b);
    buf_puts(&b, "名称,代码\r\n");
    size_t block = (size_t)1 << 20;
    size_t fill = block - b.len - strlen(",1\r");
    buf_putc(&b, '"');
    for (size_t i = 1; i + 1 < fill; i++)
        buf_putc(&b, 'x');
    buf_putc(&b, '"');
    buf_puts(&b, ",1\r\n");
    CHECK(b.p[block - 1] == '\r' && b.p[block] == '\n');
    buf_puts(&b, "乙,2\r\n\r\n丙,3\r\n");
    const char *p = write_bytes("seam.csv", b.p, b.len);
    buf_free(&b);
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(csvf_next(f));
    CHECK_INT(csvf_len(f, C_NAME), fill - 2);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "乙");
    CHECK_INT(csvf_line(f), 3);
    CHECK(csvf_next(f));
    CHECK_INT(csvf_line(f), 5);
    CHECK(!csvf_next(f));
    csvf_close(f);
}

TEST(utf16_unicode_text)
{
    /* Excel "Unicode text": UTF-16LE with BOM, tab separated */
    diag_init();
    const char *text = "名称\t代码\r\n甲单位\tA1\r\n\"乙\t单位\"\tA2\r\n";
    iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
    size_t inl = strlen(text), outl = inl * 4 + 4;
    char *out = xmalloc(outl + 2), *o = out + 2;
    out[0] = (char)0xFF, out[1] = (char)0xFE;
    char *in = (char *)text;
    iconv(cd, &in, &inl, &o, &outl);
    iconv_close(cd);
    const char *p = write_bytes("u16.txt", out, (size_t)(o - out));
    free(out);
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (!f) {
        dump_diags();
        return;
    }
    CHECK_INT(csvf_encoding(f).kind, ENC_UTF16LE);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "甲单位");
    CHECK_STR(csvf_get(f, C_CODE), "A1");
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "乙\t单位");
    CHECK_INT(csvf_line(f), 3);
    CHECK(!csvf_next(f));
    csvf_close(f);
}

TEST(binary_and_undecodable)
{
    diag_init();
    unsigned char junk[512];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 7919u >> 3);
    const char *p = write_bytes("junk.csv", junk, sizeof junk);
    CHECK(csvf_open(p, cols, C_N) == NULL);
    CHECK(has_diag(DIAG_ERROR, 1, "not a text file"));
    /* Windows-1252: bytes 0x80 and 0xFF are neither UTF-8 nor GB18030 */
    diag_init();
    p = write_text("cp1252.csv", "名称,代码\n"
                                 "Caf\xE9 \x80,1\n");
    CHECK(csvf_open(p, cols, C_N) == NULL);
    CHECK(has_diag(DIAG_ERROR, 1, "not valid UTF-8 or GB18030 text (first bad byte on line 2)"));
    CHECK_INT(diag_count(), 1);
}

TEST(damaged_utf8_rows)
{
    diag_init();
    const char *p = write_text("damaged.csv", "名称,代码,备注\n"
                                              "甲单位,1,正常的备注文字\n"
                                              "乙单位,2,坏\xE8\xB5\n"
                                              "丙单位,3,正常\n");
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (!f) {
        dump_diags();
        return;
    }
    CHECK(csvf_encoding(f).damaged);
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "甲单位");
    CHECK(csvf_next(f));
    CHECK_STR(csvf_get(f, C_NAME), "丙单位");
    CHECK(!csvf_next(f));
    CHECK(has_diag(DIAG_ERROR, 3, "invalid UTF-8 byte sequence in column 备注"));
    csvf_close(f);
}

TEST(positional_access)
{
    diag_init();
    const char *p = write_text("any.csv", "x,y,z\n1,2\n");
    csvf *f = csvf_open(p, NULL, 0);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_INT(csvf_ncols(f), 3);
    CHECK_STR(csvf_header(f, 2), "z");
    CHECK(csvf_next(f));
    CHECK_INT(csvf_nfields(f), 2);
    CHECK_STR(csvf_field(f, 1), "2");
    CHECK_STR(csvf_field(f, 2), "");
    CHECK_INT(diag_count(), 0);
    csvf_close(f);
}

TEST(huge_cell_and_many_columns)
{
    diag_init();
    /* a 10 MB cell */
    size_t big = 10u << 20;
    buf b;
    buf_init(&b);
    buf_puts(&b, "名称,代码\n\"");
    buf_grow(&b, big + 64);
    memset(b.p + b.len, 'a', big);
    b.len += big;
    buf_puts(&b, "\",1\n乙,2\n");
    const char *p = write_bytes("bigcell.csv", b.p, b.len);
    csvf *f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (f) {
        CHECK(csvf_next(f));
        CHECK_INT(csvf_len(f, C_NAME), big);
        CHECK(csvf_next(f));
        CHECK_INT(csvf_line(f), 3);
        csvf_close(f);
    }
    /* a million columns */
    buf_reset(&b);
    buf_puts(&b, "名称,代码");
    for (int i = 0; i < 1000000; i++)
        buf_printf(&b, ",c%d", i);
    buf_puts(&b, "\n甲,1");
    for (int i = 0; i < 1000000; i++)
        buf_puts(&b, ",v");
    buf_puts(&b, "\n");
    p = write_bytes("wide.csv", b.p, b.len);
    buf_free(&b);
    f = csvf_open(p, cols, C_N);
    CHECK(f != NULL);
    if (f) {
        CHECK(has_diag(DIAG_WARNING, 1, "999980 more unknown columns ignored"));
        CHECK(diag_count() <= 22);
        CHECK(csvf_next(f));
        CHECK_STR(csvf_get(f, C_NAME), "甲");
        CHECK_INT(csvf_nfields(f), 1000002);
        csvf_close(f);
    }
}

/* the same records written with every field quoted (all through libcsv)
 * and quoted only where needed (mostly the quote-free fast path) */
TEST(fast_path_matches_libcsv)
{
    diag_init();
    static const char *const atoms[] = {"", " ", "甲", "a b", "\t", "x,y", "q\"q",
                                        "line\nbreak", "\xE3\x80\x80全角\xE3\x80\x80",
                                        "  pad  ", "0", "；"};
    const size_t natoms = sizeof atoms / sizeof atoms[0];
    buf all, some;
    buf_init(&all);
    buf_init(&some);
    buf_puts(&all, "名称,代码,备注\r\n");
    buf_puts(&some, "名称,代码,备注\r\n");
    unsigned seed = 12345;
    for (int r = 0; r < 2000; r++) {
        int nf = 1 + (int)((seed >> 8) % 3);
        for (int i = 0; i < nf; i++) {
            seed = seed * 1103515245u + 12345u;
            const char *a = atoms[(seed >> 16) % natoms];
            bool special = strpbrk(a, ",\"\n") != NULL;
            buf *bs[2] = {&all, &some};
            for (int k = 0; k < 2; k++) {
                if (i)
                    buf_putc(bs[k], ',');
                bool q = k == 0 || special;
                if (q)
                    buf_putc(bs[k], '"');
                for (const char *c = a; *c; c++) {
                    if (q && *c == '"')
                        buf_putc(bs[k], '"');
                    buf_putc(bs[k], *c);
                }
                if (q)
                    buf_putc(bs[k], '"');
            }
        }
        buf_puts(&all, r % 2 ? "\r\n" : "\n");
        buf_puts(&some, r % 2 ? "\r\n" : "\n");
    }
    const char *p1 = write_bytes("quoted_all.csv", all.p, all.len);
    csvf *f1 = csvf_open(p1, cols, C_N);
    char path2[512];
    snprintf(path2, sizeof path2, "%s", write_bytes("quoted_some.csv", some.p, some.len));
    csvf *f2 = csvf_open(path2, cols, C_N);
    CHECK(f1 && f2);
    int records = 0, diff = 0;
    while (f1 && f2) {
        bool a = csvf_next(f1), b = csvf_next(f2);
        if (a != b) {
            diff++;
            break;
        }
        if (!a)
            break;
        records++;
        for (size_t c = 0; c < C_N; c++)
            if (strcmp(csvf_get(f1, c), csvf_get(f2, c)) != 0)
                diff++;
        if (csvf_line(f1) != csvf_line(f2) || csvf_nfields(f1) != csvf_nfields(f2))
            diff++;
    }
    CHECK(records > 1000);
    CHECK_INT(diff, 0);
    CHECK_INT(diag_count(), 0);
    csvf_close(f1);
    csvf_close(f2);
    buf_free(&all);
    buf_free(&some);
}

TEST(detect_buffers)
{
    enc_info i = enc_detect("abc,def\n", 8);
    CHECK_INT(i.kind, ENC_UTF8);
    CHECK_INT(i.bom, 0);
    i = enc_detect("\xEF\xBB\xBF中文", 9);
    CHECK_INT(i.kind, ENC_UTF8);
    CHECK_INT(i.bom, 3);
    i = enc_detect("\xFF\xFE" "a\0", 4);
    CHECK_INT(i.kind, ENC_UTF16LE);
    i = enc_detect("\xFE\xFF\0a", 4);
    CHECK_INT(i.kind, ENC_UTF16BE);
    i = enc_detect("\xD6\xD0\xCE\xC4,\xB2\xE2\xCA\xD4\n", 10); /* 中文,测试 */
    CHECK_INT(i.kind, ENC_GB18030);
    i = enc_detect("a\0b", 3);
    CHECK_INT(i.kind, ENC_BINARY);
    i = enc_detect("ok\n\xFF\n", 5);
    CHECK_INT(i.kind, ENC_INVALID);
    CHECK_INT(i.bad_line, 2);
    /* overlong and surrogate forms are not UTF-8 (nor GB18030 here) */
    CHECK(enc_detect("\xC0\xAF\n", 3).kind != ENC_UTF8);
    CHECK(enc_detect("\xED\xA0\x80", 3).kind != ENC_UTF8);
    /* a character cut off at the end of the file */
    CHECK(enc_detect("\xE4\xB8", 2).kind != ENC_UTF8);
    /* GB18030 four-byte form: assigned ranges only */
    CHECK_INT(enc_detect("\x81\x30\x81\x30", 4).kind, ENC_GB18030);
    CHECK_INT(enc_detect("\x85\x30\x81\x30", 4).kind, ENC_INVALID);

    size_t n;
    enc_info info;
    char *s = enc_to_utf8("\xD6\xD0\xCE\xC4", 4, &n, &info);
    CHECK_STR(s, "中文");
    CHECK_INT(n, 6);
    free(s);
    s = enc_to_utf8("\xEF\xBB\xBF" "abc", 6, &n, &info);
    CHECK_STR(s, "abc");
    free(s);
    s = enc_to_utf8("\x84\x31\x95\x33" "\xD6\xD0", 6, &n, &info); /* GB18030 BOM */
    CHECK_STR(s, "中");
    free(s);
    CHECK(enc_to_utf8("\x80\x80", 2, &n, &info) == NULL);
    CHECK_INT(info.kind, ENC_INVALID);
    char *msg = enc_problem(&info);
    CHECK(strstr(msg, "line 1") != NULL);
    free(msg);
}

int main(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/gongshi-csv-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    diag_set_quiet(true);
    RUN(basic_lookup_by_name);
    RUN(crlf_bom_quotes_and_lines);
    RUN(lone_cr_line_ends);
    RUN(header_cleanup);
    RUN(missing_required_column);
    RUN(empty_and_header_only);
    RUN(cannot_open);
    RUN(too_many_fields);
    RUN(unterminated_quote);
    RUN(bad_quoting);
    RUN(gb18030_file);
    RUN(gb18030_across_blocks);
    RUN(crlf_across_blocks);
    RUN(utf16_unicode_text);
    RUN(binary_and_undecodable);
    RUN(damaged_utf8_rows);
    RUN(positional_access);
    RUN(huge_cell_and_many_columns);
    RUN(fast_path_matches_libcsv);
    RUN(detect_buffers);
    diag_free();
    /* remove the scratch files */
    buf cmd;
    buf_init(&cmd);
    const char *names[] = {"basic.csv", "crlf.csv", "cr.csv", "hdr.csv", "missing.csv",
                           "empty.csv", "blank.csv", "header.csv", "wide.csv", "open.csv",
                           "open2.csv", "quote.csv", "gb.csv", "gbbig.csv", "seam.csv",
                           "u16.txt", "junk.csv", "cp1252.csv", "damaged.csv", "any.csv",
                           "bigcell.csv", "quoted_all.csv", "quoted_some.csv"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        buf_reset(&cmd);
        buf_printf(&cmd, "%s/%s", tmpdir, names[i]);
        unlink(cmd.p);
    }
    buf_free(&cmd);
    rmdir(tmpdir);
    return T_DONE();
}
