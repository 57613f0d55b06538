/*
 * compliance_json.c - a decision's public fields as the ledger keeps them,
 * and a decision rebuilt from them (see compliance.h).
 *
 * Every value is what the public site may show: the party's name masked
 * per site.yaml, free text scrubbed, no 证件号码.  Fed back through
 * privacy.c when the decision is published again the values come out the
 * same (masking a masked name and scrubbing scrubbed text change nothing),
 * so a kept decision renders as it did when its row was last good.  The
 * statistical fields (是/否 flags, time and place) are kept so the
 * statistics still count it.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"
#include "jsonval.h"
#include "loaders.h"
#include "privacy.h"

/*
 * The JSON is written straight into a buffer, keys in strcmp order, as
 * json_dumps(JSON_COMPACT | JSON_SORT_KEYS) wrote it in the first
 * versions: the ledger compares these bytes to tell an edit from a
 * republication, so they must not change (tests/unit/test_compliance.c
 * checks them against jansson).  A string that is not valid UTF-8 made
 * json_dumps fail, and the decision's copy was "{}"; so it still is.
 */
typedef struct {
    buf b;
    bool bad;   /* a string was not valid UTF-8 */
    bool begun; /* a key was written */
} jw;

static void key(jw *w, const char *k)
{
    buf_putc(&w->b, w->begun ? ',' : '{');
    w->begun = true;
    buf_putc(&w->b, '"');
    buf_puts(&w->b, k);
    buf_puts(&w->b, "\":");
}

static void str(jw *w, const char *s)
{
    s = s ? s : "";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80) {
            if (!utf8_valid(s, strlen(s)))
                w->bad = true;
            break;
        }
    buf_json_str(&w->b, s);
}

static void kstr(jw *w, const char *k, const char *s)
{
    key(w, k);
    str(w, s);
}

static void kown(jw *w, const char *k, char *s)
{
    kstr(w, k, s);
    free(s);
}

static void kdate(jw *w, const char *k, gs_date d)
{
    char s[11];
    date_format(d, s);
    kstr(w, k, s);
}

static void kint(jw *w, const char *k, long long v)
{
    key(w, k);
    buf_add_int(&w->b, v);
}

static void kflags(jw *w, const char *k, unsigned mask, const char *const *names, int n)
{
    key(w, k);
    buf_putc(&w->b, '[');
    bool first = true;
    for (int i = 0; i < n; i++)
        if (mask & (1u << i)) {
            if (!first)
                buf_putc(&w->b, ',');
            first = false;
            str(w, names[i]);
        }
    buf_putc(&w->b, ']');
}

char *decision_public_json(const gs_model *m, const gs_decision *d)
{
    jw w = {0};
    kstr(&w, "agency", d->agency >= 0 ? m->agencies.v[d->agency].name : "");
    kown(&w, "basis", privacy_decision_text(m, d, d->basis));
    kstr(&w, "category", gs_category_names[d->category]);
    kflags(&w, "coercive", d->coercive, gs_coercive_names, COER_COUNT);
    kown(&w, "conclusion", privacy_decision_text(m, d, d->conclusion));
    kint(&w, "confiscation_fen", d->confiscation_fen);
    kstr(&w, "credit_code", d->party_type == PARTY_PERSON ? "" : d->credit_code);
    kdate(&w, "date", d->date);
    kstr(&w, "doc_no", d->doc_no);
    kown(&w, "facts", privacy_decision_text(m, d, d->facts));
    kint(&w, "fine_fen", d->fine_fen);
    kstr(&w, "id_type", d->id_type);
    kown(&w, "legal_rep", privacy_legal_rep(m, d));
    key(&w, "major_review_lawyer_hearing");
    const int yn[4] = {d->major, d->legal_review, d->lawyer, d->hearing};
    for (size_t i = 0; i < 4; i++) {
        buf_putc(&w.b, i ? ',' : '[');
        buf_add_int(&w.b, yn[i]);
    }
    buf_putc(&w.b, ']');
    kdate(&w, "occur_date", d->occur_date);
    kint(&w, "occur_minute", d->occur_minute);
    key(&w, "officers");
    buf_putc(&w.b, '[');
    for (size_t i = 0; i < d->n_officers; i++) {
        if (i)
            buf_putc(&w.b, ',');
        str(&w, d->officers[i]);
    }
    buf_putc(&w.b, ']');
    kown(&w, "party", privacy_party_name(m, d));
    kstr(&w, "party_type", gs_party_names[d->party_type]);
    kflags(&w, "penalties", d->penalties, gs_penalty_names, PEN_COUNT);
    kstr(&w, "permit_cert", d->permit_cert);
    kstr(&w, "permit_class", d->permit_class);
    kdate(&w, "permit_from", d->permit_from);
    kstr(&w, "permit_no", d->permit_no);
    kstr(&w, "permit_result", gs_permit_names[d->permit_result]);
    kdate(&w, "permit_to", d->permit_to);
    kstr(&w, "place", d->place);
    kstr(&w, "procedure", gs_procedure_names[d->procedure]);
    kstr(&w, "slug", d->slug);
    kstr(&w, "status", gs_status_names[d->status]);
    kdate(&w, "status_date", d->status_date);
    kown(&w, "status_note", privacy_decision_text(m, d, d->status_note));
    kown(&w, "violation_type", privacy_decision_text(m, d, d->violation_type));
    buf_putc(&w.b, '}');
    if (w.bad) {
        buf_free(&w.b);
        return xstrdup("{}");
    }
    return buf_detach(&w.b);
}

