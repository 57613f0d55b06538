/*
 * fuzz_privacy.c - the privacy scrubber and name masking: any bytes.  The
 * output must never contain a run of 18 ASCII digits standing alone (an
 * ID number left in place).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "privacy.h"

static bool letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool has_run(const char *s, size_t want)
{
    size_t run = 0;
    for (const char *p = s; *p; p++) {
        run = (*p >= '0' && *p <= '9') ? run + 1 : 0;
        if (run == want && !(p[1] >= '0' && p[1] <= '9') && !letter(p[1]) &&
            !(p - want >= s && letter(p[-(long)want])))
            return true;
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = xstrndup((const char *)data, size); /* stops at a NUL */
    char *out = privacy_scrub(text, SCRUB_ALL, NULL, NULL);
    if (has_run(out, 18))
        abort();
    char *mask = privacy_mask_name(text);
    char *out2 = privacy_scrub(text, SCRUB_STAFF, text[0] ? "张三" : NULL, "张某");
    free(out);
    free(mask);
    free(out2);
    free(text);
    return 0;
}
