/*
 * siteconf.c - content/site.yaml into gs_model.settings.
 *
 * Owns the reading of site.yaml (libyaml document API, via yamldoc.c).
 * Starts from settings_defaults() (model_init) and overrides each key the
 * file gives.  Unknown keys are ignored without a word: counties add their
 * own.  A bad value (text where a number is expected, an unknown word) is
 * reported as "site.yaml:LINE: message" and the default stays; an empty
 * value (`key:` or `key: ~`) also keeps the default.  A missing file, a YAML
 * syntax error or a top level that is not a mapping makes the whole file
 * unusable: siteconf_load() then returns false.  A missing `name` is an
 * error (exit 1) but the rest of the file is still used.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "loaders.h"
#include "yamldoc.h"

enum kind {
    K_INT,     /* int: whole number >= 0 */
    K_FEN,     /* int64_t: yuan with up to two decimals, stored as fen */
    K_RATIO,   /* double: 0.05 or 5% */
    K_NAME,    /* const char *: required text */
    K_URL,     /* const char *: base_url, trailing '/' added */
    K_TZ,      /* const char *: IANA zone name */
    K_CODE,    /* const char *: 统一社会信用代码 */
    K_SUMMARY, /* bool: publish | skip */
    K_MASK,    /* bool: mask | full */
};

typedef struct key {
    const char *section; /* NULL = top level */
    const char *name;
    enum kind kind;
    size_t off;
} key;

#define OFF(f) offsetof(gs_settings, f)
static const key keys[] = {
    {NULL, "name", K_NAME, OFF(name)},
    {NULL, "base_url", K_URL, OFF(base_url)},
    {NULL, "timezone", K_TZ, OFF(timezone)},
    {NULL, "credit_code", K_CODE, OFF(credit_code)},
    {"windows", "行政许可", K_INT, OFF(win_xuke)},
    {"windows", "行政处罚", K_INT, OFF(win_chufa)},
    {"windows", "default", K_INT, OFF(win_default)},
    {"windows", "info_change", K_INT, OFF(win_info_change)},
    {"windows", "withdrawal", K_INT, OFF(win_withdrawal)},
    {"windows", "correction", K_INT, OFF(win_correction)},
    {"publicity", "short_months", K_INT, OFF(short_months)},
    {"publicity", "long_years", K_INT, OFF(long_years)},
    {"publicity", "low_fine", K_FEN, OFF(low_fine_fen)},
    {"publicity", "person_years", K_INT, OFF(person_years)},
    {"publicity", "other_years", K_INT, OFF(other_years)},
    {"publicity", "summary_procedure", K_SUMMARY, OFF(publish_summary)},
    {"privacy", "person_name", K_MASK, OFF(mask_names)},
    {"training", "business_hours", K_INT, OFF(business_hours)},
    {"training", "law_hours", K_INT, OFF(law_hours)},
    {"targets", "legal_review_staff", K_RATIO, OFF(target_legal_review_staff)},
    {"targets", "lawyer_share", K_RATIO, OFF(target_lawyer_share)},
};
#define NKEYS (sizeof keys / sizeof keys[0])

static const char *const sections[] = {"windows", "publicity", "privacy",
                                       "training", "targets"};

#define INT_MAX_VALUE 100000 /* days, months, years, hours: far beyond use */

/* whole number >= 0, ASCII digits only */
static bool parse_int(const char *s, int *out)
{
    long v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (*s - '0');
        if (v > INT_MAX_VALUE)
            return false;
    }
    *out = (int)v;
    return true;
}

