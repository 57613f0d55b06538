/*
 * progress.c - terminal progress line (progress.h).
 */
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static struct {
    int enabled; /* -1 = not decided yet */
    const char *label;
    size_t total, done;
    double start, last;
    bool shown;
} P = {.enabled = -1};

void progress_enable(bool on)
{
    P.enabled = on && isatty(2);
}

void progress_start(const char *label, size_t total)
{
    if (P.enabled < 0)
        P.enabled = isatty(2);
    P.label = label;
    P.total = total;
    P.done = 0;
    P.start = P.last = clock_wall();
    P.shown = false;
}

static void draw(double t)
{
    double el = t - P.start;
    double rate = el > 0 ? (double)P.done / el : 0;
    double eta = rate > 0 && P.total > P.done ? (double)(P.total - P.done) / rate : 0;
    fprintf(stderr, "\r%-12s %zu/%zu  %.0f/s  ETA %ds   ", P.label, P.done, P.total, rate,
            (int)(eta + 0.5));
    P.shown = true;
}

void progress_add(size_t n)
{
    P.done += n;
    if (P.enabled <= 0)
        return;
    double t = clock_wall();
    if (t - P.last >= 0.1 && t - P.start >= 0.5) {
        P.last = t;
        draw(t);
    }
}

void progress_end(void)
{
    if (P.enabled > 0 && P.shown) {
        draw(clock_wall());
        fputc('\n', stderr);
    }
    P.shown = false;
}
