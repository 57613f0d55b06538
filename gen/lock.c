/*
 * lock.c - the build lock (lock.h).
 */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "fsout.h"
#include "util.h"

int lock_acquire(const char *out)
{
    if (!mkdir_p(out)) {
        fprintf(stderr, "gongshi: cannot create %s: %s\n", out, strerror(errno));
        return -1;
    }
    char *path = xasprintf("%s/.lock", out);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(stderr, "gongshi: cannot open %s: %s\n", path, strerror(errno));
        free(path);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char pid[32] = "";
        ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
        pid[n > 0 ? n : 0] = 0;
        pid[strcspn(pid, "\n")] = 0;
        fprintf(stderr, "gongshi: another build is running on %s%s%s (lock %s); "
                        "not starting a second one\n",
                out, pid[0] ? " as process " : "", pid, path);
        close(fd);
        free(path);
        return -1;
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    /* the pid is only informative: a failure to record it is ignored */
    if (ftruncate(fd, 0) == 0)
        (void)!pwrite(fd, pid, (size_t)n, 0);
    free(path);
    return fd;
}

void lock_release(int fd)
{
    if (fd >= 0)
        close(fd);
}
