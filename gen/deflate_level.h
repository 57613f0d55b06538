/*
 * deflate_level.h - the zlib level of everything gongshi compresses: the
 * PDFs' streams (libharu) and the XLSX workbooks' parts (libxlsxwriter's
 * minizip).  Neither library has a setting for it; deflate_level.c
 * supplies the level by defining zlib's two initialisers in the program.
 */
#ifndef GONGSHI_DEFLATE_LEVEL_H
#define GONGSHI_DEFLATE_LEVEL_H

#define DEFLATE_LEVEL 2 /* what zlib's "default" level means in gongshi */

#endif
