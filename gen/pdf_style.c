/*
 * pdf_style.c - document style files (templates/print/KIND.yaml): page
 * size, margins, font files, font sizes and colours of one kind of print
 * product, so that a county restyles its PDFs without touching C.
 *
 * The YAML is flattened into dotted keys ("size.body", "font.fallback.0"),
 * each with its line for diagnostics.  Every lookup names a built-in
 * default; a value of the wrong shape is reported and the default used, so
 * a typo never stops the build.  A style is read-only once parsed (the
 * documents of a build share it across threads).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "diag.h"
#include "pdf.h"
#include "yamldoc.h"

typedef struct sentry {
    char *key, *val;
    uint32_t line;
} sentry;

struct pdf_style {
    char *file;
    bool from_file;   /* read from file (else the built-in defaults) */
    uint64_t hash[2]; /* XXH3-128 of the file's bytes */
    GS_VEC(sentry) e;
};

static void flatten(pdf_style *st, yaml_document_t *doc, yaml_node_t *n, buf *key, int depth)
{
    if (!n || depth > 16)
        return;
    size_t keep = key->len;
    if (n->type == YAML_SCALAR_NODE) {
        if (!key->len)
            return;
        sentry *e = GS_PUSH(st->e);
        e->key = xstrndup(key->p, key->len);
        e->val = xstrdup(ydoc_is_null(n) ? "" : ydoc_scalar(n));
        e->line = ydoc_line(n, 0);
    } else if (n->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
            const char *k = ydoc_scalar(yaml_document_get_node(doc, p->key));
            if (!k) {
                pdf_warn(st->file, ydoc_line(yaml_document_get_node(doc, p->key), 0),
                         "style keys must be plain words");
                continue;
            }
            if (key->len)
                buf_putc(key, '.');
            buf_puts(key, k);
            flatten(st, doc, yaml_document_get_node(doc, p->value), key, depth + 1);
            key->len = keep;
            key->p[keep] = 0;
        }
    } else if (n->type == YAML_SEQUENCE_NODE) {
        unsigned i = 0;
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
             it++, i++) {
            buf_printf(key, "%s%u", key->len ? "." : "", i);
            flatten(st, doc, yaml_document_get_node(doc, *it), key, depth + 1);
            key->len = keep;
            key->p[keep] = 0;
        }
    }
}

pdf_style *pdf_style_parse(const char *text, size_t len, const char *file)
{
    pdf_style *st = xcalloc(1, sizeof *st);
    st->file = xstrdup(file);
    if (!text)
        return st;
    yaml_document_t doc;
    if (!ydoc_load(&doc, text, len, file, 0))
        return st;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root && root->type != YAML_MAPPING_NODE && !ydoc_is_null(root))
        pdf_warn(file, ydoc_line(root, 0), "a style file is a mapping of settings; ignored");
    else if (root) {
        buf key;
        buf_init(&key);
        buf_puts(&key, "");
        flatten(st, &doc, root, &key, 0);
        buf_free(&key);
    }
    yaml_document_delete(&doc);
    return st;
}

pdf_style *pdf_style_load(const tpl_dirs *dirs, const char *kind)
{
    for (size_t i = 0; i < dirs->n; i++) {
        char *path = xasprintf("%s/print/%s.yaml", dirs->v[i], kind);
        size_t len;
        char *text = read_file(path, &len);
        if (text) {
            pdf_style *st = pdf_style_parse(text, len, path);
            st->from_file = true;
            hash128(text, len, st->hash);
            free(text);
            free(path);
            return st;
        }
        free(path);
    }
    char *name = xasprintf("print/%s.yaml", kind);
    pdf_style *st = pdf_style_parse(NULL, 0, name);
    free(name);
    return st;
}

void pdf_style_free(pdf_style *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->e.n; i++) {
        free(st->e.v[i].key);
        free(st->e.v[i].val);
    }
    free(st->e.v);
    free(st->file);
    free(st);
}

const char *pdf_style_file(const pdf_style *st)
{
    return st->file;
}

