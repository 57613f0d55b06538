/*
 * pdf_deflate.c - the zlib level of the PDFs' streams.
 *
 * libharu 2.3 deflates every stream (page contents, the embedded font
 * subsets, their 128 KB CIDToGIDMaps) with deflateInit(Z_DEFAULT_COMPRESSION),
 * zlib's level 6, and has no setting for it.  Deflating was most of the
 * processor time of making a PDF: font outlines barely compress, and level
 * 6's lazy matching costs most on exactly such data.
 *
 * deflateInit() is a macro for deflateInit_(); this program defines
 * deflateInit_ itself, and the dynamic linker binds libharu's call to the
 * program's definition before zlib's (the program's symbols come first in
 * the lookup order; ld exports this one because libhpdf.so refers to it).
 * The default level becomes PDF_DEFLATE_LEVEL, an explicit level passes
 * through unchanged, and everything else is zlib's own deflateInit2_()
 * with the parameters deflateInit() uses.  Among the libraries the
 * program loads only libharu calls deflateInit_ (libxlsxwriter's minizip
 * calls deflateInit2_ with its own level); a library added later that
 * used zlib's compress() would get level 2 too, since libz.so reaches its
 * own deflateInit_ through the same lookup.  The definition is weak: a
 * build against a static zlib links (zlib's own definition wins) and its
 * PDFs are merely compressed at level 6.
 *
 * Level 2 (zlib's fast matcher, short chains), measured on the sample
 * county's 67 PDFs: 0.70 -> 0.56 s of processor time for the whole build,
 * 6.53 -> 6.91 MB of PDFs (level 1: 7.03 MB and no faster).
 * test_pdf_font.c (streams_at_the_pdf_level) checks that a document's
 * streams carry this level in their zlib headers.
 */
#include <zlib.h>

#include "pdf.h"

__attribute__((weak)) int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
    if (level == Z_DEFAULT_COMPRESSION)
        level = PDF_DEFLATE_LEVEL;
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8 /* DEF_MEM_LEVEL */,
                         Z_DEFAULT_STRATEGY, version, stream_size);
}
