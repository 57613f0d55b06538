#!/bin/sh
# tests/bench/site.sh - site benchmark for `make bench`: gongshi against the
# `cp -r` floor of its own output and against Hugo, in the same run.
#
# For each N (synthetic decisions from gongshi-synth):
#   gongshi  full build (fresh out dir), no-change rebuilds (same out dir:
#            the second night, before a spare generation exists, and the
#            steady state from the fourth night on), 1% change rebuild
#            (content regenerated with --change 1);
#   cp -r    of gongshi's out/site to a fresh directory (physical floor);
#   hugo     the same published decisions as Markdown with a minimal
#            equivalent layout (tests/bench/hugo_content.py): one page per
#            decision, lists by agency and by category paginated by 20, the
#            decision list, one RSS feed, the sitemap.
# Reported: wall time, user+sys CPU, peak RSS (GNU time), files written and
# bytes written (files under the out dir whose mtime moved during the run;
# the state dir (ledger, caches) is kept apart and not counted).
# The goals of the nightly-at-scale issue are printed as met / not met; they
# are informative only: the script exits 0 unless a build crashed.  The
# memory goal at a million decisions is judged for the full build and,
# separately, for the largest peak of every rebuild after it (the nights a
# province server runs).
#
# Environment:
#   BENCH_N="10000 50000 100000"   sizes for gongshi (and cp)
#   BENCH_HUGO_N="10000 50000"     sizes (among BENCH_N) that also run Hugo;
#                                  BENCH_HUGO_N= (empty) skips Hugo
#   BENCH_FULL=1                   adds N = 1000000 (skipped if the scratch
#                                  disk has less than 20 GB free)
#   GONGSHI_BIN, GONGSHI_SYNTH     binaries (default gen/gongshi,
#                                  gen/gongshi-synth); HUGO (default hugo)
#   BENCH_REPEAT=1                 runs of each full build (gongshi, Hugo;
#                                  cp -r and the 1% change: at least 3); the
#                                  fastest counts
#   TMPDIR                         scratch space, removed at the end
#
# Nothing is deleted before the end (earlier outputs are moved aside): on
# ext4 without a journal, creating files within minutes of deleting many
# others is slowed down by the inode allocator skipping recently deleted
# inodes (freed in the last 60 s, or 360 s while their inode table block
# is not yet written), which would distort the next measurement.  For the
# same reason, start the benchmark at least six minutes after anything else
# deleted many files on that disk: a 10k full build took 2.6-3.6 s (2-4 s
# of it in the kernel) when started a minute after a make test, 1.2 s
# after six quiet minutes.
cd "$(dirname "$0")/../.." || exit 2

BIN=${GONGSHI_BIN:-gen/gongshi}
SYNTH=${GONGSHI_SYNTH:-gen/gongshi-synth}
HUGO=${HUGO:-hugo}
PY=/usr/bin/python3
TIME=/usr/bin/time
TODAY=2026-11-23
SEED=${BENCH_SEED:-1}
N_LIST=${BENCH_N:-10000 50000 100000}
HUGO_N=${BENCH_HUGO_N-10000 50000}
[ "${BENCH_FULL:-0}" = 1 ] && N_LIST="$N_LIST 1000000"
REPEAT=${BENCH_REPEAT:-1}
CP_REPEAT=$((REPEAT > 3 ? REPEAT : 3))   # the floor is cheap: best of 3
FULL_MIN_KB=$((20 * 1024 * 1024))

for f in "$BIN" "$SYNTH"; do
    [ -x "$f" ] || { echo "site bench: $f not built (make gen/gongshi gen/gongshi-synth)"; exit 1; }
done
[ -x "$TIME" ] || { echo "site bench: $TIME missing (Debian package time)"; exit 1; }
have_hugo=1
command -v "$HUGO" >/dev/null 2>&1 || have_hugo=0

scratch=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-bench.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
trap 'rm -rf "$scratch"; exit 130' INT TERM
status=0

# ---- helpers ----

# run CMD...: time a command; sets rc wall cpu rss (MB)
run() {
    sync
    "$TIME" -f '%e %U %S %M' -o "$scratch/time" "$@" >"$scratch/log" 2>&1
    rc=$?
    # shellcheck disable=SC2046  # split the four figures
    set -- $(tail -n 1 "$scratch/time")
    wall=${1:-0}
    cpu=$(awk -v u="${2:-0}" -v s="${3:-0}" 'BEGIN { printf "%.2f", u + s }')
    rss=$(awk -v k="${4:-0}" 'BEGIN { printf "%.1f", k / 1024 }')
}

