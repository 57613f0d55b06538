/*
 * site_keys.c - input keys for site pages, so that a page whose inputs did
 * not change since the recycled generation was built is kept without being
 * rendered (fsout_reuse).
 *
 * A key is XXH3-128 over: the salt (the build salt of digest.h: this
 * gongshi binary and its libraries; every file in the template folders;
 * the site settings), the page's template name and path,
 * --today when the template (with its partials) may show it, and the model
 * records the page is made from (model_digest.h), fed by the page's
 * writer.  A list page takes each decision's summary key (the fields its
 * line shows), so an edit to a decision's text remakes its page only.  The keys are checked by tests/cli/incremental.sh, which
 * compares nights of incremental builds with clean builds byte for byte.
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "digest.h"
#include "model_digest.h"
#include "site_int.h"

/* every regular file below dir, in name order, with its path and bytes */
static void digest_tree(XXH3_state_t *st, const char *dir, const char *rel, int depth)
{
    size_t n;
    char **names = depth < 16 ? dir_names(dir, &n) : NULL;
    if (!names) {
        digest_str(st, "(unreadable)");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", dir, names[i]);
        char *r = xasprintf("%s%s%s", rel, *rel ? "/" : "", names[i]);
        size_t len;
        char *data = read_file(path, &len);
        if (data) {
            digest_str(st, r);
            digest_u64(st, len);
            XXH3_128bits_update(st, data, len);
            free(data);
        } else {
            digest_tree(st, path, r, depth + 1); /* a folder (or unreadable) */
        }
        free(path);
        free(r);
        free(names[i]);
    }
    free(names);
}

static XXH128_hash_t end128(XXH3_state_t *st)
{
    return XXH3_128bits_digest(st);
}

void site_keys_init(site *s)
{
    const gs_model *m = s->m;
    XXH3_state_t *st = XXH3_createState();
    if (!st)
        xmalloc((size_t)-1); /* reports out of memory and exits */
    s->keys = st;
    buf_init(&s->key_rel);
    XXH3_128bits_reset(st);
    for (size_t i = 0; i < s->o->tpl.n; i++) {
        digest_u64(st, i);
        digest_tree(st, s->o->tpl.v[i], "", 0);
    }
    digest_settings(st, &m->settings);
    XXH128_hash_t t = end128(st);
    /* the build salt (this gongshi and the libraries it runs with, digest.h) */
    dg *d = dg_new("site keys 1");
    dg_add(d, &t, sizeof t);
    dg_hash h;
    if (dg_final(d, &h))
        s->salt = (XXH128_hash_t){h.lo, h.hi};
    else
        s->keys_off = true; /* no way to tell this build from another: never reuse */
    dg_free(d);

    s->dkey = xcalloc(m->decisions.n ? m->decisions.n : 1, sizeof *s->dkey);
    s->skey = xcalloc(m->decisions.n ? m->decisions.n : 1, sizeof *s->skey);
    for (size_t i = 0; i < m->decisions.n; i++) {
        XXH3_128bits_reset(st);
        digest_decision(st, &m->decisions.v[i]);
        s->dkey[i] = end128(st);
        /* lists show a summary: an edit to a decision's text leaves them */
        XXH3_128bits_reset(st);
        digest_decision_summary(st, &m->decisions.v[i]);
        s->skey[i] = end128(st);
    }
    s->akey = xcalloc(m->agencies.n ? m->agencies.n : 1, sizeof *s->akey);
    for (size_t i = 0; i < m->agencies.n; i++) {
        XXH3_128bits_reset(st);
        digest_agency(st, &m->agencies.v[i]);
        s->akey[i] = end128(st);
    }
    s->okey = xcalloc(m->officers.n ? m->officers.n : 1, sizeof *s->okey);
    for (size_t i = 0; i < m->officers.n; i++) {
        XXH3_128bits_reset(st);
        digest_officer(st, &m->officers.v[i]);
        s->okey[i] = end128(st);
    }
}

void site_keys_free(site *s)
{
    site_keys_fork_free(s); /* the state and caches, as a copy's */
    free(s->dkey);
    free(s->skey);
    free(s->akey);
    free(s->okey);
}

void site_keys_fork(site *w)
{
    w->keys = XXH3_createState();
    if (!w->keys)
        xmalloc((size_t)-1); /* reports out of memory and exits */
    buf_init(&w->key_rel);
    w->key_set = false;
    w->tpl_today = NULL;
    w->n_tpl_today = 0;
}

void site_keys_fork_free(site *w)
{
    XXH3_freeState(w->keys); /* NULL: nothing */
    w->keys = NULL;
    for (size_t i = 0; i < w->n_tpl_today; i++)
        free(w->tpl_today[i].name);
    free(w->tpl_today);
    w->tpl_today = NULL;
    buf_free(&w->key_rel);
}

/* may template tpl show --today? (cached per template name) */
static bool uses_today(site *s, const char *tpl)
{
    for (size_t i = 0; i < s->n_tpl_today; i++)
        if (strcmp(s->tpl_today[i].name, tpl) == 0)
            return s->tpl_today[i].uses;
    const mus_template *t = mus_env_get(s->env, tpl, NULL);
    bool uses = !t || mus_may_use(s->env, t, "today");
    s->tpl_today = xreallocarray(s->tpl_today, s->n_tpl_today + 1, sizeof *s->tpl_today);
    s->tpl_today[s->n_tpl_today].name = xstrdup(tpl);
    s->tpl_today[s->n_tpl_today].uses = uses;
    s->n_tpl_today++;
    return uses;
}

XXH3_state_t *site_key_begin(site *s, const char *tpl, const char *rel)
{
    XXH3_state_t *st = s->keys;
    XXH3_128bits_reset(st);
    XXH3_128bits_update(st, &s->salt, sizeof s->salt);
    digest_str(st, tpl);
    digest_str(st, rel);
    digest_str(st, uses_today(s, tpl) ? s->today_s : "");
    return st;
}

void site_key_hash(XXH3_state_t *st, XXH128_hash_t h)
{
    XXH3_128bits_update(st, &h, sizeof h);
}

void site_key_json(XXH3_state_t *st, json_t *v)
{
    if (!v) {
        digest_u64(st, 0);
        return;
    }
    digest_u64(st, (uint64_t)json_typeof(v) + 1);
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *k;
        json_t *x;
        digest_u64(st, json_object_size(v));
        json_object_foreach(v, k, x) {
            digest_str(st, k);
            site_key_json(st, x);
        }
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *x;
        digest_u64(st, json_array_size(v));
        json_array_foreach(v, i, x) site_key_json(st, x);
        break;
    }
    case JSON_STRING:
        digest_u64(st, json_string_length(v));
        XXH3_128bits_update(st, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        digest_u64(st, (uint64_t)json_integer_value(v));
        break;
    case JSON_REAL: {
        double d = json_real_value(v);
        XXH3_128bits_update(st, &d, sizeof d);
        break;
    }
    default:
        break;
    }
}

bool site_key_reuse(site *s, XXH3_state_t *st, const char *rel)
{
    XXH128_hash_t h = XXH3_128bits_digest(st);
    s->key = (fsout_key){h.low64, h.high64};
    s->key_set = !s->keys_off;
    buf_reset(&s->key_rel);
    buf_puts(&s->key_rel, rel);
    if (!s->key_set || !fsout_reuse(s->out, rel, &s->key))
        return false;
    s->key_set = false;
    site_note_url(s, rel);
    return true;
}
