/*
 * test_stats.c - the annual statistics: the heaviest-penalty rule against
 * hand-made cases (golden table), the computation over a small hand-built
 * model (per agency and county, withdrawn, officers, the ledger hook), the
 * SVG charts, and the workbooks (明细 continuing on 明细2, identical bytes
 * from two builds).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar.h"
#include "loaders.h"
#include "stats.h"
#include "svgchart.h"
#include "t.h"
#include "xlsx.h"

#define B(p) (1u << (p))

/* ---- the heaviest penalty counts once (order of domain.md) ---- */

static const struct {
    unsigned mask;
    enum stats_heavy want;
} heavy_cases[] = {
    {B(PEN_JINGGAO), HV_JINGGAO},
    {B(PEN_JINGGAO) | B(PEN_TONGBAO), HV_TONGBAO},
    {B(PEN_JINGGAO) | B(PEN_FAKUAN), HV_FAKUAN},
    {B(PEN_FAKUAN) | B(PEN_MOSHOU_SUODE), HV_MOSHOU},
    {B(PEN_MOSHOU_CAIWU), HV_MOSHOU},
    {B(PEN_MOSHOU_SUODE) | B(PEN_MOSHOU_CAIWU) | B(PEN_FAKUAN), HV_MOSHOU},
    {B(PEN_FAKUAN) | B(PEN_ZANKOU), HV_ZANKOU},
    {B(PEN_ZANKOU) | B(PEN_JIANGDI), HV_JIANGDI},
    {B(PEN_JIANGDI) | B(PEN_XIANZHI_JINGYING), HV_XIANZHI_JY},
    {B(PEN_XIANZHI_JINGYING) | B(PEN_TINGCHAN), HV_TINGCHAN},
    {B(PEN_TINGCHAN) | B(PEN_GUANBI), HV_GUANBI},
    {B(PEN_TINGCHAN) | B(PEN_XIANZHI_CONGYE), HV_GUANBI},
    {B(PEN_GUANBI) | B(PEN_XIANZHI_CONGYE), HV_GUANBI},
    /* 吊销 comes before 限制开展生产经营活动 in the enum but ranks above it */
    {B(PEN_DIAOXIAO) | B(PEN_XIANZHI_JINGYING), HV_DIAOXIAO},
    {B(PEN_DIAOXIAO) | B(PEN_GUANBI) | B(PEN_XIANZHI_CONGYE), HV_DIAOXIAO},
    {B(PEN_DIAOXIAO) | B(PEN_JULIU), HV_JULIU},
    {B(PEN_JULIU) | B(PEN_QITA), HV_JULIU},
    {B(PEN_QITA), HV_QITA},
    {B(PEN_QITA) | B(PEN_JINGGAO), HV_JINGGAO},
    {0, HV_QITA},
    {(1u << PEN_COUNT) - 1, HV_JULIU},
};

TEST(heaviest_golden)
{
    for (size_t i = 0; i < sizeof heavy_cases / sizeof *heavy_cases; i++) {
        enum stats_heavy got = stats_heaviest(heavy_cases[i].mask);
        if (got != heavy_cases[i].want)
            printf("case %zu: %s, expected %s\n", i, stats_heavy_names[got],
                   stats_heavy_names[heavy_cases[i].want]);
        CHECK_INT(got, heavy_cases[i].want);
    }
    CHECK_STR(stats_heavy_names[HV_MOSHOU], "没收违法所得、没收非法财物");
    CHECK_STR(stats_heavy_names[HV_GUANBI], "责令关闭、限制从业");
}

/* ---- a hand-built model ---- */

static int agency(gs_model *m, const char *name, const char *slug)
{
    gs_agency *a = GS_PUSH(m->agencies);
    a->name = model_str(m, name, strlen(name));
    a->slug = model_str(m, slug, strlen(slug));
    a->credit_code = a->short_name = a->duties = a->address = a->phone = "";
    a->complaint_phone = a->review_body = a->court = "";
    return (int)m->agencies.n - 1;
}

static gs_decision *decision(gs_model *m, int ag, int cat, const char *date)
{
    char *no = xasprintf("示测〔2024〕%zu号", m->decisions.n + 1);
    char *slug = xasprintf("d/%zu", m->decisions.n + 1);
    gs_decision *d = GS_PUSH(m->decisions);
    d->doc_no = model_str(m, no, strlen(no));
    d->slug = model_str(m, slug, strlen(slug));
    free(no);
    free(slug);
    d->category = (uint8_t)cat;
    d->agency = ag;
    d->party_type = PARTY_ORG;
    d->party_name = "示例公司";
    d->credit_code = d->legal_rep = d->id_type = d->id_no = d->violation_type = "";
    d->facts = d->basis = d->conclusion = d->permit_class = d->permit_cert = "";
    d->permit_no = d->place = d->withheld = d->status_note = "";
    d->date = date_parse_iso(date);
    d->fine_fen = d->confiscation_fen = -1;
    d->occur_minute = -1;
    return d;
}

