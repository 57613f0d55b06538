/*
 * synth.c - gongshi-synth: a synthetic content folder for benchmarks and
 * scale tests.
 *
 *   gongshi-synth --decisions N --out DIR [--seed S] [--from CONTENT_DIR]
 *                 [--change PCT]
 *
 * Copies site.yaml, calendar/YYYY.csv, pages/ and data/phrases.csv from
 * CONTENT_DIR (default "content") and writes data/agencies.csv (20
 * agencies), officers.csv (max(60, N/200), at most 5000), decisions.csv (N
 * rows, about 600 bytes each, dated 2022-01-01 .. 2026-11-20 in date
 * order), powers.csv (200) and inspections.csv (60).  Everything is
 * fictional: ID numbers use the non-existent region 419999, with correct
 * GB 11643 and GB 32100 check characters.
 *
 * Output is a function of the seed only.  Every decision row draws from its
 * own PRNG stream (splitmix64 keyed by seed and row number), so --change PCT
 * alters the 执法结论 of about PCT percent of the rows, spread evenly over
 * the file, and leaves every other byte as it was.  Rows are written as they
 * are made: memory does not grow with N.
 *
 * Exit status: 0 done, 1 a file could not be read or written, 2 usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dates.h"
#include "fsout.h"
#include "synth_csv.h"
#include "util.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#include "synth_tables.h"

/* ---- PRNG: splitmix64, one stream per (purpose, index) ---- */

typedef struct { uint64_t s; } rng;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static rng rstream(uint64_t seed, uint64_t purpose, uint64_t i)
{
    return (rng){mix64(seed + 0x9E3779B97F4A7C15ULL * (purpose + 1)) ^ mix64(i * 0xD1B54A32D192ED03ULL + purpose)};
}

static uint64_t rnext(rng *r) { return mix64(r->s += 0x9E3779B97F4A7C15ULL); }
static uint32_t rbelow(rng *r, uint32_t n) { return (uint32_t)(((rnext(r) >> 32) * (uint64_t)n) >> 32); }
static int rrange(rng *r, int lo, int hi) { return lo + (int)rbelow(r, (uint32_t)(hi - lo + 1)); }
static bool rchance(rng *r, int per_mille) { return (int)rbelow(r, 1000) < per_mille; }
#define PICK(r, a) ((a)[rbelow((r), (uint32_t)NELEM(a))])

static int pick_w(rng *r, const int *w, int n)
{
    int tot = 0;
    for (int i = 0; i < n; i++)
        tot += w[i];
    int x = (int)rbelow(r, (uint32_t)tot);
    for (int i = 0; i < n; i++)
        if ((x -= w[i]) < 0)
            return i;
    return n - 1;
}

/* ---- text pieces ---- */

static void put_u(buf *b, uint64_t v)
{
    char t[24];
    int n = 0;
    do
        t[n++] = (char)('0' + v % 10);
    while (v /= 10);
    buf_grow(b, (size_t)n);
    while (n)
        b->p[b->len++] = t[--n];
    b->p[b->len] = 0;
}

static void put_u0(buf *b, unsigned v, int width) /* zero-padded */
{
    char t[16];
    for (int i = width - 1; i >= 0; i--, v /= 10)
        t[i] = (char)('0' + v % 10);
    buf_add(b, t, (size_t)width);
}

static void put_thousands(buf *b, uint64_t v)
{
    if (v < 1000)
        put_u(b, v);
    else {
        put_thousands(b, v / 1000);
        buf_putc(b, ',');
        put_u0(b, (unsigned)(v % 1000), 3);
    }
}

/* append strings up to a NULL: cheaper than buf_printf on the hot path */
static void put_strs(buf *b, ...)
{
    va_list ap;
    va_start(ap, b);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
        buf_puts(b, s);
    va_end(ap);
}

static void put_money(buf *b, rng *r, uint64_t v) /* the ways counties type yuan */
{
    unsigned k = rbelow(r, 5);
    if (k == 4)
        buf_puts(b, "￥");
    (k == 1 || k == 2 ? put_u : put_thousands)(b, v);
    buf_puts(b, k == 2 || k == 3 ? "元" : k == 4 ? ".00" : "");
}

static void put_date(buf *b, gs_date d)
{
    char t[11];
    date_format(d, t);
    buf_add(b, t, 10);
}

/* 统一社会信用代码: prefix2, region 419999, organization code with its
 * GB 11714 check, then the GB 32100 check character */
