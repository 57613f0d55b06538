/*
 * yamldoc.c - libyaml document loading with diagnostics (see yamldoc.h).
 */
#include "yamldoc.h"

#include <string.h>

#include "diag.h"

static uint32_t line_at_offset(const char *text, size_t len, size_t off)
{
    uint32_t line = 1;
    for (size_t i = 0; i < off && i < len; i++)
        if (text[i] == '\n')
            line++;
    return line;
}

bool ydoc_load(yaml_document_t *doc, const char *text, size_t len,
               const char *file, uint32_t line_offset)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        diag_error(file, line_offset + 1, "cannot start the YAML parser");
        return false;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    int ok = yaml_parser_load(&p, doc);
    if (!ok) {
        uint32_t line;
        if (p.error == YAML_READER_ERROR)
            line = line_at_offset(text, len, p.problem_offset);
        else
            line = (uint32_t)p.problem_mark.line + 1;
        /* libyaml's messages are fixed strings, never the offending text */
        if (p.error == YAML_MEMORY_ERROR)
            diag_error(file, line_offset + line, "YAML: out of memory");
        else if (p.context && p.context_mark.line + 1 != line)
            diag_error(file, line_offset + line,
                       "YAML syntax error: %s (line %u) %s", p.context,
                       (unsigned)(line_offset + p.context_mark.line + 1),
                       p.problem ? p.problem : "");
        else if (p.context)
            diag_error(file, line_offset + line, "YAML syntax error: %s %s",
                       p.context, p.problem ? p.problem : "");
        else
            diag_error(file, line_offset + line, "YAML syntax error: %s",
                       p.problem ? p.problem : "unknown problem");
    }
    yaml_parser_delete(&p);
    return ok != 0;
}

uint32_t ydoc_line(const yaml_node_t *n, uint32_t line_offset)
{
    return line_offset + (n ? (uint32_t)n->start_mark.line : 0) + 1;
}

const char *ydoc_scalar(const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE)
        return NULL;
    return (const char *)n->data.scalar.value;
}

bool ydoc_is_null(const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE ||
        n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *s = (const char *)n->data.scalar.value;
    return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
           strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}
