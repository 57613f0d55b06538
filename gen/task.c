/*
 * task.c - one piece of work on a thread of its own (see task.h).
 */
#include "task.h"

void task_start(task *t, void *(*fn)(void *), void *arg)
{
    t->threaded = pthread_create(&t->th, NULL, fn, arg) == 0;
    if (!t->threaded)
        fn(arg);
}

void task_join(task *t)
{
    if (t->threaded)
        pthread_join(t->th, NULL);
    t->threaded = false;
}