static void put_credit(buf *b, rng *r, const char *prefix2)
{
    static const char ALPHA[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static const int w11714[] = {3, 7, 9, 10, 5, 8, 4, 2};
    static const int w32100[] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    char c[19];
    memcpy(c, prefix2, 2);
    memcpy(c + 2, "419999MA", 8);
    for (int i = 10; i < 16; i++)
        c[i] = ALPHA[rbelow(r, 30)];
    int s = 0;
    for (int i = 0; i < 8; i++)
        s += (c[8 + i] >= 'A' ? c[8 + i] - 'A' + 10 : c[8 + i] - '0') * w11714[i];
    c[16] = "0123456789X0"[11 - s % 11];
    s = 0;
    for (int i = 0; i < 17; i++)
        s += (int)(strchr(ALPHA, c[i]) - ALPHA) * w32100[i];
    c[17] = ALPHA[(31 - s % 31) % 31];
    buf_add(b, c, 18);
}

/* GB 11643 citizen ID in region 419999 */
static void put_id(buf *b, rng *r, gs_date birth)
{
    static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    char c[19], t[11];
    date_format(birth, t);
    snprintf(c, sizeof c, "419999%.4s%.2s%.2s%03u", t, t + 5, t + 8, rbelow(r, 1000));
    int s = 0;
    for (int i = 0; i < 17; i++)
        s += (c[i] - '0') * w[i];
    c[17] = "10X98765432"[s % 11];
    buf_add(b, c, 18);
}

static gs_date rdate(rng *r, int y0, int y1) /* a day in years y0..y1, drawn in order */
{
    int y = rrange(r, y0, y1), m = rrange(r, 1, 12);
    return date_from_ymd(y, m, rrange(r, 1, 28));
}

static void put_name(buf *b, rng *r, bool masked)
{
    buf_puts(b, rchance(r, 30) ? PICK(r, COMPOUND) : PICK(r, SURNAME));
    buf_puts(b, masked ? PICK(r, GIVEN_P) : PICK(r, GIVEN_O));
}

static void put_address(buf *b, rng *r, int town)
{
    put_strs(b, TOWN[town], PICK(r, ROAD), NULL);
    put_u(b, (unsigned)rrange(r, 1, 199));
    buf_puts(b, "号");
}

static void put_officer(buf *b, int a, int k) /* 执法证号 */
{
    buf_puts(b, "410999");
    put_u0(b, (unsigned)a + 1, 2);
    put_u0(b, (unsigned)k, 3);
}

/* ---- copying the fixed parts of the content folder ---- */


static void copy_file(const char *from, const char *to)
{
    size_t n;
    char *p = read_file(from, &n);
    FILE *out;
    if (!p)
        die_io(from);
    if (!(out = fopen(to, "wb")) || fwrite(p, 1, n, out) != n || fclose(out) != 0)
        die_io(to);
    free(p);
}

/* copy a folder; csv_only: just the *.csv files at its top */
static void copy_tree(const char *from, const char *to, bool csv_only)
{
    DIR *d = opendir(from);
    if (!d)
        die_io(from);
    if (!mkdir_p(to))
        die_io(to);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        char *src = xasprintf("%s/%s", from, e->d_name), *dst = xasprintf("%s/%s", to, e->d_name);
        struct stat st;
        if (stat(src, &st) != 0)
            die_io(src);
        if (S_ISDIR(st.st_mode) && !csv_only)
            copy_tree(src, dst, false);
        else if (!S_ISDIR(st.st_mode) && (!csv_only || (n > 4 && strcmp(e->d_name + n - 4, ".csv") == 0)))
            copy_file(src, dst);
        free(src);
        free(dst);
    }
    closedir(d);
}

/* ---- decisions ---- */

typedef struct {
    uint64_t seed, n;
    uint32_t change_ppm;
    int *valid[NAG], nvalid[NAG], *bad[NAG], nbad[NAG]; /* officers' numbers within the agency */
    gs_date *days;                                      /* Monday to Friday */
    size_t ndays;
    uint32_t seq[NAG][NTOK][NYEARS];
} gen;

