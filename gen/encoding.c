/*
 * encoding.c - encoding detection (UTF-8 / GB18030 / UTF-16 / binary) and
 * streaming conversion to UTF-8 with glibc iconv.  See encoding.h.
 *
 * Detection runs two byte automata side by side over the whole file: a
 * strict UTF-8 validator (no overlongs, surrogates or code points past
 * U+10FFFF) and a GB18030 structure checker (one, two and four byte forms,
 * four-byte codes limited to the assigned ranges).  Runs of ASCII are
 * skipped eight bytes at a time, so a large file costs little more than
 * reading it.
 */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void enc_detect_init(enc_detector *d)
{
    memset(d, 0, sizeof *d);
    d->u_lo = 0x80;
    d->u_hi = 0xBF;
}

/* line breaks in p[0..n): CR, LF and CRLF each count once */
static uint32_t count_breaks(const unsigned char *p, size_t n, bool *prev_cr)
{
    uint32_t lines = 0;
    const unsigned char *s = p, *end = p + n;
    if (n && *prev_cr && s[0] == '\n')
        s++;
    while (s < end) {
        const unsigned char *lf = memchr(s, '\n', (size_t)(end - s));
        const unsigned char *stop = lf ? lf : end;
        /* lone or CRLF carriage returns before the LF */
        const unsigned char *cr = s;
        while ((cr = memchr(cr, '\r', (size_t)(stop - cr))) != NULL) {
            lines++;
            if (cr + 1 == lf) { /* CRLF: the LF belongs to this CR */
                lf = NULL;
                stop = cr + 2;
                break;
            }
            cr++;
        }
        if (lf) {
            lines++;
            s = lf + 1;
        } else {
            s = stop;
        }
    }
    *prev_cr = n ? p[n - 1] == '\r' : *prev_cr;
    return lines;
}

static uint32_t line_at(enc_detector *d, const unsigned char *block, size_t off)
{
    bool cr = d->prev_cr;
    return d->lines + 1 + count_breaks(block, off, &cr);
}

static void utf8_bad(enc_detector *d, const unsigned char *block, size_t off)
{
    if (d->u_bad++ == 0) {
        d->u_bad_off = d->seen + off;
        d->u_bad_line = line_at(d, block, off);
    }
}

static void gb_bad(enc_detector *d, const unsigned char *block, size_t off)
{
    d->g_state = 0;
    if (!d->g_bad) {
        d->g_bad = true;
        d->g_bad_off = d->seen + off;
        d->g_bad_line = line_at(d, block, off);
    }
}

static void utf8_byte(enc_detector *d, unsigned char c, const unsigned char *block,
                      size_t off)
{
    if (d->u_need) {
        if (c >= d->u_lo && c <= d->u_hi) {
            d->u_lo = 0x80;
            d->u_hi = 0xBF;
            if (--d->u_need == 0)
                d->u_multi++;
            return;
        }
        utf8_bad(d, block, off);
        d->u_need = 0;
        d->u_lo = 0x80;
        d->u_hi = 0xBF;
        /* c starts afresh below */
    }
    if (c < 0x80)
        return;
    if (c >= 0xC2 && c <= 0xDF) {
        d->u_need = 1;
    } else if (c == 0xE0) {
        d->u_need = 2, d->u_lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
        d->u_need = 2;
    } else if (c == 0xED) {
        d->u_need = 2, d->u_hi = 0x9F;
    } else if (c == 0xF0) {
        d->u_need = 3, d->u_lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
        d->u_need = 3;
    } else if (c == 0xF4) {
        d->u_need = 3, d->u_hi = 0x8F;
    } else {
        utf8_bad(d, block, off);
    }
}

