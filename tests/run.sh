#!/bin/sh
# tests/run.sh - run every test and print "N passed, N failed".
#
# Unit tests (build/san/test_*, built with ASan+UBSan) report their own
# counts as "# N passed, N failed"; each script in tests/cli/*.sh is one
# test (exit 0 = pass, 77 = skipped).  Run from the top of the repository
# after `make unit`.
cd "$(dirname "$0")/.." || exit 2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LC_ALL=C.UTF-8
pass=0 fail=0 skip=0
log=build/test.log
: > "$log"
for t in build/san/test_*; do
    [ -x "$t" ] || continue
    out=$("$t" 2>&1); rc=$?
    printf '%s\n' "$out" >> "$log"
    line=$(printf '%s\n' "$out" | grep '^# [0-9]* passed, [0-9]* failed' | tail -n 1)
    if [ -n "$line" ]; then
        p=$(echo "$line" | sed 's/^# \([0-9]*\) passed.*/\1/')
        f=$(echo "$line" | sed 's/.* \([0-9]*\) failed.*/\1/')
    else
        p=0 f=1
    fi
    if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; fi
    pass=$((pass + p)) fail=$((fail + f))
    if [ "$f" != 0 ]; then
        echo "FAIL $t"; printf '%s\n' "$out" | grep -v '^ok' | tail -n 30
    else
        echo "ok   $t ($p)"
    fi
done
for t in tests/cli/*.sh; do
    [ -f "$t" ] || continue
    out=$(sh "$t" 2>&1); rc=$?
    printf '== %s\n%s\n' "$t" "$out" >> "$log"
    if [ $rc -eq 0 ]; then
        pass=$((pass + 1)); echo "ok   $t"
    elif [ $rc -eq 77 ]; then
        skip=$((skip + 1)); echo "skip $t: $(printf '%s\n' "$out" | tail -n 1)"
    else
        fail=$((fail + 1)); echo "FAIL $t"; printf '%s\n' "$out" | tail -n 30
    fi
done
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
