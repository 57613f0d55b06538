/*
 * sanitize.c - allowlist HTML sanitizer (see sanitize.h).
 *
 * A single left-to-right pass with a small HTML5-like tokenizer: text,
 * start and end tags (attributes double-, single- or un-quoted), comments
 * (ended by -->, --!>, or abruptly by <!--> and <!--->), bogus comments
 * (<!...>, <?...>).  Nothing of the input is copied through unparsed:
 *
 *  - text: '<' '>' escaped, NUL -> U+FFFD, '&' kept when it starts a
 *    character reference, otherwise &amp;;
 *  - allowed elements are re-serialised as <name attr="value">, with only
 *    allowlisted attributes; values are entity-decoded (numeric and a small
 *    named table; an unknown name stays literal) and re-escaped, so what
 *    we check is exactly what a browser will see;
 *  - href: http, https, mailto, tel, relative or #fragment; src (img only):
 *    relative only.  Tab/CR/LF are removed and C0/space trimmed before the
 *    scheme is looked at, as browsers' URL parsers do;
 *  - other elements lose their tags but keep their text, except the
 *    dangerous ones (script, style, iframe, form, svg, ...) which lose all
 *    content; raw-text ones (script, style, textarea, ...) skip to their
 *    end tag without looking inside;
 *  - comments, doctype and processing instructions are dropped; a tag cut
 *    off by the end of the input is dropped (as browsers do);
 *  - end tags close only elements we opened (closing any opened inside
 *    them first), and everything still open is closed at the end.
 *
 * Every input byte is looked at a bounded number of times: per-element
 * open counters make stray end tags O(1), popping is paid for by pushing.
 */
#include "sanitize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    F_ALLOW = 1,   /* kept */
    F_VOID = 2,    /* no content, no end tag */
    F_DROP = 4,    /* removed with all its content */
    F_RAW = 8,     /* content is raw text up to </name */
    F_EOF = 16,    /* plaintext: the rest of the input is its content */
    F_FOREIGN = 32, /* svg, math: <x/> has no content */
    F_QUIET = 64,  /* tags unwrapped without a note */
};

enum {
    A_TITLE, A_LANG, A_DIR, A_CLASS, A_ID, A_HREF, A_SRC, A_ALT, A_WIDTH,
    A_HEIGHT, A_COLSPAN, A_ROWSPAN, A_SCOPE, A_ALIGN, A_START, A_TYPE,
    A_COUNT
};
static const char *const attr_names[A_COUNT] = {
    "title", "lang", "dir", "class", "id", "href", "src", "alt", "width",
    "height", "colspan", "rowspan", "scope", "align", "start", "type"};
#define B(a) (1u << (a))
#define GLOBAL_ATTRS (B(A_TITLE) | B(A_LANG) | B(A_DIR) | B(A_CLASS) | B(A_ID))
#define CELL_ATTRS (B(A_COLSPAN) | B(A_ROWSPAN) | B(A_SCOPE) | B(A_ALIGN))

typedef struct element {
    const char *name;
    uint8_t flags;
    uint32_t attrs; /* beyond GLOBAL_ATTRS */
} element;

