/*
 * test_siteconf.c - site.yaml: every key, bad values, missing file, YAML
 * syntax errors.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "loaders.h"
#include "t.h"

static char tmpdir[256];

static char *write_yaml(const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

/* the n-th diagnostic (from 0) as "line: [warning: ]message" */
static char *diag_text(size_t i)
{
    const diag_entry *e = diag_get(i);
    if (!e)
        return xstrdup("(none)");
    return xasprintf("%u: %s%s", (unsigned)e->line,
                     e->level == DIAG_WARNING ? "warning: " : "", e->msg);
}

static int diag_has(const char *needle)
{
    for (size_t i = 0; i < diag_count(); i++)
        if (strstr(diag_get(i)->msg, needle))
            return 1;
    return 0;
}

static const char full_yaml[] =
    "# a fictional county\n"
    "name: 示例县人民政府\n"
    "base_url: https://www.example.gov.cn/zfgs\n"
    "windows:\n"
    "  行政许可: 5\n"
    "  行政处罚: 6\n"
    "  default: 15\n"
    "  info_change: 4\n"
    "  withdrawal: 2\n"
    "  correction: 10\n"
    "publicity:\n"
    "  short_months: 6\n"
    "  long_years: 5\n"
    "  low_fine: 20000.5\n"
    "  person_years: 2\n"
    "  other_years: 1\n"
    "  summary_procedure: skip\n"
    "privacy:\n"
    "  person_name: full\n"
    "timezone: Asia/Shanghai\n"
    "credit_code: 11410500MB0000000R\n"
    "training:\n"
    "  business_hours: 40\n"
    "  law_hours: 20\n"
    "targets:\n"
    "  legal_review_staff: 0.1\n"
    "  lawyer_share: 25%\n"
    "county_extra:\n"
    "  anything: [1, 2]\n"
    "unknown_key: ignored\n";

TEST(every_key)
{
    diag_init();
    gs_model m;
    model_init(&m);
    char *path = write_yaml("site.yaml", full_yaml);
    CHECK(siteconf_load(&m, path));
    CHECK_INT(diag_count(), 0);
    const gs_settings *s = &m.settings;
    CHECK_STR(s->name, "示例县人民政府");
    CHECK_STR(s->base_url, "https://www.example.gov.cn/zfgs/");
    CHECK_INT(s->win_xuke, 5);
    CHECK_INT(s->win_chufa, 6);
    CHECK_INT(s->win_default, 15);
    CHECK_INT(s->win_info_change, 4);
    CHECK_INT(s->win_withdrawal, 2);
    CHECK_INT(s->win_correction, 10);
    CHECK_INT(s->short_months, 6);
    CHECK_INT(s->long_years, 5);
    CHECK_INT(s->low_fine_fen, 2000050);
    CHECK_INT(s->person_years, 2);
    CHECK_INT(s->other_years, 1);
    CHECK(!s->publish_summary);
    CHECK(!s->mask_names);
    CHECK_STR(s->timezone, "Asia/Shanghai");
    CHECK_STR(s->credit_code, "11410500MB0000000R");
    CHECK_INT(s->business_hours, 40);
    CHECK_INT(s->law_hours, 20);
    CHECK(s->target_legal_review_staff > 0.0999 &&
          s->target_legal_review_staff < 0.1001);
    CHECK(s->target_lawyer_share > 0.2499 && s->target_lawyer_share < 0.2501);
    unlink(path);
    free(path);
    model_free(&m);
}

TEST(minimal_keeps_defaults)
{
    diag_init();
    gs_model m;
    model_init(&m);
    char *path = write_yaml("min.yaml", "\xEF\xBB\xBFname: 示例县\n"
                                        "base_url: https://example.org/\n"
                                        "windows:\n"
                                        "publicity:\n"
                                        "  low_fine: \"10,000\"\n"
                                        "  long_years: ~\n");
    CHECK(siteconf_load(&m, path));
    CHECK_INT(diag_count(), 0);
    const gs_settings *s = &m.settings;
    CHECK_STR(s->name, "示例县");
    CHECK_STR(s->base_url, "https://example.org/");
    CHECK_INT(s->win_xuke, 7);
    CHECK_INT(s->win_default, 20);
    CHECK_INT(s->long_years, 3);
    CHECK_INT(s->low_fine_fen, 1000000);
    CHECK(s->publish_summary);
    CHECK(s->mask_names);
    CHECK_STR(s->timezone, "Asia/Shanghai");
    CHECK_INT(s->business_hours, 30);
    unlink(path);
    free(path);
    model_free(&m);
}

