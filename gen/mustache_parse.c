/*
 * mustache_parse.c - mus_compile and mus_free: mustache source to the flat
 * node array of mustache_int.h.
 *
 * Owns the tag syntax (sigils, {{{ }}}, set-delimiter), syntax errors
 * ("line N: message"), the standalone-line rules and everything about
 * indentation, so that rendering is a plain walk over the nodes:
 *
 *  - A standalone tag (section, inverted, closing, comment, delimiter,
 *    partial) alone on its line takes the line's leading whitespace and
 *    line end with it.  A standalone partial keeps the whitespace as its
 *    indentation.
 *  - Every template line that produces output starts with an MN_INDENT node;
 *    it writes the indentation in force (from standalone partials, parents
 *    and blocks), which is how "prepend the indentation to each line of the
 *    partial" is done without re-parsing.
 *  - Parents: the pair {{<p}}...{{/p}} is standalone when the opening tag
 *    has only whitespace before it and the closing tag only whitespace after
 *    it; text inside a parent is ignored, only its {{$block}} arguments
 *    count.
 *  - Blocks: whitespace before a block argument's closing tag and the line
 *    end after an argument's opening tag belong to the tags.  When an
 *    opening block tag ends its line, the indentation of the first line of
 *    the content ("intrinsic indentation") is removed from every line of the
 *    content at compile time; the block tag in the parent records the
 *    indentation to add back where the content is expanded.
 */
#include "mustache_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX
#define NAME_MAX_SHOWN 60

typedef struct open_tag {
    uint32_t node;               /* index of the opening node */
    uint8_t type;                /* MN_SECTION, MN_INVERTED, MN_PARENT, MN_BLOCK */
    bool dyn;                    /* name began with '*' */
    bool lc;                     /* only whitespace before the tag on its line */
    bool open_sa;                /* ... and only whitespace after it */
    uint32_t name_off, name_len; /* name without '*', for the closing tag */
    uint32_t line;
    uint32_t lead_off, lead_len; /* the whitespace before the tag */
    uint32_t intr_off, intr_len; /* blocks: intrinsic indentation */
    uint32_t spec_a, spec_b;     /* parents: speculative indent/text nodes */
    size_t dlen;                 /* dedent length outside this body */
} open_tag;

typedef struct parser {
    mus_template *t;
    const char *s;
    size_t len, pos;
    uint32_t line;
    const char *otag, *ctag;
    size_t olen, clen;
    buf close_brace, close_eq; /* "}" + ctag, "=" + ctag */
    bool at_ls;    /* pos is at the start of a line (dedent not yet done) */
    bool clean;    /* only whitespace since the line start: [ws_off, pos) */
    bool pend_bol; /* an indent node is due before the next output */
    bool first;    /* ... and it is the first line of a block argument */
    size_t ws_off;
    buf dedent; /* intrinsic indentation removed at each line start */
    open_tag *stack;
    size_t depth, cap;
    char *err;
} parser;

static int fail(parser *P, uint32_t line, const char *fmt, ...) GS_PRINTF(3, 4);

static int fail(parser *P, uint32_t line, const char *fmt, ...)
{
    if (P->err)
        return -1;
    buf b;
    buf_init(&b);
    buf_printf(&b, "line %u: ", line);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    P->err = buf_detach(&b);
    return -1;
}

static int shown(size_t len)
{
    return len > NAME_MAX_SHOWN ? NAME_MAX_SHOWN : (int)len;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static uint32_t add_node(parser *P, uint8_t type, uint32_t line)
{
    mus_template *t = P->t;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->nodes = xreallocarray(t->nodes, t->cap, sizeof *t->nodes);
    }
    uint32_t i = t->n++;
    mus_node *nd = &t->nodes[i];
    memset(nd, 0, sizeof *nd);
    nd->type = type;
    nd->line = line;
    nd->end = i + 1;
    return i;
}

static bool ignoring(const parser *P)
{
    return P->depth && P->stack[P->depth - 1].type == MN_PARENT;
}

static void emit_indent(parser *P)
{
    if (!P->pend_bol)
        return;
    P->pend_bol = false;
    if (ignoring(P))
        return;
    add_node(P, P->first ? MN_FIRST : MN_INDENT, P->line);
    P->first = false;
}

