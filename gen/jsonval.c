/*
 * jsonval.c - JSON value helpers (jsonval.h).
 */
#include "jsonval.h"

#include <stdlib.h>
#include <string.h>

json_t *jstr(const char *s)
{
    return json_stringn_nocheck(s ? s : "", s ? strlen(s) : 0);
}

void jset(json_t *o, const char *key, const char *val)
{
    json_object_set_new(o, key, jstr(val));
}

void jset_own(json_t *o, const char *key, char *val)
{
    jset(o, key, val);
    free(val);
}

void jset_date(json_t *o, const char *key, gs_date d)
{
    char s[11];
    date_format(d, s);
    jset(o, key, s);
}

void jset_int(json_t *o, const char *key, long long v)
{
    json_object_set_new(o, key, json_integer(v));
}
