/*
 * test_publish.c - which decisions are public on a given day.
 */
#include "publish.h"
#include "t.h"

static gs_decision base(void)
{
    gs_decision d;
    memset(&d, 0, sizeof d);
    d.doc_no = "示市监处罚〔2024〕1号";
    d.category = CAT_CHUFA;
    d.party_type = PARTY_ORG;
    d.party_name = d.credit_code = d.legal_rep = d.id_type = d.id_no = "";
    d.withheld = d.status_note = "";
    d.date = date_from_ymd(2024, 3, 1);
    d.penalties = 1u << PEN_JINGGAO;
    d.fine_fen = d.confiscation_fen = -1;
    return d;
}

TEST(states)
{
    gs_model m;
    model_init(&m);
    gs_date t = date_from_ymd(2024, 4, 1);
    gs_decision d = base();
    CHECK_INT(publish_state(&m, &d, t, GS_NODATE), PUB_LIVE);
    CHECK_INT(publish_state(&m, &d, date_from_ymd(2024, 2, 1), GS_NODATE), PUB_FUTURE);
    d.review_pending = 1;
    CHECK_INT(publish_state(&m, &d, t, GS_NODATE), PUB_PENDING);
    d.review_pending = 0;
    d.withheld = "商业秘密";
    CHECK_INT(publish_state(&m, &d, t, GS_NODATE), PUB_WITHHELD);
    d.withheld = "";
    d.status = ST_REVOKED;
    d.status_date = date_from_ymd(2024, 3, 20);
    CHECK_INT(publish_state(&m, &d, t, GS_NODATE), PUB_WITHDRAWN);
    /* before its date the revocation is not in force */
    CHECK_INT(publish_state(&m, &d, date_from_ymd(2024, 3, 10), GS_NODATE), PUB_LIVE);
    d.status = ST_CORRECTED;
    CHECK_INT(publish_state(&m, &d, t, GS_NODATE), PUB_LIVE);
    model_free(&m);
}

TEST(periods)
{
    gs_model m;
    model_init(&m);
    gs_decision d = base();
    /* 警告 only: 3 months from the decision date */
    CHECK_INT(publish_until(&m, &d, GS_NODATE), date_from_ymd(2024, 5, 31));
    CHECK_INT(publish_state(&m, &d, date_from_ymd(2024, 6, 1), GS_NODATE), PUB_EXPIRED);
    /* a fine up to low_fine is still short; above it, long */
    d.penalties |= 1u << PEN_FAKUAN;
    d.fine_fen = 1000000;
    CHECK_INT(publish_until(&m, &d, GS_NODATE), date_from_ymd(2024, 5, 31));
    d.fine_fen = 1000001;
    CHECK_INT(publish_until(&m, &d, GS_NODATE), date_from_ymd(2027, 2, 28));
    /* from the first-published date when known */
    d.penalties = 1u << PEN_DIAOXIAO;
    CHECK_INT(publish_until(&m, &d, date_from_ymd(2024, 3, 5)), date_from_ymd(2027, 3, 4));
    /* person_years replaces long_years for natural persons */
    m.settings.person_years = 2;
    d.party_type = PARTY_PERSON;
    CHECK_INT(publish_until(&m, &d, GS_NODATE), date_from_ymd(2026, 2, 28));
    /* other categories stay unless other_years is set */
    d.category = CAT_XUKE;
    CHECK_INT(publish_until(&m, &d, GS_NODATE), GS_NODATE);
    m.settings.other_years = 5;
    CHECK_INT(publish_until(&m, &d, GS_NODATE), date_from_ymd(2029, 2, 28));
    model_free(&m);
}

TEST(summary_procedure)
{
    gs_model m;
    model_init(&m);
    gs_decision d = base();
    d.procedure = PROC_SIMPLE;
    gs_date t = date_from_ymd(2024, 4, 1);
    CHECK_INT(publish_state(&m, &d, t, GS_NODATE), PUB_LIVE);
    m.settings.publish_summary = false;
    CHECK_INT(publish_state(&m, &d, t, GS_NODATE), PUB_SUMMARY);
    model_free(&m);
}

int main(void)
{
    RUN(states);
    RUN(periods);
    RUN(summary_procedure);
    return T_DONE();
}