/* 违法事实: 100-400 characters from fragments */
static void put_fact(buf *f, rng *r, const vtype *v, int town, gs_date fd, uint64_t conf)
{
    static const char *SITE[] = {"的经营场所", "的生产车间", "的作业现场", "的门店", "的仓库"};
    int y, mo, dd;
    size_t start = f->len;
    date_to_ymd(fd, &y, &mo, &dd);
    put_u(f, (unsigned)y);
    buf_puts(f, "年");
    put_u(f, (unsigned)mo);
    buf_puts(f, "月");
    put_u(f, (unsigned)dd);
    buf_puts(f, "日，执法人员依法对当事人位于");
    put_address(f, r, town);
    put_strs(f, PICK(r, SITE), "进行检查，发现当事人", v->detail, "。", NULL);
    int k = rchance(r, 60) ? rrange(r, 4, 8) : rrange(r, 1, 3); /* now and then a long one */
    for (unsigned m = rbelow(r, NELEM(MIDDLE)); k > 0; k--, m = (m + 1 + rbelow(r, 2)) % NELEM(MIDDLE))
        buf_puts(f, MIDDLE[m]);
    if (conf || rchance(r, 400)) {
        uint64_t val = (uint64_t)rrange(r, 200, 60000);
        buf_puts(f, "经查，涉案货值金额");
        (rchance(r, 500) ? put_thousands : put_u)(f, val); /* "12,345" makes a quoted cell */
        buf_puts(f, "元");
        if (conf)
            buf_printf(f, "，违法所得%" PRIu64 "元", conf);
        buf_puts(f, "。");
    }
    switch (rbelow(r, 1000)) { /* personal data the site must scrub */
    case 0: buf_printf(f, "当事人在店门口张贴联系电话13%09d招揽顾客。", rrange(r, 0, 999999999)); break;
    case 1:
        buf_puts(f, "经核实，实际经营人身份证号码为");
        put_id(f, r, rdate(r, 1960, 2000));
        buf_puts(f, "。");
        break;
    case 2: buf_printf(f, "货款通过银行卡6228480%012" PRIu64 "收取。", (uint64_t)(rnext(r) % 1000000000000u)); break;
    }
    if (rchance(r, 2))
        buf_putc(f, '\n');
    buf_puts(f, PICK(r, CLOSING));
    while (utf8_count(f->p + start) < 100)
        buf_puts(f, PICK(r, MIDDLE));
}

static void put_penalty_concl(buf *c, rng *r, const char *cats, uint64_t fine, uint64_t conf)
{
    static const char *CAT[] = {"警告", "通报批评", "没收非法财物", "暂扣许可证件", "降低资质等级", "吊销许可证件", "限制开展生产经营活动",
                                "责令停产停业", "责令关闭", "限制从业", "其他"};
    static const char *SAY[] = {"给予警告", "予以通报批评", "没收涉案物品", "暂扣许可证件三个月", "降低资质等级一级", "吊销许可证件",
                                "限制开展生产经营活动六个月", "责令停产停业整顿", "责令关闭", "对直接负责的主管人员处五年内不得从事相关经营管理工作",
                                "责令限期拆除违法建筑物，恢复原状"};
    bool first = !rchance(r, 300);
    if (!first)
        buf_puts(c, "责令改正");
    for (const char *p = cats; *p; first = false) {
        size_t n = strcspn(p, ";");
        buf_puts(c, first ? "" : "，");
        bool is_fine = strncmp(p, "罚款", n) == 0;
        if (is_fine || strncmp(p, "没收违法所得", n) == 0) {
            buf_add(c, p, n);
            put_thousands(c, is_fine ? fine : conf);
            buf_puts(c, "元");
        } else if (strncmp(p, "行政拘留", n) == 0)
            buf_printf(c, "行政拘留%d日", rrange(r, 5, 15));
        else
            for (size_t k = 0; k < NELEM(CAT); k++)
                if (strlen(CAT[k]) == n && strncmp(p, CAT[k], n) == 0)
                    buf_puts(c, SAY[k]);
        p += n + (p[n] == ';');
    }
    buf_puts(c, "。");
}

