/*
 * deflate_level.c - the zlib level of the PDFs' streams and the
 * workbooks' parts: DEFLATE_LEVEL (deflate_level.h) instead of zlib's
 * default, level 6.
 *
 * libharu 2.3 deflates every stream (page contents, the embedded font
 * subsets, their 128 KB CIDToGIDMaps) with deflateInit(Z_DEFAULT_COMPRESSION)
 * and has no setting for it; libxlsxwriter hands each part of a workbook
 * to minizip with Z_DEFAULT_COMPRESSION, which minizip passes to
 * deflateInit2().  Level 6's lazy matching was most of the processor time
 * of making a PDF (font outlines barely compress) and of writing the
 * 双公示 export (a 15 MB worksheet at 20,000 rows).
 *
 * deflateInit() and deflateInit2() are macros for deflateInit_() and
 * deflateInit2_(); this program defines both functions itself, and the
 * dynamic linker binds the libraries' calls to the program's definitions
 * before zlib's (the program's symbols come first in the lookup order; ld
 * exports them because libraries the program links refer to them).  The
 * default level becomes DEFLATE_LEVEL, an explicit level passes through
 * unchanged, and the work is zlib's own deflateInit2_(), found with
 * dlsym(RTLD_NEXT).  Every other library the program loads that deflates
 * (none at present) would get the same default.  The definitions are
 * weak: a build against a static zlib links (zlib's own definitions win)
 * and its output is merely compressed at level 6.
 *
 * Level 2 (zlib's fast matcher, short chains), measured: the sample
 * county's build 0.70 -> 0.56 s of processor time with 6.53 -> 6.91 MB of
 * PDFs (level 1: 7.03 MB and no faster); the 双公示 penalties workbook of
 * 100,000 synthetic decisions (20,470 in the year) deflated in 0.09
 * instead of 0.24 s, 2.34 instead of 1.87 MB.  test_pdf_font.c
 * (streams_at_the_pdf_level) and tests/cli/xlsx_sample.sh check the level
 * of what is written.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <zlib.h>

#include "deflate_level.h"

typedef int init2_fn(z_streamp, int, int, int, int, int, const char *, int);

static init2_fn *zlib_init2;
static pthread_once_t zlib_once = PTHREAD_ONCE_INIT;

static void find_zlib(void)
{
    /* the next definition after the program's own: libz.so's */
    zlib_init2 = (init2_fn *)dlsym(RTLD_NEXT, "deflateInit2_");
    if (!zlib_init2) {
        const char *why = dlerror();
        fprintf(stderr, "gongshi: zlib's deflateInit2_ not found (%s): nothing can be compressed\n",
                why ? why : "no reason given");
    }
}

__attribute__((weak)) int deflateInit2_(z_streamp strm, int level, int method, int window_bits,
                                        int mem_level, int strategy, const char *version,
                                        int stream_size)
{
    pthread_once(&zlib_once, find_zlib);
    if (!zlib_init2)
        return Z_VERSION_ERROR; /* no zlib behind the program's definition */
    if (level == Z_DEFAULT_COMPRESSION)
        level = DEFLATE_LEVEL;
    return zlib_init2(strm, level, method, window_bits, mem_level, strategy, version,
                      stream_size);
}

__attribute__((weak)) int deflateInit_(z_streamp strm, int level, const char *version,
                                       int stream_size)
{
    /* zlib's deflateInit_ with the parameters deflateInit() documents */
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8 /* DEF_MEM_LEVEL */,
                         Z_DEFAULT_STRATEGY, version, stream_size);
}