static void gb_byte(enc_detector *d, unsigned char c, const unsigned char *block,
                    size_t off)
{
    if (d->g_bad)
        return;
    switch (d->g_state) {
    case 0:
        if (c < 0x80)
            return;
        if (c == 0x80 || c == 0xFF) {
            gb_bad(d, block, off);
            return;
        }
        d->g_b[0] = c;
        d->g_state = 1;
        return;
    case 1:
        if ((c >= 0x40 && c <= 0x7E) || (c >= 0x80 && c <= 0xFE)) {
            d->g_state = 0;
        } else if (c >= 0x30 && c <= 0x39) {
            d->g_b[1] = c;
            d->g_state = 2;
        } else {
            gb_bad(d, block, off);
        }
        return;
    case 2:
        if (c >= 0x81 && c <= 0xFE) {
            d->g_b[2] = c;
            d->g_state = 3;
        } else {
            gb_bad(d, block, off);
        }
        return;
    default: {
        if (c < 0x30 || c > 0x39) {
            gb_bad(d, block, off);
            return;
        }
        long lin = (((long)(d->g_b[0] - 0x81) * 10 + (d->g_b[1] - 0x30)) * 126 +
                    (d->g_b[2] - 0x81)) * 10 + (c - 0x30);
        /* 81308130..8431A439 (BMP) and 90308130..E3329A35 (planes 1-16) */
        if (lin > 39419 && (lin < 189000 || lin > 1237575))
            gb_bad(d, block, off);
        d->g_state = 0;
        return;
    }
    }
}

/* skip valid UTF-8 from p[i] on, whole sequences at a time; stops at the
 * first byte that needs the automaton (rare forms, errors, the block end) */
static size_t utf8_run(enc_detector *d, const unsigned char *p, size_t i, size_t n)
{
    uint64_t multi = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, p + i, 8);
                if (w & 0x8080808080808080ull)
                    break;
                i += 8;
            }
            continue;
        }
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            multi++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            i += 2;
            multi++;
            continue;
        }
        break;
    }
    d->u_multi += multi;
    return i;
}

void enc_detect_feed(enc_detector *d, const void *pv, size_t n)
{
    const unsigned char *p = pv;
    size_t i = 0;
    if (d->seen == 0 && n >= 2) {
        if ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)) {
            d->utf16 = true;
            d->utf16_be = p[0] == 0xFE;
            d->bom = 2;
        } else if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
            d->bom = 3;
            i = 3;
        }
    }
    if (d->utf16) { /* validated while converting */
        d->seen += n;
        return;
    }
    if (!d->nul && memchr(p, 0, n))
        d->nul = true;
    while (i < n) {
        if (d->u_need == 0 && d->g_state == 0) {
            /* skip ASCII eight bytes at a time */
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, p + i, 8);
                if (w & 0x8080808080808080ull)
                    break;
                i += 8;
            }
            while (i < n && p[i] < 0x80)
                i++;
            if (i >= n)
                break;
            if (d->g_bad) { /* only UTF-8 is left: the fast loop */
                i = utf8_run(d, p, i, n);
                if (i >= n)
                    break;
            }
        }
        utf8_byte(d, p[i], p, i);
        gb_byte(d, p[i], p, i);
        i++;
    }
    d->lines += count_breaks(p, n, &d->prev_cr);
    d->seen += n;
}

enc_info enc_detect_finish(enc_detector *d)
{
    enc_info info = {.kind = ENC_UTF8, .bom = d->bom};
    if (d->utf16) {
        info.kind = d->utf16_be ? ENC_UTF16BE : ENC_UTF16LE;
        return info;
    }
    /* a sequence cut off by the end of the file */
    if (d->u_need) {
        if (d->u_bad++ == 0) {
            d->u_bad_off = d->seen;
            d->u_bad_line = d->lines + 1;
        }
    }
    if (d->g_state && !d->g_bad) {
        d->g_bad = true;
        d->g_bad_off = d->seen;
        d->g_bad_line = d->lines + 1;
    }
    if (d->nul) {
        info.kind = ENC_BINARY;
    } else if (d->u_bad == 0) {
        info.kind = ENC_UTF8;
    } else if (!d->g_bad && d->bom == 0) {
        info.kind = ENC_GB18030;
    } else if (d->u_multi > 0 && d->u_bad * 20 <= d->u_multi) {
        info.kind = ENC_UTF8;
        info.damaged = true;
        info.bad_line = d->u_bad_line;
    } else {
        info.kind = ENC_INVALID;
        /* the reading that got further is the likely intended one */
        info.bad_line = d->bom || d->g_bad_off <= d->u_bad_off ? d->u_bad_line
                                                               : d->g_bad_line;
    }
    return info;
}

