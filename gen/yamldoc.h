/*
 * yamldoc.h - small helpers over libyaml's document API, shared by the
 * site.yaml loader (siteconf.c) and the page front matter (pages.c).
 *
 * ydoc_load() parses one YAML document from memory and reports a syntax
 * error as "file:line: YAML syntax error: ..." (line from libyaml's
 * problem mark, shifted by line_offset for YAML embedded in a larger file).
 * The other helpers read mappings and scalars without copying.
 */
#ifndef GONGSHI_YAMLDOC_H
#define GONGSHI_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

/* parse text[0..len) into doc; false (after diag_error) on a syntax error,
 * in which case doc needs no yaml_document_delete */
bool ydoc_load(yaml_document_t *doc, const char *text, size_t len,
               const char *file, uint32_t line_offset);

/* 1-based line of a node in the file (line_offset added) */
uint32_t ydoc_line(const yaml_node_t *n, uint32_t line_offset);

/* the scalar's text, or NULL when n is not a scalar */
const char *ydoc_scalar(const yaml_node_t *n);

/* a plain (unquoted) scalar that YAML reads as null: "", "~", "null" */
bool ydoc_is_null(const yaml_node_t *n);

#endif
