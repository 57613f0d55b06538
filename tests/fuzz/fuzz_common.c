/*
 * fuzz_common.c - scratch files for fuzz targets that go through paths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "util.h"

static char *dir;

static void cleanup(void)
{
    free(dir);
}

const char *fuzz_dir(void)
{
    if (!dir) {
        const char *base = getenv("TMPDIR");
        dir = xasprintf("%s/gsfuzzXXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            exit(2);
        }
        atexit(cleanup);
    }
    return dir;
}

const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size)
{
    static char *path;
    free(path);
    path = xasprintf("%s/%s", fuzz_dir(), name);
    char *slash = strrchr(path, '/');
    *slash = 0;
    mkdir(path, 0700);
    *slash = '/';
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(2);
    }
    if (size)
        fwrite(data, 1, size, f);
    fclose(f);
    return path;
}
