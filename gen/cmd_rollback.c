/*
 * cmd_rollback.c - `gongshi rollback [--out DIR]`: switch the live site
 * back to the previous generation (see generation.h).
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "generation.h"
#include "lock.h"

int cmd_rollback(int argc, char **argv)
{
    const char *out = "out";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strncmp(argv[i], "--out=", 6) == 0)
            out = argv[i] + 6;
        else {
            fprintf(stderr, "usage: gongshi rollback [--out DIR]\n");
            return 2;
        }
    }
    int lock = lock_acquire(out);
    if (lock < 0)
        return 2;
    int rc = gen_rollback(out, "site");
    lock_release(lock);
    return rc;
}