enc_info enc_detect(const void *p, size_t n)
{
    enc_detector d;
    enc_detect_init(&d);
    enc_detect_feed(&d, p, n);
    return enc_detect_finish(&d);
}

const char *enc_name(enc_kind k)
{
    switch (k) {
    case ENC_UTF8: return "UTF-8";
    case ENC_UTF16LE: return "UTF-16LE";
    case ENC_UTF16BE: return "UTF-16BE";
    case ENC_GB18030: return "GB18030";
    case ENC_BINARY: return "binary";
    default: return "unknown";
    }
}

char *enc_problem(const enc_info *info)
{
    if (info->kind == ENC_BINARY)
        return xstrdup("not a text file (it contains NUL bytes); save it as CSV");
    if (info->kind == ENC_INVALID)
        return xasprintf("not valid UTF-8 or GB18030 text (first bad byte on line %u);"
                         " save it as \"CSV UTF-8\"",
                         (unsigned)info->bad_line);
    if (info->damaged)
        return xasprintf("invalid UTF-8 byte sequence (first on line %u)",
                         (unsigned)info->bad_line);
    return xstrdup("");
}

/* ---- conversion ---- */

bool enc_conv_open(enc_conv *c, enc_kind from)
{
    memset(c, 0, sizeof *c);
    const char *name = from == ENC_GB18030   ? "GB18030"
                       : from == ENC_UTF16LE ? "UTF-16LE"
                       : from == ENC_UTF16BE ? "UTF-16BE"
                                             : NULL;
    if (!name)
        return false;
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return false;
    c->cd = cd;
    buf_init(&c->pending);
    return true;
}

bool enc_conv_feed(enc_conv *c, const void *in, size_t n, bool last, buf *out)
{
    if (c->failed || !c->cd)
        return false;
    buf_add(&c->pending, in, n);
    char *src = c->pending.p;
    size_t left = c->pending.len;
    bool ok = true;
    while (left) {
        buf_grow(out, left * 2 + 16);
        char *dst = out->p + out->len;
        size_t room = out->cap - out->len - 1;
        size_t r = iconv((iconv_t)c->cd, &src, &left, &dst, &room);
        out->len = (size_t)(dst - out->p);
        out->p[out->len] = 0;
        if (r != (size_t)-1)
            continue;
        if (errno == E2BIG)
            continue;
        if (errno == EINVAL && !last)
            break; /* incomplete sequence: wait for more input */
        ok = false;
        break;
    }
    if (!ok) {
        c->failed = true;
        buf_reset(&c->pending);
        return false;
    }
    /* keep the unconverted tail (a few bytes at most) */
    memmove(c->pending.p, src, left);
    c->pending.len = left;
    c->pending.p[left] = 0;
    if (last && left) {
        c->failed = true;
        return false;
    }
    return true;
}

void enc_conv_close(enc_conv *c)
{
    if (c->cd)
        iconv_close((iconv_t)c->cd);
    buf_free(&c->pending);
    c->cd = NULL;
}

char *enc_to_utf8(const void *p, size_t n, size_t *outlen, enc_info *info)
{
    enc_info in = enc_detect(p, n);
    if (info)
        *info = in;
    if (in.kind == ENC_BINARY || in.kind == ENC_INVALID || in.damaged)
        return NULL;
    const char *s = (const char *)p + in.bom;
    size_t len = n - in.bom;
    buf b;
    buf_init(&b);
    if (in.kind == ENC_UTF8) {
        buf_add(&b, s, len);
    } else {
        enc_conv c;
        if (!enc_conv_open(&c, in.kind)) {
            if (info)
                info->kind = ENC_INVALID;
            return NULL;
        }
        bool ok = enc_conv_feed(&c, s, len, true, &b);
        enc_conv_close(&c);
        if (!ok) {
            buf_free(&b);
            if (info) {
                info->kind = ENC_INVALID;
                info->bad_line = 0;
            }
            return NULL;
        }
        /* a GB18030 BOM (84 31 95 33) converts to U+FEFF: drop it */
        if (b.len >= 3 && memcmp(b.p, "\xEF\xBB\xBF", 3) == 0) {
            memmove(b.p, b.p + 3, b.len - 3 + 1);
            b.len -= 3;
        }
    }
    if (outlen)
        *outlen = b.len;
    return buf_detach(&b);
}
