#!/bin/sh
# Run the official mustache spec through the real binary: for every test,
# write the template, data and partials to a temporary folder, run
# `gongshi render TEMPLATE --data DATA --partials DIR` and compare stdout
# with the expected output byte for byte.  The spec folder is
# $GONGSHI_SPEC_DIR, else ../shared/spec/mustache from the repository top;
# without it the test is skipped (exit 77).  ~lambdas.json is skipped.
# $GONGSHI_BIN overrides the binary (default gen/gongshi).
set -u
cd "$(dirname "$0")/../.." || exit 1
spec=${GONGSHI_SPEC_DIR:-../shared/spec/mustache}
bin=${GONGSHI_BIN:-gen/gongshi}
if [ ! -d "$spec" ]; then
    echo "skipped: mustache spec not found at $spec"
    exit 77
fi
[ -x "$bin" ] || { echo "no binary at $bin"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsmus.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$spec" "$bin" "$tmp" <<'EOF'
import json, os, subprocess, sys

spec, binary, tmp = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
passed, failed = 0, []
for fname in sorted(os.listdir(spec)):
    if not fname.endswith(".json") or fname == "~lambdas.json":
        continue
    with open(os.path.join(spec, fname), encoding="utf-8") as f:
        tests = json.load(f)["tests"]
    for i, t in enumerate(tests):
        d = os.path.join(tmp, "%s.%d" % (fname[:-5].lstrip("~"), i))
        pdir = os.path.join(d, "partials")
        os.makedirs(pdir)
        with open(os.path.join(d, "template.mustache"), "wb") as f:
            f.write(t["template"].encode("utf-8"))
        with open(os.path.join(d, "data.json"), "w", encoding="utf-8") as f:
            json.dump(t["data"], f)
        for name, src in t.get("partials", {}).items():
            with open(os.path.join(pdir, name + ".mustache"), "wb") as f:
                f.write(src.encode("utf-8"))
        r = subprocess.run([binary, "render", "template.mustache", "--data", "data.json",
                            "--partials", "partials"], cwd=d, capture_output=True)
        want = t["expected"].encode("utf-8")
        if r.returncode == 0 and r.stdout == want:
            passed += 1
        else:
            failed.append("%s: %s\n  template: %r\n  expected: %r\n  got (exit %d): %r%s" % (
                fname, t["name"], t["template"], t["expected"], r.returncode,
                r.stdout.decode("utf-8", "replace"),
                "\n  stderr: " + r.stderr.decode("utf-8", "replace").strip() if r.stderr else ""))
for f in failed:
    print("FAIL " + f)
print("mustache spec through %s render: %d passed, %d failed" % (
    os.path.basename(binary), passed, len(failed)))
sys.exit(1 if failed else 0)
EOF
