/*
 * main.c - gongshi: dispatch to a subcommand (see commands.h).
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "jsonmem.h"

#ifndef GONGSHI_VERSION
#define GONGSHI_VERSION "0.1.0"
#endif

static const char usage[] =
    "usage: gongshi build  [--content DIR] [--out DIR] [--state DIR] [--today YYYY-MM-DD]\n"
    "                      [--year YYYY] [--templates DIR] [--verbose] [--quiet]\n"
    "       gongshi check  [--content DIR] [--today YYYY-MM-DD]\n"
    "       gongshi due    --from YYYY-MM-DD --workdays N [--content DIR]\n"
    "       gongshi render TEMPLATE --data FILE.json [--partials DIR]\n"
    "       gongshi rollback [--out DIR] [--state DIR]\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    jsonmem_install(); /* before any JSON value is made */
    const char *cmd = argv[1];
    if (strcmp(cmd, "build") == 0)
        return cmd_build(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "due") == 0)
        return cmd_due(argc - 1, argv + 1);
    if (strcmp(cmd, "render") == 0)
        return cmd_render(argc - 1, argv + 1);
    if (strcmp(cmd, "rollback") == 0)
        return cmd_rollback(argc - 1, argv + 1);
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("gongshi %s\n", GONGSHI_VERSION);
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    fprintf(stderr, "gongshi: unknown command '%s'\n%s", cmd, usage);
    return 2;
}