static void officer(gs_model *m, int ag, const char *no, int cert, int reviewer, int bh, int lh,
                    const char *valid_to)
{
    gs_officer *o = GS_PUSH(m->officers);
    o->name = "测试员";
    o->cert_no = model_str(m, no, strlen(no));
    o->slug = o->cert_no;
    o->agency = ag;
    o->title = o->categories = o->area = "";
    o->cert_status = (uint8_t)cert;
    o->legal_reviewer = (uint8_t)reviewer;
    o->business_hours = bh;
    o->law_hours = lh;
    o->valid_to = valid_to ? date_parse_iso(valid_to) : GS_NODATE;
}

static void build_model(gs_model *m)
{
    model_init(m);
    m->settings.name = "示测县人民政府";
    int a = agency(m, "示测县市场监督管理局", "sj");
    int b = agency(m, "示测县交通运输局", "jt");
    gs_decision *d;
    d = decision(m, a, CAT_CHUFA, "2024-03-01");
    d->penalties = B(PEN_JINGGAO) | B(PEN_FAKUAN);
    d->fine_fen = 500000; /* 5,000.00 */
    d->violation_type = "销售过期食品";
    d->place = "城关镇";
    d->occur_date = date_parse_iso("2024-02-20");
    d->occur_minute = 9 * 60 + 30;
    d->procedure = PROC_NORMAL;
    d->major = d->legal_review = d->lawyer = YN_YES;
    d = decision(m, a, CAT_CHUFA, "2024-03-05");
    d->penalties = B(PEN_FAKUAN) | B(PEN_MOSHOU_SUODE) | B(PEN_DIAOXIAO);
    d->fine_fen = 1234567; /* 12,345.67 */
    d->confiscation_fen = 89;
    d->violation_type = "销售过期食品";
    d->place = "城关镇";
    d->occur_date = date_parse_iso("2024-02-21");
    d->major = d->legal_review = YN_YES;
    d->hearing = YN_YES;
    d = decision(m, b, CAT_CHUFA, "2024-06-10"); /* withdrawn */
    d->penalties = B(PEN_JINGGAO);
    d->violation_type = "超限运输";
    d->status = ST_REVOKED;
    d->status_date = date_parse_iso("2024-07-01");
    d = decision(m, b, CAT_CHUFA, "2024-07-10"); /* revoked only after today */
    d->penalties = B(PEN_JULIU);
    d->status = ST_REVOKED;
    d->status_date = date_parse_iso("2025-02-01");
    d->withheld = "国家秘密";
    d->violation_type = "秘密事项";
    d = decision(m, a, CAT_XUKE, "2024-04-01");
    d->permit_result = PERMIT_GRANT;
    d->permit_class = "特许";
    d = decision(m, a, CAT_XUKE, "2024-04-02");
    d->permit_result = PERMIT_REFUSE;
    d = decision(m, b, CAT_QIANGZHI, "2024-05-01");
    d->coercive = B(COER_CHAFENG) | B(COER_KOUYA);
    d = decision(m, b, CAT_JIANCHA, "2024-12-30");
    d->review_pending = 1;
    d = decision(m, a, CAT_CHUFA, "2023-12-31"); /* another year */
    d->penalties = B(PEN_FAKUAN);
    d->fine_fen = 100;
    officer(m, a, "A1", CERT_VALID, YN_YES, 30, 30, NULL);
    officer(m, a, "A2", CERT_VALID, YN_NO, 30, -1, "2024-06-30"); /* expired before ref */
    officer(m, b, "B1", CERT_SUSPENDED, YN_NO, 40, 40, "2030-01-01");
    model_finish(m);
}

