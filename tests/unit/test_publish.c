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

/* the first-published date from the ledger (m->pub_since) is where the
 * publicity period starts, for every caller that passes GS_NODATE */
TEST(since_from_the_ledger)
{
    gs_model m;
    model_init(&m);
    gs_decision *d = GS_PUSH(m.decisions);
    *d = base(); /* 警告 of 2024-03-01: ends 2024-05-31 from its decision date */
    gs_decision *e = GS_PUSH(m.decisions);
    *e = base();
    gs_date since[2] = {date_from_ymd(2024, 4, 10), GS_NODATE};
    m.pub_since = since;
    m.pub_since_n = 2;
    d = &m.decisions.v[0];
    e = &m.decisions.v[1];
    CHECK_INT(publish_since(&m, d), date_from_ymd(2024, 4, 10));
    CHECK_INT(publish_since(&m, e), GS_NODATE);
    CHECK_INT(publish_until(&m, d, GS_NODATE), date_from_ymd(2024, 7, 9));
    CHECK_INT(publish_until(&m, e, GS_NODATE), date_from_ymd(2024, 5, 31));
    CHECK_INT(publish_state(&m, d, date_from_ymd(2024, 6, 15), GS_NODATE), PUB_LIVE);
    CHECK_INT(publish_state(&m, e, date_from_ymd(2024, 6, 15), GS_NODATE), PUB_EXPIRED);
    CHECK_INT(publish_state(&m, d, date_from_ymd(2024, 7, 10), GS_NODATE), PUB_EXPIRED);
    /* an explicit date wins; a decision outside the model has none */
    CHECK_INT(publish_until(&m, d, date_from_ymd(2024, 3, 1)), date_from_ymd(2024, 5, 31));
    gs_decision f = base();
    CHECK_INT(publish_since(&m, &f), GS_NODATE);
    /* an array shorter than the decisions (one added later): no date */
    m.pub_since_n = 1;
    CHECK_INT(publish_since(&m, e), GS_NODATE);
    m.pub_since = NULL;
    CHECK_INT(publish_since(&m, d), GS_NODATE);
    model_free(&m);
}

/* a natural person under 18 on the decision date is never published */
TEST(minors)
{
    gs_model m;
    model_init(&m);
    gs_decision d = base();
    d.party_type = PARTY_PERSON;
    d.party_name = "钱小多";
    d.id_no = "419999201001011235"; /* born 2010-01-01 */
    d.date = date_from_ymd(2027, 12, 31);
    CHECK_INT(publish_state(&m, &d, date_from_ymd(2028, 2, 1), GS_NODATE), PUB_MINOR);
    d.date = date_from_ymd(2028, 1, 1);
    CHECK_INT(publish_state(&m, &d, date_from_ymd(2028, 2, 1), GS_NODATE), PUB_LIVE);
    model_free(&m);
}

int main(void)
{
    RUN(states);
    RUN(periods);
    RUN(summary_procedure);
    RUN(since_from_the_ledger);
    RUN(minors);
    return T_DONE();
}
