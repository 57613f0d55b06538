/*
 * privacy.c - masking names and scrubbing personal data from free text.
 *
 * The scrubber walks the text once.  A "digit run" is a sequence of ASCII
 * or full-width digits in which single spaces or hyphens may separate
 * groups (138 0013 8000, 138-0013-8000); a trailing X/x ends an ID number.
 * A run is personal data when it has the shape of a mobile number (11
 * digits, 1[3-9]…), a landline with area code (0 + 9-11 digits), an ID
 * number (15 or 18) or a bank card (16-19).  Runs that read as dates
 * (2024-01-05) or shorter numbers (amounts, years, document numbers) stay.
 */
#include "privacy.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"

static const char *const compound_surnames[] = {
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容",
    "长孙", "宇文", "司徒", "司空", "夏侯", "令狐", "澹台", "公冶", "宗政",
    "濮阳", "淳于", "单于", "太叔", "申屠", "轩辕", "钟离", "闻人", "赫连",
    "南宫", "西门", "独孤", "端木", "百里", "东郭", "呼延", "万俟", "拓跋",
    "第五", "左丘", "谷梁", "闾丘", "梁丘", "羊舌", "微生", "公羊", "亓官",
    "司寇", "仉督", "子车", "颛孙", "巫马", "公西", "漆雕", "乐正", "壤驷",
    "段干", "东门", "南门", "呼邪", "即墨", "鲜于", "墨哈"};

char *privacy_mask_name(const char *name)
{
    size_t len = strlen(name);
    if (len == 0)
        return xstrdup("");
    size_t keep = 0;
    for (size_t i = 0; i < sizeof compound_surnames / sizeof *compound_surnames; i++) {
        size_t n = strlen(compound_surnames[i]);
        if (len > n && strncmp(name, compound_surnames[i], n) == 0) {
            keep = n;
            break;
        }
    }
    if (!keep) {
        uint32_t cp;
        keep = utf8_decode(name, len, &cp);
    }
    buf b;
    buf_init(&b);
    buf_add(&b, name, keep);
    buf_puts(&b, "某");
    return buf_detach(&b);
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

/* a separator allowed between digit groups: space, hyphen, full-width
 * hyphen or space; returns its byte length */
static size_t sep_at(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 1 && (u[0] == ' ' || u[0] == '-'))
        return 1;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8D) /* － */
        return 3;
    if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) /* U+3000 */
        return 3;
    return 0;
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

