/*
 * commands.h - the gongshi subcommands.  Each takes the arguments after
 * "gongshi" (argv[0] is the subcommand's name) and returns the exit
 * status: 0 all well, 1 finished with rejected input or overdue items,
 * 2 usage error or nothing could be built.
 */
#ifndef GONGSHI_COMMANDS_H
#define GONGSHI_COMMANDS_H

int cmd_build(int argc, char **argv);  /* gongshi build */
int cmd_check(int argc, char **argv);  /* gongshi check */
int cmd_due(int argc, char **argv);    /* gongshi due */
int cmd_render(int argc, char **argv); /* gongshi render (cmd_render.c) */
int cmd_rollback(int argc, char **argv); /* gongshi rollback (cmd_rollback.c) */

#endif