TEST(compute)
{
    gs_model m;
    build_model(&m);
    gs_stats st;
    gs_date today = date_parse_iso("2025-01-15");
    stats_compute(&st, &m, 0, today, NULL);
    CHECK_INT(st.year, 2024);
    CHECK_INT(st.n_units, 3);
    const stats_unit *c = &st.units[0], *a = &st.units[1], *b = &st.units[2];
    CHECK_STR(c->name, "示测县人民政府");
    CHECK_INT(c->cases, 8);
    CHECK_INT(a->cases + b->cases, 8);
    CHECK_INT(c->by_cat[CAT_CHUFA], 4);
    CHECK_INT(a->by_cat[CAT_CHUFA], 2);
    CHECK_INT(c->by_cat[CAT_XUKE], 2);
    CHECK_INT(c->withdrawn, 1); /* the later revocation is not in force yet */
    CHECK_INT(c->by_state[PUB_WITHDRAWN], 1);
    CHECK_INT(c->by_state[PUB_WITHHELD], 1);
    CHECK_INT(c->by_state[PUB_PENDING], 1);
    CHECK_INT(c->pen_heavy[HV_FAKUAN], 1);
    CHECK_INT(c->pen_heavy[HV_DIAOXIAO], 1);
    CHECK_INT(c->pen_heavy[HV_JINGGAO], 1);
    CHECK_INT(c->pen_heavy[HV_JULIU], 1);
    CHECK_INT(c->pen_occur[PEN_FAKUAN], 2);
    CHECK_INT(c->pen_occur[PEN_JINGGAO], 2);
    CHECK_INT(c->fine_cases, 2);
    CHECK_INT(c->fine_fen, 1734567);
    CHECK_INT(c->pen_heavy_fine_fen[HV_DIAOXIAO], 1234567);
    CHECK_INT(c->confisc_fen, 89);
    CHECK_INT(c->permit[PERMIT_GRANT], 1);
    CHECK_INT(c->permit[PERMIT_REFUSE], 1);
    CHECK_INT(c->permit_by_class[1][PERMIT_GRANT], 1);          /* 特许 */
    CHECK_INT(c->permit_by_class[PCLASS_COUNT - 1][PERMIT_REFUSE], 1); /* 未注明 */
    CHECK_INT(c->coer_cases, 1);
    CHECK_INT(c->coer[COER_CHAFENG], 1);
    CHECK_INT(c->coer[COER_DONGJIE], 0);
    CHECK_INT(c->major, 2);
    CHECK_INT(c->major_reviewed, 2);
    CHECK_INT(c->reviewed_lawyer, 1);
    CHECK_INT(c->hearing, 1);
    CHECK_INT(c->occ_month[2], 2);
    CHECK_INT(c->occ_month[0], 2);
    CHECK_INT(c->occ_hour[9], 1);
    CHECK_INT(c->occ_hour[24], 3);
    CHECK_INT(c->by_month[2], 2); /* March */
    /* tallies: most frequent first; a withheld-only name is not public */
    uint32_t *o = stats_tally_order(&c->vtype);
    CHECK_STR(c->vtype.v[o[0]].key, "销售过期食品");
    CHECK_INT(c->vtype.v[o[0]].n, 2);
    CHECK_INT(c->vtype.v[o[0]].fine_fen, 1734567);
    for (size_t i = 0; i < c->vtype.n; i++)
        if (strcmp(c->vtype.v[i].key, "秘密事项") == 0)
            CHECK_INT(c->vtype.v[i].public_n, 0);
    free(o);
    /* officers: A2's certificate ran out before 31 December */
    CHECK_INT(c->officers, 3);
    CHECK_INT(c->cert_valid, 1);
    CHECK_INT(a->legal_reviewers, 1);
    CHECK_INT(c->train_ok, 2);
    CHECK_INT(c->law_short, 1);
    CHECK_INT(c->tl_items, 0);
    CHECK(!st.has_ledger);
    stats_free(&st);

    /* --year picks another year */
    stats_compute(&st, &m, 2023, today, NULL);
    CHECK_INT(st.units[0].cases, 1);
    CHECK_INT(st.units[0].fine_fen, 100);
    stats_free(&st);
    model_free(&m);
}

/* a fake ledger: first-published dates by decision index */
static gs_date fake_first(const void *ctx, const gs_model *m, size_t i)
{
    const gs_date *dates = ctx;
    (void)m;
    return dates[i];
}

