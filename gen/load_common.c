/*
 * load_common.c - row diagnostics, key sets and cell checks shared by the
 * CSV loaders.  See load_common.h.
 */
#include "load_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fields.h"

/* ---- diagnostics ---- */

static void row_report(row *r, bool error, const char *fmt, va_list ap)
{
    buf b;
    buf_init(&b);
    if (r->key && *r->key) {
        char q[MSG_VALUE_SIZE];
        const char *k = msg_value_raw(q, r->key);
        /* the key without its quotes */
        buf_printf(&b, "%s %.*s: ", r->keycol, (int)(strlen(k) - 2), k + 1);
    }
    buf_vprintf(&b, fmt, ap);
    if (error) {
        diag_error(r->file, r->line, "%s", b.p);
        r->errors++;
    } else {
        diag_warn(r->file, r->line, "%s", b.p);
    }
    buf_free(&b);
}

void row_error(row *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    row_report(r, true, fmt, ap);
    va_end(ap);
}

void row_warn(row *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    row_report(r, false, fmt, ap);
    va_end(ap);
}

static const char *quote_value(char out[MSG_VALUE_SIZE], const char *s, bool mask)
{
    size_t o = 0, chars = 0;
    out[o++] = '"';
    const size_t max_chars = 60;
    while (*s && chars < max_chars && o + 8 < MSG_VALUE_SIZE) {
        uint32_t cp;
        size_t n = utf8_decode(s, strnlen(s, 4), &cp);
        if (cp < 0x20 || cp == 0x7F || cp == 0xFFFD) {
            out[o++] = ' ';
        } else {
            memcpy(out + o, s, n);
            o += n;
        }
        s += n;
        chars++;
    }
    if (*s) {
        memcpy(out + o, "…", 3);
        o += 3;
    }
    out[o++] = '"';
    out[o] = 0;
    if (mask) {
        /* digits joined by single '-' or ' ' (and an ID's final X): masked
         * when 7 or more follow each other or 11 or more are joined, which
         * catches IDs, phone and card numbers but not dates and times */
        size_t i = 1;
        while (i < o) {
            if (out[i] < '0' || out[i] > '9') {
                i++;
                continue;
            }
            size_t j = i, digits = 0, run = 0, best = 0;
            for (;;) {
                if (j < o && out[j] >= '0' && out[j] <= '9') {
                    digits++, run++, j++;
                    best = run > best ? run : best;
                } else if (j < o && (out[j] == 'X' || out[j] == 'x') && run) {
                    j++;
                    break;
                } else if (j + 1 < o && (out[j] == '-' || out[j] == ' ') && out[j + 1] >= '0' &&
                           out[j + 1] <= '9') {
                    run = 0, j++;
                } else {
                    break;
                }
            }
            if (best >= 7 || digits >= 11)
                for (size_t k = i; k < j; k++)
                    if (out[k] != '-' && out[k] != ' ')
                        out[k] = '*';
            i = j;
        }
    }
    return out;
}

const char *msg_value(char out[MSG_VALUE_SIZE], const char *s)
{
    return quote_value(out, s, true);
}

const char *msg_value_raw(char out[MSG_VALUE_SIZE], const char *s)
{
    return quote_value(out, s, false);
}

/* ---- keyset ---- */

void keyset_init(keyset *k)
{
    keyset_init_for(k, 0);
}

void keyset_init_for(keyset *k, size_t n)
{
    k->cap = 64;
    while (k->cap / 4 * 3 <= n && k->cap < ((size_t)1 << 40))
        k->cap *= 2;
    k->n = 0;
    k->v = xcalloc(k->cap, sizeof *k->v);
}

void keyset_free(keyset *k)
{
    free(k->v);
    k->v = NULL;
    k->cap = k->n = 0;
}

