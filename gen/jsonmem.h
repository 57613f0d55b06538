/*
 * jsonmem.h - where jansson's memory comes from.
 *
 * Pages are rendered from JSON values (jansson) that live for one page:
 * made, rendered, freed.  That is tens of small allocations per page, and
 * at county scale malloc and free were about a tenth of the build's
 * processor time.  Inside a page scope (jsonmem_page_begin .. _end, per
 * thread) jansson's small blocks are cut from a bump arena of this thread
 * that is dropped whole at the end of the scope; freeing one of them does
 * nothing.  Outside a scope (and for large blocks) they come from malloc
 * as before.  Every block carries a 16-byte header saying which, so a
 * value may be freed on any thread, inside or outside a scope.
 *
 * The rule: a JSON value made inside a page scope must not be used after
 * the scope ends (not kept in a cache, not added to a value made outside
 * it that lives on).  The arena's chunks are returned to malloc at the
 * end of the scope, so under AddressSanitizer gongshi's own use of a value
 * that escaped (json_typeof and the other macros) is a use after free;
 * libjansson is not instrumented, so in an ASan build the chunks are
 * first filled with garbage for its functions to trip on.
 *
 * jsonmem_install must be called before any JSON value is made (main);
 * without it the scopes do nothing and jansson uses malloc directly, as
 * in the unit tests.  Out of memory prints a message and exits, as
 * xmalloc does.
 */
#ifndef GONGSHI_JSONMEM_H
#define GONGSHI_JSONMEM_H

void jsonmem_install(void);
/* scopes nest; the outermost end drops the arena */
void jsonmem_page_begin(void);
void jsonmem_page_end(void);
/* free memory jansson returned to the caller (json_dumps) */
void jsonmem_free(void *p);

#endif