TEST(timeliness)
{
    gs_model m;
    build_model(&m);
    calendar_load(&m, "tests/fixtures/mini/calendar");
    gs_date first[16] = {0};
    first[0] = date_parse_iso("2024-03-12"); /* due day: on time */
    first[1] = date_parse_iso("2024-03-15"); /* due 2024-03-14: 1 working day late */
    first[4] = date_parse_iso("2024-04-01");
    stats_ledger lg = {.ctx = first, .first_published = fake_first,
                       .start = date_parse_iso("2024-01-01")};
    gs_stats st;
    stats_compute(&st, &m, 2024, date_parse_iso("2024-12-31"), &lg);
    const stats_unit *c = &st.units[0];
    CHECK(st.has_ledger);
    /* 8 decisions of 2024, the withheld one is not a timeliness item */
    CHECK_INT(c->tl_items, 7);
    CHECK_INT(c->tl_on_time, 2);
    CHECK_INT(c->tl_late, 1);
    CHECK_INT(c->tl_late_days, 1);
    CHECK_INT(c->tl_waiting, 1); /* dated 2024-12-30 */
    CHECK_INT(c->tl_overdue, 3);
    stats_free(&st);
    model_free(&m);
}

/* ---- SVG charts ---- */

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

TEST(svg)
{
    CHECK_INT(svg_nice_max(0), 1);
    CHECK_INT(svg_nice_max(7), 10);
    CHECK_INT(svg_nice_max(10), 10);
    CHECK_INT(svg_nice_max(11), 20);
    CHECK_INT(svg_nice_max(260), 500);
    const char *labels[] = {"警告", "a<b & c", "一个非常非常长的违法行为类型名称一个非常非常长的违法行为类型名称"};
    int64_t v[] = {3, 0, 12};
    buf b;
    buf_init(&b);
    svg_hbars(&b, "t1", "测试", labels, v, 3);
    CHECK(strstr(b.p, "role=\"img\"") != NULL);
    CHECK(strstr(b.p, "<title id=\"t1-t\">测试") != NULL);
    CHECK(strstr(b.p, "a&lt;b &amp; c") != NULL);
    CHECK(strstr(b.p, "…") != NULL);
    CHECK_INT(count(b.p, "<rect"), 3);
    buf_reset(&b);
    const char *months[] = {"1月", "2月"};
    svg_columns(&b, "t2", "按月", months, v, 2);
    CHECK_INT(count(b.p, "<rect"), 2);
    CHECK(strstr(b.p, "</svg>") != NULL);
    buf_free(&b);
}

/* ---- workbooks ---- */

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char *p = xasprintf("%s/%s", dir, name);
    char *data = read_file(p, len);
    free(p);
    return data;
}

/* a fresh folder under $TMPDIR (or /tmp); malloc'd */
static char *temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char *t = xasprintf("%s/gs-stats-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(t)) {
        free(t);
        return NULL;
    }
    return t;
}

static void rm_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
            continue;
        char *p = xasprintf("%s/%s", dir, e->d_name);
        if (e->d_type == DT_DIR)
            rm_tree(p);
        else
            unlink(p);
        free(p);
    }
    closedir(d);
    rmdir(dir);
}

TEST(workbooks)
{
    gs_model m;
    build_model(&m);
    char *t1 = temp_dir(), *t2 = temp_dir();
    CHECK(t1 && t2);
    if (!t1 || !t2)
        return;
    unsigned saved = xlsx_rows_per_sheet;
    xlsx_rows_per_sheet = 3; /* 8 decisions: 明细, 明细2, 明细3 */
    xlsx_opts o = {.out_root = t1, .today = date_parse_iso("2025-01-15")};
    CHECK_INT(xlsx_build(&m, &o), 0);
    o.out_root = t2;
    CHECK_INT(xlsx_build(&m, &o), 0);
    xlsx_rows_per_sheet = saved;
    char *d1 = xasprintf("%s/xlsx", t1), *d2 = xasprintf("%s/xlsx", t2);
    static const char *const files[] = {
        "stats-2024.xlsx", "stats-2024-sj.xlsx", "stats-2024-jt.xlsx", "sgs-penalties-2024.xlsx",
        "sgs-penalties-2024.csv", "sgs-permits-2024.xlsx", "sgs-permits-2024.csv"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        size_t l1 = 0, l2 = 0;
        char *a = slurp(d1, files[i], &l1), *b = slurp(d2, files[i], &l2);
        CHECK(a && b);
        /* two builds, identical bytes */
        CHECK(a && b && l1 == l2 && memcmp(a, b, l1) == 0);
        if (a && i == 0) {
            /* nine sheets plus 明细2 and 明细3; zip names are stored plain */
            CHECK(memmem(a, l1, "xl/worksheets/sheet11.xml", 25) != NULL);
            CHECK(memmem(a, l1, "xl/worksheets/sheet12.xml", 25) == NULL);
            CHECK(memmem(a, l1, "xl/charts/chart1.xml", 20) != NULL);
        }
        free(a);
        free(b);
    }
    /* the penalty export: header in the 信用中国 order, 万元 with 6 decimals;
     * the withheld and the withdrawn decisions are not exported */
    size_t len = 0;
    char *csv = slurp(d1, "sgs-penalties-2024.csv", &len);
    const char *head = "\xEF\xBB\xBF行政相对人名称,行政相对人类别,统一社会信用代码,法定代表人,";
    CHECK(csv && strncmp(csv, head, strlen(head)) == 0);
    CHECK(csv && strstr(csv, ",0.500000,") != NULL);
    CHECK(csv && strstr(csv, ",1.234567,0.000089,") != NULL);
    CHECK(csv && count(csv, "\r\n") == 3);
    free(csv);
    free(d1);
    free(d2);
    rm_tree(t1);
    rm_tree(t2);
    free(t1);
    free(t2);
    model_free(&m);
}

