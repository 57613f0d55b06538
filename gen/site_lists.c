/*
 * site_lists.c - the home page, 权责清单, 随机抽查事项清单 and the policy
 * pages (制度公开) with their index by section.
 */
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "site_int.h"

/* policy page sections in the order of interface.md */
static const char *const sections[] = {
    "服务指南", "流程图", "救济渠道", "监督方式", "法制审核目录",
    "音像记录事项清单", "裁量基准", "不予处罚清单", "从轻处罚清单",
    "减轻处罚清单", "规范用语", "其他"};
#define N_SECTIONS (sizeof sections / sizeof *sections)

static json_t *nonempty(json_t *arr)
{
    if (json_array_size(arr))
        return arr;
    json_decref(arr);
    return NULL;
}

static void set_arr(json_t *o, const char *key, json_t *arr)
{
    arr = nonempty(arr);
    if (arr)
        json_object_set_new(o, key, arr);
}

static char *staff_text(const char *s)
{
    return privacy_scrub(s, SCRUB_STAFF, NULL, NULL);
}

void site_lists(site *s)
{
    const gs_model *m = s->m;
    /* 权责清单, grouped by agency */
    json_t *groups = json_array();
    for (size_t a = 0; a < m->agencies.n; a++) {
        json_t *items = json_array();
        for (size_t i = 0; i < m->powers.n; i++) {
            const gs_power *p = &m->powers.v[i];
            if (p->agency != (int32_t)a)
                continue;
            json_t *o = json_object();
            jset_int(o, "n", (long long)i + 1); /* anchor pwN, used by search */
            jset(o, "code", p->code);
            jset(o, "type", p->type);
            jset(o, "name", p->name);
            jset_own(o, "basis", staff_text(p->basis));
            jset_own(o, "duties", staff_text(p->duties));
            jset(o, "time_limit", p->time_limit);
            jset(o, "fees", p->fees);
            jset_date(o, "updated", p->updated);
            json_array_append_new(items, o);
        }
        if (!json_array_size(items)) {
            json_decref(items);
            continue;
        }
        json_t *g = json_object();
        jset(g, "agency", m->agencies.v[a].name);
        jset_own(g, "anchor", xasprintf("a%zu", a + 1));
        jset_int(g, "count", (long long)json_array_size(items));
        json_object_set_new(g, "powers", items);
        json_array_append_new(groups, g);
    }
    json_t *ctx = json_object();
    jset_int(ctx, "total", (long long)m->powers.n);
    set_arr(ctx, "groups", groups);
    site_page(s, "powers/index.html", "powers", "权责清单", "powers", crumbs_new(), ctx);

    /* 随机抽查事项清单 */
    json_t *items = json_array();
    for (size_t i = 0; i < m->inspections.n; i++) {
        const gs_inspection *p = &m->inspections.v[i];
        json_t *o = json_object();
        jset(o, "item", p->item);
        jset_own(o, "basis", staff_text(p->basis));
        jset(o, "subject", p->subject);
        jset(o, "target", p->target);
        jset(o, "ratio", p->ratio);
        jset(o, "frequency", p->frequency);
        jset(o, "method", p->method);
        jset_own(o, "content", staff_text(p->content));
        jset_date(o, "updated", p->updated);
        json_array_append_new(items, o);
    }
    ctx = json_object();
    jset_int(ctx, "total", (long long)m->inspections.n);
    set_arr(ctx, "items", items);
    site_page(s, "inspections/index.html", "inspections", "随机抽查事项清单",
              "inspections", crumbs_new(), ctx);
}

static const gs_page *page_base;

static int section_index(const char *sec)
{
    for (size_t i = 0; i < N_SECTIONS; i++)
        if (strcmp(sections[i], sec) == 0)
            return (int)i;
    return (int)N_SECTIONS - 1;
}

static int cmp_page(const void *a, const void *b)
{
    const gs_page *x = &page_base[*(const uint32_t *)a];
    const gs_page *y = &page_base[*(const uint32_t *)b];
    int sx = section_index(x->section), sy = section_index(y->section);
    if (sx != sy)
        return sx - sy;
    if (x->weight != y->weight)
        return x->weight < y->weight ? -1 : 1;
    int c = strcmp(x->title, y->title);
    return c ? c : strcmp(x->slug, y->slug);
}

