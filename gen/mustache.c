/*
 * mustache.c - rendering compiled templates (mustache_int.h) against
 * jansson data, and the environment: the partial loader, the cache of
 * compiled partials by name, strict or lenient handling of missing ones.
 *
 * Rendering walks the node array; section, block and partial bodies recurse,
 * at most MUS_MAX_DEPTH deep.  Its state is the context stack (borrowed
 * json_t pointers), the indentation in force (a byte range of one buffer)
 * and the stack of parent calls whose {{$block}} arguments override blocks
 * (searched outermost first, so the top-level template wins).
 */
#include "mustache_int.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- environment ---- */

typedef struct mus_entry {
    char *name; /* NULL: free slot */
    size_t nlen;
    uint64_t hash;
    mus_template *t; /* NULL: missing or invalid */
    char *err;       /* set when invalid */
} mus_entry;

struct mus_env {
    mus_load_fn load;
    void *ud;
    bool strict;
    mus_entry *tab;
    size_t cap, count;
};

mus_env *mus_env_new(mus_load_fn load, void *ud, bool strict)
{
    mus_env *env = xcalloc(1, sizeof *env);
    env->load = load;
    env->ud = ud;
    env->strict = strict;
    env->cap = 32;
    env->tab = xcalloc(env->cap, sizeof *env->tab);
    return env;
}

void mus_env_free(mus_env *env)
{
    if (!env)
        return;
    for (size_t i = 0; i < env->cap; i++) {
        free(env->tab[i].name);
        mus_free(env->tab[i].t);
        free(env->tab[i].err);
    }
    free(env->tab);
    free(env);
}

static mus_entry *env_slot(mus_entry *tab, size_t cap, const char *name, size_t len,
                           uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);
    while (tab[i].name &&
           !(tab[i].hash == h && tab[i].nlen == len && memcmp(tab[i].name, name, len) == 0))
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

/* the cache entry for name, loading and compiling it on first use; the
 * pointer is good until the next env_find */
static mus_entry *env_find(mus_env *env, const char *name, size_t len)
{
    uint64_t h = hash_bytes(name, len);
    mus_entry *e = env_slot(env->tab, env->cap, name, len, h);
    if (e->name)
        return e;
    if ((env->count + 1) * 2 > env->cap) {
        size_t ncap = env->cap * 2;
        mus_entry *nt = xcalloc(ncap, sizeof *nt);
        for (size_t i = 0; i < env->cap; i++)
            if (env->tab[i].name)
                *env_slot(nt, ncap, env->tab[i].name, env->tab[i].nlen, env->tab[i].hash) =
                    env->tab[i];
        free(env->tab);
        env->tab = nt;
        env->cap = ncap;
        e = env_slot(env->tab, env->cap, name, len, h);
    }
    env->count++;
    e->name = xstrndup(name, len);
    e->nlen = len;
    e->hash = h;
    if (!env->load || memchr(name, 0, len))
        return e;
    size_t slen = 0;
    char *src = env->load(env->ud, e->name, &slen);
    if (!src)
        return e;
    char *cerr = NULL;
    e->t = mus_compile(src, slen, &cerr);
    free(src);
    if (e->t)
        e->t->name = xstrdup(e->name);
    else
        e->err = xasprintf("partial '%s': %s", e->name, cerr);
    free(cerr);
    return e;
}

const mus_template *mus_env_get(mus_env *env, const char *name, char **err)
{
    if (err)
        *err = NULL;
    if (!env || !name) {
        if (err)
            *err = xstrdup("no template environment or name");
        return NULL;
    }
    mus_entry *e = env_find(env, name, strlen(name));
    if (!e->t && err)
        *err = e->err ? xstrdup(e->err) : xasprintf("template '%s' not found", name);
    return e->t;
}

/* ---- values ---- */

static bool truthy(const json_t *v)
{
    switch (v ? json_typeof(v) : JSON_NULL) {
    case JSON_OBJECT:
    case JSON_TRUE:
        return true;
    case JSON_ARRAY:
        return json_array_size(v) > 0;
    case JSON_STRING:
        return json_string_length(v) > 0;
    case JSON_INTEGER:
        return json_integer_value(v) != 0;
    case JSON_REAL:
        return json_real_value(v) != 0.0;
    default:
        return false;
    }
}

