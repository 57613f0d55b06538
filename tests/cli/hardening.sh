#!/bin/sh
# tests/cli/hardening.sh - the build when its surroundings fail: the site
# cannot be written (a file size limit: EFBIG; a full tmpfs: ENOSPC), the
# generations folder or the output folder is not writable, --out or
# --state lies below a regular file, the ledger cannot be written (its
# folder or file read-only, a file size limit), a print style names a font
# that does not exist or is no TrueType font, a page template is missing or
# does not parse.  Each must exit 2 with one
# message naming the path and the cause, and leave the live site (the link
# and every file's bytes), the PDFs and workbooks, and the ledger (items,
# runs, meta, events) as they were; the next normal build succeeds, leaves no unfinished
# generation and gives the same site as the clean build.
#
# Permission cases need an unprivileged user: as root, every build runs as
# nobody (setpriv), since root ignores permission bits.  The ENOSPC case
# mounts a small tmpfs in a user namespace (unshare -rm) and is skipped
# with a message where that is not permitted.  GONGSHI=build/san/gongshi
# runs it all under ASan+UBSan.
set -u
umask 022
py=/usr/bin/python3
today=2026-11-23

# ---- helpers (also used by the tmpfs part, run in its own namespace) ----

fails=0
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
show() { sed 's/^/    /' "$tmp/err" | head -n 8; }

# the build, as the test user; rc and $tmp/err are set by the callers
gs() { $as "$gsbin" build --today $today --quiet "$@"; }

# the live site and the ledger: S link target, F file digest, L ledger
# rows, B the ledger file's bytes; P the PDFs' and workbooks' digests (a
# build that stops writes none, though it made its PDFs beside the site)
snap() { $py "$tmp/snap.py" snap "$out" "$state"; }

# after a build that must fail: NAME STRICT PATH CAUSE.  STRICT=1: nothing
# may have been touched at all (the ledger file's bytes included)
failed() {
    name=$1 strict=$2
    [ "$rc" = 2 ] || { bad "$name: exit $rc, expected 2"; show; }
    grep -F -- "$3" "$tmp/err" | grep -qF -- "$4" ||
        { bad "$name: no message naming $3 and '$4'"; show; }
    n=$(grep -c '' "$tmp/err")
    [ "$n" -le 2 ] || { bad "$name: $n lines on stderr, expected one message"; show; }
    ! grep -q 'Sanitizer\|runtime error' "$tmp/err" || { bad "$name: sanitizer report"; show; }
    snap > "$tmp/now" || { bad "$name: cannot read the site or the ledger"; return; }
    if [ "$strict" = 1 ]; then
        cmp -s "$cur" "$tmp/now" || { bad "$name: the live site or the ledger changed"; diff "$cur" "$tmp/now" | head -n 5; }
    else
        grep -v '^B ' "$cur" > "$tmp/a"
        grep -v '^B ' "$tmp/now" > "$tmp/b"
        cmp -s "$tmp/a" "$tmp/b" || { bad "$name: the live site or the ledger changed"; diff "$tmp/a" "$tmp/b" | head -n 5; }
    fi
}

# the next normal build after NAME: CONTENT
next_build() {
    name=$1
    gs --content "$2" --out "$out" --state "$state" 2>"$tmp/err"
    rc=$?
    [ "$rc" = "$rc0" ] || { bad "$name: the next build exited $rc, the clean one $rc0"; show; }
    ! grep -q 'Sanitizer\|runtime error' "$tmp/err" || { bad "$name: sanitizer report"; show; }
    snap > "$cur" || { bad "$name: cannot read the site or the ledger"; return; }
    grep '^F ' "$base" > "$tmp/a"
    grep '^F ' "$cur" > "$tmp/b"
    cmp -s "$tmp/a" "$tmp/b" || { bad "$name: the next build's site differs from the clean build's"; diff "$tmp/a" "$tmp/b" | head -n 5; }
    left=$($py "$tmp/snap.py" leftovers "$out")
    [ -z "$left" ] || bad "$name: left after the next build: $left"
}