static void keyset_grow(keyset *k)
{
    size_t ncap = k->cap * 2;
    keyslot *nv = xcalloc(ncap, sizeof *nv);
    for (size_t i = 0; i < k->cap; i++) {
        if (!k->v[i].s)
            continue;
        size_t j = (size_t)k->v[i].h & (ncap - 1);
        while (nv[j].s)
            j = (j + 1) & (ncap - 1);
        nv[j] = k->v[i];
    }
    free(k->v);
    k->v = nv;
    k->cap = ncap;
}

static keyslot *keyset_slot(const keyset *k, const char *s, uint64_t h, unsigned *twins)
{
    size_t j = (size_t)h & (k->cap - 1);
    while (k->v[j].s) {
        if (k->v[j].h == h) {
            if (strcmp(k->v[j].s, s) == 0)
                break;
            if (twins)
                ++*twins;
        }
        j = (j + 1) & (k->cap - 1);
    }
    return &k->v[j];
}

uint32_t keyset_add_hashed(keyset *k, const char *s, uint64_t h, uint32_t line,
                           unsigned *twins)
{
    if ((k->n + 1) * 4 > k->cap * 3)
        keyset_grow(k);
    if (twins)
        *twins = 0;
    keyslot *e = keyset_slot(k, s, h, twins);
    if (e->s)
        return e->line ? e->line : 1;
    e->s = s;
    e->h = h;
    e->line = line;
    k->n++;
    return 0;
}

uint32_t keyset_add(keyset *k, const char *s, uint32_t line)
{
    return keyset_add_hashed(k, s, hash_bytes(s, strlen(s)), line, NULL);
}

uint32_t keyset_find(const keyset *k, const char *s)
{
    keyslot *e = keyset_slot(k, s, hash_bytes(s, strlen(s)), NULL);
    return e->s ? (e->line ? e->line : 1) : 0;
}

/* ---- u64map ---- */

void u64map_init(u64map *m)
{
    m->cap = 64;
    m->n = 0;
    m->v = xcalloc(m->cap, sizeof *m->v);
}

void u64map_free(u64map *m)
{
    free(m->v);
    m->v = NULL;
    m->cap = m->n = 0;
}

static size_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return (size_t)k;
}

uint32_t *u64map_get(u64map *m, uint64_t key)
{
    if ((m->n + 1) * 4 > m->cap * 3) {
        size_t ncap = m->cap * 2;
        u64slot *nv = xcalloc(ncap, sizeof *nv);
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->v[i].used)
                continue;
            size_t j = mix(m->v[i].key) & (ncap - 1);
            while (nv[j].used)
                j = (j + 1) & (ncap - 1);
            nv[j] = m->v[i];
        }
        free(m->v);
        m->v = nv;
        m->cap = ncap;
    }
    size_t j = mix(key) & (m->cap - 1);
    while (m->v[j].used && m->v[j].key != key)
        j = (j + 1) & (m->cap - 1);
    if (!m->v[j].used) {
        m->v[j].used = true;
        m->v[j].key = key;
        m->v[j].val = 0;
        m->n++;
    }
    return &m->v[j].val;
}

int32_t agency_lookup(gs_model *m, u64map *cache, const char *name, size_t len)
{
    if (!len)
        return -1;
    const char *s = model_str(m, name, len);
    uint32_t *v = u64map_get(cache, (uint64_t)(uintptr_t)s);
    if (*v == 0)
        *v = (uint32_t)(model_find_agency(m, s) + 2);
    return (int32_t)*v - 2;
}

/* ---- cells ---- */

bool row_required(row *r, const char *col, const char *s)
{
    if (*s)
        return true;
    row_error(r, "%s is empty", col);
    return false;
}

gs_date row_date(row *r, const char *col, const char *s, bool required)
{
    if (!*s) {
        if (required)
            row_error(r, "%s is empty", col);
        return GS_NODATE;
    }
    gs_date d = field_date(s, NULL);
    if (d == GS_NODATE) {
        char q[MSG_VALUE_SIZE];
        row_error(r, "%s %s is not a valid date (YYYY-MM-DD)", col, msg_value(q, s));
    }
    return d;
}

