#!/bin/sh
# tests/bench/xlsx.sh [N] - time and memory of the annual report (out/xlsx)
# for N synthetic decisions (default 1,000,000) and for N/10, as table
# lines.  Run from the top of the repository after `make` (it links a small
# driver against build/*.o: load the content, then xlsx_build only, so the
# site and PDFs do not count).  The synthetic decisions span 2022-2026, so
# the report year (2025) holds about a fifth of them.  "xlsx MB" is what
# the report adds to the peak RSS after loading: with constant_memory it
# should not grow with the rows.  No pass/fail on time.
set -u
n=${1:-1000000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
[ -x gen/gongshi-synth ] || { echo "run make first (gen/gongshi-synth missing)"; exit 2; }
objs=$(for f in gen/*.c; do
    b=${f##*/}; b=${b%.c}
    case $b in main|synth) ;; *) echo "build/$b.o";; esac
done)
for o in $objs; do [ -f "$o" ] || { echo "run make first ($o missing)"; exit 2; }; done
cat > "$tmp/driver.c" <<'C'
/* bench driver: load the content, then write out/xlsx only */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "loaders.h"
#include "xlsx.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long hwm_kb(void) /* peak RSS so far */
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = 0;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

int main(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    diag_set_quiet(true);
    gs_model m;
    model_init(&m);
    double t0 = now();
    if (!load_content(&m, argv[1]))
        return 2;
    double t1 = now();
    long load_kb = hwm_kb();
    gs_date today = date_parse_iso(argv[3]);
    int rc = xlsx_build(&m, &(xlsx_opts){.out_root = argv[2], .today = today});
    double t2 = now();
    size_t rows = 0;
    for (size_t i = 0; i < m.decisions.n; i++)
        rows += date_year(m.decisions.v[i].date) == date_year(today) - 1;
    printf("%zu %zu %.2f %.2f %ld %ld\n", m.decisions.n, rows, t1 - t0, t2 - t1, load_kb,
           hwm_kb());
    model_free(&m);
    diag_free();
    return rc ? 1 : 0;
}
C
cc -std=c11 -D_GNU_SOURCE -O2 -Igen $(pkg-config --cflags xlsxwriter jansson) \
    -o "$tmp/driver" "$tmp/driver.c" $objs \
    $(make -s --no-print-directory print-libs) || exit 2
printf '%-6s %10s %9s %7s %7s %12s %8s %8s %8s %s\n' bench decisions year_rows load_s xlsx_s \
    s_per_100k_rows peak_MB load_MB xlsx_MB out_bytes
for k in $((n / 10)) $n; do
    rm -rf "$tmp/c" "$tmp/out"
    gen/gongshi-synth --decisions $k --out "$tmp/c" >/dev/null 2>&1 || { echo "synth failed"; exit 2; }
    /usr/bin/time -v "$tmp/driver" "$tmp/c" "$tmp/out" 2026-11-23 >"$tmp/res" 2>"$tmp/time" ||
        { echo "driver failed"; cat "$tmp/time"; exit 2; }
    peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
    bytes=$(cat "$tmp/out/xlsx"/* | wc -c)
    read -r dn rows lt xt lkb hkb < "$tmp/res"
    per=$(awk -v t="$xt" -v r="$rows" 'BEGIN { printf "%.2f", r ? t * 100000 / r : 0 }')
    printf '%-6s %10s %9s %7s %7s %12s %8s %8s %8s %s\n' xlsx "$dn" "$rows" "$lt" "$xt" "$per" \
        $((peak / 1024)) $((lkb / 1024)) $(((hkb - lkb) / 1024)) "$bytes"
done