static void emit_text(parser *P, size_t a, size_t b)
{
    if (a >= b || ignoring(P))
        return;
    emit_indent(P);
    uint32_t i = add_node(P, MN_TEXT, P->line);
    P->t->nodes[i].off = (uint32_t)a;
    P->t->nodes[i].len = (uint32_t)(b - a);
}

static size_t dedent_skip(const parser *P, size_t p, size_t q)
{
    for (size_t i = 0; i < P->dedent.len && p < q && P->s[p] == P->dedent.p[i]; i++)
        p++;
    return p;
}

/* literal text [p, q): one text node per line; a line's leading whitespace
 * is held back (ws_off) until we know whether a standalone tag follows */
static void text(parser *P, size_t p, size_t q)
{
    while (p < q) {
        if (P->at_ls) {
            p = dedent_skip(P, p, q);
            P->at_ls = false;
            P->ws_off = p;
            if (p >= q)
                break;
        }
        const char *nl = memchr(P->s + p, '\n', q - p);
        if (nl) {
            size_t e = (size_t)(nl - P->s) + 1;
            emit_text(P, P->clean ? P->ws_off : p, e);
            P->line++;
            p = e;
            P->at_ls = P->clean = P->pend_bol = true;
            P->ws_off = p;
            continue;
        }
        bool blank = true;
        for (size_t i = p; i < q && blank; i++)
            blank = is_blank(P->s[i]);
        if (!(P->clean && blank)) {
            emit_text(P, P->clean ? P->ws_off : p, q);
            P->clean = false;
        }
        p = q;
    }
}

/* only blanks after te up to a line end or the end of the source */
static bool right_clear(const parser *P, size_t te, size_t *eol)
{
    size_t k = te;
    while (k < P->len && is_blank(P->s[k]))
        k++;
    if (k == P->len)
        *eol = k;
    else if (P->s[k] == '\n')
        *eol = k + 1;
    else if (P->s[k] == '\r' && k + 1 < P->len && P->s[k + 1] == '\n')
        *eol = k + 2;
    else
        return false;
    return true;
}

/* drop the rest of a standalone tag's line */
static void strip_line(parser *P, size_t eol)
{
    if (eol > P->pos && P->s[eol - 1] == '\n') {
        P->line++;
        P->pend_bol = true;
    }
    P->pos = eol;
    P->at_ls = P->clean = true;
    P->ws_off = eol;
}

/* a tag that is not standalone: write the held-back whitespace and the
 * line's indent node before it */
static void flush(parser *P, size_t ts)
{
    if (P->clean)
        emit_text(P, P->ws_off, ts);
    emit_indent(P);
    P->clean = P->at_ls = false;
}

/* intrinsic indentation: the blanks starting the line at p, less the
 * dedent already in force */
static void measure(const parser *P, size_t p, uint32_t *off, uint32_t *len)
{
    size_t k = p;
    while (k < P->len && is_blank(P->s[k]))
        k++;
    size_t m = 0;
    while (m < P->dedent.len && p + m < k && P->s[p + m] == P->dedent.p[m])
        m++;
    *off = (uint32_t)(p + m);
    *len = m == P->dedent.len ? (uint32_t)(k - p - m) : 0;
}

static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && is_space(s[*a]))
        (*a)++;
    while (*b > *a && is_space(s[*b - 1]))
        (*b)--;
}

/* the name [a, b) of node i; dotted names are split into parts */
static int set_name(parser *P, uint32_t i, size_t a, size_t b, uint32_t line, bool dotted)
{
    const char *s = P->s;
    if (a == b)
        return fail(P, line, "missing name in tag");
    for (size_t k = a; k < b; k++)
        if (is_space(s[k]))
            return fail(P, line, "bad name '%.*s'", shown(b - a), s + a);
    mus_template *t = P->t;
    t->nodes[i].off = (uint32_t)a;
    t->nodes[i].len = (uint32_t)(b - a);
    if (!dotted || (b - a == 1 && s[a] == '.'))
        return 0;
    t->nodes[i].seg = t->nsegs;
    for (size_t k = a; k <= b;) {
        const char *dot = memchr(s + k, '.', b - k);
        size_t e = dot ? (size_t)(dot - s) : b;
        if (e == k)
            return fail(P, line, "bad name '%.*s'", shown(b - a), s + a);
        if (t->nsegs == t->segcap) {
            t->segcap = t->segcap ? t->segcap * 2 : 16;
            t->segs = xreallocarray(t->segs, t->segcap, sizeof *t->segs);
        }
        t->segs[t->nsegs].off = (uint32_t)k;
        t->segs[t->nsegs].len = (uint32_t)(e - k);
        t->nsegs++;
        t->nodes[i].nseg++;
        k = e + 1;
    }
    return 0;
}

