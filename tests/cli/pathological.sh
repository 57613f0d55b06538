#!/bin/sh
# Pathological inputs finish (linear time) in bounded memory: 10 MB cells,
# a million columns, unterminated quotes, deep Markdown, deep templates.
exec /usr/bin/python3 tests/tools/pathological.py gen/gongshi
