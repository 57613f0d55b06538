/*
 * encoding.h - which character encoding a text file uses, and conversion
 * of it to UTF-8.
 *
 * County offices save CSV from Excel or WPS as UTF-8 (with or without a
 * byte-order mark), as GB18030 (the "CSV" of Chinese Windows) or as UTF-16
 * ("Unicode text").  Detection looks at the whole file: a BOM decides;
 * otherwise valid UTF-8 is UTF-8, valid GB18030 is GB18030, a file with
 * NUL bytes is binary, and anything else is refused, never guessed.  One
 * allowance: a file that is UTF-8 except for a few broken sequences (a bad
 * paste) is reported as damaged UTF-8 so that the CSV layer can reject just
 * the records holding them.
 *
 * Both detection and conversion stream: feed the file in blocks of any
 * size and memory stays bounded.  Newline bytes keep their meaning in
 * every supported encoding, so line numbers survive conversion.
 */
#ifndef GONGSHI_ENCODING_H
#define GONGSHI_ENCODING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef enum enc_kind {
    ENC_UTF8,    /* UTF-8, also plain ASCII */
    ENC_UTF16LE, /* with BOM */
    ENC_UTF16BE, /* with BOM */
    ENC_GB18030,
    ENC_BINARY,  /* NUL bytes: not a text file */
    ENC_INVALID  /* neither UTF-8 nor GB18030 */
} enc_kind;

typedef struct enc_info {
    enc_kind kind;
    size_t bom;        /* bytes of byte-order mark to skip at the start */
    bool damaged;      /* ENC_UTF8 with a few invalid sequences */
    uint32_t bad_line; /* ENC_INVALID or damaged: line of the first bad byte */
} enc_info;

/* streaming detector: init, feed blocks in order, finish */
typedef struct enc_detector {
    uint64_t seen;
    uint32_t lines;      /* line breaks before the current block */
    bool prev_cr;
    bool nul, utf16, utf16_be;
    size_t bom;
    /* UTF-8 automaton */
    int u_need;
    unsigned char u_lo, u_hi;
    uint64_t u_multi, u_bad;
    uint32_t u_bad_line;
    uint64_t u_bad_off;
    /* GB18030 automaton */
    int g_state;
    unsigned char g_b[3];
    bool g_bad;
    uint32_t g_bad_line;
    uint64_t g_bad_off;
} enc_detector;

void enc_detect_init(enc_detector *d);
void enc_detect_feed(enc_detector *d, const void *p, size_t n);
enc_info enc_detect_finish(enc_detector *d);
/* the whole thing for a buffer in memory */
enc_info enc_detect(const void *p, size_t n);

const char *enc_name(enc_kind k);
/* a sentence for a diagnostic about a file that cannot be read as text
 * (ENC_BINARY, ENC_INVALID); malloc'd */
char *enc_problem(const enc_info *info);

/* streaming conversion to UTF-8 (for ENC_GB18030, ENC_UTF16LE/BE; the BOM
 * must already be skipped) */
typedef struct enc_conv {
    void *cd; /* iconv_t */
    buf pending;
    bool failed;
} enc_conv;

/* false when the converter cannot be created */
bool enc_conv_open(enc_conv *c, enc_kind from);
/* convert n more bytes (last: no more input follows), appending UTF-8 to
 * out.  Returns false at an invalid or truncated sequence; out then holds
 * everything before it and further calls do nothing. */
bool enc_conv_feed(enc_conv *c, const void *in, size_t n, bool last, buf *out);
void enc_conv_close(enc_conv *c);

/* detect and convert a whole buffer: returns malloc'd NUL-terminated UTF-8
 * without BOM (length in *outlen), or NULL when the bytes are not text in a
 * supported encoding (damaged UTF-8 included); *info says why */
char *enc_to_utf8(const void *p, size_t n, size_t *outlen, enc_info *info);

#endif
