/*
 * model_digest.c - hashing model records for input keys (model_digest.h).
 * The source locations (gs_src) are left out: moving a row does not change
 * what is published from it.
 */
#include "model_digest.h"

#include <assert.h>
#include <string.h>

void digest_str(XXH3_state_t *st, const char *s)
{
    if (!s) {
        digest_u64(st, UINT64_MAX);
        return;
    }
    size_t n = strlen(s);
    digest_u64(st, n);
    XXH3_128bits_update(st, s, n);
}

void digest_u64(XXH3_state_t *st, uint64_t v)
{
    XXH3_128bits_update(st, &v, sizeof v);
}

/* a record's fields are gathered in a small buffer and passed to XXH3 in
 * a few calls, not one per field (the same bytes, so the same digest):
 * every decision is hashed on every build */
typedef struct dgb {
    XXH3_state_t *st;
    size_t n;
    unsigned char b[512];
} dgb;

static void b_flush(dgb *b)
{
    if (b->n)
        XXH3_128bits_update(b->st, b->b, b->n);
    b->n = 0;
}

static inline void b_u64(dgb *b, uint64_t v)
{
    if (b->n + sizeof v > sizeof b->b)
        b_flush(b);
    memcpy(b->b + b->n, &v, sizeof v);
    b->n += sizeof v;
}

static void b_str(dgb *b, const char *s)
{
    if (!s) {
        b_u64(b, UINT64_MAX);
        return;
    }
    size_t n = strlen(s);
    b_u64(b, n);
    if (b->n + n > sizeof b->b) {
        b_flush(b);
        if (n > sizeof b->b) {
            XXH3_128bits_update(b->st, s, n);
            return;
        }
    }
    memcpy(b->b + b->n, s, n);
    b->n += n;
}

#define BEGIN                                                                                  \
    dgb b_ = {.st = st, .n = 0};                                                               \
    dgb *b = &b_
#define U(x) b_u64(b, (uint64_t)(x))
#define S(x) b_str(b, (x))

/* when one of these fails, a field was added or removed: hash it below */
static_assert(sizeof(gs_decision) == 232 || sizeof(void *) != 8,
              "gs_decision changed: update digest_decision");
static_assert(sizeof(gs_agency) == 104 || sizeof(void *) != 8,
              "gs_agency changed: update digest_agency");
static_assert(sizeof(gs_officer) == 96 || sizeof(void *) != 8,
              "gs_officer changed: update digest_officer");
static_assert(sizeof(gs_settings) == 112 || sizeof(void *) != 8,
              "gs_settings changed: update digest_settings");

void digest_decision(XXH3_state_t *st, const gs_decision *d)
{
    BEGIN;
    S(d->doc_no);
    U(d->category);
    U(d->party_type);
    U(d->permit_result);
    U(d->procedure);
    U(d->coercive);
    U(d->status);
    U(d->major);
    U(d->legal_review);
    U(d->lawyer);
    U(d->hearing);
    U(d->review_pending);
    U(d->kept);
    U(d->penalties);
    U(d->agency);
    S(d->party_name);
    S(d->credit_code);
    S(d->legal_rep);
    S(d->id_type);
    S(d->id_no);
    U(d->date);
    S(d->violation_type);
    S(d->facts);
    S(d->basis);
    S(d->conclusion);
    U(d->fine_fen);
    U(d->confiscation_fen);
    S(d->permit_class);
    S(d->permit_cert);
    S(d->permit_no);
    U(d->permit_from);
    U(d->permit_to);
    S(d->place);
    U(d->occur_date);
    U(d->occur_minute);
    U(d->n_officers);
    for (size_t i = 0; i < d->n_officers; i++)
        S(d->officers[i]);
    S(d->withheld);
    U(d->status_date);
    S(d->status_note);
    S(d->slug);
    b_flush(b);
}

void digest_decision_summary(XXH3_state_t *st, const gs_decision *d)
{
    BEGIN;
    S(d->slug);
    S(d->doc_no);
    U(d->category);
    U(d->agency);
    U(d->party_type);
    S(d->party_name);
    S(d->legal_rep);
    U(d->date);
    U(d->penalties);
    U(d->permit_result);
    U(d->coercive);
    b_flush(b);
}

void digest_agency(XXH3_state_t *st, const gs_agency *a)
{
    BEGIN;
    S(a->name);
    S(a->credit_code);
    S(a->short_name);
    S(a->duties);
    S(a->address);
    S(a->phone);
    S(a->complaint_phone);
    S(a->review_body);
    S(a->court);
    U(a->updated);
    S(a->slug);
    b_flush(b);
}

void digest_officer(XXH3_state_t *st, const gs_officer *o)
{
    BEGIN;
    S(o->name);
    S(o->cert_no);
    U(o->agency);
    S(o->title);
    S(o->categories);
    S(o->area);
    U(o->cert_status);
    U(o->legal_reviewer);
    U(o->valid_to);
    U(o->business_hours);
    U(o->law_hours);
    U(o->updated);
    S(o->slug);
    b_flush(b);
}

void digest_settings(XXH3_state_t *st, const gs_settings *s)
{
    BEGIN;
    S(s->name);
    S(s->base_url);
    U(s->win_xuke);
    U(s->win_chufa);
    U(s->win_default);
    U(s->win_info_change);
    U(s->win_withdrawal);
    U(s->win_correction);
    U(s->short_months);
    U(s->long_years);
    U(s->person_years);
    U(s->other_years);
    U(s->low_fine_fen);
    U(s->publish_summary);
    U(s->mask_names);
    S(s->timezone);
    S(s->credit_code);
    U(s->business_hours);
    U(s->law_hours);
    double v[2] = {s->target_legal_review_staff, s->target_lawyer_share};
    b_flush(b);
    XXH3_128bits_update(st, v, sizeof v);
}