# stamp / written DIR: files (and bytes) under DIR modified since stamp
stamp() {
    touch "$scratch/stamp"
    sleep 0.1 2>/dev/null || sleep 1   # past the coarse mtime clock tick
}
# shellcheck disable=SC2046  # split "files bytes"
written() {
    # not -L: out/site is a link into out/.site-gen, which is counted already
    set -- $(find "$1" -type f -newer "$scratch/stamp" -printf '%s\n' 2>/dev/null |
             awk '{ n++; b += $1 } END { printf "%d %d", n, b }')
    files=$1 bytes=$2
}
# tree DIR: all files (and bytes) under DIR
# shellcheck disable=SC2046
tree() {
    set -- $(find -L "$1" -type f -printf '%s\n' 2>/dev/null |
             awk '{ n++; b += $1 } END { printf "%d %d", n, b }')
    files=$1 bytes=$2
}

# best DIR... -- CMD...: REPEAT times, move the DIRs aside, stamp and run
# CMD; keeps the fastest run's figures (the output of the last run stays)
best() {
    bdirs=''
    while [ $# -gt 0 ] && [ "$1" != -- ]; do bdirs="$bdirs $1"; shift; done
    shift
    bw='' bc='' br=''
    i=0
    while [ $i -lt "$REPEAT" ]; do
        i=$((i + 1))
        for x in $bdirs; do discard "$x"; done
        stamp
        run "$@"
        [ $rc -ge 2 ] && return
        if [ -z "$bw" ] || awk -v a="$wall" -v b="$bw" 'BEGIN { exit !(a < b) }'; then
            bw=$wall bc=$cpu br=$rss
        fi
    done
    wall=$bw cpu=$bc rss=$br
}

# site_phases: seconds of the site phases from the --verbose log
# ("site: decisions 23.0s, statistics 0.0s, search index 6.2s"), if any
site_phases() {
    awk '/^site: / { for (i = 2; i <= NF; i++) if ($i ~ /^[0-9.]+s,?$/) { sub(/s,?$/, "", $i); t += $i; f = 1 } }
         END { if (f) printf "%.2f", t }' "$scratch/log"
}

row() { # row N TOOL RUN (uses wall cpu rss files bytes)
    printf '%8s  %-8s %-15s %9s %9s %9s %9s %11s\n' "$1" "$2" "$3" "$wall" "$cpu" "$rss" "$files" \
        "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')"
}
fail() { # fail N TOOL RUN
    printf '%8s  %-8s %-15s FAILED (exit %s):\n' "$1" "$2" "$3" "$rc"
    tail -n 5 "$scratch/log" | sed 's/^/          /'
    status=1
}
discard() { # move DIR aside (deleted with the scratch dir at exit)
    [ -e "$1" ] || return 0
    tn=$((tn + 1))
    mkdir -p "$scratch/trash" && mv "$1" "$scratch/trash/$tn"
}
tn=0
put() { eval "r_$1=\$2"; }        # put KEY VALUE
get() { eval "printf '%s' \"\${r_$1-}\""; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a != "-" && a + 0 <= b + 0) }'; }
in_list() { for x in $2; do [ "$x" = "$1" ] && return 0; done; return 1; }
# night_rss N: the largest peak RSS of N's rebuilds so far (every run of
# them, not only the fastest), for the memory goal of a nightly build
night_rss() {
    m=$(get "night_rss_$1")
    if [ -z "$m" ] || ! le "$rss" "$m"; then put "night_rss_$1" "$rss"; fi
}

# ---- the runs ----

"$BIN" --version 2>/dev/null | head -n 1
[ $have_hugo = 1 ] && echo "hugo: $("$HUGO" version 2>/dev/null | cut -d' ' -f1-2)" ||
    echo "hugo: not installed, Hugo columns skipped (apt-get install hugo)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM"
echo "load average at start: $(cut -d" " -f1-3 /proc/loadavg) (other work on the machine adds noise)"
# the kernel's pressure-stall figure for I/O: the share of the last 10 s in
# which some task waited for the disk (writeback of earlier runs, mass
# deletions); above a few percent the file-writing figures are unreliable
io_pressure() {
    awk '/^some/ { sub("avg10=", "", $2); print $2 "%"; exit }' /proc/pressure/io 2>/dev/null
}
[ -r /proc/pressure/io ] && echo "disk pressure at start: $(io_pressure) of the last 10 s waiting for I/O"
echo "cpu s = user + sys; RSS = peak resident set; files / MB written = files under the"
echo "out dir whose mtime moved (all of gongshi's outputs; Hugo's public/; the cp copy)"
echo
printf '%8s  %-8s %-15s %9s %9s %9s %9s %11s\n' N tool run "wall s" "cpu s" "RSS MB" files "MB written"