gs_date row_datetime(row *r, const char *col, const char *s, int16_t *minute)
{
    *minute = -1;
    if (!*s)
        return GS_NODATE;
    gs_date d = field_date(s, minute);
    if (d == GS_NODATE) {
        char q[MSG_VALUE_SIZE];
        row_error(r, "%s %s is not a valid date or date-time (YYYY-MM-DD H:MM)", col,
                  msg_value(q, s));
    }
    return d;
}

static void name_list(buf *b, const char *const *names, int n)
{
    bool first = true;
    for (int i = 0; i < n; i++) {
        if (!names[i][0])
            continue;
        if (!first)
            buf_puts(b, ", ");
        buf_puts(b, names[i]);
        first = false;
    }
}

static void bad_value(row *r, const char *col, const char *s, const char *const *names,
                      int n)
{
    char q[MSG_VALUE_SIZE];
    buf b;
    buf_init(&b);
    name_list(&b, names, n);
    row_error(r, "%s %s is not one of %s", col, msg_value(q, s), b.p);
    buf_free(&b);
}

int row_enum(row *r, const char *col, const char *s, const char *const *names, int n,
             int dflt)
{
    if (!*s) {
        if (dflt < 0)
            row_error(r, "%s is empty", col);
        return dflt;
    }
    int v = gs_lookup(names, n, s);
    if (v < 0)
        bad_value(r, col, s, names, n);
    return v;
}

uint32_t row_flags(row *r, const char *col, const char *s, const char *const *names,
                   int n, int *count)
{
    *count = 0;
    if (!*s)
        return 0;
    char *storage;
    const char **items;
    size_t k = field_list(s, &storage, &items);
    uint32_t mask = 0;
    for (size_t i = 0; i < k; i++) {
        int v = gs_lookup(names, n, items[i]);
        if (v < 0) {
            bad_value(r, col, items[i], names, n);
            continue;
        }
        mask |= 1u << v;
    }
    *count = (int)k;
    free(storage);
    free(items);
    return mask;
}

int64_t row_money(row *r, const char *col, const char *s)
{
    if (!*s)
        return -1;
    int64_t fen;
    if (!field_money(s, &fen)) {
        char q[MSG_VALUE_SIZE];
        row_error(r, "%s %s is not an amount in yuan (e.g. 5000 or 1,234.50)", col, msg_value(q, s));
        return -1;
    }
    return fen;
}

uint8_t row_yesno(row *r, const char *col, const char *s)
{
    int v = field_yesno(s);
    if (v < 0) {
        char q[MSG_VALUE_SIZE];
        row_error(r, "%s %s must be 是 or 否", col, msg_value(q, s));
        return YN_UNSET;
    }
    return (uint8_t)v;
}

int32_t row_int(row *r, const char *col, const char *s, int32_t empty)
{
    if (!*s)
        return empty;
    int32_t v;
    if (!field_int(s, &v)) {
        char q[MSG_VALUE_SIZE];
        row_error(r, "%s %s is not a whole number", col, msg_value(q, s));
        return empty;
    }
    return v;
}

bool row_credit_code(row *r, const char *col, const char *s, bool warn_only)
{
    if (credit_code_valid(s))
        return true;
    static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    bool shape = strlen(s) == 18;
    for (const char *p = s; shape && *p; p++)
        if (!strchr(alphabet, *p))
            shape = false;
    const char *msg = shape ? "check character is wrong"
                            : "must be 18 characters from 0-9 and capital letters "
                              "(no I, O, S, V, Z)";
    if (warn_only)
        row_warn(r, "%s %s", col, msg);
    else
        row_error(r, "%s %s", col, msg);
    return false;
}

csvf *load_open(gs_model *m, const char *path, enum gs_input_kind kind, const csvf_col *cols,
                size_t n, const char **file)
{
    *file = model_str(m, path, strlen(path));
    csvf *f = csvf_open(path, cols, n);
    uint64_t h[2];
    if (f)
        csvf_digest(f, h);
    model_add_input(m, path, kind, f ? h : NULL);
    return f;
}
