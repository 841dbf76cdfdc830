#!/usr/bin/env bash
# Two bantin binaries building one corpus, alternating runs, each into /dev/shm: the way to
# say whether a change made a full build faster or slower.
#   bench/side-by-side.sh OLD_BINARY NEW_BINARY CORPUS_DIR [RUNS]
# Prints one line per run: which binary, wall seconds, CPU seconds, peak memory.
set -euo pipefail
old=$1; new=$2; corpus=$3; runs=${4:-5}
out=$(mktemp -d /dev/shm/side-by-side.XXXXXX)
trap 'rm -rf "$out"' EXIT
# A first build of each fills the photo cache and the page cache.
for b in old new; do
  bin=$old; [ $b = new ] && bin=$new
  "$bin" build --root "$corpus" --output "$out/$b" >/dev/null 2>&1
done
for i in $(seq 1 "$runs"); do
  for b in old new; do
    bin=$old; [ $b = new ] && bin=$new
    rm -rf "$out/$b"
    /usr/bin/time -f "$b %e s wall, %U+%S s CPU, %M KB" "$bin" build --root "$corpus" --output "$out/$b" 2>&1 >/dev/null | tail -1
  done
done