/* 相对人名称, 相对人类别, 统一社会信用代码, 法定代表人, 证件类型, 证件号码 */
static void put_party(csvout *o, rng *r, int kind, int town, gs_date d)
{
    buf *t = &o->cell;
    if (kind != K_PER) {
        const char *ind = PICK(r, INDUSTRY), *sur = PICK(r, SURNAME), *word = PICK(r, WORD);
        if (kind == K_ORG)
            put_strs(t, "示例县", word, ind, NULL);
        else {
            bool ji = rchance(r, 400); /* 王记面馆 */
            put_strs(t, "示例县", TOWN[town], ji ? sur : word, ji ? "记" : "", PICK(r, SHOP), NULL);
        }
        cellc(o);
        cells(o, kind == K_ORG ? "法人及非法人组织" : "个体工商户");
        put_credit(t, r, kind == K_IND ? "92" : strstr(ind, "合作社") ? "93" : "91");
        cellc(o);
        if (kind == K_ORG)
            put_name(t, r, false);
        else
            put_strs(t, sur, PICK(r, GIVEN_P), NULL); /* the operator */
        cellc(o);
        blanks(o, 2);
        return;
    }
    put_name(t, r, true);
    cellc(o);
    cells(o, "自然人");
    blanks(o, 2);
    int idk = (int)rbelow(r, 1000);
    if (idk < 30) {
        cells(o, idk < 20 ? "护照" : "港澳居民来往内地通行证");
        buf_printf(t, "%c%08d", idk < 20 ? 'E' : 'H', rrange(r, 0, 99999999));
    } else {
        cells(o, idk < 500 ? "身份证" : "");
        int age = idk == 30 ? rrange(r, 15, 17) : rrange(r, 19, 75); /* now and then a minor */
        int m = rrange(r, 1, 12);
        put_id(t, r, date_from_ymd(date_year(d) - age, m, rrange(r, 1, 28)));
    }
    cellc(o);
}