void pdf_style_digest(const pdf_style *st, dg *d)
{
    dg_str(d, st->file);
    dg_u64(d, st->from_file);
    dg_u64(d, st->hash[0]);
    dg_u64(d, st->hash[1]);
}

static const sentry *find(const pdf_style *st, const char *key)
{
    for (size_t i = st->e.n; i-- > 0;) /* a later duplicate wins */
        if (strcmp(st->e.v[i].key, key) == 0)
            return &st->e.v[i];
    return NULL;
}

/* reported each time it is read: pdf_finish passes each distinct warning
 * on once (documents may be made on several threads) */
static void bad(const pdf_style *st, const sentry *e, const char *want)
{
    pdf_warn(st->file, e->line, "%s: expected %s; the built-in default is used", e->key, want);
}

const char *pdf_style_str(const pdf_style *st, const char *key, const char *def)
{
    const sentry *e = find(st, key);
    return e && *e->val ? e->val : def;
}

static bool parse_num(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (end == s || *end || v != v || v > 1e6 || v < -1e6)
        return false;
    *out = v;
    return true;
}

double pdf_style_num(const pdf_style *st, const char *key, double def)
{
    const sentry *e = find(st, key);
    double v;
    if (!e || !*e->val)
        return def;
    if (!parse_num(e->val, &v)) {
        bad(st, e, "a number");
        return def;
    }
    return v;
}

double pdf_style_mm(const pdf_style *st, const char *key, double def_mm)
{
    double v = pdf_style_num(st, key, def_mm);
    if (v < 0) {
        const sentry *e = find(st, key);
        if (e)
            bad(st, e, "a length >= 0 (mm)");
        v = def_mm;
    }
    return v * PDF_MM;
}

uint32_t pdf_style_color(const pdf_style *st, const char *key, uint32_t def)
{
    const sentry *e = find(st, key);
    if (!e || !*e->val)
        return def;
    const char *s = e->val;
    if (strcmp(s, "none") == 0)
        return PDF_NOCOLOR;
    if (*s == '#')
        s++;
    uint32_t v = 0;
    size_t n = strlen(s);
    if (n == 6 || n == 3) {
        for (size_t i = 0; i < n; i++) {
            int h = hex_value((unsigned char)s[i]);
            if (h < 0)
                goto fail;
            v = v << (n == 3 ? 8 : 4) | (uint32_t)(n == 3 ? h * 17 : h);
        }
        return v;
    }
fail:
    bad(st, e, "a colour \"#RRGGBB\"");
    return def;
}

bool pdf_page_size(const char *s, double *w, double *h)
{
    static const struct {
        const char *name;
        double w, h;
    } named[] = {{"A1", 594, 841}, {"A2", 420, 594}, {"A3", 297, 420},
                 {"A4", 210, 297}, {"A5", 148, 210}, {"A6", 105, 148}};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (strcasecmp(s, named[i].name) == 0) {
            *w = named[i].w * PDF_MM;
            *h = named[i].h * PDF_MM;
            return true;
        }
    char *end;
    double a = strtod(s, &end);
    if (end == s || (*end != 'x' && *end != 'X' && strncmp(end, "×", 2) != 0))
        return false;
    end += *end == 'x' || *end == 'X' ? 1 : 2;
    const char *t = end;
    double b = strtod(t, &end);
    if (end == t || *end || a < 20 || b < 20 || a > 5000 || b > 5000)
        return false;
    *w = a * PDF_MM;
    *h = b * PDF_MM;
    return true;
}

void pdf_style_page(const pdf_style *st, const char *key, const char *def, double *w, double *h)
{
    const sentry *e = find(st, key);
    if (e && *e->val && pdf_page_size(e->val, w, h))
        return;
    if (e && *e->val)
        bad(st, e, "a page size such as A4 or 900x1200 (mm)");
    if (!pdf_page_size(def, w, h)) {
        *w = 210 * PDF_MM;
        *h = 297 * PDF_MM;
    }
}
