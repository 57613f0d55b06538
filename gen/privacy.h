/*
 * privacy.h - the one privacy filter every public output goes through.
 *
 * Nothing from the model reaches out/site (or a public PDF) except through
 * these functions: party names are masked per site.yaml, free text is
 * scrubbed of ID numbers, phone numbers, bank-card-like digit runs and
 * e-mail addresses (each replaced by PRIVACY_MARK), and the natural
 * person's own name is masked wherever it appears in the text.
 */
#ifndef GONGSHI_PRIVACY_H
#define GONGSHI_PRIVACY_H

#include <stdbool.h>

#include "model.h"

#define PRIVACY_MARK "＊＊＊"

/* what scrub_text removes */
enum {
    SCRUB_IDS = 1,    /* 15/18-digit ID numbers */
    SCRUB_CARDS = 2,  /* 16-19 digit runs (bank cards) */
    SCRUB_PHONES = 4, /* mobile and landline numbers */
    SCRUB_EMAIL = 8,  /* e-mail addresses */
    SCRUB_ALL = 15,
    /* staff-written text (policy pages, agency contacts) keeps phones */
    SCRUB_STAFF = SCRUB_IDS | SCRUB_CARDS
};

/* 张某某 -> 张某, 欧阳明辉 -> 欧阳某 (compound surnames kept); malloc'd */
char *privacy_mask_name(const char *name);

/* text with personal data replaced; malloc'd.  When name/mask are given,
 * every occurrence of name is replaced by mask too. */
char *privacy_scrub(const char *text, unsigned what, const char *name,
                    const char *mask);

/* the party's name as it may be published (masked for a natural person
 * when settings say so); malloc'd */
char *privacy_party_name(const gs_model *m, const gs_decision *d);

/* a decision's free-text field as it may be published: scrubbed, with the
 * party's (and a 个体工商户 operator's) name masked; malloc'd */
char *privacy_decision_text(const gs_model *m, const gs_decision *d,
                            const char *text);

/* the 法定代表人 as it may be published (masked for a 个体工商户
 * operator, who is a natural person); malloc'd */
char *privacy_legal_rep(const gs_model *m, const gs_decision *d);

/* true when s[0..n) holds a mobile-number-shaped run anywhere: 1, 3-9 and
 * nine more decimal digits, whatever stands around them (for strings gongshi
 * makes itself, such as URL hashes, which must not look like one) */
bool privacy_has_mobile_shape(const char *s, size_t n);

/* true when the party is a natural person under 18 on the decision date */
bool privacy_is_minor(const gs_decision *d);

#endif