static void gen_decision(gen *g, csvout *o, uint64_t i)
{
    static const int KIND_W[3][3] = {{50, 30, 20}, {60, 35, 5}, {60, 25, 15}}; /* 处罚, 许可, others */
    static const char *CHECKED[] = {"未发现违法违规问题。", "发现问题已当场责令限期整改。", "发现涉嫌违法行为，已依法立案调查。", "前次检查发现的问题已整改到位。"};
    static const char *LEVY[] = {"土地闲置费", "城市基础设施配套费", "水资源费", "森林植被恢复费"};
    static const char *MEASURE[] = {"查封", "扣押", "查封;扣押", "冻结", "其他"};
    static const char *WITHHELD[] = {"国家秘密", "商业秘密", "个人隐私", "其他"};
    static const char *ST[] = {"变更", "撤销", "确认违法", "确认无效", "更正"};
    static const char *WHY[] = {"经行政复议，原决定内容予以变更。", "人民法院判决撤销该决定。", "经行政复议，确认该决定程序违法。",
                                "人民法院判决确认该决定无效。", "原公示信息中当事人名称有误，已予更正。"};
    rng rr = rstream(g->seed, 1, i), *r = &rr;
    gs_date d = g->days[(size_t)(i * g->ndays / g->n)], last = g->days[g->ndays - 1];
    int year = date_year(d), wa[NAG];
    for (int k = 0; k < NAG; k++)
        wa[k] = AG[k].weight;
    int a = pick_w(r, wa, NAG), cat = pick_w(r, CAT_W, NCAT), town = (int)rbelow(r, NELEM(TOWN));
    const agency *ag = &AG[a];
    const vtype *v = &ag->v[rbelow(r, 3)];
    int kind = pick_w(r, KIND_W[cat < 2 ? cat : 2], 3), combo = 0, presult = 0, tok = CAT_TOK[cat];
    uint64_t fine = 0, conf = 0;
    bool simple = false, major = false;
    if (cat == C_CF) {
        combo = pick_w(r, PEN_W, (int)NELEM(PEN));
        if (strcmp(PEN[combo], "行政拘留") == 0 && a != POLICE)
            combo = 1; /* 罚款 */
        const char *cs = PEN[combo];
        if (strcmp(cs, "行政拘留") == 0)
            kind = K_PER;
        if (strstr(cs, "罚款"))
            fine = (uint64_t)FINE[pick_w(r, FINE_W, (int)NELEM(FINE))] / (kind == K_PER && rchance(r, 700) ? 10 : 1);
        if (strstr(cs, "没收违法所得"))
            conf = (uint64_t)rrange(r, 100, 60000);
        bool light = strcmp(cs, "警告") == 0 || strcmp(cs, "罚款") == 0 || strcmp(cs, "警告;罚款") == 0;
        simple = light && fine <= (kind == K_PER ? 200u : 3000u) && rchance(r, 800);
        major = fine >= 100000 || strstr(cs, "吊销") || strstr(cs, "责令") || strstr(cs, "降低") || strstr(cs, "限制") || strstr(cs, "拘留");
        if (simple && a != POLICE)
            tok = T_JCF;
    } else if (cat == C_XK) {
        presult = pick_w(r, (const int[]){930, 50, 20}, 3);
        tok = T_XZ + presult;
        major = presult == 2;
    }
    buf *t = &o->cell;

    /* 文书号 .. 决定日期 */
    put_strs(t, ag->prefix, a == POLICE && cat == C_CF ? "行罚决字" : TOK[tok], "〔", NULL);
    put_u(t, (unsigned)year);
    buf_puts(t, "〕");
    put_u(t, ++g->seq[a][tok][year - FIRST_YEAR]);
    buf_puts(t, "号");
    cellc(o);
    cells(o, CATNAME[cat]);
    cells(o, ag->name);
    put_party(o, r, kind, town, d);
    put_date(t, d);
    cellc(o);
    /* 违法行为类型, 违法事实, 执法依据 */
    gs_date fd = d - rrange(r, 1, 60);
    if (cat == C_CF) {
        cells(o, v->type);
        put_fact(t, r, v, town, fd, conf);
        cellc(o);
    } else
        blanks(o, 2);
    cells(o, cat == C_CF ? v->basis : CAT_BASIS[cat]);
    /* 执法结论 */
    switch (cat) {
    case C_CF: put_penalty_concl(t, r, PEN[combo], fine, conf); break;
    case C_XK:
        if (presult == 1)
            buf_puts(t, "不予许可。理由：申请材料不符合法定条件，经补正后仍未达到要求。");
        else if (presult == 2)
            put_strs(t, "撤销原准予", ag->permit, "的决定。理由：申请人以欺骗手段取得行政许可。", NULL);
        else
            put_strs(t, "准予", ag->permit, "。", NULL);
        break;
    case C_JC: buf_printf(t, "%s监督检查：%s", v->object, PICK(r, CHECKED)); break;
    case C_QZ: buf_puts(t, "对当事人涉案场所、设施或者财物依法实施行政强制措施，期限三十日。"); break;
    case C_ZS:
        buf_printf(t, "征收%s", PICK(r, LEVY));
        put_thousands(t, (uint64_t)rrange(r, 10, 3000) * 1000);
        buf_puts(t, "元。");
        break;
    case C_ZY: buf_puts(t, "因防汛抢险需要依法征用当事人财产，使用完毕后及时返还并依法给予补偿。"); break;
    case C_QR: buf_puts(t, "确认当事人不动产权利，予以登记。"); break;
    default: buf_printf(t, "给予当事人奖励%d,000元。", rrange(r, 1, 50)); break;
    }
    if (mix64(g->seed ^ 0x5EEDC4A46EULL ^ mix64(i)) % 1000000 < g->change_ppm) /* --change draws nothing from r */
        buf_puts(t, "（经复核修订）");
    cellc(o);
    /* 处罚类别, 罚款金额, 没收金额 */
    cells(o, cat == C_CF ? PEN[combo] : "");
    if (fine)
        put_money(t, r, fine);
    cellc(o);
    if (conf)
        put_money(t, r, conf);
    cellc(o);
    /* 许可结果, 许可类别, 许可证书名称, 许可编号, 有效期自, 有效期至 */
    if (cat == C_XK) {
        bool cert = presult != 1 && ag->cert[0];
        cells(o, (const char *[]){"准予", "不予", "撤销"}[presult]);
        cells(o, ag->pclass);
        cells(o, cert ? ag->cert : "");
        if (cert)
            buf_printf(t, "%s许字%d%06d", ag->prefix, year, rrange(r, 0, 999999));
        cellc(o);
        if (presult == 0 && ag->years) {
            put_date(t, d);
            cellc(o);
            put_date(t, date_add_months(d, 12 * ag->years));
            cellc(o);
        } else
            blanks(o, 2);
    } else
        blanks(o, 6);
    /* 强制措施, 程序类型, 发生地点, 发生时间 */
    cells(o, cat == C_QZ ? MEASURE[pick_w(r, (const int[]){35, 45, 8, 5, 7}, 5)] : "");
    cells(o, cat == C_CF ? (simple ? "简易程序" : "普通程序") : "");
    cells(o, TOWN[town]);
    int tk = (int)rbelow(r, 100);
    if (tk < (cat == C_CF ? 85 : 40)) {
        put_date(t, cat == C_CF ? fd : d);
        if (tk < 45) {
            buf_putc(t, ' ');
            put_u(t, (unsigned)rrange(r, 7, 21));
            buf_putc(t, ':');
            put_u0(t, rbelow(r, 6) * 10, 2);
        }
    }
    cellc(o);
    /* 执法人员: two officers of the agency; now and then one, or one not 有效 */
    int p1 = g->valid[a][rbelow(r, (uint32_t)g->nvalid[a])], p2, prob = (int)rbelow(r, 1000);
    do
        p2 = g->valid[a][rbelow(r, (uint32_t)g->nvalid[a])];
    while (p2 == p1);
    if (prob < 2 && g->nbad[a])
        p2 = g->bad[a][rbelow(r, (uint32_t)g->nbad[a])];
    put_officer(t, a, p1);
    if (prob != 2) {
        buf_putc(t, ';');
        put_officer(t, a, p2);
    }
    cellc(o);
    /* 重大执法决定, 法制审核, 律师参与, 听证 */
    if (cat == C_CF || cat == C_XK || cat == C_QZ) {
        bool review = major || (!simple && rchance(r, 300)), lawyer = review && rchance(r, 300);
        cells(o, major ? "是" : "否");
        cells(o, review ? "是" : "否");
        cells(o, lawyer ? "是" : "否");
        cells(o, major && rchance(r, 250) ? "是" : "否");
    } else
        blanks(o, 4);
    /* 公示审核, 不予公开, 状态, 状态日期, 状态说明 */
    bool pending = d > last - 14 && rchance(r, 100);
    cells(o, pending ? "待审" : rchance(r, 20) ? "通过" : "");
    cells(o, rchance(r, 1) ? PICK(r, WITHHELD) : "");
    if (rchance(r, cat == C_CF ? 5 : 1)) {
        int s = (int)rbelow(r, NELEM(ST));
        gs_date sd = d + rrange(r, 5, 120);
        cells(o, ST[s]);
        put_date(t, sd > last ? last : sd);
        cellc(o);
        cells(o, WHY[s]);
    } else
        blanks(o, 3);
    csv_endrow(o);
}

