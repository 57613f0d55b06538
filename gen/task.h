/*
 * task.h - one piece of work run beside the caller: on a thread of its
 * own, or at once on the calling thread when no thread can be made (the
 * result is the same, only later).  The build uses it for the search
 * index, the ledger read and the workbooks' plan; pools of workers (PDF,
 * workbooks) have their own.
 */
#ifndef GONGSHI_TASK_H
#define GONGSHI_TASK_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct task {
    pthread_t th;
    bool threaded; /* running on th until task_join */
} task;

/* run fn(arg); t must not be running */
void task_start(task *t, void *(*fn)(void *), void *arg);
/* wait until fn has returned; nothing when it has already (or never ran) */
void task_join(task *t);
/* the processors online, at least 1: how many threads a pool of work may use */
size_t task_processors(void);

#endif