static const element elements[] = {
    {"p", F_ALLOW, 0}, {"br", F_ALLOW | F_VOID, 0}, {"hr", F_ALLOW | F_VOID, 0},
    {"h1", F_ALLOW, 0}, {"h2", F_ALLOW, 0}, {"h3", F_ALLOW, 0},
    {"h4", F_ALLOW, 0}, {"h5", F_ALLOW, 0}, {"h6", F_ALLOW, 0},
    {"a", F_ALLOW, B(A_HREF)},
    {"img", F_ALLOW | F_VOID, B(A_SRC) | B(A_ALT) | B(A_WIDTH) | B(A_HEIGHT)},
    {"ul", F_ALLOW, 0}, {"ol", F_ALLOW, B(A_START) | B(A_TYPE)},
    {"li", F_ALLOW, 0}, {"dl", F_ALLOW, 0}, {"dt", F_ALLOW, 0},
    {"dd", F_ALLOW, 0}, {"table", F_ALLOW, 0}, {"thead", F_ALLOW, 0},
    {"tbody", F_ALLOW, 0}, {"tfoot", F_ALLOW, 0}, {"tr", F_ALLOW, 0},
    {"th", F_ALLOW, CELL_ATTRS}, {"td", F_ALLOW, CELL_ATTRS},
    {"caption", F_ALLOW, 0}, {"em", F_ALLOW, 0}, {"strong", F_ALLOW, 0},
    {"b", F_ALLOW, 0}, {"i", F_ALLOW, 0}, {"u", F_ALLOW, 0},
    {"s", F_ALLOW, 0}, {"del", F_ALLOW, 0}, {"ins", F_ALLOW, 0},
    {"sub", F_ALLOW, 0}, {"sup", F_ALLOW, 0}, {"code", F_ALLOW, 0},
    {"pre", F_ALLOW, 0}, {"blockquote", F_ALLOW, 0}, {"span", F_ALLOW, 0},
    {"div", F_ALLOW, 0}, {"figure", F_ALLOW, 0}, {"figcaption", F_ALLOW, 0},
    {"abbr", F_ALLOW, 0}, {"small", F_ALLOW, 0}, {"mark", F_ALLOW, 0},
    {"details", F_ALLOW, 0}, {"summary", F_ALLOW, 0},
    /* removed with their content */
    {"script", F_DROP | F_RAW, 0}, {"style", F_DROP | F_RAW, 0},
    {"iframe", F_DROP | F_RAW, 0}, {"noscript", F_DROP | F_RAW, 0},
    {"textarea", F_DROP | F_RAW, 0}, {"title", F_DROP | F_RAW, 0},
    {"xmp", F_DROP | F_RAW, 0}, {"noembed", F_DROP | F_RAW, 0},
    {"noframes", F_DROP | F_RAW, 0},
    {"plaintext", F_DROP | F_RAW | F_EOF, 0},
    {"object", F_DROP, 0}, {"applet", F_DROP, 0}, {"form", F_DROP, 0},
    {"button", F_DROP, 0}, {"select", F_DROP, 0}, {"template", F_DROP, 0},
    {"frameset", F_DROP, 0}, {"svg", F_DROP | F_FOREIGN, 0},
    {"math", F_DROP | F_FOREIGN, 0}, {"embed", F_DROP | F_VOID, 0},
    {"input", F_DROP | F_VOID, 0}, {"frame", F_DROP | F_VOID, 0},
    /* unwrapped without a note: whole pasted documents */
    {"html", F_QUIET, 0}, {"head", F_QUIET, 0}, {"body", F_QUIET, 0},
};
#define NEL (sizeof elements / sizeof elements[0])
#define MAX_NAME 16   /* longer names match nothing in the tables */
#define MAX_DEPTH 256 /* deeper allowed elements are unwrapped */
#define MAX_NOTES 10

static const struct {
    const char *name;
    uint32_t cp;
} named[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
    {"nbsp", 0xA0}, {"Tab", 9}, {"NewLine", 10}, {"colon", ':'},
    {"sol", '/'}, {"bsol", '\\'}, {"lpar", '('}, {"rpar", ')'},
    {"period", '.'}, {"comma", ','}, {"excl", '!'}, {"num", '#'},
    {"quest", '?'}, {"equals", '='}, {"semi", ';'}, {"percnt", '%'},
    {"commat", '@'}, {"plus", '+'}, {"lowbar", '_'}, {"copy", 0xA9},
    {"reg", 0xAE}, {"yen", 0xA5}, {"middot", 0xB7}, {"times", 0xD7},
    {"ensp", 0x2002}, {"emsp", 0x2003}, {"ndash", 0x2013},
    {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"hellip", 0x2026},
};

typedef struct san {
    const char *s;
    size_t n, i;
    buf out, attrs, val;
    buf *notes;
    size_t notes_start, nnotes;
    int *stack;
    size_t depth, cap;
    uint32_t open[NEL];
    int drop;            /* element whose content is being removed, -1 */
    uint32_t drop_depth; /* nesting of that element inside itself */
} san;

typedef struct tag {
    bool end, selfclose, complete, has_src;
    int el; /* index into elements, -1 = unknown */
    const char *name;
    size_t nlen;
} tag;

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* case-insensitive: s[0..n) equals the lowercase name */
static bool name_eq(const char *s, size_t n, const char *name)
{
    size_t k = strlen(name);
    if (n != k)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(s[i]) != name[i])
            return false;
    return true;
}

