/*
 * fields.c - parsing and checking single CSV cell values (see fields.h):
 * dates, money in fen, 是/否, integers, ;-lists, the GB 32100 credit-code
 * check character and the GB 11643 citizen-ID check digit.
 *
 * Pure functions: nothing here prints or touches the model.
 */
#include "fields.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* read between min and max ASCII digits at *p into *out */
static bool digits(const char **p, int min, int max, int *out)
{
    const char *s = *p;
    int n = 0, v = 0;
    while (n < max && is_digit(s[n])) {
        v = v * 10 + (s[n] - '0');
        n++;
    }
    if (n < min || is_digit(s[n]))
        return false;
    *p = s + n;
    *out = v;
    return true;
}

static bool lit(const char **p, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*p, word, n) != 0)
        return false;
    *p += n;
    return true;
}

gs_date field_date(const char *s, int16_t *minute)
{
    if (minute)
        *minute = -1;
    if (!s)
        return GS_NODATE;
    const char *p = s;
    int y, mo, d;
    if (!digits(&p, 4, 4, &y))
        return GS_NODATE;
    if (*p == '-' || *p == '/') {
        char sep = *p++;
        if (!digits(&p, 1, 2, &mo) || *p++ != sep || !digits(&p, 1, 2, &d))
            return GS_NODATE;
    } else if (lit(&p, "年")) {
        if (!digits(&p, 1, 2, &mo) || !lit(&p, "月") || !digits(&p, 1, 2, &d) ||
            !lit(&p, "日"))
            return GS_NODATE;
    } else {
        return GS_NODATE;
    }
    gs_date dt = date_from_ymd(y, mo, d);
    if (dt == GS_NODATE || *p == 0)
        return dt;
    /* a time part: " H:MM" or " H:MM:SS" */
    if (!minute || *p != ' ')
        return GS_NODATE;
    while (*p == ' ')
        p++;
    int h, mi, sec = 0;
    if (!digits(&p, 1, 2, &h) || *p++ != ':' || !digits(&p, 2, 2, &mi))
        return GS_NODATE;
    if (*p == ':') {
        p++;
        if (!digits(&p, 2, 2, &sec))
            return GS_NODATE;
    }
    if (*p || h > 23 || mi > 59 || sec > 59)
        return GS_NODATE;
    *minute = (int16_t)(h * 60 + mi);
    return dt;
}

bool field_money(const char *s, int64_t *fen)
{
    if (!s)
        return false;
    const char *p = s, *end = s + strlen(s);
    /* optional currency sign, then optional spaces */
    if (!lit(&p, "￥"))
        (void)lit(&p, "¥");
    while (*p == ' ')
        p++;
    /* optional trailing 元 with spaces before it */
    static const char yuan[] = "元";
    size_t yl = sizeof yuan - 1;
    if ((size_t)(end - p) >= yl && memcmp(end - yl, yuan, yl) == 0) {
        end -= yl;
        while (end > p && end[-1] == ' ')
            end--;
    }
    if (p == end || !is_digit(*p))
        return false;
    /* integer part, with "," separators in groups of three when present */
    int64_t yuan_v = 0;
    int group = 0; /* digits since the last comma (or start) */
    bool commas = false;
    const char *q = p;
    for (; q < end && (is_digit(*q) || *q == ','); q++) {
        if (*q == ',') {
            if (group == 0 || (commas && group != 3) || (!commas && group > 3))
                return false;
            commas = true;
            group = 0;
            continue;
        }
        /* any number of fen must still fit in int64 */
        const int64_t limit = INT64_MAX / 100 - 1;
        if (yuan_v > (limit - (*q - '0')) / 10)
            return false;
        yuan_v = yuan_v * 10 + (*q - '0');
        group++;
    }
    if (group == 0 || (commas && group != 3))
        return false;
    int64_t cents = 0;
    if (q < end && *q == '.') {
        q++;
        int nd = 0;
        while (q < end && is_digit(*q) && nd < 2) {
            cents = cents * 10 + (*q - '0');
            q++, nd++;
        }
        if (nd == 0)
            return false;
        if (nd == 1)
            cents *= 10;
    }
    if (q != end)
        return false;
    *fen = yuan_v * 100 + cents;
    return true;
}

int field_yesno(const char *s)
{
    if (!s || !*s)
        return YN_UNSET;
    if (strcmp(s, "是") == 0)
        return YN_YES;
    if (strcmp(s, "否") == 0)
        return YN_NO;
    return -1;
}