/* ---- the lists: agencies, officers, powers, inspections ---- */

static void cell_update(csvout *o, rng *r)
{
    put_date(&o->cell, rdate(r, 2026, 2026) - (rbelow(r, 2) ? 60 : 0)); /* 2025-11 .. 2026-12 */
    cellc(o);
}

static void write_agencies(const char *dir)
{
    static const char *const cols[] = {"机关名称", "统一社会信用代码", "简称", "职责", "地址", "电话", "投诉电话", "复议机关", "诉讼法院", "更新日期"};
    csvout o;
    csv_open(&o, dir, "agencies.csv", cols, NELEM(cols));
    for (int a = 0; a < NAG; a++) {
        rng r = rstream(0, 7, (uint64_t)a); /* the county does not change with the seed */
        cells(&o, AG[a].name);
        put_credit(&o.cell, &r, "11");
        cellc(&o);
        cells(&o, strncmp(AG[a].name, "示例", 6) == 0 ? AG[a].name + 6 : AG[a].name);
        cellf(&o, "负责全县%s，依法查处相关违法行为。", AG[a].duty);
        buf_puts(&o.cell, "示例县");
        put_address(&o.cell, &r, a % (int)NELEM(TOWN));
        cellc(&o);
        cellf(&o, "0379-65%02d301", a + 10);
        cellf(&o, "0379-65%02d315", a + 10);
        cells(&o, AG[a].review);
        cells(&o, "示例县人民法院");
        cell_update(&o, &r);
        csv_endrow(&o);
    }
    csv_close(&o);
}

/* max(60, N/200) officers, at most 5000, shared by agency weight; the first
 * two of each agency always hold a valid certificate */