for n in $N_LIST; do
    d="$scratch/n$n"
    mkdir -p "$d"
    if [ "$n" -ge 1000000 ]; then
        free_kb=$(df -Pk "$d" | awk 'NR == 2 { print $4 }')
        if [ "${free_kb:-0}" -lt $FULL_MIN_KB ]; then
            printf '%8s  skipped: %s GB free under %s, 20 GB needed\n' "$n" \
                $((free_kb / 1048576)) "${TMPDIR:-/tmp}"
            discard "$d"
            continue
        fi
    fi
    "$SYNTH" --decisions "$n" --out "$d/content" --seed "$SEED" >"$scratch/log" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then fail "$n" synth content; discard "$d"; continue; fi

    # gongshi: full build into a fresh out dir
    best "$d/out" "$d/state" -- "$BIN" build --content "$d/content" --out "$d/out" --state "$d/state" --today "$TODAY" --verbose
    if [ $rc -ge 2 ] || [ ! -d "$d/out/site" ]; then fail "$n" gongshi "full build"; discard "$d"; continue; fi
    written "$d/out"; row "$n" gongshi "full build"
    put "full_wall_$n" "$wall"; put "full_cpu_$n" "$cpu"; put "full_rss_$n" "$rss"
    ph=$(site_phases)
    if [ -n "$ph" ]; then
        printf '%8s  %-8s %-15s %9s   (the site phases of the build, from --verbose)\n' "" "" "" "$ph"
        put "site_wall_$n" "$ph"
    fi

    # gongshi: no-change rebuilds.  The second night has no spare generation
    # yet (unchanged files become hard links to the live ones); from the
    # fourth night on, the spare is recycled and unchanged pages are kept
    # without rendering: that steady state is what "no-change" reports.
    stamp
    run "$BIN" build --content "$d/content" --out "$d/out" --state "$d/state" --today "$TODAY" --verbose
    if [ $rc -ge 2 ]; then fail "$n" gongshi "no-change, 2nd"; else
        written "$d/out"; row "$n" gongshi "no-change, 2nd"; night_rss "$n"
    fi
    run "$BIN" build --content "$d/content" --out "$d/out" --state "$d/state" --today "$TODAY" --quiet
    if [ $rc -ge 2 ]; then fail "$n" gongshi "no-change, 3rd"; else night_rss "$n"; fi
    stamp
    run "$BIN" build --content "$d/content" --out "$d/out" --state "$d/state" --today "$TODAY" --verbose
    if [ $rc -ge 2 ]; then fail "$n" gongshi "no-change"; else
        written "$d/out"; row "$n" gongshi "no-change"; put "same_wall_$n" "$wall"; night_rss "$n"
    fi

    # cp -r of gongshi's own site: the physical floor
    r=$REPEAT; REPEAT=$CP_REPEAT
    best "$d/cp" -- cp -r "$d/out/site/." "$d/cp"
    REPEAT=$r
    if [ $rc -ne 0 ]; then fail "$n" "cp -r" "out/site"; else
        tree "$d/cp"; row "$n" "cp -r" "out/site"; put "cp_wall_$n" "$wall"; put "cp_cpu_$n" "$cpu"
    fi
    discard "$d/cp"

    # hugo: the same decisions
    if [ $have_hugo = 1 ] && in_list "$n" "$HUGO_N"; then
        if "$PY" tests/bench/hugo_content.py "$d/content/data/decisions.csv" "$d/hugo" \
                --css templates/assets/style.css >"$scratch/log" 2>&1; then
            best "$d/public" "$d/hugocache" -- "$HUGO" --quiet -s "$d/hugo" -d "$d/public" --cacheDir "$d/hugocache"
            if [ $rc -ne 0 ]; then fail "$n" hugo "full build"; else
                tree "$d/public"; row "$n" hugo "full build"
                put "hugo_wall_$n" "$wall"; put "hugo_cpu_$n" "$cpu"; put "hugo_rss_$n" "$rss"
            fi
        else
            rc=$?; fail "$n" hugo "content"
        fi
        discard "$d/hugo"; discard "$d/public"; discard "$d/hugocache"
    fi

    # gongshi: 1% of the decision rows changed.  Best of $CP_REPEAT runs,
    # like the floor: each from the same steady state, restored by building
    # the unchanged content three times (so that the recycled spare holds
    # it again, as in the first run).
    bw='' i=0
    while [ $i -lt "$CP_REPEAT" ]; do
        i=$((i + 1))
        if ! "$SYNTH" --decisions "$n" --out "$d/content" --seed "$SEED" --change 1 >"$scratch/log" 2>&1; then
            rc=$?; fail "$n" synth "--change 1"; break
        fi
        stamp
        run "$BIN" build --content "$d/content" --out "$d/out" --state "$d/state" --today "$TODAY" --verbose
        if [ $rc -ge 2 ]; then fail "$n" gongshi "1% change"; bw=''; break; fi
        written "$d/out"
        night_rss "$n"
        if [ -z "$bw" ] || awk -v a="$wall" -v b="$bw" 'BEGIN { exit !(a < b) }'; then
            bw=$wall bc=$cpu br=$rss bf=$files bb=$bytes
        fi
        [ $i -lt "$CP_REPEAT" ] || break
        "$SYNTH" --decisions "$n" --out "$d/content" --seed "$SEED" >"$scratch/log" 2>&1 || break
        for k in 1 2 3; do
            run "$BIN" build --content "$d/content" --out "$d/out" --state "$d/state" --today "$TODAY" --quiet
            if [ $rc -ge 2 ]; then fail "$n" gongshi "restoring"; else night_rss "$n"; fi
        done
    done
    if [ -n "$bw" ]; then
        wall=$bw cpu=$bc rss=$br files=$bf bytes=$bb
        row "$n" gongshi "1% change"
        put "change_wall_$n" "$wall"
    fi