/* ---- the content hash ---- */

static void hstr(buf *b, const char *s)
{
    buf_puts(b, s ? s : "");
    buf_putc(b, '\x1f');
}

/* v in decimal and a separator, as "%lld\x1f" writes it (the stored
 * hashes depend on these bytes), without printf's cost */
static void hnum(buf *b, long long v)
{
    buf_add_int(b, v);
    buf_putc(b, '\x1f');
}

uint64_t decision_hash(const gs_model *m, const gs_decision *d, buf *scratch)
{
    buf *b = scratch;
    buf_reset(b);
    hnum(b, m->settings.mask_names);
    hstr(b, d->doc_no);
    hstr(b, d->agency >= 0 ? m->agencies.v[d->agency].name : "");
    hstr(b, d->party_name);
    hstr(b, d->credit_code);
    hstr(b, d->legal_rep);
    hstr(b, d->id_type);
    hstr(b, d->violation_type);
    hstr(b, d->facts);
    hstr(b, d->basis);
    hstr(b, d->conclusion);
    hstr(b, d->permit_class);
    hstr(b, d->permit_cert);
    hstr(b, d->permit_no);
    hstr(b, d->place);
    hstr(b, d->status_note);
    hstr(b, d->slug);
    const long long nums[] = {d->category, d->party_type, d->permit_result, d->procedure,
                              d->coercive, d->status, d->major, d->legal_review, d->lawyer,
                              d->hearing, d->penalties, d->date, d->fine_fen,
                              d->confiscation_fen, d->permit_from, d->permit_to,
                              d->occur_date, d->occur_minute, d->status_date};
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        hnum(b, nums[i]);
    for (size_t i = 0; i < d->n_officers; i++)
        hstr(b, d->officers[i]);
    return hash_bytes(b->p ? b->p : "", b->len);
}

/* ---- back ---- */

static const char *get_str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static const char *text(gs_model *m, const json_t *o, const char *k)
{
    const char *s = get_str(o, k);
    return model_text(m, s, strlen(s));
}

static const char *istr(gs_model *m, const json_t *o, const char *k)
{
    const char *s = get_str(o, k);
    return model_str(m, s, strlen(s));
}

static gs_date get_date(const json_t *o, const char *k)
{
    const char *s = get_str(o, k);
    return *s ? date_parse_iso(s) : GS_NODATE;
}

static int get_enum(const json_t *o, const char *k, const char *const *names, int n, int dflt)
{
    int v = gs_lookup(names, n, get_str(o, k));
    return v < 0 ? dflt : v;
}

static unsigned get_flags(const json_t *o, const char *k, const char *const *names, int n)
{
    unsigned mask = 0;
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(o, k), i, v) {
        int b = gs_lookup(names, n, json_string_value(v) ? json_string_value(v) : "");
        if (b >= 0)
            mask |= 1u << b;
    }
    return mask;
}

