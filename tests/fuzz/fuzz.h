/* fuzz.h — what every fuzz target shares: the libFuzzer entry points and an invariant check that aborts.
 *
 * A target is built two ways (tests/fuzz/CMakeLists.txt): with clang's libFuzzer (ZWGK_FUZZ=ON) for real
 * coverage-guided runs, and with driver.c's main for the replay test every CI build runs.  FUZZ_ASSERT is not
 * assert(): it stays on in Release builds, and a broken invariant must be a finding the fuzzer keeps. */
#ifndef ZWGK_FUZZ_H
#define ZWGK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zwgk/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_ASSERT(cond)                                                                                              \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);                               \
            abort();                                                                                                   \
        }                                                                                                              \
    } while (0)

/* A string the API promises is valid UTF-8 (NULL allowed where the field may be absent). */
static inline void fuzz_check_str(const char *s)
{
    if (s)
        FUZZ_ASSERT(utf8_valid(s, strlen(s), NULL));
}

#endif