done

# ---- ratios and goals ----

[ -r /proc/pressure/io ] && echo "disk pressure at the end: $(io_pressure) of the last 10 s waiting for I/O"
echo
echo "ratios (wall; cpu in brackets)"
for n in $N_LIST; do
    fw=$(get "full_wall_$n"); [ -n "$fw" ] || continue
    fc=$(get "full_cpu_$n"); sw=$(get "site_wall_$n"); hw=$(get "hugo_wall_$n")
    line="gongshi full / cp -r = $(ratio "$fw" "$(get "cp_wall_$n")")x ($(ratio "$fc" "$(get "cp_cpu_$n")")x)"
    [ -n "$sw" ] && line="$line; site phases / cp -r = $(ratio "$sw" "$(get "cp_wall_$n")")x"
    printf '  %-9s %s\n' "N=$n:" "$line"
    if [ -n "$hw" ]; then
        line="Hugo / gongshi full: time $(ratio "$hw" "$fw")x ($(ratio "$(get "hugo_cpu_$n")" "$fc")x), RSS $(ratio "$(get "hugo_rss_$n")" "$(get "full_rss_$n")")x"
        [ -n "$sw" ] && line="$line; Hugo / gongshi site phases = $(ratio "$hw" "$sw")x"
        printf '  %-9s %s\n' "" "$line"
    fi
done

echo
echo "goals (informative, not a test)"
goal() { printf '  %-52s %-16s %s\n' "$1" "$2" "$3"; }
goal goal figure status
for n in $N_LIST; do
    fw=$(get "full_wall_$n"); cw=$(get "cp_wall_$n")
    if [ -z "$fw" ] || [ -z "$cw" ]; then continue; fi
    r=$(ratio "$fw" "$cw")
    le "$r" 1.5 && s=met || s="not met"
    goal "N=$n: full build <= 1.5x cp -r of its output" "${r}x" "$s"
done
if in_list 50000 "$N_LIST" && [ -n "$(get hugo_wall_50000)" ] && [ -n "$(get full_wall_50000)" ]; then
    r=$(ratio "$(get hugo_wall_50000)" "$(get full_wall_50000)")
    le 5 "$r" && s=met || s="not met"
    goal "N=50000: >= 5x faster than Hugo" "${r}x faster" "$s"
    r=$(ratio "$(get hugo_rss_50000)" "$(get full_rss_50000)")
    le 10 "$r" && s=met || s="not met"
    goal "N=50000: <= 1/10 of Hugo's peak RSS" "1/${r}" "$s"
else
    goal "N=50000: >= 5x faster than Hugo, <= 1/10 RSS" - "not run"
fi
w=$(get full_wall_1000000)
if [ -n "$w" ]; then
    le "$w" 119.999 && s=met || s="not met"
    goal "N=1000000: full build < 120 s" "$w s" "$s"
    m=$(get full_rss_1000000)
    le "$m" 1023.9 && s=met || s="not met"
    goal "N=1000000: peak RSS < 1 GB" "$m MB" "$s"
    m=$(get night_rss_1000000)
    if [ -n "$m" ]; then
        le "$m" 1023.9 && s=met || s="not met"
        goal "N=1000000: nightly rebuilds' peak RSS < 1 GB" "$m MB" "$s"
    fi
else
    [ "${BENCH_FULL:-0}" = 1 ] && s="not run" || s="not run (BENCH_FULL=1)"
    goal "N=1000000: < 120 s and < 1 GB" - "$s"
fi
w=$(get change_wall_100000)
if [ -n "$w" ]; then
    le "$w" 1.999 && s=met || s="not met"
    goal "N=100000: 1% change rebuild < 2 s" "$w s" "$s"
else
    goal "N=100000: 1% change rebuild < 2 s" - "not run"
fi
exit $status
