#!/usr/bin/env bash
# The editor benchmark (Soạn bài, #25): how long the page waits, at 10,000 articles, for the
# list of articles, for an article to open, and for the preview of an unsaved edit (a body
# edit, and a title edit, which reaches every list the article is on). Medians of 7 requests
# each, measured by curl from request to last byte, against `bantin serve` on a generated
# corpus in /dev/shm.
#
#   bench/editor.sh                   # 10,000 articles
#   ARTICLES=1000 bench/editor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
SHARED=${SHARED:-$REPO/../shared}
ARTICLES=${ARTICLES:-10000}
WORK=${BENCH_WORK:-/dev/shm/bantin-editor-bench}

cargo build --release --quiet
BANTIN=$REPO/target/release/bantin
rm -rf "$WORK"
mkdir -p "$WORK"
SITE=$WORK/site
python3 "$SHARED/bench/gen_corpus.py" --articles "$ARTICLES" --images --out "$SITE" >/dev/null
LOG=$WORK/serve.log
"$BANTIN" serve --root "$SITE" --port 0 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  grep -q 'ma=' "$LOG" && break
  sleep 0.1
done
ADDRESS=$(grep -o 'http://127.0.0.1:[0-9]*/#ma=[0-9a-f]*' "$LOG")
ORIGIN=${ADDRESS%%/#*}
TOKEN=${ADDRESS##*#ma=}
call() { curl -s -H "X-Bantin-Token: $TOKEN" -H "Origin: $ORIGIN" "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { awk '{printf "%.0f\n", $1 * 1000}'; }

FIRST=$(call "$ORIGIN/api/articles" | python3 -c 'import json,sys; a=json.load(sys.stdin)["articles"]; print(len(a)); print(next(r["path"] for r in a if r["kind"]=="article"))')
ROWS=$(echo "$FIRST" | head -1)
ARTICLE=$(echo "$FIRST" | tail -1)
Q=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$ARTICLE")
DIGEST=$(call "$ORIGIN/api/article?path=$Q" | python3 -c 'import json,sys; print(json.load(sys.stdin)["digest"])')
BYTES=$(call "$ORIGIN/api/articles" | wc -c)

list=$(for _ in $(seq 7); do call -o /dev/null -w '%{time_total}\n' "$ORIGIN/api/articles"; done | ms | median)
open=$(for _ in $(seq 7); do call -o /dev/null -w '%{time_total}\n' "$ORIGIN/api/article?path=$Q"; done | ms | median)
# Each request a different text (@N@ is its number), as an editor types.
preview() {
  for i in $(seq 7); do
    edits=${1//@N@/$i}
    body=${2//@N@/$i}
    call -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
      -d "{\"path\":\"$ARTICLE\",\"digest\":\"$DIGEST\",\"edits\":$edits,\"body\":$body}" "$ORIGIN/api/preview"
  done | ms | median
}
# A sentence typed at the end of the article's body, then a new title each time.
BODY=$(call "$ORIGIN/api/article?path=$Q" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["body"])[:-1])')
body=$(preview '[]' "$BODY"'Câu đang viết, lần @N@.\n"')
title=$(preview '[{"key":"title","text":"Tiêu đề đang sửa @N@"}]' 'null')

echo "Soạn bài at $ARTICLES articles ($ROWS rows, list $((BYTES / 1024)) KiB), medians of 7, ms:"
printf '  %-34s %6s\n' "list of articles (GET /api/articles)" "$list"
printf '  %-34s %6s\n' "open an article" "$open"
printf '  %-34s %6s\n' "preview of a body edit" "$body"
printf '  %-34s %6s\n' "preview of a title edit" "$title"
