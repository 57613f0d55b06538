/*
 * csvfile.c - streaming CSV reader over libcsv with physical line numbers,
 * header-name lookup and record-level checks.  See csvfile.h.
 *
 * The file is read twice in 1 MiB blocks: once to detect the encoding
 * (encoding.c), once to parse.  Parsing feeds libcsv one physical line at
 * a time (a piece ends after CR, LF or CRLF), so the line number of every
 * byte handed to the parser is known: a record starts on the line of the
 * first non-blank piece fed while no record was open.  A record can only
 * end at a line break, so each piece completes at most one record, which
 * lets csvf_next hand out records one by one without queueing.  A whole
 * line that holds no quote character and starts outside a record can only
 * mean "split on the delimiter", so it is split directly (the common case,
 * several times faster); every line with a quote goes through libcsv.
 *
 * libcsv grows its field buffer by a fixed block; the realloc hook below
 * gives it geometric growth so that a 10 MB cell is not quadratic.
 */
#include "csvfile.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "diag.h"
#include "fields.h"
#include "util.h"

#define BLOCK ((size_t)1 << 20)
#define MAX_UNKNOWN_WARNINGS 20

struct csvf {
    char *path;
    FILE *fp;
    enc_info enc;
    bool convert;
    enc_conv conv;
    bool conv_failed;
    unsigned char *raw; /* block as read */
    buf cbuf;           /* block converted to UTF-8 */
    const char *blk;    /* current UTF-8 block */
    size_t blen, bpos;
    bool first_block, sniffed, eof, finished, stop;

    struct csv_parser p;
    unsigned char delim;
    uint32_t line; /* physical line of the next byte to feed */
    bool prev_cr;  /* the last byte fed was CR */
    bool in_record, rec_ready;
    bool skip_line; /* discard the rest of a line after a quoting error */
    uint32_t rec_line;

    /* the record being read: fields NUL-separated in rec */
    buf rec;
    size_t nf;      /* fields seen */
    size_t nstored; /* fields kept (at most nhead once the header is known) */
    size_t *fstart, *flen;
    size_t fcap;
    bool rec_nul, extra_text;

    /* header */
    bool have_header;
    size_t nhead;
    buf hnames;
    size_t *hoff;

    const csvf_col *cols;
    size_t ncols;
    long *colidx;
    size_t rows, rejected;
    uint64_t size;
    uint64_t hash[2]; /* XXH3-128 of the bytes (pass 1) */
};

/* ---- libcsv field buffer with geometric growth ---- */

static void *grow_realloc(void *p, size_t n)
{
    size_t *h = p ? (size_t *)p - 2 : NULL;
    size_t cap = h ? h[0] : 0;
    if (n <= cap)
        return p;
    size_t ncap = cap ? cap : 256;
    while (ncap < n)
        ncap = ncap > SIZE_MAX / 4 ? n : ncap * 2;
    if (ncap > SIZE_MAX - 2 * sizeof(size_t))
        return NULL;
    h = xrealloc(h, ncap + 2 * sizeof(size_t));
    h[0] = ncap;
    return h + 2;
}

static void grow_free(void *p)
{
    if (p)
        free((size_t *)p - 2);
}

static int space_only(unsigned char c)
{
    return c == ' ';
}