static bool is_word_byte(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

#define MAXGROUPS 8

/* scan a digit run at s; returns bytes consumed by the run (0 = no digit)
 * and whether it is personal data */
static size_t digit_run(const char *s, size_t n, bool *personal, unsigned what)
{
    size_t i = 0, end = 0;
    int digits = 0, first = -1, second = -1, groups = 0;
    int glen[MAXGROUPS] = {0};
    bool hyphen_only = true, has_x = false;
    for (;;) {
        int v;
        size_t k = digit_at(s + i, n - i, &v);
        if (!k)
            break;
        while (k) {
            if (digits == 0)
                first = v;
            else if (digits == 1)
                second = v;
            digits++;
            if (groups < MAXGROUPS)
                glen[groups]++;
            i += k;
            end = i;
            k = digit_at(s + i, n - i, &v);
        }
        groups++;
        size_t xs = x_at(s + i, n - i);
        if (xs && (digits == 17 || digits == 14)) {
            has_x = true;
            i += xs;
            end = i;
            break;
        }
        size_t sp = sep_at(s + i, n - i);
        if (!sp || !digit_at(s + i + sp, n - i - sp, &v))
            break;
        if (s[i] != '-' && sp != 3)
            hyphen_only = false;
        i += sp;
    }
    *personal = false;
    if (digits == 0)
        return 0;
    /* dates written with hyphens: 2024-1-5, 2024-01-05, 2023-01-01-2023-12-31 */
    bool datelike = hyphen_only && groups % 3 == 0 && groups <= MAXGROUPS;
    for (int g = 0; datelike && g < groups; g += 3)
        datelike = glen[g] == 4 && glen[g + 1] <= 2 && glen[g + 2] <= 2;
    if (!datelike) {
        if ((what & SCRUB_IDS) && (digits == 18 || (digits == 17 && has_x) || digits == 15))
            *personal = true;
        if ((what & SCRUB_CARDS) && digits >= 16 && digits <= 19)
            *personal = true;
        if ((what & SCRUB_PHONES) && digits == 11 && first == 1 && second >= 3)
            *personal = true;
        if ((what & SCRUB_PHONES) && digits == 13 && first == 8 && second == 6)
            *personal = true; /* +86 mobile */
        if ((what & SCRUB_PHONES) && first == 0 && digits >= 10 && digits <= 12)
            *personal = true;
        if (digits > 19 && (what & (SCRUB_IDS | SCRUB_CARDS)))
            *personal = true;
    }
    return end;
}

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

/* length of an e-mail domain after '@' (0 when not one) */
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

static void scrub_into(buf *out, const char *s, size_t n, unsigned what)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if ((what & SCRUB_EMAIL) && c == '@' && i > 0 && email_local((unsigned char)s[i - 1])) {
            size_t tail = email_tail(s + i + 1, n - i - 1);
            if (tail) {
                /* take back the local part already copied */
                size_t back = 0;
                while (back < out->len && email_local((unsigned char)out->p[out->len - back - 1]))
                    back++;
                out->len -= back;
                out->p[out->len] = 0;
                buf_puts(out, PRIVACY_MARK);
                i += 1 + tail;
                continue;
            }
        }
        int v;
        bool prev_word = i > 0 && (is_word_byte((unsigned char)s[i - 1]) ||
                                   ((unsigned char)s[i - 1] >= '0' && (unsigned char)s[i - 1] <= '9'));
        if (!prev_word && digit_at(s + i, n - i, &v)) {
            bool personal;
            size_t len = digit_run(s + i, n - i, &personal, what);
            if (personal)
                buf_puts(out, PRIVACY_MARK);
            else
                buf_add(out, s + i, len);
            i += len;
            continue;
        }
        buf_putc(out, (char)c);
        i++;
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
        size_t nl = strlen(name);
        const char *p = text, *q;
        while ((q = strstr(p, name))) {
            buf_add(&tmp, p, (size_t)(q - p));
            buf_puts(&tmp, mask);
            p = q + nl;
        }
        buf_puts(&tmp, p);
        scrub_into(&out, tmp.p, tmp.len, what);
        buf_free(&tmp);
    } else {
        scrub_into(&out, text, strlen(text), what);
    }
    return buf_detach(&out);
}

char *privacy_party_name(const gs_model *m, const gs_decision *d)
{
    if (d->party_type == PARTY_PERSON && m->settings.mask_names)
        return privacy_mask_name(d->party_name);
    return privacy_scrub(d->party_name, SCRUB_ALL, NULL, NULL);
}

char *privacy_legal_rep(const gs_model *m, const gs_decision *d)
{
    if (d->party_type != PARTY_ORG && m->settings.mask_names)
        return privacy_mask_name(d->legal_rep);
    return privacy_scrub(d->legal_rep, SCRUB_ALL, NULL, NULL);
}

char *privacy_decision_text(const gs_model *m, const gs_decision *d, const char *text)
{
    const char *name = NULL;
    char *mask = NULL;
    if (m->settings.mask_names) {
        if (d->party_type == PARTY_PERSON)
            name = d->party_name;
        else if (d->party_type == PARTY_GETI && d->legal_rep[0])
            name = d->legal_rep;
    }
    if (name && utf8_count(name) >= 2)
        mask = privacy_mask_name(name);
    else
        name = NULL;
    char *r = privacy_scrub(text, SCRUB_ALL, name, mask);
    free(mask);
    return r;
}

bool privacy_is_minor(const gs_decision *d)
{
    if (d->party_type != PARTY_PERSON || !d->id_no[0])
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