void site_pages(site *s)
{
    const gs_model *m = s->m;
    size_t n = m->pages.n;
    uint32_t *order = xcalloc(n ? n : 1, sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    page_base = m->pages.v;
    qsort(order, n, sizeof *order, cmp_page);

    for (size_t i = 0; i < n; i++) {
        const gs_page *p = &m->pages.v[order[i]];
        json_t *o = json_object();
        jset(o, "section", p->section);
        if (p->agency >= 0)
            jset(o, "agency", m->agencies.v[p->agency].name);
        jset_date(o, "date", p->date);
        /* staff-written: ID and bank-card shapes out, phones kept */
        char *html = privacy_scrub(p->html, SCRUB_STAFF, NULL, NULL);
        json_object_set_new(o, "body", jstr(html));
        free(html);
        char *rel = xasprintf("%s.html", p->slug);
        json_t *cr = crumbs_new();
        crumb_add(cr, "制度公开", "policies/index.html");
        site_page(s, rel, "page", p->title, "policies", cr, o);
        free(rel);
    }

    /* index: every section, an empty one says 暂无 */
    json_t *secs = json_array();
    for (size_t k = 0; k < N_SECTIONS; k++) {
        json_t *sj = json_object();
        jset(sj, "title", sections[k]);
        jset_own(sj, "id", xasprintf("s%zu", k + 1));
        json_t *pages = json_array();
        for (size_t i = 0; i < n; i++) {
            const gs_page *p = &m->pages.v[order[i]];
            if (section_index(p->section) != (int)k)
                continue;
            json_t *pj = json_object();
            jset(pj, "title", p->title);
            jset_own(pj, "url", xasprintf("%s.html", p->slug));
            if (p->agency >= 0)
                jset(pj, "agency", m->agencies.v[p->agency].name);
            jset_date(pj, "date", p->date);
            json_array_append_new(pages, pj);
        }
        set_arr(sj, "pages", pages);
        json_array_append_new(secs, sj);
    }
    json_t *ctx = json_object();
    json_object_set_new(ctx, "sections", secs);
    site_page(s, "policies/index.html", "policies", "制度公开", "policies",
              crumbs_new(), ctx);
    free(order);
}

void site_home(site *s)
{
    const gs_model *m = s->m;
    json_t *ctx = json_object();
    jset_int(ctx, "agency_count", (long long)m->agencies.n);
    jset_int(ctx, "officer_count", (long long)m->officers.n);
    jset_int(ctx, "power_count", (long long)m->powers.n);
    jset_int(ctx, "inspection_count", (long long)m->inspections.n);
    jset_int(ctx, "page_count", (long long)m->pages.n);
    size_t live;
    const uint32_t *all = site_live_order(s, &live);
    jset_int(ctx, "decision_count", (long long)live);

    /* every policy section, an empty one says 暂无 */
    json_t *secs = json_array();
    for (size_t k = 0; k < N_SECTIONS; k++) {
        size_t c = 0;
        for (size_t i = 0; i < m->pages.n; i++)
            c += section_index(m->pages.v[i].section) == (int)k;
        json_t *o = json_object();
        jset(o, "title", sections[k]);
        jset_own(o, "url", xasprintf("policies/index.html#s%zu", k + 1));
        jset_int(o, "count", (long long)c);
        json_array_append_new(secs, o);
    }
    json_object_set_new(ctx, "sections", secs);

    /* decisions by category and by year */
    size_t per_cat[CAT_COUNT] = {0};
    for (size_t i = 0; i < live; i++)
        per_cat[m->decisions.v[all[i]].category]++;
    json_t *cats = json_array();
    for (int c = 0; c < CAT_COUNT; c++) {
        json_t *o = json_object();
        jset(o, "title", gs_category_names[c]);
        jset_own(o, "url", xasprintf("decisions/%s/index.html", gs_category_slugs[c]));
        jset_int(o, "count", (long long)per_cat[c]);
        json_array_append_new(cats, o);
    }
    json_object_set_new(ctx, "categories", cats);
    json_t *years = json_array();
    for (size_t i = live; i > 0;) {
        int y = date_year(m->decisions.v[all[i - 1]].date);
        size_t c = 0;
        while (i > 0 && date_year(m->decisions.v[all[i - 1]].date) == y) {
            i--;
            c++;
        }
        json_t *o = json_object();
        jset_own(o, "title", xasprintf("%d 年", y));
        jset_own(o, "url", xasprintf("decisions/%04d/index.html", y));
        jset_int(o, "count", (long long)c);
        json_array_append_new(years, o);
    }
    set_arr(ctx, "years", years);

    /* the ten newest published decisions */
    json_t *latest = json_array();
    for (size_t i = live; i > 0 && live - i < 10; i--)
        json_array_append_new(latest, decision_summary(s, &m->decisions.v[all[i - 1]]));
    set_arr(ctx, "latest", latest);
    site_page(s, "index.html", "home", "首页", "home", json_array(), ctx);
}