static void set_closers(parser *P)
{
    buf_reset(&P->close_brace);
    buf_putc(&P->close_brace, '}');
    buf_add(&P->close_brace, P->ctag, P->clen);
    buf_reset(&P->close_eq);
    buf_putc(&P->close_eq, '=');
    buf_add(&P->close_eq, P->ctag, P->clen);
}

/* {{=<% %>=}}: content [a, b) between the equals signs */
static int set_delims(parser *P, size_t a, size_t b, uint32_t line)
{
    const char *s = P->s;
    trim(s, &a, &b);
    size_t m = a;
    while (m < b && !is_space(s[m]))
        m++;
    size_t c = m;
    while (c < b && is_space(s[c]))
        c++;
    bool ok = m > a && c < b;
    for (size_t k = a; k < b && ok; k++)
        if (s[k] == '=' || (k >= c && is_space(s[k])))
            ok = false;
    if (!ok)
        return fail(P, line, "bad set-delimiter tag (want {{=<open> <close>=}})");
    P->otag = s + a;
    P->olen = m - a;
    P->ctag = s + c;
    P->clen = b - c;
    set_closers(P);
    return 0;
}

static int push(parser *P, const open_tag *o)
{
    if (P->depth >= MUS_MAX_NESTING)
        return fail(P, o->line, "sections nested too deeply (limit %d)", MUS_MAX_NESTING);
    if (P->depth == P->cap) {
        P->cap = P->cap ? P->cap * 2 : 16;
        P->stack = xreallocarray(P->stack, P->cap, sizeof *P->stack);
    }
    P->stack[P->depth++] = *o;
    return 0;
}

static const char *kind_name(uint8_t type)
{
    return type == MN_PARENT ? "parent" : type == MN_BLOCK ? "block" : "section";
}

static void nop(parser *P, uint32_t i)
{
    if (i != NONE)
        P->t->nodes[i].type = MN_NOP;
}

/* {{$name}}: a block argument directly inside a parent, or a block with
 * default content anywhere else */
static int open_block(parser *P, open_tag *o, bool rc, size_t ts, size_t eol)
{
    o->dlen = P->dedent.len;
    if (ignoring(P)) {
        if (rc) {
            strip_line(P, eol);
            measure(P, P->pos, &o->intr_off, &o->intr_len);
            buf_add(&P->dedent, P->s + o->intr_off, o->intr_len);
        } else {
            P->clean = P->at_ls = false;
        }
        P->pend_bol = P->first = true;
    } else if (o->open_sa) {
        strip_line(P, eol);
        measure(P, P->pos, &o->intr_off, &o->intr_len);
        buf_add(&P->dedent, P->s + o->intr_off, o->intr_len);
    } else {
        flush(P, ts);
    }
    o->node = add_node(P, MN_BLOCK, o->line);
    if (set_name(P, o->node, o->name_off, o->name_off + o->name_len, o->line, false) < 0)
        return -1;
    return push(P, o);
}