static int64_t get_int(const json_t *o, const char *k, int64_t dflt)
{
    json_t *v = json_object_get(o, k);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

bool decision_from_public(gs_model *m, const char *json, gs_decision *d, const char **why)
{
    memset(d, 0, sizeof *d);
    json_error_t err;
    json_t *o = json ? json_loads(json, 0, &err) : NULL;
    if (!json_is_object(o)) {
        *why = "the ledger holds no usable copy";
        json_decref(o);
        return false;
    }
    bool ok = false;
    d->agency = model_find_agency(m, get_str(o, "agency"));
    d->date = get_date(o, "date");
    const char *slug = get_str(o, "slug");
    if (d->agency < 0) {
        *why = "its 执法机关 is not in agencies.csv now";
        goto out;
    }
    if (d->date == GS_NODATE || !*slug || !*get_str(o, "doc_no")) {
        *why = "the ledger's copy is incomplete";
        goto out;
    }
    d->doc_no = text(m, o, "doc_no");
    d->category = (uint8_t)get_enum(o, "category", gs_category_names, CAT_COUNT, CAT_QITA);
    d->party_type = (uint8_t)get_enum(o, "party_type", gs_party_names, PARTY_COUNT, PARTY_ORG);
    d->permit_result = (uint8_t)get_enum(o, "permit_result", gs_permit_names, PERMIT_COUNT, 0);
    d->procedure = (uint8_t)get_enum(o, "procedure", gs_procedure_names, PROC_COUNT, 0);
    d->coercive = (uint8_t)get_flags(o, "coercive", gs_coercive_names, COER_COUNT);
    d->status = (uint8_t)get_enum(o, "status", gs_status_names, ST_COUNT, ST_VALID);
    json_t *yn = json_object_get(o, "major_review_lawyer_hearing");
    uint8_t *flags[4] = {&d->major, &d->legal_review, &d->lawyer, &d->hearing};
    for (size_t i = 0; i < 4; i++) {
        json_int_t v = json_integer_value(json_array_get(yn, i));
        *flags[i] = v >= 0 && v <= 2 ? (uint8_t)v : YN_UNSET;
    }
    d->penalties = (uint16_t)get_flags(o, "penalties", gs_penalty_names, PEN_COUNT);
    d->party_name = text(m, o, "party");
    d->credit_code = istr(m, o, "credit_code");
    d->legal_rep = text(m, o, "legal_rep");
    d->id_type = istr(m, o, "id_type");
    d->id_no = "";
    d->violation_type = istr(m, o, "violation_type");
    d->facts = text(m, o, "facts");
    d->basis = istr(m, o, "basis");
    d->conclusion = text(m, o, "conclusion");
    d->fine_fen = get_int(o, "fine_fen", -1);
    d->confiscation_fen = get_int(o, "confiscation_fen", -1);
    d->permit_class = istr(m, o, "permit_class");
    d->permit_cert = istr(m, o, "permit_cert");
    d->permit_no = text(m, o, "permit_no");
    d->permit_from = get_date(o, "permit_from");
    d->permit_to = get_date(o, "permit_to");
    d->place = istr(m, o, "place");
    d->occur_date = get_date(o, "occur_date");
    d->occur_minute = (int16_t)get_int(o, "occur_minute", -1);
    json_t *offs = json_object_get(o, "officers");
    size_t n = json_array_size(offs);
    if (n > UINT16_MAX)
        n = UINT16_MAX;
    d->officers = n ? xreallocarray(NULL, n, sizeof *d->officers) : NULL;
    for (size_t i = 0; i < n; i++) {
        const char *s = json_string_value(json_array_get(offs, i));
        d->officers[d->n_officers++] = s ? model_str(m, s, strlen(s)) : "";
    }
    d->withheld = "";
    d->status_date = get_date(o, "status_date");
    d->status_note = text(m, o, "status_note");
    /* a path an older gongshi made may hold a mobile-number shape: the
     * decision moves to the path it gets now (the one its row, fixed,
     * would get too) */
    char fresh[DECISION_SLUG_MAX];
    int fn = privacy_has_mobile_shape(slug, strlen(slug)) ? decision_slug_renew(slug, fresh) : -1;
    d->slug = fn > 0 ? model_text(m, fresh, (size_t)fn) : model_text(m, slug, strlen(slug));
    d->kept = 1;
    ok = true;
out:
    json_decref(o);
    return ok;
}