static void write_officers(gen *g, const char *dir)
{
    static const char *const cols[] = {"姓名", "执法证号", "执法机关", "职务", "执法类别", "执法区域", "证件状态", "有效期至",
                                       "法制审核人员", "业务培训学时", "法律培训学时", "更新日期"};
    static const char *TITLE[] = {"科长", "副科长", "四级主任科员", "一级科员", "二级科员", "执法大队大队长", "执法中队中队长", "执法队员", "执法队员"};
    static const char *STATUS[] = {"有效", "暂扣", "注销", "过期"};
    csvout o;
    csv_open(&o, dir, "officers.csv", cols, NELEM(cols));
    uint64_t total = g->n / 200 < 60 ? 60 : g->n / 200 > 5000 ? 5000 : g->n / 200;
    int wsum = 0;
    for (int a = 0; a < NAG; a++)
        wsum += AG[a].weight;
    for (int a = 0; a < NAG; a++) {
        int n = (int)(total * (uint64_t)AG[a].weight / (uint64_t)wsum);
        n = n < 3 ? 3 : n;
        g->valid[a] = xcalloc((size_t)n, sizeof(int));
        g->bad[a] = xcalloc((size_t)n, sizeof(int));
        for (int k = 1; k <= n; k++) {
            rng r = rstream(g->seed, 2, (uint64_t)a * 1000 + (uint64_t)k);
            bool reviewer = k > 2 && ((k == 3 && a % 4 == 0) || (a * 7 + k) % 13 == 0);
            int st = k <= 2 || reviewer ? 0 : pick_w(&r, (const int[]){940, 20, 20, 20}, 4);
            put_name(&o.cell, &r, false);
            cellc(&o);
            put_officer(&o.cell, a, k);
            cellc(&o);
            cells(&o, AG[a].name);
            cells(&o, reviewer ? "法制审核员" : PICK(&r, TITLE));
            cells(&o, a == POLICE ? "行政许可;行政处罚;行政检查" : "行政许可;行政处罚;行政强制;行政检查");
            if (rchance(&r, 800))
                cells(&o, "示例县");
            else {
                const char *t1 = PICK(&r, TOWN);
                cellf(&o, "示例县%s、%s", t1, PICK(&r, TOWN));
            }
            cells(&o, STATUS[st]);
            put_date(&o.cell, st == 3 ? rdate(&r, 2024, 2025) : rdate(&r, 2027, 2030));
            cellc(&o);
            cells(&o, reviewer ? "是" : "否");
            for (int h = 0; h < 2; h++) /* training hours, some short of 30 */
                cellf(&o, "%d", rchance(&r, 150) ? rrange(&r, 8, 28) : rrange(&r, 30, 60));
            cell_update(&o, &r);
            csv_endrow(&o);
            if (st == 0)
                g->valid[a][g->nvalid[a]++] = k;
            else if (st != 2)
                g->bad[a][g->nbad[a]++] = k;
        }
    }
    csv_close(&o);
}

static void write_powers(const char *dir)
{
    static const char *const cols[] = {"职权编码", "职权类别", "职权名称", "实施依据", "责任事项", "办理期限", "收费情况", "执法机关", "更新日期"};
    static const char *OTHER[NCAT] = {"", "", "", "", "行政事业性收费征收", "突发事件应急征用", "登记事项确认", "举报奖励"};
    csvout o;
    csv_open(&o, dir, "powers.csv", cols, NELEM(cols));
    for (int a = 0; a < NAG; a++) {
        rng r = rstream(0, 8, (uint64_t)a);
        for (int k = 0; k < 10; k++) { /* 3 处罚, 1 许可, 3 检查, 2 强制, 1 more */
            int cat = k < 3 ? C_CF : k == 3 ? C_XK : k < 7 ? C_JC : k < 9 ? C_QZ : C_ZS + a % 4;
            const vtype *v = &AG[a].v[k % 3];
            cellf(&o, "%s-%s-%03d", AG[a].abbr, CATCODE[cat], k + 1);
            cells(&o, CATNAME[cat]);
            if (cat == C_CF)
                cellf(&o, "对%s的行政处罚", v->type);
            else if (cat == C_JC)
                cellf(&o, "%s监督检查", v->object);
            else if (cat == C_QZ)
                cellf(&o, "%s与%s有关的场所、物品", k == 7 ? "查封" : "扣押", v->type);
            else
                cells(&o, cat == C_XK ? AG[a].permit : OTHER[cat]);
            cells(&o, cat == C_XK ? "《中华人民共和国行政许可法》第十二条" : cat == C_QZ ? "《中华人民共和国行政强制法》第九条" : v->basis);
            cells(&o, cat == C_CF ? "立案、调查取证、审查、告知、决定、送达、执行" : cat == C_XK ? "受理、审查、决定、送达" : "实施、记录、处理、公示");
            cells(&o, cat == C_CF ? "立案之日起90日" : cat == C_XK ? "20个工作日" : cat == C_QZ ? "30日" : "按年度计划");
            cells(&o, cat == C_ZS ? "按规定标准征收" : "不收费");
            cells(&o, AG[a].name);
            cell_update(&o, &r);
            csv_endrow(&o);
        }
    }
    csv_close(&o);
}

