/*
 * load.c - load_content(): run every loader in dependency order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "diag.h"
#include "loaders.h"

bool load_content(gs_model *m, const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "gongshi: content folder %s not found\n", dir);
        return false;
    }
    char *p = xasprintf("%s/site.yaml", dir);
    bool ok = siteconf_load(m, p);
    free(p);
    if (!ok)
        return false;
    static const struct {
        const char *file;
        void (*load)(gs_model *, const char *);
    } steps[] = {
        {"data/agencies.csv", load_agencies},
        {"data/officers.csv", load_officers},
        {"data/decisions.csv", load_decisions},
        {"data/powers.csv", load_powers},
        {"data/inspections.csv", load_inspections},
        {"data/phrases.csv", load_phrases},
    };
    p = xasprintf("%s/calendar", dir);
    calendar_load(m, p);
    free(p);
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        p = xasprintf("%s/%s", dir, steps[i].file);
        steps[i].load(m, p);
        free(p);
    }
    p = xasprintf("%s/pages", dir);
    if (stat(p, &st) == 0)
        pages_load(m, p);
    free(p);
    model_finish(m);
    return true;
}
