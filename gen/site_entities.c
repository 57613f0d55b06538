/*
 * site_entities.c - agency pages (执法主体) and officer pages (执法人员),
 * including each officer's certificate verification page.
 */
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "site_int.h"

static json_t *agency_json(site *s, const gs_agency *ag, bool full)
{
    json_t *o = json_object();
    jset(o, "name", ag->name);
    jset_own(o, "url", xasprintf("agencies/%s.html", ag->slug));
    jset(o, "short_name", ag->short_name);
    if (!full)
        return o;
    jset(o, "credit_code", ag->credit_code);
    /* agencies' published contacts keep their phones (domain.md) */
    jset_own(o, "duties", privacy_scrub(ag->duties, SCRUB_STAFF, NULL, NULL));
    jset_own(o, "address", privacy_scrub(ag->address, SCRUB_STAFF, NULL, NULL));
    jset_own(o, "phone", privacy_scrub(ag->phone, SCRUB_STAFF, NULL, NULL));
    jset_own(o, "complaint_phone", privacy_scrub(ag->complaint_phone, SCRUB_STAFF, NULL, NULL));
    jset(o, "review_body", ag->review_body);
    jset(o, "court", ag->court);
    jset_date(o, "updated", ag->updated);
    jset_own(o, "decisions_url", xasprintf("decisions/agency/%s/index.html", ag->slug));
    return o;
}

/* is the certificate valid on `today`? */
static bool cert_valid(const gs_officer *of, gs_date today)
{
    return of->cert_status == CERT_VALID &&
           (of->valid_to == GS_NODATE || of->valid_to >= today);
}

static json_t *officer_json(site *s, const gs_officer *of)
{
    const gs_model *m = s->m;
    json_t *o = json_object();
    jset(o, "name", of->name);
    jset(o, "cert_no", of->cert_no);
    jset_own(o, "url", xasprintf("officers/%s.html", of->slug));
    const gs_agency *ag = &m->agencies.v[of->agency];
    jset(o, "agency", ag->name);
    jset_own(o, "agency_url", xasprintf("agencies/%s.html", ag->slug));
    jset_own(o, "complaint_phone", privacy_scrub(ag->complaint_phone, SCRUB_STAFF, NULL, NULL));
    jset(o, "position", of->title); /* "title" is the page's */
    jset(o, "categories", of->categories);
    jset(o, "area", of->area);
    jset_date(o, "valid_to", of->valid_to);
    jset_date(o, "updated", of->updated);
    bool valid = cert_valid(of, s->today);
    if (valid) {
        json_object_set_new(o, "valid", json_true());
        jset(o, "cert_status", "有效");
    } else if (of->cert_status == CERT_VALID) {
        jset(o, "cert_status", "过期");
    } else {
        jset(o, "cert_status", gs_cert_status_names[of->cert_status]);
    }
    if (of->legal_reviewer == YN_YES)
        json_object_set_new(o, "legal_reviewer", json_true());
    return o;
}

void site_agencies(site *s)
{
    const gs_model *m = s->m;
    json_t *list = json_array();
    for (size_t a = 0; a < m->agencies.n; a++) {
        const gs_agency *ag = &m->agencies.v[a];
        json_t *o = agency_json(s, ag, true);
        json_t *offs = json_array();
        size_t valid = 0;
        for (size_t i = 0; i < m->officers.n; i++) {
            const gs_officer *of = &m->officers.v[i];
            if (of->agency != (int32_t)a)
                continue;
            json_array_append_new(offs, officer_json(s, of));
            valid += cert_valid(of, s->today);
        }
        jset_int(o, "officer_count", (long long)json_array_size(offs));
        jset_int(o, "valid_count", (long long)valid);
        if (json_array_size(offs))
            json_object_set_new(o, "officers", offs);
        else
            json_decref(offs);
        size_t powers = 0;
        for (size_t i = 0; i < m->powers.n; i++)
            powers += m->powers.v[i].agency == (int32_t)a;
        jset_int(o, "power_count", (long long)powers);
        json_t *li = agency_json(s, ag, true);
        jset_int(li, "officer_count", (long long)json_array_size(json_object_get(o, "officers")));
        json_array_append_new(list, li);
        char *rel = xasprintf("agencies/%s.html", ag->slug);
        json_t *cr = crumbs_new();
        crumb_add(cr, "执法主体", "agencies/index.html");
        site_page(s, rel, "agency", ag->name, "agencies", cr, o);
        free(rel);
    }
    json_t *ctx = json_object();
    if (json_array_size(list))
        json_object_set_new(ctx, "agencies", list);
    else
        json_decref(list);
    site_page(s, "agencies/index.html", "agency_list", "执法主体", "agencies",
              crumbs_new(), ctx);
}

void site_officers(site *s)
{
    const gs_model *m = s->m;
    json_t *groups = json_array();
    size_t valid_total = 0;
    for (size_t a = 0; a < m->agencies.n; a++) {
        json_t *offs = json_array();
        for (size_t i = 0; i < m->officers.n; i++)
            if (m->officers.v[i].agency == (int32_t)a) {
                json_array_append_new(offs, officer_json(s, &m->officers.v[i]));
                valid_total += cert_valid(&m->officers.v[i], s->today);
            }
        if (!json_array_size(offs)) {
            json_decref(offs);
            continue;
        }
        json_t *g = agency_json(s, &m->agencies.v[a], false);
        jset_int(g, "n", (long long)a + 1);
        jset_int(g, "count", (long long)json_array_size(offs));
        json_object_set_new(g, "officers", offs);
        json_array_append_new(groups, g);
    }
    json_t *ctx = json_object();
    jset_int(ctx, "total", (long long)m->officers.n);
    jset_int(ctx, "valid_total", (long long)valid_total);
    if (json_array_size(groups))
        json_object_set_new(ctx, "groups", groups);
    else
        json_decref(groups);
    site_page(s, "officers/index.html", "officer_list", "执法人员", "officers",
              crumbs_new(), ctx);

    for (size_t i = 0; i < m->officers.n; i++) {
        const gs_officer *of = &m->officers.v[i];
        char *rel = xasprintf("officers/%s.html", of->slug);
        json_t *cr = crumbs_new();
        crumb_add(cr, "执法人员", "officers/index.html");
        char *title = xasprintf("%s（%s）", of->name, of->cert_no);
        site_page(s, rel, "officer", title, "officers", cr, officer_json(s, of));
        free(title);
        free(rel);
    }
}
