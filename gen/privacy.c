/*
 * privacy.c - masking names and scrubbing personal data from free text.
 *
 * The scrubber walks the text once.  At a digit it reads a "run": groups
 * of ASCII or full-width digits joined by one separator each (space,
 * hyphen, dot, slash, full-width or no-break space, &nbsp;) or by markup
 * that shows nothing (an HTML tag, Markdown emphasis * _ ` ~), a trailing
 * X/x ending an ID number.  The run is then cut into pieces: a date
 * (2024-01-05, 2024.1.5, 2024/1/5) stays as written; otherwise the longest
 * run of groups starting here that has the shape of personal data is
 * replaced by PRIVACY_MARK (markup inside it is kept so HTML stays
 * balanced), else one group is kept and the next one tried.
 *
 * Shapes: an ID number (18 digits or 17 + X; 15 digits with a birth date;
 * grouped ones must carry a plausible birth date), a mobile number (11
 * digits 1[3-9]…, also after +86 / 0086), a landline (0 + area code +
 * 7-8 digits, also with the area code in brackets), a bank card (16-19
 * digits, grouped ones in fours or 6+rest, starting 3-9) and any longer
 * digit run.  An 18-digit run that is a valid 统一社会信用代码 and not a
 * valid ID stays.  A run glued to a Latin letter (MA1234…, JY1410…) is a
 * code, not personal data, unless it is exactly a mobile number or a
 * valid ID number.  Amounts, years, document and article numbers are
 * shorter than every shape and stay.
 */
#include "privacy.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"

/* two characters of three UTF-8 bytes each */
static const char compound_surnames[][7] = {
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容",
    "长孙", "宇文", "司徒", "司空", "夏侯", "令狐", "澹台", "公冶", "宗政",
    "濮阳", "淳于", "单于", "太叔", "申屠", "轩辕", "钟离", "闻人", "赫连",
    "南宫", "西门", "独孤", "端木", "百里", "东郭", "呼延", "万俟", "拓跋",
    "第五", "左丘", "谷梁", "闾丘", "梁丘", "羊舌", "微生", "公羊", "亓官",
    "司寇", "仉督", "子车", "颛孙", "巫马", "公西", "漆雕", "乐正", "壤驷",
    "段干", "东门", "南门", "呼邪", "即墨", "鲜于", "墨哈"};

/* bytes of name kept by the mask: a compound surname or the first character */
static size_t surname_len(const char *name, size_t len)
{
    if (len > 6)
        for (size_t i = 0; i < sizeof compound_surnames / sizeof *compound_surnames; i++)
            if (memcmp(name, compound_surnames[i], 6) == 0)
                return 6;
    uint32_t cp;
    return len ? utf8_decode(name, len, &cp) : 0;
}

char *privacy_mask_name(const char *name)
{
    size_t len = strlen(name);
    if (len == 0)
        return xstrdup("");
    buf b;
    buf_init(&b);
    buf_add(&b, name, surname_len(name, len));
    buf_puts(&b, "某");
    return buf_detach(&b);
}

/* ---- character classes ---- */

static bool bytes_at(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && memcmp(s, lit, k) == 0;
}

/* digit at s? returns its byte length (1 ASCII, 3 full-width) and value */
static size_t digit_at(const char *s, size_t n, int *val)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 1 && u[0] >= '0' && u[0] <= '9') {
        *val = u[0] - '0';
        return 1;
    }
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
        *val = u[2] - 0x90;
        return 3;
    }
    return 0;
}

static bool is_digit_at(const char *s, size_t n)
{
    int v;
    return digit_at(s, n, &v) != 0;
}

/* a separator between digit groups; *code is '-', '.', '/' or ' ' */
static size_t sep_at(const char *s, size_t n, char *code)
{
    static const struct {
        const char *lit;
        char code;
    } seps[] = {
        {" ", ' '}, {"-", '-'}, {".", '.'}, {"/", '/'},
        {"\xE3\x80\x80", ' '}, /* U+3000 */
        {"\xC2\xA0", ' '},     /* no-break space */
        {"&nbsp;", ' '}, {"&#160;", ' '},
        {"\xEF\xBC\x8D", '-'}, /* － */
        {"\xE2\x80\x90", '-'}, /* ‐ */
        {"\xE2\x80\x91", '-'}, /* ‑ */
        {"\xE2\x80\x93", '-'}, /* – */
        {"\xEF\xBC\x8E", '.'}, /* ． */
        {"\xEF\xBC\x8F", '/'}, /* ／ */
    };
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
        if (bytes_at(s, n, seps[i].lit)) {
            *code = seps[i].code;
            return strlen(seps[i].lit);
        }
    return 0;
}