static int lookup_el(const char *s, size_t n)
{
    if (n == 0 || n > MAX_NAME)
        return -1;
    for (size_t i = 0; i < NEL; i++)
        if (name_eq(s, n, elements[i].name))
            return (int)i;
    return -1;
}

static int lookup_attr(const char *s, size_t n)
{
    if (n == 0 || n > MAX_NAME)
        return -1;
    for (int i = 0; i < A_COUNT; i++)
        if (name_eq(s, n, attr_names[i]))
            return i;
    return -1;
}

/* remember a removed name for the caller's warning: distinct, at most
 * MAX_NOTES of them; c[0..k) is already clean */
static void note_clean(san *S, const char *c, size_t k)
{
    if (!S->notes || S->nnotes > MAX_NOTES)
        return;
    if (S->nnotes == MAX_NOTES) {
        buf_puts(S->notes, ", ...");
        S->nnotes++;
        return;
    }
    /* already listed? the list is short: scan it */
    const char *p = S->notes->p ? S->notes->p + S->notes_start : "";
    while (*p) {
        const char *e = strstr(p, ", ");
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == k && memcmp(p, c, k) == 0)
            return;
        if (!e)
            break;
        p = e + 2;
    }
    if (S->nnotes)
        buf_puts(S->notes, ", ");
    buf_add(S->notes, c, k);
    S->nnotes++;
}

/* an element or attribute name from the input: lowercase ASCII letters,
 * digits, '-' and '_' kept, anything else shown as '?', cut at MAX_NAME */
static void note(san *S, const char *name, size_t n)
{
    if (!S->notes || S->nnotes > MAX_NOTES)
        return;
    char c[MAX_NAME + 4];
    size_t k = 0;
    for (size_t i = 0; i < n && k < MAX_NAME; i++) {
        char ch = lower(name[i]);
        c[k++] = (is_alnum(ch) || ch == '-' || ch == '_') ? ch : '?';
    }
    if (n > MAX_NAME) {
        memcpy(c + k, "...", 3);
        k += 3;
    }
    note_clean(S, c, k);
}

#define NOTE_LIT(S, lit) note_clean(S, lit, sizeof lit - 1)

static void put_cp(buf *b, uint32_t cp)
{
    char u[4];
    buf_add(b, u, utf8_encode(cp, u));
}

/* a character reference at s[i] == '&': its length (0 = none) and code
 * point.  Numeric ones may lack the ';' (browsers accept that); named ones
 * need it and must be in our small table. */
static size_t char_ref(const char *s, size_t n, size_t i, uint32_t *cp)
{
    size_t j = i + 1;
    if (j < n && s[j] == '#') {
        j++;
        bool hex = j < n && (s[j] == 'x' || s[j] == 'X');
        if (hex)
            j++;
        uint32_t v = 0;
        size_t d0 = j;
        for (; j < n; j++) {
            char c = s[j];
            int dv;
            if (c >= '0' && c <= '9')
                dv = c - '0';
            else if (hex && lower(c) >= 'a' && lower(c) <= 'f')
                dv = lower(c) - 'a' + 10;
            else
                break;
            v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + (uint32_t)dv;
        }
        if (j == d0)
            return 0;
        if (j < n && s[j] == ';')
            j++;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        *cp = v;
        return j - i;
    }
    size_t k = j;
    while (k < n && k - j < 32 && is_alnum(s[k]))
        k++;
    if (k == j || k >= n || s[k] != ';')
        return 0;
    for (size_t t = 0; t < sizeof named / sizeof named[0]; t++)
        if (strlen(named[t].name) == k - j &&
            memcmp(named[t].name, s + j, k - j) == 0) {
            *cp = named[t].cp;
            return k + 1 - i;
        }
    return 0;
}

/* attribute value -> its decoded text (what a browser sees) */
static void decode_attr(buf *b, const char *v, size_t n)
{
    buf_reset(b);
    buf_grow(b, n);
    b->p[0] = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k;
        if (v[i] == '&' && (k = char_ref(v, n, i, &cp)) > 0) {
            put_cp(b, cp);
            i += k;
        } else if (v[i] == 0) {
            put_cp(b, 0xFFFD);
            i++;
        } else {
            buf_putc(b, v[i++]);
        }
    }
}