static void write_inspections(const char *dir)
{
    static const char *const cols[] = {"抽查事项", "抽查依据", "抽查主体", "抽查对象", "抽查比例", "抽查频次", "抽查方式", "抽查内容", "更新日期"};
    static const int RATIO[] = {3, 5, 5, 10, 20};
    static const char *FREQ[] = {"每年1次", "每年2次", "每季度1次"}, *HOW[] = {"现场检查", "书面检查", "现场检查、抽样检验"};
    csvout o;
    csv_open(&o, dir, "inspections.csv", cols, NELEM(cols));
    for (int a = 0; a < NAG; a++) {
        rng r = rstream(0, 9, (uint64_t)a);
        for (int k = 0; k < 3; k++) {
            const vtype *v = &AG[a].v[k];
            cellf(&o, "%s监督检查", v->object);
            cells(&o, v->basis);
            cells(&o, AG[a].name);
            cellf(&o, "辖区内%s", v->object);
            cellf(&o, "%d%%", PICK(&r, RATIO));
            cells(&o, PICK(&r, FREQ));
            cells(&o, PICK(&r, HOW));
            cellf(&o, "是否存在%s等行为", v->type);
            cell_update(&o, &r);
            csv_endrow(&o);
        }
    }
    csv_close(&o);
}

/* ---- command line ---- */

static _Noreturn void usage(int status, const char *msg, const char *arg)
{
    if (msg)
        fprintf(stderr, "gongshi-synth: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fputs("usage: gongshi-synth --decisions N --out DIR [--seed S] [--from CONTENT_DIR] [--change PCT]\n", status ? stderr : stdout);
    exit(status);
}

static uint64_t parse_u64(const char *s, const char *opt)
{
    char *e;
    errno = 0;
    unsigned long long v = strtoull(s, &e, 10);
    if (*s < '0' || *s > '9' || *e || errno)
        usage(2, "not a non-negative integer", opt);
    return (uint64_t)v;
}

static void copy_into(const char *from, const char *out, const char *rel, int how) /* 0 file, 1 csv folder, 2 tree */
{
    char *src = xasprintf("%s/%s", from, rel), *dst = xasprintf("%s/%s", out, rel);
    struct stat st;
    if (how != 2 || (stat(src, &st) == 0 && S_ISDIR(st.st_mode))) /* pages/ is optional */
        how ? copy_tree(src, dst, how == 1) : copy_file(src, dst);
    free(src);
    free(dst);
}

int main(int argc, char **argv)
{
    static const char *const opts[] = {"--decisions", "--out", "--seed", "--from", "--change"};
    const char *val[NELEM(opts)] = {NULL};
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            usage(0, NULL, NULL);
        const char *eq = strchr(argv[i], '=');
        size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]), k = 0;
        while (k < NELEM(opts) && !(strlen(opts[k]) == n && strncmp(argv[i], opts[k], n) == 0))
            k++;
        if (k == NELEM(opts))
            usage(2, "unknown argument", argv[i]);
        if (!eq && i + 1 >= argc)
            usage(2, "missing value for", opts[k]);
        val[k] = eq ? eq + 1 : argv[++i];
    }
    const char *out = val[1], *from = val[3] ? val[3] : "content";
    if (!val[0] || !out || !*out)
        usage(2, "--decisions and --out are required", NULL);
    gen g;
    memset(&g, 0, sizeof g);
    g.n = parse_u64(val[0], "--decisions");
    g.seed = val[2] ? parse_u64(val[2], "--seed") : 1;
    if (g.n > 100000000)
        usage(2, "--decisions is at most 100000000", val[0]);
    if (val[4]) {
        char *e;
        double pct = strtod(val[4], &e);
        if (!*val[4] || *e || !(pct >= 0 && pct <= 100))
            usage(2, "--change takes a percentage from 0 to 100", val[4]);
        g.change_ppm = (uint32_t)(pct * 10000 + 0.5);
    }
    gs_date d0 = date_from_ymd(FIRST_YEAR, 1, 1), d1 = date_from_ymd(2026, 11, 20);
    g.days = xcalloc((size_t)(d1 - d0 + 1), sizeof(gs_date));
    for (gs_date d = d0; d <= d1; d++)
        if (date_weekday(d) < 5)
            g.days[g.ndays++] = d;

    char *data = xasprintf("%s/data", out);
    if (!mkdir_p(data))
        die_io(data);
    free(data);
    copy_into(from, out, "site.yaml", 0);
    copy_into(from, out, "calendar", 1);
    copy_into(from, out, "pages", 2);
    copy_into(from, out, "data/phrases.csv", 0);
    write_agencies(out);
    write_officers(&g, out);
    write_powers(out);
    write_inspections(out);
    csvout o;
    csv_open(&o, out, "decisions.csv", DCOLS, NELEM(DCOLS));
    for (uint64_t i = 0; i < g.n; i++)
        gen_decision(&g, &o, i);
    csv_close(&o);
    for (int a = 0; a < NAG; a++) {
        free(g.valid[a]);
        free(g.bad[a]);
    }
    free(g.days);
    return 0;
}
