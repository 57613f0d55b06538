/*
 * fuzz.h - shared by the libFuzzer targets in tests/fuzz: each defines
 * LLVMFuzzerTestOneInput; replay.c runs them over corpus files without
 * libFuzzer (for make test under gcc's ASan+UBSan).
 */
#ifndef GONGSHI_FUZZ_H
#define GONGSHI_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* a private scratch directory (created once) and a file in it holding
 * data; returns the file's path (static storage) */
const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size);
const char *fuzz_dir(void);

#endif