/* drop tab/CR/LF anywhere and trim C0 controls and spaces at both ends,
 * as the URL parser does */
static void clean_url(buf *b)
{
    size_t w = 0, start = 0;
    for (size_t r = 0; r < b->len; r++)
        if (b->p[r] != '\t' && b->p[r] != '\n' && b->p[r] != '\r')
            b->p[w++] = b->p[r];
    while (start < w && (unsigned char)b->p[start] <= 0x20)
        start++;
    while (w > start && (unsigned char)b->p[w - 1] <= 0x20)
        w--;
    memmove(b->p, b->p + start, w - start);
    b->len = w - start;
    b->p[b->len] = 0;
}

static bool url_ok(const char *p, size_t n, bool is_src)
{
    if (n == 0)
        return !is_src;
    if (is_src && n > 1 && (p[0] == '/' || p[0] == '\\') &&
        (p[1] == '/' || p[1] == '\\'))
        return false; /* //host: off-site */
    size_t k = 0;
    for (; k < n; k++) {
        char c = p[k];
        if (c == '/' || c == '?' || c == '#' || c == '\\')
            return true; /* relative: no scheme before the path */
        if (c == ':')
            break;
    }
    if (k == n)
        return true;
    if (is_src)
        return false;
    return name_eq(p, k, "http") || name_eq(p, k, "https") ||
           name_eq(p, k, "mailto") || name_eq(p, k, "tel");
}

static void add_attr(san *S, tag *t, const char *name, size_t nl,
                     const char *v, size_t vl, uint32_t *seen)
{
    int a = lookup_attr(name, nl);
    uint32_t allowed = GLOBAL_ATTRS | elements[t->el].attrs;
    if (a < 0 || !(allowed & B(a))) {
        note(S, name, nl);
        return;
    }
    if (*seen & B(a))
        return; /* browsers keep the first of duplicate attributes */
    *seen |= B(a);
    decode_attr(&S->val, v ? v : "", v ? vl : 0);
    if (a == A_HREF || a == A_SRC) {
        clean_url(&S->val);
        if (!url_ok(S->val.p, S->val.len, a == A_SRC)) {
            if (a == A_SRC)
                NOTE_LIT(S, "off-site or unsafe src");
            else
                NOTE_LIT(S, "unsafe href");
            return;
        }
        if (a == A_SRC)
            t->has_src = true;
    }
    buf_printf(&S->attrs, " %s=\"", attr_names[a]);
    buf_add_html(&S->attrs, S->val.p, S->val.len);
    buf_putc(&S->attrs, '"');
}

/* tokenize the tag at S->i ('<' then a letter, or "</" then a letter);
 * collects the allowed attributes into S->attrs when want_attrs */
static void parse_tag(san *S, tag *t, bool want_attrs)
{
    const char *s = S->s;
    size_t n = S->n, i = S->i + 1;
    memset(t, 0, sizeof *t);
    if (s[i] == '/') {
        t->end = true;
        i++;
    }
    size_t ns = i;
    while (i < n && !is_ws(s[i]) && s[i] != '/' && s[i] != '>')
        i++;
    t->name = s + ns;
    t->nlen = i - ns;
    t->el = lookup_el(t->name, t->nlen);
    bool want = want_attrs && !t->end && t->el >= 0 &&
                (elements[t->el].flags & F_ALLOW);
    uint32_t seen = 0;
    buf_reset(&S->attrs);
    for (;;) {
        while (i < n && (is_ws(s[i]) || s[i] == '/')) {
            if (s[i] == '/' && i + 1 < n && s[i + 1] == '>')
                t->selfclose = true;
            i++;
        }
        if (i >= n) {
            S->i = n; /* cut off: dropped */
            return;
        }
        if (s[i] == '>') {
            i++;
            break;
        }
        size_t as = i++; /* a name may start with '=' */
        while (i < n && !is_ws(s[i]) && s[i] != '/' && s[i] != '>' &&
               s[i] != '=')
            i++;
        size_t ae = i;
        while (i < n && is_ws(s[i]))
            i++;
        const char *v = NULL;
        size_t vl = 0;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && is_ws(s[i]))
                i++;
            if (i >= n) {
                S->i = n;
                return;
            }
            if (s[i] == '"' || s[i] == '\'') {
                const char *e = memchr(s + i + 1, s[i], n - i - 1);
                if (!e) {
                    S->i = n;
                    return;
                }
                v = s + i + 1;
                vl = (size_t)(e - v);
                i = (size_t)(e - s) + 1;
            } else {
                size_t vs = i;
                while (i < n && !is_ws(s[i]) && s[i] != '>')
                    i++;
                v = s + vs;
                vl = i - vs;
            }
        }
        if (want)
            add_attr(S, t, s + as, ae - as, v, vl, &seen);
    }
    t->complete = true;
    S->i = i;
}