/* the test model and a fresh folder for a test's output (NULL, the model
 * freed, when no folder can be made) */
static char *model_and_dir(gs_model *m)
{
    build_model(m);
    char *t = temp_dir();
    CHECK(t != NULL);
    if (!t)
        model_free(m);
    return t;
}

/* the workbooks' records in STATE/xlsx.digests: one per file, none when
 * a decision came from the ledger (its fields are in no input file) */
TEST(workbook_records)
{
    gs_model m;
    char *t = model_and_dir(&m);
    if (!t)
        return;
    char *state = xasprintf("%s/state", t);
    CHECK(mkdir(state, 0755) == 0);
    xlsx_opts o = {.out_root = t, .today = date_parse_iso("2025-01-15"), .state_dir = state};
    for (int kept = 0; kept < 2; kept++) {
        m.decisions.v[0].kept = (uint8_t)kept;
        CHECK_INT(xlsx_build(&m, &o), 0);
        size_t len = 0;
        char *rec = slurp(state, "xlsx.digests", &len);
        CHECK(rec != NULL);
        CHECK_INT(rec ? (long long)count(rec, "\nf ") : -1, kept ? 0 : 7);
        free(rec);
    }
    free(state);
    rm_tree(t);
    free(t);
    model_free(&m);
}

/* the build's two halves: workbooks made (xlsx_make) but not committed
 * leave nothing behind when the plan is dropped (a build that stopped);
 * made, then written, they are the same files as xlsx_build's */
static size_t count_files(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.' || strstr(e->d_name, ".tmp") != NULL;
    if (d)
        closedir(d);
    return n;
}

TEST(workbooks_made_then_dropped)
{
    gs_model m;
    char *t = model_and_dir(&m);
    if (!t)
        return;
    xlsx_opts o = {.out_root = t, .today = date_parse_iso("2025-01-15"), .threads = 1};
    char *d = xasprintf("%s/xlsx", t);
    xlsx_plan *p = xlsx_plan_new(&m, &o);
    xlsx_make(p);
    CHECK_INT(count_files(d), 7); /* the seven made, as hidden temporary files */
    xlsx_plan_free(p);
    CHECK_INT(count_files(d), 0);
    p = xlsx_plan_new(&m, &o);
    xlsx_make(p);
    CHECK_INT(xlsx_write(p), 0);
    CHECK_INT(count_files(d), 7);
    size_t len = 0;
    char *x = slurp(d, "sgs-penalties-2024.csv", &len);
    CHECK(x && count(x, "\r\n") == 3);
    free(x);
    free(d);
    rm_tree(t);
    free(t);
    model_free(&m);
}

TEST(empty)
{
    /* no agencies, officers or decisions: zeros, and the workbooks still open */
    gs_model m;
    model_init(&m);
    gs_stats st;
    stats_compute(&st, &m, 0, date_parse_iso("2025-01-15"), NULL);
    CHECK_INT(st.n_units, 1);
    CHECK_INT(st.units[0].cases, 0);
    CHECK_INT(st.units[0].officers, 0);
    stats_free(&st);
    char *t = temp_dir();
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK_INT(xlsx_build(&m, &(xlsx_opts){.out_root = t, .today = date_parse_iso("2025-01-15")}), 0);
    char *d = xasprintf("%s/xlsx", t);
    size_t len = 0;
    char *x = slurp(d, "stats-2024.xlsx", &len);
    CHECK(x && len > 1000);
    free(x);
    free(d);
    rm_tree(t);
    free(t);
    model_free(&m);
}

int main(void)
{
    RUN(heaviest_golden);
    RUN(compute);
    RUN(timeliness);
    RUN(svg);
    RUN(workbooks);
    RUN(workbook_records);
    RUN(workbooks_made_then_dropped);
    RUN(empty);
    return T_DONE();
}