static void parser_init(csvf *f)
{
    csv_init(&f->p, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_realloc_func(&f->p, grow_realloc);
    csv_set_free_func(&f->p, grow_free);
    csv_set_delim(&f->p, f->delim);
    if (f->delim == '\t')
        csv_set_space_func(&f->p, space_only);
}

/* ---- callbacks ---- */

static bool blank_bytes(const char *s, size_t n)
{
    size_t start = 0, len = n;
    field_trim_span(s, &start, &len);
    return len == 0;
}

static void on_field(void *s, size_t len, void *data)
{
    csvf *f = data;
    size_t i = f->nf++;
    if (len && memchr(s, 0, len))
        f->rec_nul = true;
    if (f->have_header && i >= f->nhead) {
        if (!f->extra_text && !blank_bytes(s, len))
            f->extra_text = true;
        return;
    }
    if (f->nstored == f->fcap) {
        f->fcap = f->fcap ? f->fcap * 2 : 64;
        f->fstart = xreallocarray(f->fstart, f->fcap, sizeof *f->fstart);
        f->flen = xreallocarray(f->flen, f->fcap, sizeof *f->flen);
    }
    f->fstart[f->nstored] = f->rec.len;
    f->flen[f->nstored] = len;
    f->nstored++;
    buf_add(&f->rec, s, len);
    buf_putc(&f->rec, 0);
}

static void on_row(int c, void *data)
{
    csvf *f = data;
    f->rec_ready = true;
    f->in_record = false;
}

/* ---- input ---- */

static const char *col_label(const csvf *f, size_t i, char tmp[32])
{
    if (f->have_header && i < f->nhead && f->hnames.p[f->hoff[i]])
        return f->hnames.p + f->hoff[i];
    snprintf(tmp, 32, "%zu", i + 1);
    return tmp;
}

static bool refill(csvf *f)
{
    for (;;) {
        if (f->eof || f->stop)
            return false;
        size_t n = fread(f->raw, 1, BLOCK, f->fp);
        if (n < BLOCK) {
            if (ferror(f->fp)) {
                diag_error(f->path, f->line, "cannot read: %s", strerror(errno ? errno : EIO));
                f->stop = true;
                return false;
            }
            f->eof = true;
        }
        const unsigned char *s = f->raw;
        if (f->first_block) {
            size_t skip = f->enc.bom < n ? f->enc.bom : n;
            s += skip, n -= skip;
            f->first_block = false;
        }
        if (!f->convert) {
            f->blk = (const char *)s;
            f->blen = n;
        } else {
            buf_reset(&f->cbuf);
            if (!f->conv_failed && !enc_conv_feed(&f->conv, s, n, f->eof, &f->cbuf))
                f->conv_failed = true;
            f->blk = f->cbuf.p;
            f->blen = f->cbuf.len;
        }
        f->bpos = 0;
        if (f->blen)
            return true;
        if (f->conv_failed)
            return false;
    }
}

/* a header line with tabs and no commas is tab-separated ("Unicode text") */
static void sniff_delimiter(csvf *f)
{
    f->sniffed = true;
    const char *s = f->blk + f->bpos;
    size_t n = f->blen - f->bpos;
    const char *nl = memchr(s, '\n', n);
    if (nl)
        n = (size_t)(nl - s);
    if (memchr(s, '\t', n) && !memchr(s, ',', n)) {
        f->delim = '\t';
        csv_set_delim(&f->p, '\t');
        csv_set_space_func(&f->p, space_only);
    }
}

static bool blank_piece(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

static void drop_record(csvf *f)
{
    csv_free(&f->p);
    parser_init(f);
    f->in_record = false;
    f->rec_ready = false;
    f->nf = f->nstored = 0;
    buf_reset(&f->rec);
    f->rec_nul = f->extra_text = false;
}

/* the fields of a line holding no quote, as libcsv would report them */
static void split_plain(csvf *f, const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    for (;;) {
        const char *d = memchr(p, f->delim, (size_t)(end - p));
        on_field((void *)p, (size_t)((d ? d : end) - p), f);
        if (!d)
            break;
        p = d + 1;
    }
    on_row('\n', f);
}

/* feed one physical line (or what the block holds of it) to libcsv */
static void feed_piece(csvf *f)
{
    const char *s = f->blk + f->bpos;
    size_t avail = f->blen - f->bpos, n;
    bool feed = true, plain = false;
    if (f->prev_cr && s[0] == '\n') {
        n = 1; /* the LF of a CRLF: no new line */
    } else {
        const char *lf = memchr(s, '\n', avail);
        n = lf ? (size_t)(lf - s) + 1 : avail;
        const char *cr = memchr(s, '\r', n);
        if (cr)
            n = (size_t)(cr - s) + 1;
        if (f->skip_line) {
            feed = false;
            f->skip_line = s[n - 1] != '\n' && s[n - 1] != '\r';
        } else if (!f->in_record && !blank_piece(s, n)) {
            plain = (s[n - 1] == '\n' || s[n - 1] == '\r') && !memchr(s, '"', n);
            f->in_record = true;
            f->rec_line = f->line;
        }
    }
    char last = s[n - 1];
    if (plain) {
        /* a whole line without quotes, outside any record, has only one
         * reading: split it here, much faster than libcsv byte by byte */
        split_plain(f, s, n - 1);
        feed = false;
    }
    size_t used = feed ? csv_parse(&f->p, s, n, on_field, on_row, f) : n;
    if (feed && (used < n || csv_error(&f->p) != CSV_SUCCESS)) {
        char tmp[32];
        uint32_t at = f->have_header ? f->rec_line : 1;
        if (csv_error(&f->p) == CSV_EPARSE)
            diag_error(f->path, at,
                       "bad quoting in column %s: a field holding a quote must be "
                       "enclosed in quotes, with the quote doubled",
                       col_label(f, f->nf, tmp));
        else
            diag_error(f->path, at, "record too large");
        f->rejected++;
        if (!f->have_header)
            f->stop = true;
        drop_record(f);
        f->skip_line = s[n - 1] != '\n' && s[n - 1] != '\r';
    }
    f->bpos += n;
    if (last == '\n') {
        if (!(n == 1 && f->prev_cr))
            f->line++;
        f->prev_cr = false;
    } else if (last == '\r') {
        f->line++;
        f->prev_cr = true;
    } else {
        f->prev_cr = false;
    }
}

/* parse until one record is complete; false at the end of the input */
static bool read_record(csvf *f)
{
    f->rec_ready = false;
    f->nf = f->nstored = 0;
    buf_reset(&f->rec);
    f->rec_nul = f->extra_text = false;
    for (;;) {
        if (f->stop)
            return false;
        if (f->bpos == f->blen) {
            if (!refill(f)) {
                if (f->stop)
                    return false;
                if (f->conv_failed) {
                    diag_error(f->path, f->line,
                               "invalid %s byte sequence; the rest of the file is ignored",
                               enc_name(f->enc.kind));
                    f->rejected++;
                    f->stop = true;
                    return false;
                }
                if (f->finished)
                    return false;
                f->finished = true;
                if (csv_fini(&f->p, on_field, on_row, f) != 0) {
                    diag_error(f->path, f->have_header ? f->rec_line : 1,
                               "unterminated quoted field");
                    f->rejected++;
                    f->stop = true;
                    return false;
                }
                return f->rec_ready;
            }
            if (!f->sniffed)
                sniff_delimiter(f);
        }
        feed_piece(f);
        if (f->rec_ready)
            return true;
    }
}

/* line breaks inside a quoted field become LF, whatever the file used */
static size_t normalize_breaks(char *s, size_t n)
{
    char *cr = memchr(s, '\r', n);
    if (!cr)
        return n;
    size_t o = (size_t)(cr - s);
    for (size_t i = o; i < n; i++) {
        if (s[i] == '\r') {
            s[o++] = '\n';
            if (i + 1 < n && s[i + 1] == '\n')
                i++;
        } else {
            s[o++] = s[i];
        }
    }
    return o;
}

/* trim the kept fields; true when every field is empty */
static bool trim_record(csvf *f)
{
    bool empty = !f->extra_text;
    for (size_t i = 0; i < f->nstored; i++) {
        field_trim_span(f->rec.p, &f->fstart[i], &f->flen[i]);
        f->flen[i] = normalize_breaks(f->rec.p + f->fstart[i], f->flen[i]);
        f->rec.p[f->fstart[i] + f->flen[i]] = 0;
        if (f->flen[i])
            empty = false;
    }
    return empty;
}

static long bad_utf8_field(const csvf *f)
{
    for (size_t i = 0; i < f->nstored; i++)
        if (!utf8_valid(f->rec.p + f->fstart[i], f->flen[i]))
            return (long)i;
    return -1;
}

/* ---- header ---- */

static bool take_header(csvf *f)
{
    for (;;) {
        if (!read_record(f)) {
            if (!f->stop)
                diag_error(f->path, 1, "empty file (no header row)");
            return false;
        }
        if (f->rec_nul) {
            diag_error(f->path, 1, "the header row contains a NUL character");
            return false;
        }
        if (f->enc.damaged && bad_utf8_field(f) >= 0) {
            diag_error(f->path, 1, "the header row is not valid UTF-8");
            return false;
        }
        if (!trim_record(f))
            break;
    }
    f->have_header = true;
    f->nhead = f->nstored;
    f->hoff = xreallocarray(NULL, f->nhead ? f->nhead : 1, sizeof *f->hoff);
    for (size_t i = 0; i < f->nhead; i++) {
        size_t start = f->fstart[i], len = f->flen[i];
        const char *s = f->rec.p;
        /* a stray byte-order mark, possibly around spaces */
        for (;;) {
            if (len >= 3 && memcmp(s + start, "\xEF\xBB\xBF", 3) == 0) {
                start += 3, len -= 3;
                field_trim_span(s, &start, &len);
                continue;
            }
            break;
        }
        f->hoff[i] = f->hnames.len;
        buf_add(&f->hnames, s + start, len);
        buf_putc(&f->hnames, 0);
    }
    return true;
}

static bool map_columns(csvf *f)
{
    uint32_t hl = f->rec_line;
    f->colidx = xreallocarray(NULL, f->ncols ? f->ncols : 1, sizeof *f->colidx);
    for (size_t j = 0; j < f->ncols; j++)
        f->colidx[j] = -1;
    size_t unknown = 0, unnamed = 0;
    for (size_t i = 0; i < f->nhead; i++) {
        const char *name = f->hnames.p + f->hoff[i];
        if (!*name) {
            unnamed++;
            continue;
        }
        size_t j = 0;
        while (j < f->ncols && strcmp(f->cols[j].name, name) != 0)
            j++;
        if (j == f->ncols) {
            if (unknown++ < MAX_UNKNOWN_WARNINGS)
                diag_warn(f->path, hl, "unknown column %s ignored", name);
        } else if (f->colidx[j] >= 0) {
            diag_warn(f->path, hl, "column %s appears twice (columns %ld and %zu); the first is used",
                      name, f->colidx[j] + 1, i + 1);
        } else {
            f->colidx[j] = (long)i;
        }
    }
    if (unknown > MAX_UNKNOWN_WARNINGS)
        diag_warn(f->path, hl, "%zu more unknown columns ignored",
                  unknown - MAX_UNKNOWN_WARNINGS);
    if (unnamed)
        diag_warn(f->path, hl, "%zu column%s without a header name ignored", unnamed,
                  unnamed == 1 ? "" : "s");
    bool ok = true;
    for (size_t j = 0; j < f->ncols; j++)
        if (f->cols[j].required && f->colidx[j] < 0) {
            diag_error(f->path, 1, "missing required column %s", f->cols[j].name);
            ok = false;
        }
    return ok;
}

/* ---- public ---- */

csvf *csvf_open(const char *path, const csvf_col *cols, size_t ncols)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        diag_error(path, 1, "cannot open: %s", strerror(errno));
        return NULL;
    }
    csvf *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    f->fp = fp;
    f->raw = xmalloc(BLOCK);
    f->cols = cols;
    f->ncols = cols ? ncols : 0;
    f->line = 1;
    f->delim = ',';
    f->first_block = true;
    buf_init(&f->cbuf);
    buf_init(&f->rec);
    buf_init(&f->hnames);
    parser_init(f);

    /* pass 1: the encoding, and the digest of the bytes */
    enc_detector d;
    enc_detect_init(&d);
    XXH3_state_t hs;
    XXH3_INITSTATE(&hs);
    XXH3_128bits_reset(&hs);
    for (;;) {
        errno = 0;
        size_t n = fread(f->raw, 1, BLOCK, fp);
        if (n) {
            enc_detect_feed(&d, f->raw, n);
            XXH3_128bits_update(&hs, f->raw, n);
        }
        if (n < BLOCK)
            break;
    }
    XXH128_hash_t h = XXH3_128bits_digest(&hs);
    f->hash[0] = h.high64;
    f->hash[1] = h.low64;
    if (ferror(fp)) {
        diag_error(path, 1, "cannot read: %s", strerror(errno ? errno : EIO));
        goto fail;
    }
    f->enc = enc_detect_finish(&d);
    f->size = d.seen;
    if (f->enc.kind == ENC_BINARY || f->enc.kind == ENC_INVALID) {
        char *msg = enc_problem(&f->enc);
        diag_error(path, 1, "%s", msg);
        free(msg);
        goto fail;
    }
    if (fseek(fp, 0, SEEK_SET) != 0) {
        diag_error(path, 1, "cannot read: %s", strerror(errno));
        goto fail;
    }
    if (f->enc.kind != ENC_UTF8) {
        if (!enc_conv_open(&f->conv, f->enc.kind)) {
            diag_error(path, 1, "cannot convert from %s", enc_name(f->enc.kind));
            goto fail;
        }
        f->convert = true;
    }

    /* the header */
    if (!take_header(f))
        goto fail;
    if (cols && !map_columns(f))
        goto fail;
    return f;
fail:
    csvf_close(f);
    return NULL;
}

