#!/usr/bin/env bash
# Does a change keep the output byte-identical? Builds the sample and the generated corpora
# with two binaries and compares every file (content and names).
#   bench/same-output.sh OLD_BINARY NEW_BINARY [CORPUS_DIR...]
# Corpora default to /dev/shm/c1k and /dev/shm/c1k-html when present; make one with
#   python3 ../shared/bench/gen_corpus.py --articles 1000 --out /dev/shm/c1k
# The sample is built from a copy without themes/, so each binary uses the theme built into
# it; the output manifest is compared without its fingerprints (they hash the templates' text,
# which may change while the pages stay the same).
set -euo pipefail
old=$1; new=$2; shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
roots=("$here")
if [ $# -gt 0 ]; then roots+=("$@"); else
  for c in /dev/shm/c1k /dev/shm/c1k-html; do [ -d "$c" ] && roots+=("$c"); done
fi
out=$(mktemp -d /dev/shm/same-output.XXXXXX)
trap 'rm -rf "$out"' EXIT
mkdir "$out/sample"
for part in content site.yaml static shortcodes; do
  [ -e "$here/$part" ] && cp -a "$here/$part" "$out/sample/"
done
roots[0]="$out/sample"
status=0
for root in "${roots[@]}"; do
  name=$(basename "$root")
  "$old" build --root "$root" --output "$out/$name-old" >/dev/null 2>"$out/$name-old.err" || true
  "$new" build --root "$root" --output "$out/$name-new" >/dev/null 2>"$out/$name-new.err" || true
  files=$(find "$out/$name-new" -type f 2>/dev/null | wc -l)
  manifest=.bantin-output
  if diff -r -q -x "$manifest" "$out/$name-old" "$out/$name-new" >"$out/diff" \
    && cmp -s <(cut -d" " -f1,3- "$out/$name-old/$manifest") <(cut -d" " -f1,3- "$out/$name-new/$manifest") \
    && diff -q "$out/$name-old.err" "$out/$name-new.err" >/dev/null; then
    echo "same: $root ($files files, same messages)"
  else
    echo "DIFFERENT: $root"; head -20 "$out/diff"; diff "$out/$name-old.err" "$out/$name-new.err" | head -10
    status=1
  fi
done
exit $status
