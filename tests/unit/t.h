/*
 * t.h - a minimal unit-test harness.
 *
 * Each tests/unit/test_*.c defines tests with TEST(name) { ... } and lists
 * them in main with RUN(name).  CHECK(cond) and CHECK_STR(a, b) record a
 * failure with file:line and go on.  The program ends with
 * "# N passed, N failed" which tests/run.sh adds up.
 */
#ifndef GONGSHI_T_H
#define GONGSHI_T_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail, t_cur_failed;

#define TEST(name) static void name(void)
#define RUN(name)                                                         \
    do {                                                                  \
        t_cur_failed = 0;                                                 \
        name();                                                           \
        if (t_cur_failed)                                                 \
            t_fail++, printf("not ok - %s\n", #name);                     \
        else                                                              \
            t_pass++;                                                     \
    } while (0)
#define CHECK(cond)                                                       \
    do {                                                                  \
        if (!(cond)) {                                                    \
            printf("%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
            t_cur_failed = 1;                                             \
        }                                                                 \
    } while (0)
#define CHECK_STR(a, b)                                                   \
    do {                                                                  \
        const char *t_a = (a), *t_b = (b);                                \
        if (!t_a || !t_b || strcmp(t_a, t_b) != 0) {                      \
            printf("%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__,    \
                   __LINE__, #a, t_a ? t_a : "(null)", t_b ? t_b : "(null)"); \
            t_cur_failed = 1;                                             \
        }                                                                 \
    } while (0)
#define CHECK_INT(a, b)                                                   \
    do {                                                                  \
        long long t_a = (long long)(a), t_b = (long long)(b);             \
        if (t_a != t_b) {                                                 \
            printf("%s:%d: %s == %lld, expected %lld\n", __FILE__,        \
                   __LINE__, #a, t_a, t_b);                               \
            t_cur_failed = 1;                                             \
        }                                                                 \
    } while (0)
#define T_DONE()                                                          \
    (printf("# %d passed, %d failed\n", t_pass, t_fail), t_fail ? 1 : 0)

#endif
