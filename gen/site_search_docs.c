/*
 * site_search_docs.c - the searchable documents and the text
 * normalisation the search index is built on.
 *
 * Every field comes through privacy.c exactly as the public pages show
 * it: masked party names, scrubbed decision text, staff text without ID
 * or bank-card shapes.  Collection "s" holds officers, powers and policy
 * pages (in that order); collection "d" the published decisions, oldest
 * first, so a document's number is its rank by date.
 */
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "site_search.h"

/* a policy page's text is indexed (and stored for checking hits) up to
 * this many bytes */
#define SX_PAGE_TEXT_MAX 30000

void sx_doc_free(sx_doc *d)
{
    free(d->url);
    for (int i = 0; i < d->nf; i++)
        free(d->f[i]);
    memset(d, 0, sizeof *d);
}

/* ---- normalisation (search.js: norm) ---- */

static bool sx_keep(uint32_t c)
{
    if (c <= 0x20 || c == 0x7F)
        return false;
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c <= 0xBF || c == 0xD7 || c == 0xF7)
        return false;
    if (c >= 0x2000 && c <= 0x206F)
        return false;
    if (c >= 0x3000 && c <= 0x303F)
        return c >= 0x3005 && c <= 0x3007; /* 々 〆 〇 */
    if ((c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE6F))
        return false;
    if (c >= 0xFF00 && c <= 0xFF65)
        return false;
    return c != 0xFEFF && c != 0xFFFD;
}

void sx_norm(sx_cps *v, const char *s)
{
    size_t len = strlen(s);
    while (len) {
        uint32_t c;
        size_t k = utf8_decode(s, len, &c);
        s += k;
        len -= k;
        if (c >= 0xFF01 && c <= 0xFF5E)
            c -= 0xFEE0;
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (sx_keep(c))
            sx_cps_push(v, c);
    }
}

/* ---- plain text of sanitised HTML ---- */

static const struct {
    const char *name;
    uint32_t cp;
} entities[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'},
                {"apos", '\''}, {"nbsp", ' '}};

char *sx_html_text(const char *html)
{
    buf b;
    buf_init(&b);
    const char *p = html;
    while (*p && b.len < SX_PAGE_TEXT_MAX) {
        if (*p == '<') {
            const char *e = strchr(p, '>');
            if (!e)
                break;
            if (b.len && b.p[b.len - 1] != ' ')
                buf_putc(&b, ' ');
            p = e + 1;
            continue;
        }
        if (*p == '&') {
            const char *e = strchr(p, ';');
            uint32_t cp = 0;
            if (e && e - p <= 10) {
                if (p[1] == '#') {
                    cp = (uint32_t)((p[2] == 'x' || p[2] == 'X') ? strtoul(p + 3, NULL, 16)
                                                                  : strtoul(p + 2, NULL, 10));
                } else {
                    for (size_t i = 0; i < sizeof entities / sizeof *entities; i++)
                        if ((size_t)(e - p - 1) == strlen(entities[i].name) &&
                            strncmp(p + 1, entities[i].name, (size_t)(e - p - 1)) == 0)
                            cp = entities[i].cp;
                }
            }
            if (cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                char u[4];
                buf_add(&b, u, utf8_encode(cp, u));
                p = e + 1;
                continue;
            }
        }
        if (*p == '\n' || *p == '\r' || *p == '\t') {
            if (b.len && b.p[b.len - 1] != ' ')
                buf_putc(&b, ' ');
            p++;
            continue;
        }
        buf_putc(&b, *p++);
    }
    /* the limit may cut a character: drop an incomplete last sequence */
    size_t k = b.len;
    while (k && ((unsigned char)b.p[k - 1] & 0xC0) == 0x80)
        k--;
    if (k && !utf8_valid(b.p + k - 1, b.len - k + 1)) {
        b.len = k - 1;
        b.p[b.len] = 0;
    }
    return buf_detach(&b);
}

/* ---- documents ---- */

static void add_field(sx_doc *d, char *s)
{
    if (d->nf < SX_MAXF)
        d->f[d->nf++] = s ? s : xstrdup("");
    else
        free(s);
}