/* position of "</name" followed by white space, '/' or '>' at or after
 * from; n when there is none */
static size_t find_end_tag(const san *S, const char *name, size_t from)
{
    size_t L = strlen(name), n = S->n;
    const char *s = S->s;
    while (from < n) {
        const char *lt = memchr(s + from, '<', n - from);
        if (!lt)
            return n;
        size_t j = (size_t)(lt - s);
        if (j + 2 + L < n && s[j + 1] == '/' && name_eq(s + j + 2, L, name) &&
            (is_ws(s[j + 2 + L]) || s[j + 2 + L] == '/' || s[j + 2 + L] == '>'))
            return j;
        from = j + 1;
    }
    return n;
}

static size_t skip_to_gt(const san *S, size_t from)
{
    const char *gt = from < S->n ? memchr(S->s + from, '>', S->n - from) : NULL;
    return gt ? (size_t)(gt - S->s) + 1 : S->n;
}

/* S->i is just after "<!--" */
static size_t comment_end(const san *S, size_t i)
{
    const char *s = S->s;
    size_t n = S->n;
    if (i < n && s[i] == '>')
        return i + 1; /* <!--> */
    if (i + 1 < n && s[i] == '-' && s[i + 1] == '>')
        return i + 2; /* <!---> */
    for (; i + 2 < n; i++) {
        if (s[i] != '-' || s[i + 1] != '-')
            continue;
        if (s[i + 2] == '>')
            return i + 3;
        if (i + 3 < n && s[i + 2] == '!' && s[i + 3] == '>')
            return i + 4;
    }
    return n;
}

static void close_top(san *S)
{
    int el = S->stack[--S->depth];
    S->open[el]--;
    buf_printf(&S->out, "</%s>", elements[el].name);
}

/* content of a raw-text element (script, style, ...): skip it unseen */
static void skip_raw(san *S, int el)
{
    if (elements[el].flags & F_EOF)
        S->i = S->n;
    else
        S->i = find_end_tag(S, elements[el].name, S->i);
}

static void handle_tag(san *S)
{
    tag t;
    bool dropping = S->drop >= 0;
    parse_tag(S, &t, !dropping);
    if (!t.complete)
        return;
    uint8_t flags = t.el >= 0 ? elements[t.el].flags : 0;
    if (dropping) {
        if (t.end) {
            if (t.el == S->drop && --S->drop_depth == 0)
                S->drop = -1;
        } else if (flags & F_RAW) {
            skip_raw(S, t.el);
        } else if (t.el == S->drop && !((flags & F_FOREIGN) && t.selfclose)) {
            S->drop_depth++;
        }
        return;
    }
    if (t.end) {
        if ((flags & F_ALLOW) && !(flags & F_VOID) && S->open[t.el]) {
            while (S->stack[S->depth - 1] != t.el)
                close_top(S);
            close_top(S);
        }
        return; /* stray end tags vanish */
    }
    if (t.el < 0) {
        note(S, t.name, t.nlen);
        return;
    }
    if (flags & F_DROP) {
        note(S, t.name, t.nlen);
        if (flags & F_RAW)
            skip_raw(S, t.el);
        else if (!(flags & F_VOID) && !((flags & F_FOREIGN) && t.selfclose)) {
            S->drop = t.el;
            S->drop_depth = 1;
        }
        return;
    }
    if (!(flags & F_ALLOW)) {
        if (!(flags & F_QUIET))
            note(S, t.name, t.nlen);
        return;
    }
    if (strcmp(elements[t.el].name, "img") == 0 && !t.has_src) {
        NOTE_LIT(S, "img without a local src");
        return;
    }
    if (!(flags & F_VOID) && S->depth >= MAX_DEPTH)
        return;
    buf_printf(&S->out, "<%s", elements[t.el].name);
    buf_add(&S->out, S->attrs.p, S->attrs.len);
    buf_putc(&S->out, '>');
    if (flags & F_VOID)
        return;
    if (S->depth == S->cap) {
        S->cap = S->cap ? S->cap * 2 : 16;
        S->stack = xreallocarray(S->stack, S->cap, sizeof *S->stack);
    }
    S->stack[S->depth++] = t.el;
    S->open[t.el]++;
}

