/*
 * task.c - one piece of work on a thread of its own (see task.h).
 */
#include <unistd.h>

#include "task.h"

void task_start(task *t, void *(*fn)(void *), void *arg)
{
    t->threaded = pthread_create(&t->th, NULL, fn, arg) == 0;
    if (!t->threaded)
        fn(arg);
}

size_t task_processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 1 ? (size_t)n : 1;
}

void task_join(task *t)
{
    if (t->threaded)
        pthread_join(t->th, NULL);
    t->threaded = false;
}
