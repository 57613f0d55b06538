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
#include "privacy.h"

static void put_flags(json_t *o, const char *k, unsigned mask, const char *const *names, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        if (mask & (1u << i))
            json_array_append_new(a, json_string(names[i]));
    json_object_set_new(o, k, a);
}

char *decision_public_json(const gs_model *m, const gs_decision *d)
{
    json_t *o = json_object();
    jset(o, "doc_no", d->doc_no);
    jset(o, "category", gs_category_names[d->category]);
    jset(o, "agency", d->agency >= 0 ? m->agencies.v[d->agency].name : "");
    jset_own(o, "party", privacy_party_name(m, d));
    jset(o, "party_type", gs_party_names[d->party_type]);
    jset(o, "credit_code", d->party_type == PARTY_PERSON ? "" : d->credit_code);
    jset_own(o, "legal_rep", privacy_legal_rep(m, d));
    jset(o, "id_type", d->id_type);
    jset_date(o, "date", d->date);
    jset_own(o, "violation_type", privacy_decision_text(m, d, d->violation_type));
    jset_own(o, "facts", privacy_decision_text(m, d, d->facts));
    jset_own(o, "basis", privacy_decision_text(m, d, d->basis));
    jset_own(o, "conclusion", privacy_decision_text(m, d, d->conclusion));
    put_flags(o, "penalties", d->penalties, gs_penalty_names, PEN_COUNT);
    json_object_set_new(o, "fine_fen", json_integer(d->fine_fen));
    json_object_set_new(o, "confiscation_fen", json_integer(d->confiscation_fen));
    jset(o, "permit_result", gs_permit_names[d->permit_result]);
    jset(o, "permit_class", d->permit_class);
    jset(o, "permit_cert", d->permit_cert);
    jset(o, "permit_no", d->permit_no);
    jset_date(o, "permit_from", d->permit_from);
    jset_date(o, "permit_to", d->permit_to);
    put_flags(o, "coercive", d->coercive, gs_coercive_names, COER_COUNT);
    jset(o, "procedure", gs_procedure_names[d->procedure]);
    jset(o, "place", d->place);
    jset_date(o, "occur_date", d->occur_date);
    json_object_set_new(o, "occur_minute", json_integer(d->occur_minute));
    json_t *offs = json_array();
    for (size_t i = 0; i < d->n_officers; i++)
        json_array_append_new(offs, json_stringn_nocheck(d->officers[i], strlen(d->officers[i])));
    json_object_set_new(o, "officers", offs);
    json_t *yn = json_array();
    json_array_append_new(yn, json_integer(d->major));
    json_array_append_new(yn, json_integer(d->legal_review));
    json_array_append_new(yn, json_integer(d->lawyer));
    json_array_append_new(yn, json_integer(d->hearing));
    json_object_set_new(o, "major_review_lawyer_hearing", yn);
    jset(o, "status", gs_status_names[d->status]);
    jset_date(o, "status_date", d->status_date);
    jset_own(o, "status_note", privacy_decision_text(m, d, d->status_note));
    jset(o, "slug", d->slug);
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    return s ? s : xstrdup("{}");
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
    d->slug = model_text(m, slug, strlen(slug));
    d->kept = 1;
    ok = true;
out:
    json_decref(o);
    return ok;
}
