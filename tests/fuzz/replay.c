/*
 * replay.c - run a fuzz target over files (corpus and regression inputs)
 * without libFuzzer: `fuzz_X FILE|DIR...`.  Used by make test.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int run_file(const char *path)
{
    size_t len;
    char *data = read_file(path, &len);
    if (!data) {
        perror(path);
        return 1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    free(data);
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int n = 0, bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0)
            continue;
        if (!S_ISDIR(st.st_mode)) {
            bad |= run_file(argv[i]);
            n++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        if (!d)
            continue;
        char **names = NULL;
        size_t k = 0;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            names = xreallocarray(names, k + 1, sizeof *names);
            names[k++] = xasprintf("%s/%s", argv[i], e->d_name);
        }
        closedir(d);
        if (k)
            qsort(names, k, sizeof *names, cmp);
        for (size_t j = 0; j < k; j++) {
            bad |= run_file(names[j]);
            n++;
            free(names[j]);
        }
        free(names);
    }
    printf("%d inputs replayed\n", n);
    return bad;
}