/* yuan: digits (optional "," thousands separators), up to two decimals */
static bool parse_fen(const char *s, int64_t *out)
{
    int64_t yuan = 0;
    int digits = 0, group = -1;
    for (; *s && *s != '.'; s++) {
        if (*s == ',') {
            if (digits == 0 || (group >= 0 && group != 3))
                return false;
            group = 0;
            continue;
        }
        if (*s < '0' || *s > '9')
            return false;
        if (++digits > 13)
            return false;
        if (group >= 0)
            group++;
        yuan = yuan * 10 + (*s - '0');
    }
    if (!digits || (group >= 0 && group != 3))
        return false;
    int64_t fen = 0;
    if (*s == '.') {
        s++;
        int n = 0;
        for (; *s; s++, n++) {
            if (*s < '0' || *s > '9' || n >= 2)
                return false;
            fen = fen * 10 + (*s - '0');
        }
        if (n == 0)
            return false;
        if (n == 1)
            fen *= 10;
    }
    *out = yuan * 100 + fen;
    return true;
}

/* 0.05, .05, 0, 1 or 5% -> a share between 0 and 1 */
static bool parse_ratio(const char *s, double *out)
{
    double v = 0, scale = 1;
    int digits = 0, frac = 0;
    bool dot = false;
    for (; *s && *s != '%'; s++) {
        if (*s == '.' && !dot) {
            dot = true;
            continue;
        }
        if (*s < '0' || *s > '9' || digits >= 15)
            return false;
        digits++;
        if (dot) {
            frac++;
            scale /= 10;
            v += (*s - '0') * scale;
        } else {
            v = v * 10 + (*s - '0');
        }
    }
    if (!digits)
        return false;
    if (*s == '%') {
        if (s[1])
            return false;
        v /= 100;
    }
    if (v > 1)
        return false;
    *out = v;
    return true;
}

/* an IANA zone name: Area/City, letters digits _ + - only */
static bool tz_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 64 || s[0] == '/' || s[n - 1] == '/' || strstr(s, ".."))
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !strchr("/_+-", *s))
            return false;
    return true;
}

static void set_value(gs_model *m, const key *k, const yaml_node_t *v,
                      const char *file)
{
    gs_settings *st = &m->settings;
    char *field = (char *)st + k->off;
    uint32_t line = ydoc_line(v, 0);
    const char *s = ydoc_scalar(v);
    char label[96];
    /* key names are ours (the table above): short, fixed */
    snprintf(label, sizeof label, "%s%s%s", k->section ? k->section : "",
             k->section ? "." : "", k->name);
    if (!s) {
        diag_error(file, line, "%s: expected a single value, not a list or "
                   "mapping; the default is kept", label);
        return;
    }
    if (ydoc_is_null(v) || !*s) {
        if (k->kind == K_NAME)
            diag_error(file, line, "name: the publishing body's name is "
                       "empty");
        return;
    }
    switch (k->kind) {
    case K_INT: {
        int x;
        if (!parse_int(s, &x)) {
            diag_error(file, line, "%s: expected a whole number (0 to %d); "
                       "the default %d is kept", label, INT_MAX_VALUE,
                       *(int *)(void *)field);
            return;
        }
        *(int *)(void *)field = x;
        break;
    }
    case K_FEN: {
        int64_t fen;
        if (!parse_fen(s, &fen)) {
            diag_error(file, line, "%s: expected an amount in yuan such as "
                       "10000; the default is kept", label);
            return;
        }
        *(int64_t *)(void *)field = fen;
        break;
    }
    case K_RATIO: {
        double d;
        if (!parse_ratio(s, &d)) {
            diag_error(file, line, "%s: expected a share between 0 and 1 "
                       "such as 0.05 (or 5%%); the default is kept", label);
            return;
        }
        *(double *)(void *)field = d;
        break;
    }
    case K_SUMMARY:
    case K_MASK: {
        const char *yes = k->kind == K_SUMMARY ? "publish" : "mask";
        const char *no = k->kind == K_SUMMARY ? "skip" : "full";
        if (strcmp(s, yes) == 0)
            *(bool *)(void *)field = true;
        else if (strcmp(s, no) == 0)
            *(bool *)(void *)field = false;
        else
            diag_error(file, line, "%s: expected %s or %s; the default is "
                       "kept", label, yes, no);
        break;
    }
    case K_NAME:
        *(const char **)(void *)field = model_str(m, s, strlen(s));
        break;
    case K_URL: {
        size_t n = strlen(s);
        if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
            diag_warn(file, line, "base_url: not an absolute http(s) URL; "
                      "feeds, the sitemap and QR codes need one");
        if (s[n - 1] == '/') {
            st->base_url = model_str(m, s, n);
        } else {
            char *t = xasprintf("%s/", s);
            st->base_url = model_str(m, t, n + 1);
            free(t);
        }
        break;
    }
    case K_TZ:
        if (!tz_name_ok(s)) {
            diag_error(file, line, "timezone: expected a zone name such as "
                       "Asia/Shanghai; the default %s is kept", st->timezone);
            return;
        }
        if (access("/usr/share/zoneinfo", F_OK) == 0) {
            char *zf = xasprintf("/usr/share/zoneinfo/%s", s);
            if (access(zf, R_OK) != 0)
                diag_warn(file, line, "timezone: %s is not in this "
                          "system's zone database; dates would be taken as "
                          "UTC", s);
            free(zf);
        }
        st->timezone = model_str(m, s, strlen(s));
        break;
    case K_CODE: {
        size_t n = strlen(s);
        bool shape = n == 18;
        for (size_t i = 0; shape && i < n; i++)
            shape = isdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]);
        if (!shape)
            diag_warn(file, line, "credit_code: a 统一社会信用代码 has 18 "
                      "digits and capital letters");
        st->credit_code = model_str(m, s, n);
        break;
    }
    }
}