bool field_int(const char *s, int32_t *out)
{
    if (!s || !*s)
        return false;
    int64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (!is_digit(*p))
            return false;
        v = v * 10 + (*p - '0');
        if (v > INT32_MAX)
            return false;
    }
    *out = (int32_t)v;
    return true;
}

size_t field_list(const char *s, char **storage, const char ***items)
{
    if (!s)
        s = "";
    size_t len = strlen(s);
    char *st = xstrndup(s, len);
    /* at most one item per separator plus one */
    size_t max = 1;
    for (size_t i = 0; i < len; i++)
        if (st[i] == ';' || (unsigned char)st[i] == 0xEF)
            max++;
    const char **it = xreallocarray(NULL, max, sizeof *it);
    size_t n = 0;
    char *p = st;
    for (;;) {
        char *sep = p;
        size_t seplen = 0;
        while (*sep) {
            if (*sep == ';') {
                seplen = 1;
                break;
            }
            if (strncmp(sep, "；", 3) == 0) {
                seplen = 3;
                break;
            }
            sep++;
        }
        bool last = *sep == 0;
        *sep = 0;
        char *item = field_trim(p);
        if (*item)
            it[n++] = item;
        if (last)
            break;
        p = sep + seplen;
    }
    *storage = st;
    *items = it;
    return n;
}

/* ---- GB 32100-2015 统一社会信用代码 ---- */

static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int credit_value(char c)
{
    if (!c)
        return -1;
    const char *p = strchr(credit_alphabet, c);
    return p ? (int)(p - credit_alphabet) : -1;
}

bool credit_code_valid(const char *s)
{
    static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20,
                              29, 25, 13, 8, 24, 10, 30, 28};
    if (!s || strlen(s) != 18)
        return false;
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        int v = credit_value(s[i]);
        if (v < 0)
            return false;
        sum += v * w[i];
    }
    int c = 31 - sum % 31;
    if (c == 31)
        c = 0;
    return s[17] == credit_alphabet[c];
}

/* ---- GB 11643-1999 公民身份号码 ---- */

static int two(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

/* birth date of an ID whose digits were checked; old = the 15-digit form */
static gs_date id_date(const char *s, bool old)
{
    int y = old ? 1900 + two(s + 6) : two(s + 6) * 100 + two(s + 8);
    const char *md = s + (old ? 8 : 10);
    if (y < 1800)
        return GS_NODATE;
    return date_from_ymd(y, two(md), two(md + 2));
}

bool id_number_valid(const char *s)
{
    if (!s)
        return false;
    size_t n = strlen(s);
    if (n == 15) {
        for (size_t i = 0; i < 15; i++)
            if (!is_digit(s[i]))
                return false;
        return id_date(s, true) != GS_NODATE;
    }
    if (n != 18)
        return false;
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (!is_digit(s[i]))
            return false;
        sum += (s[i] - '0') * w[i];
    }
    char check = "10X98765432"[sum % 11];
    char last = s[17] == 'x' ? 'X' : s[17];
    if (last != check)
        return false;
    return id_date(s, false) != GS_NODATE;
}

gs_date id_birthdate(const char *s)
{
    if (!id_number_valid(s))
        return GS_NODATE;
    return id_date(s, strlen(s) == 15);
}

/* ---- trimming ---- */

static size_t ws_prefix(const char *s, size_t n)
{
    if (!n)
        return 0;
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
        return 1;
    if (n >= 3 && c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

static size_t ws_suffix(const char *s, size_t n)
{
    if (!n)
        return 0;
    unsigned char c = (unsigned char)s[n - 1];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
        return 1;
    if (n >= 3 && c == 0x80 && (unsigned char)s[n - 2] == 0x80 &&
        (unsigned char)s[n - 3] == 0xE3)
        return 3;
    return 0;
}

void field_trim_span(const char *s, size_t *start, size_t *len)
{
    const char *p = s + *start;
    size_t n = *len, k;
    while ((k = ws_prefix(p, n)) > 0)
        p += k, n -= k;
    while ((k = ws_suffix(p, n)) > 0)
        n -= k;
    *start = (size_t)(p - s);
    *len = n;
}

char *field_trim(char *s)
{
    size_t start = 0, len = strlen(s);
    field_trim_span(s, &start, &len);
    if (start)
        memmove(s, s + start, len);
    s[len] = 0;
    return s;
}