# ---- the ENOSPC part: sh hardening.sh --tmpfs TMP KB, in a namespace ----

if [ "${1:-}" = --tmpfs ]; then
    tmp=$2 as= gsbin=$tmp/gs/gen/gongshi
    mkdir -p "$tmp/ns/mnt"
    mount -t tmpfs -o "size=$3k" tmpfs "$tmp/ns/mnt" 2>"$tmp/err" || { echo "cannot mount: $(head -n 1 "$tmp/err")"; exit 77; }
    out=$tmp/ns/mnt/out state=$tmp/ns/state base=$tmp/ns/base cur=$tmp/ns/cur
    gs --content "$tmp/c" --out "$out" --state "$state" 2>"$tmp/err"
    rc0=$?
    [ "$rc0" -le 1 ] || { bad "tmpfs: the first build exited $rc0"; show; exit 1; }
    snap > "$base" && cp "$base" "$cur" || exit 1
    gs --content "$tmp/big" --out "$out" --state "$state" 2>"$tmp/err"
    rc=$?
    failed "disk full (tmpfs)" 0 "$out/.site-gen/" "No space left on device"
    next_build "disk full (tmpfs)" "$tmp/c"
    [ $fails = 0 ]
    exit
fi

# ---- set up ----

bin=${GONGSHI:-gen/gongshi}   # GONGSHI=build/san/gongshi: under ASan+UBSan
[ -x "$bin" ] || { echo "$bin not built"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsharden.XXXXXX") || exit 2
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
chmod 755 "$tmp"
# the binary and its templates (found beside it) where any user reads them
mkdir -p "$tmp/gs/gen"
cp "$bin" "$tmp/gs/gen/gongshi"
cp -R templates "$tmp/gs/templates"
gsbin=$tmp/gs/gen/gongshi
cp -R tests/fixtures/mini "$tmp/c"
mkdir "$tmp/run"
out=$tmp/run/out state=$tmp/run/state base=$tmp/base cur=$tmp/cur
: > "$tmp/afile"
as= unpriv=yes
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv >/dev/null 2>&1; then
        as="setpriv --reuid=65534 --regid=65534 --clear-groups"
        chown -R 65534:65534 "$tmp/run"
        $as test -x "$gsbin" -a -r "$tmp/c/site.yaml" -a -w "$tmp/run" || unpriv=no
    else
        unpriv=no
    fi
fi
cat > "$tmp/snap.py" <<'PY'
import hashlib, os, re, sqlite3, sys, urllib.request
if sys.argv[1] == 'leftovers':
    out = sys.argv[2]
    live = os.path.basename(os.readlink(os.path.join(out, 'site')))
    names = sorted(os.listdir(os.path.join(out, '.site-gen')))
    gens = [g for g in names if re.fullmatch(r'[0-9]{6}', g)]
    # the live generation, the one before it and the spare, with manifests
    odd = [g for g in names if not re.fullmatch(r'[0-9]{6}(\.manifest)?', g)
           or g[:6] > live or g[:6] not in gens]
    if odd or len(gens) > 3:
        print('generations', ' '.join(names), 'with', live, 'live')
    for d, dirs, files in os.walk(out):
        for f in files + dirs:
            if '.tmp' in f or f.endswith('.new-link'):
                print(os.path.join(d, f))
    sys.exit(0)
out, state = sys.argv[2], sys.argv[3]
link = os.path.join(out, 'site')
print('S', os.readlink(link))
root = os.path.realpath(link)
for d, dirs, files in sorted(os.walk(root)):
    for f in sorted(files):
        p = os.path.join(d, f)
        with open(p, 'rb') as fh:
            print('F', os.path.relpath(p, root), hashlib.sha256(fh.read()).hexdigest())
for part in ('pdf', 'xlsx'):
    top = os.path.join(out, part)
    for d, dirs, files in sorted(os.walk(top)):
        for f in sorted(files):
            p = os.path.join(d, f)
            with open(p, 'rb') as fh:
                print('P', os.path.relpath(p, out), hashlib.sha256(fh.read()).hexdigest())
db = os.path.join(state, 'ledger.sqlite')
con = sqlite3.connect('file:' + urllib.request.pathname2url(db) + '?mode=ro', uri=True)
h = hashlib.sha256()
for t in ('meta', 'items', 'runs', 'events'):
    for row in con.execute(f'SELECT * FROM {t} ORDER BY rowid'):
        h.update(repr((t,) + row).encode())
con.close()
print('L', h.hexdigest())
with open(db, 'rb') as fh:
    print('B', hashlib.sha256(fh.read()).hexdigest())
PY

# variants of the content: a county stylesheet too big for the file size
# limit; print styles whose body font is missing or no TrueType font
cp -R "$tmp/c" "$tmp/css"
mkdir -p "$tmp/css/templates/assets"
head -c 8000000 /dev/zero | tr '\0' ' ' > "$tmp/css/templates/assets/style.css"
cp -R "$tmp/c" "$tmp/nofont"
mkdir -p "$tmp/nofont/templates/print"
printf 'font:\n  body: missing/NoSuchFont.ttf\n' > "$tmp/nofont/templates/print/sign.yaml"
cp -R "$tmp/c" "$tmp/notttf"
mkdir -p "$tmp/notttf/templates/print"
printf 'font:\n  body: %s\n' "$tmp/c/site.yaml" > "$tmp/notttf/templates/print/handbook.yaml"

# a county template that does not parse; a template folder short of one
cp -R "$tmp/c" "$tmp/badtpl"
mkdir -p "$tmp/badtpl/templates"
printf '{{#officer}}\n<p>{{name}}</p>\n' > "$tmp/badtpl/templates/officer.mustache"
cp -R templates "$tmp/tpl-short"
rm "$tmp/tpl-short/officer.mustache"

# ---- the clean build ----

gs --content "$tmp/c" --out "$out" --state "$state" 2>"$tmp/err"
rc0=$?
[ "$rc0" -le 1 ] || { echo "the clean build exited $rc0"; show; exit 1; }
snap > "$base" || exit 1
cp "$base" "$cur"

# ---- a. the site cannot be written ----

# a file size limit (in 512-byte blocks, 2 MB) below the stylesheet's size
# and above the ledger's: writing the site fails with EFBIG
(trap '' XFSZ; ulimit -f 4096 && gs --content "$tmp/css" --out "$out" --state "$state") 2>"$tmp/err"
rc=$?
failed "file too large" 0 "$out/.site-gen/" "assets/style.css: File too large"
next_build "file too large" "$tmp/c"

# a real full disk: a tmpfs with room for the clean build and a little
# more, not for the site of a county with 2000 decisions
if ! unshare -rm true 2>/dev/null; then
    echo "skip disk full (tmpfs): no user namespace (unshare -rm) here"
elif [ ! -x gen/gongshi-synth ]; then
    echo "skip disk full (tmpfs): gen/gongshi-synth not built"
elif ! gen/gongshi-synth --decisions 2000 --from "$tmp/c" --out "$tmp/big" >/dev/null 2>"$tmp/err"; then
    bad "gongshi-synth failed"; show
else
    kb=$(( $(du -sk "$out" | cut -f1) + 4096 ))
    unshare -rm sh "$0" --tmpfs "$tmp" "$kb" > "$tmp/ns.log" 2>&1
    r=$?
    if [ $r = 77 ]; then
        echo "skip disk full (tmpfs): $(tail -n 1 "$tmp/ns.log")"
    elif [ $r != 0 ]; then
        cat "$tmp/ns.log"; fails=$((fails + 1))
    fi
fi

# ---- b. unwritable output ----

if [ $unpriv = yes ]; then
    # the generations folder: the new generation cannot be made
    chmod 555 "$out/.site-gen"
    if $as test -w "$out/.site-gen"; then
        echo "skip unwritable folders: permission bits are not enforced here"
        chmod 755 "$out/.site-gen"
        unpriv=no
    else
        gs --content "$tmp/c" --out "$out" --state "$state" 2>"$tmp/err"
        rc=$?
        chmod 755 "$out/.site-gen"
        failed "generations folder not writable" 0 "$out/.site-gen/" "Permission denied"
        next_build "generations folder not writable" "$tmp/c"
        # the output folder: the new generation is made, the switch fails
        chmod 555 "$out"
        gs --content "$tmp/c" --out "$out" --state "$state" 2>"$tmp/err"
        rc=$?
        chmod 755 "$out"
        failed "output folder not writable" 0 "$out/site" "Permission denied"
        next_build "output folder not writable" "$tmp/c"
    fi
else
    echo "skip unwritable folders: no unprivileged user to run as"
fi

# The failures below stop before anything is written: each is checked
# strictly (the ledger file's bytes unchanged too), so one next build
# serves them all.

# --out below a regular file
gs --content "$tmp/c" --out "$tmp/afile/out" --state "$state" 2>"$tmp/err"
rc=$?
failed "--out below a file" 1 "$tmp/afile/out" "Not a directory"

# ---- c. fonts ----

gs --content "$tmp/nofont" --out "$out" --state "$state" 2>"$tmp/err"
rc=$?
failed "missing font" 1 "$tmp/nofont/templates/print/sign.yaml" "font missing/NoSuchFont.ttf"
grep -q 'NoSuchFont.ttf.* not found' "$tmp/err" || { bad "missing font: no 'not found'"; show; }
gs --content "$tmp/notttf" --out "$out" --state "$state" 2>"$tmp/err"
rc=$?
failed "no TrueType font" 1 "$tmp/c/site.yaml" "TrueType or TTC needed"

# ---- templates: checked before the ledger or the site is touched ----

# a county's own page template that does not parse
gs --content "$tmp/badtpl" --out "$out" --state "$state" 2>"$tmp/err"
rc=$?
failed "broken page template" 1 "$tmp/badtpl/templates/officer.mustache" "unclosed section 'officer'"
# a built-in template folder without one of the page templates
gs --content "$tmp/c" --templates "$tmp/tpl-short" --out "$out" --state "$state" 2>"$tmp/err"
rc=$?
failed "missing page template" 1 "$tmp/tpl-short" "template officer.mustache not found"

# ---- d. the ledger ----

gs --content "$tmp/c" --out "$out" --state "$tmp/afile/state" 2>"$tmp/err"
rc=$?
failed "--state below a file" 1 "$tmp/afile/state" "Not a directory"

# the ledger cannot grow: a file size limit of 512 bytes
(trap '' XFSZ; ulimit -f 1 && gs --content "$tmp/c" --out "$out" --state "$state") 2>"$tmp/err"
rc=$?
failed "ledger too large" 1 "$state/ledger.sqlite" "File too large"

if [ $unpriv = yes ]; then
    chmod 555 "$state"
    gs --content "$tmp/c" --out "$out" --state "$state" 2>"$tmp/err"
    rc=$?
    chmod 755 "$state"
    failed "state folder not writable" 1 "$state/ledger.sqlite" "folder is not writable"
    chmod 444 "$state/ledger.sqlite"
    gs --content "$tmp/c" --out "$out" --state "$state" 2>"$tmp/err"
    rc=$?
    chmod 644 "$state/ledger.sqlite"
    failed "ledger file read-only" 1 "$state/ledger.sqlite" "readonly database"
fi
next_build "fonts, templates, ledger, --out below a file" "$tmp/c"

[ $fails = 0 ] || exit 1
echo "site, output folder, fonts, templates and ledger failures: exit 2, one message, live site and ledger kept ($bin)"