TEST(bad_values_keep_defaults)
{
    diag_init();
    diag_set_quiet(true);
    gs_model m;
    model_init(&m);
    char *path = write_yaml("bad.yaml", "name: 示例县\n"            /* 1 */
                                        "windows:\n"                /* 2 */
                                        "  行政许可: seven\n"        /* 3 */
                                        "  行政处罚: -1\n"           /* 4 */
                                        "  default: 2.5\n"          /* 5 */
                                        "  info_change: [1]\n"      /* 6 */
                                        "publicity:\n"              /* 7 */
                                        "  low_fine: 1.234\n"       /* 8 */
                                        "  summary_procedure: yes\n" /* 9 */
                                        "privacy:\n"                /* 10 */
                                        "  person_name: hide\n"     /* 11 */
                                        "timezone: ../../etc/x\n"   /* 12 */
                                        "training: 30\n"            /* 13 */
                                        "targets:\n"                /* 14 */
                                        "  lawyer_share: 1.5\n"     /* 15 */
                                        "  legal_review_staff: x%\n" /* 16 */
                                        "credit_code: 123\n");      /* 17 */
    CHECK(siteconf_load(&m, path));
    const gs_settings *s = &m.settings;
    CHECK_INT(s->win_xuke, 7);
    CHECK_INT(s->win_chufa, 7);
    CHECK_INT(s->win_default, 20);
    CHECK_INT(s->win_info_change, 5);
    CHECK_INT(s->low_fine_fen, 1000000);
    CHECK(s->publish_summary);
    CHECK(s->mask_names);
    CHECK_STR(s->timezone, "Asia/Shanghai");
    CHECK_INT(s->business_hours, 30);
    CHECK(s->target_lawyer_share > 0.19 && s->target_lawyer_share < 0.21);
    CHECK_INT(diag_error_count(), 11);
    static const unsigned want_lines[] = {3, 4, 5, 6, 8, 9, 11, 12, 13, 15, 16, 17};
    CHECK_INT(diag_count(), 12);
    for (size_t i = 0; i < diag_count() && i < 12; i++) {
        char *t = diag_text(i);
        if (diag_get(i)->line != want_lines[i]) {
            printf("diagnostic %zu: %s (expected line %u)\n", i, t, want_lines[i]);
            CHECK(0);
        }
        free(t);
    }
    CHECK(diag_has("windows.行政许可"));
    CHECK(diag_has("publish or skip"));
    CHECK(diag_get(11) && diag_get(11)->level == DIAG_WARNING);
    /* no value from the file is echoed back */
    CHECK(!diag_has("seven") && !diag_has("hide"));
    unlink(path);
    free(path);
    model_free(&m);
    diag_set_quiet(false);
}

TEST(missing_name)
{
    diag_init();
    diag_set_quiet(true);
    gs_model m;
    model_init(&m);
    char *path = write_yaml("noname.yaml", "base_url: https://example.org\n");
    CHECK(siteconf_load(&m, path));
    CHECK_INT(diag_error_count(), 1);
    CHECK(diag_has("name: missing"));
    CHECK_STR(m.settings.base_url, "https://example.org/");
    unlink(path);
    free(path);
    diag_init();
    path = write_yaml("empty_name.yaml", "name: \"\"\n");
    CHECK(siteconf_load(&m, path));
    CHECK_INT(diag_error_count(), 1);
    unlink(path);
    free(path);
    model_free(&m);
    diag_set_quiet(false);
}

TEST(missing_file)
{
    diag_init();
    diag_set_quiet(true);
    gs_model m;
    model_init(&m);
    char *path = xasprintf("%s/does-not-exist.yaml", tmpdir);
    CHECK(!siteconf_load(&m, path));
    CHECK_INT(diag_error_count(), 1);
    CHECK(diag_get(0) && diag_get(0)->line == 1 &&
          strcmp(diag_get(0)->file, path) == 0);
    CHECK_STR(m.settings.timezone, "Asia/Shanghai");
    free(path);
    model_free(&m);
    diag_set_quiet(false);
}

TEST(syntax_errors)
{
    diag_init();
    diag_set_quiet(true);
    gs_model m;
    model_init(&m);
    char *path = write_yaml("syntax.yaml", "name: 示例县\n"
                                           "windows:\n"
                                           "  行政许可: 7\n"
                                           " 行政处罚: 7\n"
                                           "timezone: Asia/Shanghai\n");
    CHECK(!siteconf_load(&m, path));
    CHECK_INT(diag_error_count(), 1);
    char *t = diag_text(0);
    CHECK(diag_get(0) && diag_get(0)->line == 4);
    CHECK(strstr(t, "YAML syntax error") != NULL);
    free(t);
    unlink(path);
    free(path);

    diag_init();
    path = write_yaml("tab.yaml", "name: 示例县\nwindows:\n\t行政许可: 7\n");
    CHECK(!siteconf_load(&m, path));
    CHECK(diag_get(0) && diag_get(0)->line == 3);
    unlink(path);
    free(path);

    diag_init();
    path = write_yaml("quote.yaml", "name: \"示例县\n\nbase_url: x\n");
    CHECK(!siteconf_load(&m, path));
    CHECK_INT(diag_error_count(), 1);
    unlink(path);
    free(path);

    diag_init();
    path = write_yaml("list.yaml", "- name\n- base_url\n");
    CHECK(!siteconf_load(&m, path));
    CHECK_INT(diag_error_count(), 1);
    unlink(path);
    free(path);

    diag_init();
    path = write_yaml("empty.yaml", "");
    CHECK(!siteconf_load(&m, path));
    unlink(path);
    free(path);

    diag_init();
    path = write_yaml("latin1.yaml", "name: Caf\xE9\n");
    CHECK(!siteconf_load(&m, path));
    CHECK(diag_get(0) && diag_get(0)->line == 1);
    unlink(path);
    free(path);
    model_free(&m);
    diag_set_quiet(false);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/gs-siteconf-XXXXXX",
             base && *base && strlen(base) < 200 ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(every_key);
    RUN(minimal_keeps_defaults);
    RUN(bad_values_keep_defaults);
    RUN(missing_name);
    RUN(missing_file);
    RUN(syntax_errors);
    rmdir(tmpdir);
    diag_free();
    return T_DONE();
}
