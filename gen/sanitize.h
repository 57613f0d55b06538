/*
 * sanitize.h - allowlist sanitizer for raw HTML that a page opted into
 * (front matter `raw_html: true`).
 *
 * The input is cmark-gfm output rendered with CMARK_OPT_UNSAFE, or any
 * other HTML; the output is rebuilt from scratch: only allowlisted elements
 * and attributes survive, every tag is re-serialised by us, text is
 * escaped, and open elements are closed at the end.  Linear in the input.
 */
#ifndef GONGSHI_SANITIZE_H
#define GONGSHI_SANITIZE_H

#include <stddef.h>

#include "util.h"

/* sanitized copy of html[0..len) (NUL bytes allowed in the input);
 * xmalloc'd, never NULL; free() it */
char *sanitize_html(const char *html, size_t len);

/* the same; when notes is not NULL, appends a short comma-separated list of
 * the distinct element and attribute names it removed (e.g.
 * "iframe, onclick, href") for a warning.  Structural tags that are
 * silently unwrapped (html, head, body, ...) are not listed. */
char *sanitize_html_notes(const char *html, size_t len, buf *notes);

#endif