static int close_tag(parser *P, size_t ts, size_t a, size_t b, bool lc, bool rc,
                     size_t eol, uint32_t line)
{
    bool dyn = a < b && P->s[a] == '*';
    if (dyn) {
        a++;
        trim(P->s, &a, &b);
    }
    if (P->depth == 0)
        return fail(P, line, "closing tag '%.*s' has no opening tag", shown(b - a), P->s + a);
    open_tag o = P->stack[P->depth - 1];
    if (o.dyn != dyn || o.name_len != b - a || memcmp(P->s + o.name_off, P->s + a, b - a) != 0)
        return fail(P, line, "closing tag '%s%.*s' does not match '%s%.*s' opened on line %u",
                    dyn ? "*" : "", shown(b - a), P->s + a, o.dyn ? "*" : "",
                    shown(o.name_len), P->s + o.name_off, o.line);
    mus_node *nd = &P->t->nodes[o.node];
    bool is_arg = o.type == MN_BLOCK && P->depth >= 2 &&
                  P->stack[P->depth - 2].type == MN_PARENT;
    if (o.type == MN_PARENT) {
        bool pair_sa = o.lc && rc;
        if (pair_sa || o.open_sa) {
            nop(P, o.spec_a);
            nop(P, o.spec_b);
        }
        if (pair_sa) {
            nd->flags |= MF_STANDALONE;
            nd->ioff = o.lead_off;
            nd->ilen = o.lead_len;
        }
        nd->end = P->t->n;
        P->depth--;
        if (rc && (pair_sa || lc)) {
            strip_line(P, eol);
            P->pend_bol = true;
        } else {
            P->clean = P->at_ls = P->pend_bol = false;
        }
        return 0;
    }
    if (is_arg) {
        /* leading blanks belong to the tag; what follows is parent text */
        nd->end = P->t->n;
        P->clean = P->at_ls = P->pend_bol = P->first = false;
    } else {
        if (lc && rc)
            strip_line(P, eol);
        else
            flush(P, ts);
        nd = &P->t->nodes[o.node]; /* flush may have moved the array */
        nd->end = P->t->n;
        if (o.type == MN_BLOCK) {
            if (o.open_sa) {
                bool empty = nd->end == o.node + 1;
                nd->flags |= MF_STANDALONE;
                nd->ioff = empty ? o.lead_off : o.intr_off;
                nd->ilen = empty ? o.lead_len : o.intr_len;
            } else if (o.lc && rc) {
                nd->ioff = o.lead_off;
                nd->ilen = o.lead_len;
            }
        }
    }
    if (o.type == MN_BLOCK) {
        P->dedent.len = o.dlen;
        if (P->dedent.p)
            P->dedent.p[o.dlen] = 0;
    }
    P->depth--;
    return 0;
}

/* one tag starting at ts; sets P->pos past it */
static int tag(parser *P, size_t ts)
{
    const char *s = P->s;
    uint32_t line = P->line;
    if (P->at_ls) {
        P->at_ls = false;
        P->ws_off = ts;
    }
    bool lc = P->clean;
    size_t c = ts + P->olen;
    while (c < P->len && is_space(s[c]))
        c++;
    char sig = c < P->len ? s[c] : 0;
    if (sig && strchr("#^/!=><$&{", sig))
        c++;
    else
        sig = 0;
    const char *closer = sig == '{' ? P->close_brace.p : sig == '=' ? P->close_eq.p : P->ctag;
    size_t cl = sig == '{' || sig == '=' ? P->clen + 1 : P->clen;
    const char *hit = c <= P->len ? memmem(s + c, P->len - c, closer, cl) : NULL;
    if (!hit)
        return fail(P, line, "unclosed tag");
    size_t a = c, b = (size_t)(hit - s), te = b + cl;
    for (const char *q = s + ts; (q = memchr(q, '\n', (size_t)(s + te - q))); q++)
        P->line++;
    size_t eol = 0;
    bool rc = right_clear(P, te, &eol);
    P->pos = te;
    if (sig != '=')
        trim(s, &a, &b);
    bool sa = lc && rc;
    open_tag o;
    memset(&o, 0, sizeof o);
    o.line = line;
    o.lc = lc;
    o.open_sa = sa;
    o.spec_a = o.spec_b = NONE;
    if (lc) {
        o.lead_off = (uint32_t)P->ws_off;
        o.lead_len = (uint32_t)(ts - P->ws_off);
    }
    switch (sig) {
    case 0:
    case '&':
    case '{': {
        flush(P, ts);
        uint32_t i = add_node(P, sig ? MN_RAW : MN_VAR, line);
        return set_name(P, i, a, b, line, true);
    }
    case '!':
    case '=':
        if (sig == '=' && set_delims(P, a, b, line) < 0)
            return -1;
        if (sa)
            strip_line(P, eol);
        else
            flush(P, ts);
        return 0;
    case '#':
    case '^':
        if (sa)
            strip_line(P, eol);
        else
            flush(P, ts);
        o.type = sig == '#' ? MN_SECTION : MN_INVERTED;
        o.node = add_node(P, o.type, line);
        o.name_off = (uint32_t)a;
        o.name_len = (uint32_t)(b - a);
        if (set_name(P, o.node, a, b, line, true) < 0)
            return -1;
        return push(P, &o);
    case '/':
        return close_tag(P, ts, a, b, lc, rc, eol, line);
    case '$':
        o.type = MN_BLOCK;
        o.name_off = (uint32_t)a;
        o.name_len = (uint32_t)(b - a);
        return open_block(P, &o, rc, ts, eol);
    default: /* '>' and '<' */
        break;
    }
    bool dyn = a < b && s[a] == '*';
    if (dyn) {
        a++;
        trim(s, &a, &b);
    }
    uint32_t i;
    if (sig == '>') {
        if (sa) {
            i = add_node(P, MN_PARTIAL, line);
            P->t->nodes[i].flags = MF_STANDALONE;
            P->t->nodes[i].ioff = o.lead_off;
            P->t->nodes[i].ilen = o.lead_len;
            strip_line(P, eol);
        } else {
            flush(P, ts);
            i = add_node(P, MN_PARTIAL, line);
        }
    } else {
        if (!ignoring(P)) {
            if (lc) { /* kept or dropped when the closing tag is seen */
                if (P->pend_bol) {
                    o.spec_a = add_node(P, P->first ? MN_FIRST : MN_INDENT, line);
                    P->first = false;
                }
                if (ts > P->ws_off) {
                    o.spec_b = add_node(P, MN_TEXT, line);
                    P->t->nodes[o.spec_b].off = (uint32_t)P->ws_off;
                    P->t->nodes[o.spec_b].len = (uint32_t)(ts - P->ws_off);
                }
            } else {
                flush(P, ts);
            }
        }
        P->pend_bol = P->clean = P->at_ls = false;
        i = add_node(P, MN_PARENT, line);
        o.type = MN_PARENT;
        o.node = i;
        o.dyn = dyn;
        o.name_off = (uint32_t)a;
        o.name_len = (uint32_t)(b - a);
    }
    if (dyn)
        P->t->nodes[i].flags |= MF_DYNAMIC;
    if (set_name(P, i, a, b, line, dyn) < 0)
        return -1;
    return sig == '<' ? push(P, &o) : 0;
}