bool csvf_next(csvf *f)
{
    while (read_record(f)) {
        uint32_t line = f->rec_line;
        if (trim_record(f))
            continue; /* a blank row, e.g. ",,,," */
        if (f->nf > f->nhead) {
            diag_error(f->path, line, "record has %zu fields, header has %zu", f->nf, f->nhead);
            f->rejected++;
            continue;
        }
        if (f->rec_nul) {
            diag_error(f->path, line, "record contains a NUL character");
            f->rejected++;
            continue;
        }
        long bad = f->enc.damaged ? bad_utf8_field(f) : -1;
        if (bad >= 0) {
            char tmp[32];
            diag_error(f->path, line, "invalid UTF-8 byte sequence in column %s",
                       col_label(f, (size_t)bad, tmp));
            f->rejected++;
            continue;
        }
        f->rows++;
        return true;
    }
    return false;
}

void csvf_close(csvf *f)
{
    if (!f)
        return;
    csv_free(&f->p);
    if (f->convert)
        enc_conv_close(&f->conv);
    if (f->fp)
        fclose(f->fp);
    free(f->raw);
    buf_free(&f->cbuf);
    buf_free(&f->rec);
    buf_free(&f->hnames);
    free(f->fstart);
    free(f->flen);
    free(f->hoff);
    free(f->colidx);
    free(f->path);
    free(f);
}

