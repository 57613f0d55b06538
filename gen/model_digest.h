/*
 * model_digest.h - hashing model records for input keys.
 *
 * An output that wants to know whether its inputs changed since the last
 * build (fsout_reuse) feeds the records it reads to an XXH3 state with
 * these functions.  Every field of a record is fed, so a change to any of
 * them changes the key; a static assertion on each struct's size in
 * model_digest.c fails the build when a field is added and not hashed.
 */
#ifndef GONGSHI_MODEL_DIGEST_H
#define GONGSHI_MODEL_DIGEST_H

#include <xxhash.h>

#include "model.h"

void digest_str(XXH3_state_t *st, const char *s); /* NULL and "" differ */
void digest_u64(XXH3_state_t *st, uint64_t v);
void digest_decision(XXH3_state_t *st, const gs_decision *d);
/* the fields decision_summary (site_decisions.c) shows in a list: its
 * url, 文书号, category, agency, party (as privacy.c makes it public), date
 * and result; with the site settings (in every page key) they make the
 * summary */
void digest_decision_summary(XXH3_state_t *st, const gs_decision *d);
void digest_agency(XXH3_state_t *st, const gs_agency *a);
void digest_officer(XXH3_state_t *st, const gs_officer *o);
void digest_settings(XXH3_state_t *st, const gs_settings *s);

#endif