static int parse(parser *P)
{
    while (P->pos < P->len) {
        const char *hit = memmem(P->s + P->pos, P->len - P->pos, P->otag, P->olen);
        size_t ts = hit ? (size_t)(hit - P->s) : P->len;
        text(P, P->pos, ts);
        P->pos = ts;
        if (hit && tag(P, ts) < 0)
            return -1;
    }
    if (P->depth) {
        const open_tag *o = &P->stack[P->depth - 1];
        return fail(P, o->line, "unclosed %s '%s%.*s'", kind_name(o->type), o->dyn ? "*" : "",
                    shown(o->name_len), P->s + o->name_off);
    }
    return 0;
}

mus_template *mus_compile(const char *src, size_t len, char **err)
{
    if (err)
        *err = NULL;
    if (len >= UINT32_MAX) {
        if (err)
            *err = xstrdup("line 1: template too large");
        return NULL;
    }
    mus_template *t = xcalloc(1, sizeof *t);
    t->src = len ? xstrndup(src, len) : xstrdup("");
    t->len = (uint32_t)len;
    parser P;
    memset(&P, 0, sizeof P);
    P.t = t;
    P.s = t->src;
    P.len = len;
    P.line = 1;
    P.otag = "{{";
    P.ctag = "}}";
    P.olen = P.clen = 2;
    P.at_ls = P.clean = P.pend_bol = true;
    buf_init(&P.close_brace);
    buf_init(&P.close_eq);
    buf_init(&P.dedent);
    set_closers(&P);
    int r = parse(&P);
    buf_free(&P.close_brace);
    buf_free(&P.close_eq);
    buf_free(&P.dedent);
    free(P.stack);
    if (r < 0) {
        if (err)
            *err = P.err;
        else
            free(P.err);
        mus_free(t);
        return NULL;
    }
    return t;
}

void mus_free(mus_template *t)
{
    if (!t)
        return;
    free(t->src);
    free(t->nodes);
    free(t->segs);
    free(t->name);
    free(t);
}
