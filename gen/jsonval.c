/*
 * jsonval.c - JSON value helpers (jsonval.h).
 */
#include "jsonval.h"

#include <stdlib.h>
#include <string.h>

json_t *jstr(const char *s)
{
    return json_stringn_nocheck(s ? s : "", s ? strlen(s) : 0);
}

void jset(json_t *o, const char *key, const char *val)
{
    json_object_set_new(o, key, jstr(val));
}

void jset_own(json_t *o, const char *key, char *val)
{
    jset(o, key, val);
    free(val);
}

void jset_date(json_t *o, const char *key, gs_date d)
{
    char s[11];
    date_format(d, s);
    jset(o, key, s);
}

void jset_int(json_t *o, const char *key, long long v)
{
    json_object_set_new(o, key, json_integer(v));
}

void buf_json_str(buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    buf_putc(b, '"');
    const char *run = s ? s : "";
    for (const char *p = run; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        buf_add(b, run, (size_t)(p - run));
        run = p + 1;
        char esc[6] = {'\\', 0};
        size_t n = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        buf_add(b, esc, n);
    }
    buf_puts(b, run);
    buf_putc(b, '"');
}
