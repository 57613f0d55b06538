#!/bin/sh
# Replay every fuzz target's corpus and saved regression inputs under the
# ASan+UBSan build (the targets themselves run with libFuzzer: make fuzz).
set -u
fail=0
for bin in build/san/fuzz_*; do
    [ -x "$bin" ] || continue
    t=${bin#build/san/fuzz_}
    out=$("$bin" tests/fuzz/corpus/$t tests/fuzz/regress/$t 2>&1) || { echo "fuzz_$t failed:"; printf '%s\n' "$out" | tail -n 20; fail=1; continue; }
    printf 'fuzz_%s: %s\n' "$t" "$(printf '%s\n' "$out" | tail -n 1)"
done
exit $fail