/* S->s[S->i] == '<' */
static void handle_lt(san *S)
{
    const char *s = S->s;
    size_t i = S->i, n = S->n;
    char c1 = i + 1 < n ? s[i + 1] : 0;
    char c2 = i + 2 < n ? s[i + 2] : 0;
    if (c1 == '!') {
        if (c2 == '-' && i + 3 < n && s[i + 3] == '-')
            S->i = comment_end(S, i + 4);
        else
            S->i = skip_to_gt(S, i + 2); /* <!DOCTYPE>, <![CDATA[ ... */
    } else if (c1 == '?') {
        S->i = skip_to_gt(S, i + 2);
    } else if (c1 == '/' && i + 2 < n) {
        if (is_alpha(c2))
            handle_tag(S);
        else if (c2 == '>')
            S->i = i + 3;
        else
            S->i = skip_to_gt(S, i + 2);
    } else if (is_alpha(c1)) {
        handle_tag(S);
    } else {
        if (S->drop < 0)
            buf_puts(&S->out, "&lt;");
        S->i = i + 1;
    }
}

/* text up to the next '<' */
static void handle_text(san *S)
{
    const char *s = S->s;
    size_t n = S->n, i = S->i;
    const char *lt = memchr(s + i, '<', n - i);
    size_t end = lt ? (size_t)(lt - s) : n;
    if (S->drop >= 0) {
        S->i = end;
        return;
    }
    size_t run = i;
    while (i < end) {
        char c = s[i];
        if (c != '&' && c != '>' && c != 0) {
            i++;
            continue;
        }
        buf_add(&S->out, s + run, i - run);
        if (c == '>') {
            buf_puts(&S->out, "&gt;");
            i++;
        } else if (c == 0) {
            put_cp(&S->out, 0xFFFD);
            i++;
        } else {
            /* keep a well-formed reference as written, else escape '&' */
            size_t j = i + 1;
            if (j < end && s[j] == '#') {
                j++;
                bool hex = j < end && (s[j] == 'x' || s[j] == 'X');
                size_t d0 = hex ? ++j : j;
                while (j < end && j - d0 < 8 &&
                       (hex ? (is_alnum(s[j]) && lower(s[j]) <= 'f')
                            : (s[j] >= '0' && s[j] <= '9')))
                    j++;
                if (j == d0 || j >= end || s[j] != ';')
                    j = 0;
            } else {
                size_t d0 = j;
                while (j < end && j - d0 < 32 && is_alnum(s[j]))
                    j++;
                if (j == d0 || !is_alpha(s[d0]) || j >= end || s[j] != ';')
                    j = 0;
            }
            if (j) {
                buf_add(&S->out, s + i, j + 1 - i);
                i = j + 1;
            } else {
                buf_puts(&S->out, "&amp;");
                i++;
            }
        }
        run = i;
    }
    buf_add(&S->out, s + run, i - run);
    S->i = end;
}

char *sanitize_html_notes(const char *html, size_t len, buf *notes)
{
    san S;
    memset(&S, 0, sizeof S);
    S.s = html ? html : "";
    S.n = html ? len : 0;
    S.drop = -1;
    S.notes = notes;
    S.notes_start = notes ? notes->len : 0;
    buf_init(&S.out);
    buf_init(&S.attrs);
    buf_init(&S.val);
    buf_grow(&S.out, S.n + S.n / 8);
    S.out.p[0] = 0;
    while (S.i < S.n) {
        if (S.s[S.i] == '<')
            handle_lt(&S);
        else
            handle_text(&S);
    }
    while (S.depth)
        close_top(&S);
    free(S.stack);
    buf_free(&S.attrs);
    buf_free(&S.val);
    return buf_detach(&S.out);
}

char *sanitize_html(const char *html, size_t len)
{
    return sanitize_html_notes(html, len, NULL);
}
