/*
 * jsonmem.c - jansson's allocator: a per-thread bump arena inside page
 * scopes, malloc outside them (see jsonmem.h).
 *
 * Each block is preceded by a 16-byte header (keeping jansson's blocks
 * aligned as malloc's are) whose first byte says where it came from:
 * ARENA (freeing it does nothing) or HEAP (freed with free).  Arena
 * chunks are JM_CHUNK bytes, chained newest first, all returned to malloc
 * when the outermost scope ends; blocks bigger than JM_SMALL always come
 * from malloc, so a chunk is never mostly wasted.
 */
#include "jsonmem.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#if defined(__SANITIZE_ADDRESS__)
#define JM_SCRIBBLE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JM_SCRIBBLE 1
#endif
#endif

#define JM_HDR 16
#define JM_CHUNK (64 * 1024)
#define JM_SMALL 2048

enum { HEAP = 0x48, ARENA = 0x41 };

typedef struct jm_chunk {
    struct jm_chunk *next;
    size_t used;
    _Alignas(16) unsigned char data[JM_CHUNK];
} jm_chunk;

typedef struct jm_arena {
    unsigned depth;
    jm_chunk *head; /* the chunk blocks are cut from; older ones behind */
} jm_arena;

static bool installed;
static _Thread_local jm_arena ta;

static void *jm_malloc(size_t n)
{
    if (n > SIZE_MAX - 2 * JM_HDR)
        return NULL; /* jansson reports the failure */
    size_t total = (n + JM_HDR + 15) & ~(size_t)15;
    unsigned char *p;
    if (ta.depth && total <= JM_SMALL) {
        jm_chunk *c = ta.head;
        if (!c || JM_CHUNK - c->used < total) {
            jm_chunk *nc = xmalloc(sizeof *nc);
            nc->next = c;
            nc->used = 0;
            ta.head = c = nc;
        }
        p = c->data + c->used;
        c->used += total;
        p[0] = ARENA;
    } else {
        p = xmalloc(total);
        p[0] = HEAP;
    }
    return p + JM_HDR;
}

static void jm_free(void *v)
{
    if (!v)
        return;
    unsigned char *p = (unsigned char *)v - JM_HDR;
    if (p[0] == HEAP)
        free(p);
}

void jsonmem_install(void)
{
    json_set_alloc_funcs(jm_malloc, jm_free);
    installed = true;
}

void jsonmem_page_begin(void)
{
    if (installed)
        ta.depth++;
}

void jsonmem_page_end(void)
{
    if (!installed || !ta.depth || --ta.depth)
        return;
    for (jm_chunk *c = ta.head, *next; c; c = next) {
        next = c->next;
#ifdef JM_SCRIBBLE
        /* AddressSanitizer sees gongshi's own reads of a freed chunk, not
         * libjansson's (not instrumented): give those garbage to trip on */
        memset(c->data, 0xA5, c->used);
#endif
        free(c);
    }
    ta.head = NULL;
}

void jsonmem_free(void *p)
{
    if (installed)
        jm_free(p);
    else
        free(p);
}