/* markup that shows nothing between digits: an HTML tag or Markdown
 * emphasis markers */
static size_t join_at(const char *s, size_t n)
{
    if (n >= 3 && s[0] == '<') {
        unsigned char c = (unsigned char)s[1];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!'))
            return 0;
        for (size_t i = 1; i < n && i < 256; i++) {
            if (s[i] == '>')
                return i + 1;
            if (s[i] == '<' || s[i] == '\n')
                return 0;
        }
        return 0;
    }
    size_t i = 0;
    while (i < n && i < 3 && (s[i] == '*' || s[i] == '_' || s[i] == '`' || s[i] == '~'))
        i++;
    return i;
}

static size_t x_at(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 1 && (u[0] == 'X' || u[0] == 'x'))
        return 1;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0xB8) /* Ｘ */
        return 3;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBD && u[2] == 0x98) /* ｘ */
        return 3;
    return 0;
}

static bool is_latin(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

/* ---- digit runs ---- */

#define MAXG 16     /* groups in one run */
#define MAXSPAN 6   /* groups in one piece of personal data */
#define MAXDIG 24   /* digits kept per piece for the checks */

enum { GAP_END, GAP_PLAIN, GAP_SLASH, GAP_JOIN };

typedef struct group {
    size_t s, e;  /* bytes of the digits (and a trailing X) */
    int nd;       /* digits */
    bool x;       /* ends in X */
    char dig[MAXDIG];
    int gap;      /* what joins it to the next group */
    char sep;     /* the gap's separator code, 0 when only markup */
} group;

/* read the run at s (a digit); returns the number of groups */
static int read_run(const char *s, size_t n, group *g)
{
    int ng = 0;
    size_t i = 0;
    while (ng < MAXG) {
        group *c = &g[ng++];
        memset(c, 0, sizeof *c);
        c->s = i;
        int v;
        size_t k;
        while ((k = digit_at(s + i, n - i, &v))) {
            if (c->nd < MAXDIG)
                c->dig[c->nd] = (char)('0' + v);
            c->nd++;
            i += k;
        }
        size_t xs = x_at(s + i, n - i);
        if (xs && !(i + xs < n && (is_latin((unsigned char)s[i + xs]) ||
                                   is_digit_at(s + i + xs, n - i - xs)))) {
            c->x = true;
            i += xs;
        }
        c->e = i;
        if (c->x)
            break;
        size_t q = i;
        int joins = 0;
        char sep = 0;
        for (;;) {
            char code;
            if (joins < 4 && (k = join_at(s + q, n - q))) {
                q += k;
                joins++;
            } else if (!sep && (k = sep_at(s + q, n - q, &code))) {
                q += k;
                sep = code;
            } else {
                break;
            }
        }
        if (q == i || !is_digit_at(s + q, n - q))
            break;
        c->gap = sep == '/' ? GAP_SLASH : sep ? GAP_PLAIN : GAP_JOIN;
        c->sep = sep;
        i = q;
    }
    g[ng - 1].gap = GAP_END;
    return ng;
}

static int num(const char *d, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (d[i] - '0');
    return v;
}

/* groups i, i+1, i+2 read as a date: 2024-01-05, 2024.1.5, 2024/1/5 */
static bool date_at(const group *g, int ng, int i)
{
    if (i + 2 >= ng)
        return false;
    const group *y = &g[i], *m = &g[i + 1], *d = &g[i + 2];
    if (y->nd != 4 || m->nd < 1 || m->nd > 2 || d->nd < 1 || d->nd > 2 || d->x)
        return false;
    if (y->sep == ' ' || !y->sep || y->sep != m->sep)
        return false;
    int yy = num(y->dig, 4), mm = num(m->dig, m->nd), dd = num(d->dig, d->nd);
    return yy >= 1900 && yy <= 2199 && mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
}

/* YYYYMMDD (or YYMMDD) at d is a plausible birth date */
static bool birth_ok(const char *d, bool short_year)
{
    int y = short_year ? 1900 + num(d, 2) : num(d, 4);
    const char *md = d + (short_year ? 2 : 4);
    if (y < 1900 || y > 2099)
        return false;
    return date_from_ymd(y, num(md, 2), num(md + 2, 2)) != GS_NODATE;
}

typedef struct piece {
    char d[MAXDIG + 2]; /* the digits (NUL-terminated, cut at MAXDIG) */
    int nd;             /* all digits */
    bool x;
    int nl;             /* groups split by a separator (markup does not split) */
    int len[MAXSPAN];   /* their digit counts */
    bool mixed;         /* the separators differ */
} piece;

/* groups [i, j) as one piece; false when a slash splits it */
static bool make_piece(const group *g, int i, int j, piece *p)
{
    memset(p, 0, sizeof *p);
    for (int k = i; k < j; k++) {
        if (k > i && g[k - 1].gap == GAP_SLASH)
            return false;
        if (k == i || g[k - 1].gap == GAP_PLAIN)
            p->nl++;
        if (k > i + 1 && g[k - 1].sep != g[i].sep)
            p->mixed = true;
        p->len[p->nl - 1] += g[k].nd;
        for (int t = 0; t < g[k].nd && t < MAXDIG && p->nd + t < MAXDIG; t++)
            p->d[p->nd + t] = g[k].dig[t];
        p->nd += g[k].nd;
    }
    p->x = g[j - 1].x;
    p->d[p->nd < MAXDIG ? p->nd : MAXDIG] = 0;
    return true;
}

static bool is_mobile(const char *d, int nd)
{
    return nd == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

bool privacy_has_mobile_shape(const char *s, size_t n)
{
    size_t run = 0; /* decimal digits ending at i */
    for (size_t i = 0; i < n; i++) {
        run = s[i] >= '0' && s[i] <= '9' ? run + 1 : 0;
        if (run >= 11 && s[i - 10] == '1' && s[i - 9] >= '3' && s[i - 9] <= '9')
            return true;
    }
    return false;
}

static bool groups_at_least(const piece *p, int from, int min)
{
    for (int k = from; k < p->nl; k++)
        if (p->len[k] < min)
            return false;
    return true;
}

static bool id18_shape(const piece *p)
{
    return (p->nd == 18 && !p->x) || (p->nd == 17 && p->x);
}

static bool id18_valid(const piece *p)
{
    char id[19];
    memcpy(id, p->d, 17);
    id[17] = p->x ? 'X' : p->d[17];
    id[18] = 0;
    return id_number_valid(id);
}

/* is piece p personal data of a kind `what` asks for?  weak: glued to a
 * Latin letter; plus: a '+' right before it */
static bool personal(const piece *p, unsigned what, bool weak, bool plus)
{
    int nd = p->nd;
    const char *d = p->d;
    /* an all-digit 统一社会信用代码 */
    if (p->nl == 1 && nd == 18 && !p->x && credit_code_valid(d) && !id18_valid(p))
        return false;
    if (weak)
        return p->nl == 1 &&
               (((what & SCRUB_PHONES) && is_mobile(d, nd) && !p->x) ||
                ((what & SCRUB_IDS) && id18_shape(p) && id18_valid(p)));
    if (what & SCRUB_PHONES) {
        int cc = 0; /* country code 86 after '+', or 0086 */
        if (plus && nd > 2 && d[0] == '8' && d[1] == '6')
            cc = 2;
        else if (nd > 4 && memcmp(d, "0086", 4) == 0)
            cc = 4;
        if (cc && (p->nl == 1 || p->len[0] == cc) && !p->x) {
            const char *r = d + cc;
            int rn = nd - cc;
            if (is_mobile(r, rn) || (rn >= 9 && rn <= 11 && r[0] != '0' && r[0] != '1'))
                return true;
        }
        if (!p->x && is_mobile(d, nd) && (p->nl == 1 || (p->nl <= 4 && groups_at_least(p, 0, 3))))
            return true;
        if (!p->x && d[0] == '0') {
            if (p->nl == 1 && nd >= 10 && nd <= 12)
                return true;
            if (p->nl >= 2 && p->len[0] >= 3 && p->len[0] <= 4 && nd - p->len[0] >= 7 &&
                nd - p->len[0] <= 8 && groups_at_least(p, 1, 3))
                return true;
        }
    }
    if (what & SCRUB_IDS) {
        if (id18_shape(p)) {
            if (p->nl == 1 || birth_ok(d + 6, false)) {
                return true;
            }
        }
        if (nd == 15 && !p->x && birth_ok(d + 6, true))
            return true;
    }
    if ((what & SCRUB_CARDS) && !p->x && nd >= 16 && nd <= 19) {
        if (p->nl == 1)
            return true;
        bool fours = true;
        for (int k = 0; k + 1 < p->nl; k++)
            fours &= p->len[k] == 4;
        if ((fours || (p->nl == 2 && p->len[0] == 6)) && d[0] >= '3' && !p->mixed)
            return true;
    }
    if ((what & (SCRUB_IDS | SCRUB_CARDS)) && p->nl == 1 && nd > 19)
        return true;
    return false;
}

/* copy the markup (not digits or separators) found in s[a, b) */
static void keep_markup(buf *out, const char *s, size_t a, size_t b)
{
    size_t i = a;
    while (i < b) {
        size_t k = join_at(s + i, b - i);
        if (k) {
            buf_add(out, s + i, k);
            i += k;
        } else {
            i++;
        }
    }
}

/* scrub the run at s[0..) (starting at a digit); returns bytes consumed */
static size_t scrub_run(buf *out, const char *s, size_t n, unsigned what, bool weak,
                        bool plus)
{
    group g[MAXG];
    int ng = read_run(s, n, g);
    int i = 0;
    while (i < ng) {
        if (date_at(g, ng, i)) {
            buf_add(out, s + g[i].s, g[i + 2].e - g[i].s);
            i += 3;
        } else {
            int best = 0;
            int top = ng < i + MAXSPAN ? ng : i + MAXSPAN;
            for (int j = top; j > i && !best; j--) {
                piece p;
                if (make_piece(g, i, j, &p) &&
                    personal(&p, what, weak && i == 0, plus && i == 0))
                    best = j;
            }
            if (best) {
                if (plus && i == 0 && out->len && out->p[out->len - 1] == '+')
                    out->p[--out->len] = 0; /* "+86 …": the '+' goes too */
                buf_puts(out, PRIVACY_MARK);
                keep_markup(out, s, g[i].s, g[best - 1].e);
                i = best;
            } else {
                buf_add(out, s + g[i].s, g[i].e - g[i].s);
                i++;
            }
        }
        if (i < ng) /* the gap before group i, as written */
            buf_add(out, s + g[i - 1].e, g[i].s - g[i - 1].e);
    }
    return g[ng - 1].e;
}

/* "(0379)61234567", "（0379）6123 4567": length when s starts with a
 * landline whose area code is in brackets, else 0 */
static size_t bracket_landline(const char *s, size_t n)
{
    size_t i;
    if (bytes_at(s, n, "("))
        i = 1;
    else if (bytes_at(s, n, "\xEF\xBC\x88")) /* （ */
        i = 3;
    else
        return 0;
    int v, area = 0;
    size_t k;
    while ((k = digit_at(s + i, n - i, &v))) {
        if (area == 0 && v != 0)
            return 0;
        area++;
        i += k;
    }
    if (area < 3 || area > 4)
        return 0;
    if (bytes_at(s + i, n - i, ")"))
        i += 1;
    else if (bytes_at(s + i, n - i, "\xEF\xBC\x89")) /* ） */
        i += 3;
    else
        return 0;
    char code;
    if (!is_digit_at(s + i, n - i) && (k = sep_at(s + i, n - i, &code)) && code != '/')
        i += k;
    group g[MAXG];
    if (!is_digit_at(s + i, n - i))
        return 0;
    int ng = read_run(s + i, n - i, g);
    int nd = 0;
    for (int j = 0; j < ng; j++) {
        nd += g[j].nd;
        if ((nd == 7 || nd == 8) && !g[j].x && (j == 0 || g[j - 1].gap != GAP_SLASH))
            return i + g[j].e;
        if (nd > 8)
            break;
    }
    return 0;
}

/* ---- e-mail ---- */

static bool email_local(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static bool email_domain(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '-';
}

/* length of an e-mail domain after '@' (0 when not one): labels joined by
 * dots, the last of at least two letters */
static size_t email_tail(const char *s, size_t n)
{
    size_t i = 0, lastdot = 0;
    while (i < n && email_domain((unsigned char)s[i])) {
        if (s[i] == '.')
            lastdot = i;
        i++;
    }
    while (i > 0 && (s[i - 1] == '.' || s[i - 1] == '-'))
        i--;
    if (lastdot == 0 || lastdot + 2 >= i + 1)
        return 0;
    for (size_t k = lastdot + 1; k < i; k++)
        if (!((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z')))
            return 0;
    return i - lastdot - 1 >= 2 ? i : 0;
}

/* '@' or '＠' at s: its length */
static size_t at_sign(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '@')
        return 1;
    if (bytes_at(s, n, "\xEF\xBC\xA0"))
        return 3;
    return 0;
}

/* bytes where something may start: digits, '@', '(', and the first byte
 * of full-width digits, ＠ and （ (EF) */
static bool special(unsigned char c)
{
    return (c >= '0' && c <= '9') || c == '@' || c == '(' || c == 0xEF;
}

static void scrub_into(buf *out, const char *s, size_t n, unsigned what)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && !special((unsigned char)s[j]))
            j++;
        if (j > i) { /* plain text in one piece */
            buf_add(out, s + i, j - i);
            i = j;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        size_t k;
        if ((what & SCRUB_EMAIL) && i > 0 && email_local((unsigned char)s[i - 1]) &&
            (k = at_sign(s + i, n - i))) {
            size_t tail = email_tail(s + i + k, n - i - k);
            if (tail) {
                /* take back the local part already copied */
                size_t back = 0;
                while (back < out->len && email_local((unsigned char)out->p[out->len - back - 1]))
                    back++;
                out->len -= back;
                out->p[out->len] = 0;
                buf_puts(out, PRIVACY_MARK);
                i += k + tail;
                continue;
            }
        }
        if ((what & SCRUB_PHONES) && (c == '(' || c == 0xEF) &&
            (k = bracket_landline(s + i, n - i))) {
            buf_puts(out, PRIVACY_MARK);
            i += k;
            continue;
        }
        if (is_digit_at(s + i, n - i)) {
            bool weak = i > 0 && is_latin((unsigned char)s[i - 1]);
            bool plus = i > 0 && s[i - 1] == '+';
            i += scrub_run(out, s + i, n - i, what, weak, plus);
            continue;
        }
        /* not the start of anything: copy the whole character */
        uint32_t cp;
        k = utf8_decode(s + i, n - i, &cp);
        buf_add(out, s + i, k);
        i += k;
    }
}

/* ---- names ---- */

/* a separator people put inside names: spaces, middle dots */
static size_t name_sep_at(const char *s, size_t n)
{
    static const char *const seps[] = {" ", "\xE3\x80\x80", "\xC2\xA0", "\xC2\xB7",
                                       "\xE3\x83\xBB", "\xE2\x80\xA2", "\xE2\x80\xA7"};
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
        if (bytes_at(s, n, seps[i]))
            return strlen(seps[i]);
    return 0;
}

/* name at s, its characters possibly spaced ("张 三 丰", "买买提 · 艾力"):
 * matched length.  Separators in the name itself are optional too. */
static size_t name_at(const char *s, size_t n, const char *name, size_t nl)
{
    size_t i = 0, j = 0;
    bool first = true;
    while (j < nl) {
        size_t sp = name_sep_at(name + j, nl - j);
        if (sp) {
            j += sp;
            continue;
        }
        if (!first)
            for (int seps = 0; seps < 3 && (sp = name_sep_at(s + i, n - i)); seps++)
                i += sp;
        first = false;
        uint32_t cp;
        size_t k = utf8_decode(name + j, nl - j, &cp);
        if (i + k > n || memcmp(s + i, name + j, k) != 0)
            return 0;
        i += k;
        j += k;
    }
    return i;
}

/* text with every form of name replaced by mask; when mask is the
 * surname + 某, a given name of two or more characters standing alone
 * becomes 某 too */
static void replace_name(buf *out, const char *s, size_t n, const char *name,
                         const char *mask)
{
    size_t nl = strlen(name), ml = strlen(mask);
    const char *given = NULL;
    size_t gl = 0;
    size_t keep = surname_len(name, nl);
    if (ml == keep + strlen("某") && strncmp(mask, name, keep) == 0 &&
        strcmp(mask + keep, "某") == 0 && utf8_count(name + keep) >= 2) {
        given = name + keep;
        gl = nl - keep;
    }
    uint32_t cp;
    size_t f1 = utf8_decode(name, nl, &cp), f2 = given ? utf8_decode(given, gl, &cp) : 0;
    size_t i = 0;
    /* the next place each first character occurs, found again only once
     * passed (so the walk stays linear) */
    const char *p1 = NULL, *p2 = NULL;
    bool more1 = true, more2 = given != NULL;
    while (i < n) {
        if (more1 && (!p1 || p1 < s + i))
            more1 = (p1 = memmem(s + i, n - i, name, f1)) != NULL;
        if (more2 && (!p2 || p2 < s + i))
            more2 = (p2 = memmem(s + i, n - i, given, f2)) != NULL;
        if (!more1)
            p1 = NULL;
        if (!more2)
            p2 = NULL;
        const char *p = p1 && (!p2 || p1 <= p2) ? p1 : p2;
        if (!p) {
            buf_add(out, s + i, n - i);
            break;
        }
        size_t at = (size_t)(p - s), k;
        buf_add(out, s + i, at - i);
        i = at;
        if (p == p1 && (k = name_at(s + i, n - i, name, nl))) {
            buf_add(out, mask, ml);
            i += k;
        } else if (given && (k = name_at(s + i, n - i, given, gl))) {
            buf_puts(out, "某");
            i += k;
        } else {
            k = utf8_decode(s + i, n - i, &cp);
            buf_add(out, s + i, k);
            i += k;
        }
    }
}

char *privacy_scrub(const char *text, unsigned what, const char *name, const char *mask)
{
    buf out;
    buf_init(&out);
    buf_grow(&out, strlen(text));
    if (name && *name && mask && strcmp(name, mask) != 0) {
        buf tmp;
        buf_init(&tmp);
        replace_name(&tmp, text, strlen(text), name, mask);
        scrub_into(&out, tmp.p ? tmp.p : "", tmp.len, what);
        buf_free(&tmp);
    } else {
        scrub_into(&out, text, strlen(text), what);
    }
    return buf_detach(&out);
}

/* the natural person whose name the text must not show: the party, or a
 * 个体工商户's operator; NULL when none (or names are published in full) */
static const char *person_name(const gs_model *m, const gs_decision *d)
{
    if (!m->settings.mask_names)
        return NULL;
    const char *name = NULL;
    if (d->party_type == PARTY_PERSON)
        name = d->party_name;
    else if (d->party_type == PARTY_GETI)
        name = d->legal_rep;
    return name && utf8_count(name) >= 2 ? name : NULL;
}

static char *scrub_with_name(const gs_model *m, const gs_decision *d, const char *text)
{
    const char *name = person_name(m, d);
    char *mask = name ? privacy_mask_name(name) : NULL;
    char *r = privacy_scrub(text ? text : "", SCRUB_ALL, name, mask);
    free(mask);
    return r;
}

char *privacy_party_name(const gs_model *m, const gs_decision *d)
{
    if (d->party_type == PARTY_PERSON && m->settings.mask_names)
        return privacy_mask_name(d->party_name);
    /* a 个体工商户 may trade under its operator's name */
    return scrub_with_name(m, d, d->party_name);
}

char *privacy_legal_rep(const gs_model *m, const gs_decision *d)
{
    if (d->party_type != PARTY_ORG && m->settings.mask_names)
        return privacy_mask_name(d->legal_rep);
    return privacy_scrub(d->legal_rep, SCRUB_ALL, NULL, NULL);
}

char *privacy_decision_text(const gs_model *m, const gs_decision *d, const char *text)
{
    return scrub_with_name(m, d, text);
}

bool privacy_is_minor(const gs_decision *d)
{
    if (d->party_type != PARTY_PERSON || !d->id_no || !d->id_no[0])
        return false;
    gs_date birth = id_birthdate(d->id_no);
    if (birth == GS_NODATE || d->date == GS_NODATE)
        return false;
    int by, bm, bd, y, mo, dd;
    date_to_ymd(birth, &by, &bm, &bd);
    date_to_ymd(d->date, &y, &mo, &dd);
    int age = y - by - ((mo < bm || (mo == bm && dd < bd)) ? 1 : 0);
    return age < 18;
}
