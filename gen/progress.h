/*
 * progress.h - a progress line on a terminal: "label  done/total  rate/s
 * ETA", redrawn at most ten times a second on stderr.  Silent when stderr
 * is not a terminal (cron, systemd, pipes) or when disabled with --quiet.
 */
#ifndef GONGSHI_PROGRESS_H
#define GONGSHI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

void progress_enable(bool on); /* default: on when stderr is a terminal */
void progress_start(const char *label, size_t total);
void progress_add(size_t n);
void progress_end(void);

#endif