static const key *find_key(const char *section, const char *name)
{
    for (size_t i = 0; i < NKEYS; i++) {
        const key *k = &keys[i];
        if (strcmp(k->name, name) != 0)
            continue;
        if ((!section && !k->section) ||
            (section && k->section && strcmp(section, k->section) == 0))
            return k;
    }
    return NULL;
}

static bool is_section(const char *name)
{
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (strcmp(sections[i], name) == 0)
            return true;
    return false;
}

static void load_mapping(gs_model *m, yaml_document_t *doc,
                         const yaml_node_t *map, const char *section,
                         const char *file, bool *have_name)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = yaml_document_get_node(doc, p->key);
        yaml_node_t *vn = yaml_document_get_node(doc, p->value);
        const char *name = ydoc_scalar(kn);
        if (!name || !vn)
            continue; /* complex keys: not ours */
        if (!section && is_section(name)) {
            if (vn->type == YAML_MAPPING_NODE)
                load_mapping(m, doc, vn, name, file, have_name);
            else if (!ydoc_is_null(vn))
                diag_error(file, ydoc_line(vn, 0), "%s: expected indented "
                           "key: value lines below it; the defaults are "
                           "kept", name);
            continue;
        }
        const key *k = find_key(section, name);
        if (!k)
            continue;
        if (k->kind == K_NAME)
            *have_name = true;
        set_value(m, k, vn, file);
    }
}

bool siteconf_load(gs_model *m, const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    uint64_t h[2];
    if (text)
        hash128(text, len, h);
    model_add_input(m, path, GS_IN_SITE, text ? h : NULL);
    if (!text) {
        diag_error(path, 1, "cannot read the site settings: %s",
                   strerror(errno));
        return false;
    }
    yaml_document_t doc;
    if (!ydoc_load(&doc, text, len, path, 0)) {
        free(text);
        return false;
    }
    bool ok = true;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root || root->type != YAML_MAPPING_NODE) {
        diag_error(path, root ? ydoc_line(root, 0) : 1,
                   "expected key: value lines (name:, base_url:, ...)");
        ok = false;
    } else {
        bool have_name = false;
        load_mapping(m, &doc, root, NULL, path, &have_name);
        if (!have_name)
            diag_error(path, 1, "name: missing (the publishing body shown "
                       "on every page)");
    }
    yaml_document_delete(&doc);
    free(text);
    return ok;
}
