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

#define U(x) digest_u64(st, (uint64_t)(x))
#define S(x) digest_str(st, (x))

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
}

void digest_decision_summary(XXH3_state_t *st, const gs_decision *d)
{
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
}

void digest_agency(XXH3_state_t *st, const gs_agency *a)
{
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
}

void digest_officer(XXH3_state_t *st, const gs_officer *o)
{
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
}

void digest_settings(XXH3_state_t *st, const gs_settings *s)
{
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
    XXH3_128bits_update(st, v, sizeof v);
}
