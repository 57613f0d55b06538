/*
 * cmd_rollback.c - `gongshi rollback [--out DIR]`: switch the live site
 * back to the previous generation (see generation.h), and record the
 * rollback as an event in the ledger (it never rewrites earlier dates).
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "dates.h"
#include "generation.h"
#include "ledger.h"
#include "lock.h"

int cmd_rollback(int argc, char **argv)
{
    const char *out = "out", *state = "state";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strncmp(argv[i], "--out=", 6) == 0)
            out = argv[i] + 6;
        else if (strcmp(argv[i], "--state") == 0 && i + 1 < argc)
            state = argv[++i];
        else if (strncmp(argv[i], "--state=", 8) == 0)
            state = argv[i] + 8;
        else {
            fprintf(stderr, "usage: gongshi rollback [--out DIR] [--state DIR]\n");
            return 2;
        }
    }
    long from = gen_live_number(out, "site");
    int lock = lock_acquire(out);
    if (lock < 0)
        return 2;
    int rc = gen_rollback(out, "site");
    if (rc == 0) {
        char detail[64];
        snprintf(detail, sizeof detail, "generation %06ld -> %06ld", from,
                 gen_live_number(out, "site"));
        if (!ledger_note(state, date_today("Asia/Shanghai"), "rollback", detail))
            fprintf(stderr, "gongshi rollback: warning: could not record the rollback in %s\n",
                    state);
    }
    lock_release(lock);
    return rc;
}
