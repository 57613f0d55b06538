/*
 * lock.h - one build at a time per output folder.
 *
 * `gongshi build` holds an flock(2) on OUT/.lock for its whole run; a
 * second build on the same folder gives up at once (exit 2) with a clear
 * message instead of interleaving with the first.  The kernel releases the
 * lock when the process ends, however it ends, so a killed build never
 * leaves a stale lock behind.
 */
#ifndef GONGSHI_LOCK_H
#define GONGSHI_LOCK_H

/* the lock's file descriptor, or -1 after printing why (held elsewhere,
 * or the folder cannot be created) */
int lock_acquire(const char *out);
void lock_release(int fd);

#endif