/* shortest form that reads back as the same double, '.' whatever the locale */
static void put_real(buf *b, double d)
{
    char tmp[64];
    if (d == 0) {
        buf_putc(b, '0');
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    const char *dp = localeconv()->decimal_point;
    size_t dl = dp ? strlen(dp) : 0;
    for (const char *p = tmp; *p;) {
        if (dl && strncmp(p, dp, dl) == 0) {
            buf_putc(b, '.');
            p += dl;
        } else {
            buf_putc(b, *p++);
        }
    }
}

static int dump_cb(const char *p, size_t n, void *ud)
{
    buf_add(ud, p, n);
    return 0;
}

/* v as text into b (no escaping); false for missing and null */
static bool stringify(buf *b, const json_t *v)
{
    switch (v ? json_typeof(v) : JSON_NULL) {
    case JSON_STRING:
        buf_add(b, json_string_value(v), json_string_length(v));
        return true;
    case JSON_INTEGER:
        buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return true;
    case JSON_REAL:
        put_real(b, json_real_value(v));
        return true;
    case JSON_TRUE:
        buf_puts(b, "true");
        return true;
    case JSON_FALSE:
        buf_puts(b, "false");
        return true;
    case JSON_OBJECT:
    case JSON_ARRAY:
        json_dump_callback(v, dump_cb, b, JSON_COMPACT | JSON_ENCODE_ANY);
        return true;
    default:
        return false;
    }
}

/* ---- rendering ---- */

typedef struct argref {
    const mus_template *t;
    uint32_t node; /* an MN_PARENT node */
} argref;

typedef struct rstate {
    mus_env *env;
    buf *out;
    json_t **ctx;
    size_t nctx, cctx;
    buf ind;      /* indentation in force: ind.p[ibase .. ind.len) */
    size_t ibase;
    argref *args;
    size_t nargs, cargs;
    bool site_bol; /* the block being expanded stood alone on its line */
    int depth;
    char *err;
    buf tmp;
} rstate;

static int render(rstate *rs, const mus_template *t, uint32_t from, uint32_t to);

static int rfail(rstate *rs, const mus_template *t, uint32_t line, const char *fmt, ...)
    GS_PRINTF(4, 5);

static int rfail(rstate *rs, const mus_template *t, uint32_t line, const char *fmt, ...)
{
    if (rs->err)
        return -1;
    buf b;
    buf_init(&b);
    if (t->name)
        buf_printf(&b, "partial '%s', ", t->name);
    buf_printf(&b, "line %u: ", line);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    rs->err = buf_detach(&b);
    return -1;
}

static void ctx_push(rstate *rs, json_t *v)
{
    if (rs->nctx == rs->cctx) {
        rs->cctx = rs->cctx ? rs->cctx * 2 : 16;
        rs->ctx = xreallocarray(rs->ctx, rs->cctx, sizeof *rs->ctx);
    }
    rs->ctx[rs->nctx++] = v;
}

static json_t *child(json_t *v, const char *k, size_t n)
{
    if (json_is_object(v))
        return json_object_getn(v, k, n);
    if (!json_is_array(v) || n == 0 || n > 18)
        return NULL;
    size_t idx = 0;
    for (size_t i = 0; i < n; i++) {
        if (k[i] < '0' || k[i] > '9')
            return NULL;
        idx = idx * 10 + (size_t)(k[i] - '0');
    }
    return json_array_get(v, idx);
}

static json_t *lookup(const rstate *rs, const mus_template *t, const mus_node *nd)
{
    if (nd->nseg == 0)
        return rs->nctx ? rs->ctx[rs->nctx - 1] : NULL;
    const mus_seg *sg = t->segs + nd->seg;
    json_t *v = NULL;
    for (size_t i = rs->nctx; i-- > 0 && !v;)
        if (json_is_object(rs->ctx[i]))
            v = json_object_getn(rs->ctx[i], t->src + sg[0].off, sg[0].len);
    for (uint32_t k = 1; v && k < nd->nseg; k++)
        v = child(v, t->src + sg[k].off, sg[k].len);
    return v;
}

static void put_indent(rstate *rs)
{
    if (rs->ind.len > rs->ibase)
        buf_add(rs->out, rs->ind.p + rs->ibase, rs->ind.len - rs->ibase);
}

static void put_value(rstate *rs, const json_t *v, bool escape)
{
    if (json_is_string(v) && !escape) {
        buf_add(rs->out, json_string_value(v), json_string_length(v));
        return;
    }
    if (json_is_string(v)) {
        buf_add_html(rs->out, json_string_value(v), json_string_length(v));
        return;
    }
    buf_reset(&rs->tmp);
    if (!stringify(&rs->tmp, v))
        return;
    if (escape)
        buf_add_html(rs->out, rs->tmp.p, rs->tmp.len);
    else
        buf_add(rs->out, rs->tmp.p, rs->tmp.len);
}

static int section(rstate *rs, const mus_template *t, uint32_t i)
{
    const mus_node *nd = &t->nodes[i];
    json_t *v = lookup(rs, t, nd);
    bool show = truthy(v);
    if (show == (nd->type == MN_INVERTED) || nd->end == i + 1)
        return 0;
    if (rs->depth >= MUS_MAX_DEPTH)
        return rfail(rs, t, nd->line, "sections nested too deeply (limit %d)", MUS_MAX_DEPTH);
    if (nd->type == MN_INVERTED)
        return render(rs, t, i + 1, nd->end);
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    for (size_t k = 0; k < n; k++) {
        ctx_push(rs, json_is_array(v) ? json_array_get(v, k) : v);
        int r = render(rs, t, i + 1, nd->end);
        rs->nctx--;
        if (r < 0)
            return -1;
    }
    return 0;
}

/* {{>name}} and {{<name}}...{{/name}} */
static int partial(rstate *rs, const mus_template *t, uint32_t i)
{
    const mus_node *nd = &t->nodes[i];
    const char *name = t->src + nd->off;
    size_t nlen = nd->len;
    buf dyn;
    buf_init(&dyn);
    if (nd->flags & MF_DYNAMIC) {
        json_t *v = lookup(rs, t, nd);
        if (json_is_object(v) || json_is_array(v) || !stringify(&dyn, v))
            return 0;
        name = dyn.p;
        nlen = dyn.len;
    }
    mus_entry *e = rs->env && nlen ? env_find(rs->env, name, nlen) : NULL;
    buf_free(&dyn);
    if (!e || !e->t) {
        if (e && e->err)
            return rfail(rs, t, nd->line, "%s", e->err);
        if (e && rs->env->strict)
            return rfail(rs, t, nd->line, "%s '%s' not found",
                         nd->type == MN_PARENT ? "parent" : "partial", e->name);
        return 0;
    }
    const mus_template *pt = e->t;
    if (rs->depth >= MUS_MAX_DEPTH)
        return rfail(rs, t, nd->line, "partial '%s' nested too deeply (limit %d)", e->name,
                     MUS_MAX_DEPTH);
    size_t ibase = rs->ibase, ilen = rs->ind.len;
    if (nd->flags & MF_STANDALONE)
        buf_add(&rs->ind, t->src + nd->ioff, nd->ilen);
    else
        rs->ibase = rs->ind.len; /* inline: the partial's lines are not indented */
    if (nd->type == MN_PARENT) {
        if (rs->nargs == rs->cargs) {
            rs->cargs = rs->cargs ? rs->cargs * 2 : 8;
            rs->args = xreallocarray(rs->args, rs->cargs, sizeof *rs->args);
        }
        rs->args[rs->nargs].t = t;
        rs->args[rs->nargs++].node = i;
    }
    int r = render(rs, pt, 0, pt->n);
    if (nd->type == MN_PARENT)
        rs->nargs--;
    rs->ind.len = ilen;
    rs->ibase = ibase;
    return r;
}

/* {{$name}}: the outermost parent call's argument of that name, or the
 * default content */
static int block(rstate *rs, const mus_template *t, uint32_t i)
{
    const mus_node *nd = &t->nodes[i];
    const mus_template *bt = t;
    uint32_t b = i;
    for (size_t a = 0; a < rs->nargs && bt == t && b == i; a++) {
        const mus_template *at = rs->args[a].t;
        uint32_t p = rs->args[a].node;
        for (uint32_t j = p + 1; j < at->nodes[p].end; j = at->nodes[j].end) {
            const mus_node *c = &at->nodes[j];
            if (c->type == MN_BLOCK && c->len == nd->len &&
                memcmp(at->src + c->off, t->src + nd->off, nd->len) == 0) {
                bt = at;
                b = j;
                break;
            }
        }
    }
    if (bt->nodes[b].end == b + 1)
        return 0;
    if (rs->depth >= MUS_MAX_DEPTH)
        return rfail(rs, t, nd->line, "blocks nested too deeply (limit %d)", MUS_MAX_DEPTH);
    size_t ilen = rs->ind.len;
    bool site_bol = rs->site_bol;
    buf_add(&rs->ind, t->src + nd->ioff, nd->ilen);
    if (bt != t || b != i)
        rs->site_bol = nd->flags & MF_STANDALONE;
    int r = render(rs, bt, b + 1, bt->nodes[b].end);
    rs->site_bol = site_bol;
    rs->ind.len = ilen;
    return r;
}

static int render(rstate *rs, const mus_template *t, uint32_t from, uint32_t to)
{
    int r = 0;
    rs->depth++;
    for (uint32_t i = from; i < to && r == 0;) {
        const mus_node *nd = &t->nodes[i];
        switch (nd->type) {
        case MN_TEXT:
            buf_add(rs->out, t->src + nd->off, nd->len);
            break;
        case MN_INDENT:
            put_indent(rs);
            break;
        case MN_FIRST:
            if (rs->site_bol)
                put_indent(rs);
            break;
        case MN_VAR:
        case MN_RAW:
            put_value(rs, lookup(rs, t, nd), nd->type == MN_VAR);
            break;
        case MN_SECTION:
        case MN_INVERTED:
            r = section(rs, t, i);
            break;
        case MN_PARTIAL:
        case MN_PARENT:
            r = partial(rs, t, i);
            break;
        case MN_BLOCK:
            r = block(rs, t, i);
            break;
        default:
            break;
        }
        i = nd->end;
    }
    rs->depth--;
    return r;
}

int mus_render(mus_env *env, const mus_template *t, json_t *data, buf *out, char **err)
{
    if (err)
        *err = NULL;
    if (!t) {
        if (err)
            *err = xstrdup("no template");
        return -1;
    }
    size_t start = out->len;
    buf_add(out, "", 0);
    rstate rs;
    memset(&rs, 0, sizeof rs);
    rs.env = env;
    rs.out = out;
    buf_init(&rs.ind);
    buf_init(&rs.tmp);
    ctx_push(&rs, data);
    int r = render(&rs, t, 0, t->n);
    free(rs.ctx);
    free(rs.args);
    buf_free(&rs.ind);
    buf_free(&rs.tmp);
    if (r < 0) {
        out->len = start;
        out->p[start] = 0;
        if (err)
            *err = rs.err;
        else
            free(rs.err);
        return -1;
    }
    return 0;
}

/* ---- what a template may look up ---- */

static bool uses(mus_env *env, const mus_template *t, const char *name, size_t nlen,
                 bool in_section, int depth)
{
    if (depth > 64) /* deeper than any sane template: assume it does */
        return true;
    uint32_t ends[MUS_MAX_NESTING];
    size_t open = 0;
    for (uint32_t i = 0; i < t->n; i++) {
        while (open && i >= ends[open - 1])
            open--;
        const mus_node *nd = &t->nodes[i];
        bool nested = in_section || open > 0;
        switch (nd->type) {
        case MN_VAR:
        case MN_RAW:
        case MN_SECTION:
        case MN_INVERTED:
            if (nd->nseg == 0) {
                /* "." outside any section is the whole data */
                if (!nested)
                    return true;
            } else {
                const mus_seg *sg = &t->segs[nd->seg];
                if (sg->len == nlen && memcmp(t->src + sg->off, name, nlen) == 0)
                    return true;
            }
            if ((nd->type == MN_SECTION || nd->type == MN_INVERTED) && open < MUS_MAX_NESTING)
                ends[open++] = nd->end;
            break;
        case MN_PARTIAL:
        case MN_PARENT: {
            if (nd->flags & MF_DYNAMIC)
                return true;
            char *pn = xstrndup(t->src + nd->off, nd->len);
            mus_entry *e = env_find(env, pn, nd->len);
            free(pn);
            if (e->t && uses(env, e->t, name, nlen, nested, depth + 1))
                return true;
            break;
        }
        default:
            break;
        }
    }
    return false;
}

bool mus_may_use(mus_env *env, const mus_template *t, const char *name)
{
    if (!t || !name)
        return true;
    return uses(env, t, name, strlen(name), false, 0);
}