void sx_src_init(sx_src *src, site *s, char name)
{
    memset(src, 0, sizeof *src);
    src->s = s;
    src->name = name;
    if (name == 'd') {
        src->order = site_live_order(s, &src->n);
    } else {
        const gs_model *m = s->m;
        src->n_off = m->officers.n;
        src->n_pow = m->powers.n;
        src->n = m->officers.n + m->powers.n + m->pages.n;
    }
}

/* the document's title and subtitle: one place, so the exact-title
 * table (which keeps no text) makes them again exactly as indexed */
char *sx_title(const sx_src *src, size_t id, int field)
{
    const gs_model *m = src->s->m;
    if (src->name == 'd') {
        const gs_decision *x = &m->decisions.v[src->order[id]];
        return field ? privacy_party_name(m, x) : xstrdup(x->doc_no);
    }
    if (id < src->n_off) {
        const gs_officer *of = &m->officers.v[id];
        return xstrdup(field ? of->cert_no : of->name);
    }
    id -= src->n_off;
    if (id < src->n_pow) {
        const gs_power *p = &m->powers.v[id];
        return xstrdup(field ? p->code : p->name);
    }
    id -= src->n_pow;
    const gs_page *pg = &m->pages.v[id];
    return xstrdup(field ? pg->section : pg->title);
}

static void get_decision(const sx_src *src, size_t id, sx_doc *d)
{
    site *s = src->s;
    const gs_model *m = s->m;
    const gs_decision *x = &m->decisions.v[src->order[id]];
    d->kind = 'd';
    d->url = decision_url(x);
    d->date = x->date;
    d->cat = x->category;
    d->agency = x->agency;
    add_field(d, sx_title(src, id, 0));
    add_field(d, sx_title(src, id, 1));
    add_field(d, privacy_decision_text(m, x, x->violation_type));
    add_field(d, privacy_decision_text(m, x, x->facts));
    add_field(d, privacy_decision_text(m, x, x->conclusion));
    add_field(d, privacy_decision_text(m, x, x->basis));
    add_field(d, xstrdup(x->place));
    if (publish_status(x, s->today) != ST_VALID)
        add_field(d, privacy_decision_text(m, x, x->status_note));
}

static char *staff(const char *t)
{
    return privacy_scrub(t, SCRUB_STAFF, NULL, NULL);
}

void sx_get(const sx_src *src, size_t id, sx_doc *d)
{
    memset(d, 0, sizeof *d);
    d->date = GS_NODATE;
    d->cat = d->agency = -1;
    if (src->name == 'd') {
        get_decision(src, id, d);
        return;
    }
    const gs_model *m = src->s->m;
    add_field(d, sx_title(src, id, 0));
    add_field(d, sx_title(src, id, 1));
    if (id < src->n_off) {
        const gs_officer *of = &m->officers.v[id];
        d->kind = 'o';
        d->url = xasprintf("officers/%s.html", of->slug);
        d->agency = of->agency;
        add_field(d, xstrdup(of->title));
        add_field(d, xstrdup(of->categories));
        add_field(d, xstrdup(of->area));
        return;
    }
    id -= src->n_off;
    if (id < src->n_pow) {
        const gs_power *p = &m->powers.v[id];
        d->kind = 'p';
        d->url = xasprintf("powers/index.html#pw%zu", id + 1);
        d->agency = p->agency;
        d->cat = gs_lookup(gs_category_names, CAT_COUNT, p->type);
        add_field(d, xstrdup(p->type));
        add_field(d, staff(p->basis));
        add_field(d, staff(p->duties));
        add_field(d, xstrdup(p->time_limit));
        add_field(d, xstrdup(p->fees));
        return;
    }
    id -= src->n_pow;
    const gs_page *pg = &m->pages.v[id];
    d->kind = 'g';
    d->url = xasprintf("%s.html", pg->slug);
    d->agency = pg->agency;
    d->date = pg->date;
    char *html = staff(pg->html);
    add_field(d, sx_html_text(html));
    free(html);
}
