/*
 * mustache_int.h - the compiled form of a mustache template, shared by the
 * compiler (mustache_parse.c) and the renderer (mustache.c).  Nothing
 * outside those two files should include it.
 *
 * A template is one flat array of nodes.  Nodes that have a body (sections,
 * inverted sections, parents, blocks) are followed by the body's nodes and
 * record in `end` the index just past it, so the renderer walks a range and
 * skips a body by jumping to `end`.  Every string (text, names, dotted-name
 * parts, indentation) is an offset/length pair into the template's own copy
 * of the source.
 */
#ifndef GONGSHI_MUSTACHE_INT_H
#define GONGSHI_MUSTACHE_INT_H

#include <stdint.h>

#include "mustache.h"

enum mus_ntype {
    MN_TEXT,     /* literal text */
    MN_INDENT,   /* start of a template line: write the current indentation */
    MN_FIRST,    /* first line of a block argument: indent only if the block
                    tag it replaces stood alone on its line */
    MN_NOP,      /* placeholder (a dropped speculative node) */
    MN_VAR,      /* {{name}}, HTML-escaped */
    MN_RAW,      /* {{{name}}} and {{&name}} */
    MN_SECTION,  /* {{#name}} body {{/name}} */
    MN_INVERTED, /* {{^name}} body {{/name}} */
    MN_PARTIAL,  /* {{>name}} */
    MN_PARENT,   /* {{<name}} arguments {{/name}} */
    MN_BLOCK,    /* {{$name}} default or argument {{/name}} */
};

enum {
    MF_STANDALONE = 1, /* partial/parent: indent by [ioff, ilen); block: the
                          opening tag stood alone (argument starts a line) */
    MF_DYNAMIC = 2,    /* {{>*name}}: the partial's name comes from the data */
};

typedef struct mus_seg {
    uint32_t off, len;
} mus_seg;

typedef struct mus_node {
    uint8_t type, flags;
    uint32_t line;       /* source line of the tag, for messages */
    uint32_t off, len;   /* text, or the tag's name (after any '*') */
    uint32_t seg, nseg;  /* dotted name parts in t->segs; nseg 0 means "." */
    uint32_t end;        /* index just past the body */
    uint32_t ioff, ilen; /* indentation added while rendering the body */
} mus_node;

struct mus_template {
    char *src; /* owned copy of the source, NUL-terminated */
    uint32_t len;
    mus_node *nodes;
    uint32_t n, cap;
    mus_seg *segs;
    uint32_t nsegs, segcap;
    char *name; /* partial name for messages, or NULL */
};

#endif