const char *csvf_field(const csvf *f, size_t i)
{
    if (i >= f->nstored)
        return "";
    return f->rec.p + f->fstart[i];
}

static long colpos(const csvf *f, size_t col)
{
    return col < f->ncols ? f->colidx[col] : -1;
}

const char *csvf_get(const csvf *f, size_t col)
{
    long i = colpos(f, col);
    return i < 0 ? "" : csvf_field(f, (size_t)i);
}

size_t csvf_len(const csvf *f, size_t col)
{
    long i = colpos(f, col);
    return i < 0 || (size_t)i >= f->nstored ? 0 : f->flen[i];
}

bool csvf_has(const csvf *f, size_t col)
{
    return colpos(f, col) >= 0;
}

long csvf_col_index(const csvf *f, size_t col)
{
    return colpos(f, col);
}

size_t csvf_ncols(const csvf *f)
{
    return f->nhead;
}

const char *csvf_header(const csvf *f, size_t i)
{
    return i < f->nhead ? f->hnames.p + f->hoff[i] : "";
}

size_t csvf_nfields(const csvf *f)
{
    return f->nf;
}

uint32_t csvf_line(const csvf *f)
{
    return f->rec_line;
}

const char *csvf_path(const csvf *f)
{
    return f->path;
}

enc_info csvf_encoding(const csvf *f)
{
    return f->enc;
}

size_t csvf_rows(const csvf *f)
{
    return f->rows;
}

size_t csvf_rejected(const csvf *f)
{
    return f->rejected;
}

void csvf_digest(const csvf *f, uint64_t out[2])
{
    out[0] = f->hash[0];
    out[1] = f->hash[1];
}

uint64_t csvf_size(const csvf *f)
{
    return f->size;
}
