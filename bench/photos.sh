#!/usr/bin/env bash
# The photo benchmark: bantin against Hugo on the same articles with camera-size photos.
#
#   N=100 bench/photos.sh            # N articles, one 4000×3000 JPEG each (default 100)
#
# 1. Makes N photos with `cargo run --release --example make_photos` (gradients under noise,
#    about 6 MB each, every fourth stored on its side with an EXIF rotation tag; cached in
#    $WORK/photos, never committed).
# 2. A bantin site (content/tin/bai-I.md with `image:` and the photo in its text) and a Hugo
#    site (page bundles content/tin/bai-I/index.md with the photo beside it, a layout that makes
#    the same WebP widths 480/800/1200/1600, never wider than the photo, q80, and a 1200-px JPEG).
# 3. Times, each tool in turn, output in a tmpfs: a cold build (caches emptied), a build where
#    nothing changed, and a build after one photo changed. Wall, CPU, peak memory.
# Hugo 0.111 does not turn photos upright (its `images.AutoOrient` came in 0.121): it does a
# little less work than bantin here.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100}
WORK=${BENCH_WORK:-/dev/shm/bantin-photos}
mkdir -p "$WORK"
cargo build --release --quiet --examples
BANTIN=$PWD/target/release/bantin
# One more than the articles: the photo "changed" is one neither tool has seen (bantin's
# cache is by contents: a photo copied from another article is found in it).
if [ "$(ls "$WORK/photos" 2>/dev/null | wc -l)" -lt "$((N + 1))" ]; then
  rm -rf "$WORK/photos"
  target/release/examples/make_photos "$((N + 1))" "$WORK/photos" >&2
fi

B=$WORK/bantin; H=$WORK/hugo
rm -rf "$B" "$H"
mkdir -p "$B/content/tin" "$H/content/tin" "$H/layouts/_default"
printf 'title: Ảnh\nbase_url: http://localhost/\n' > "$B/site.yaml"
cat > "$H/config.toml" <<'TOML'
baseURL = "http://localhost/"
title = "Ảnh"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[imaging]
quality = 80
TOML
cat > "$H/layouts/_default/single.html" <<'HTML'
<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>
{{ with .Resources.GetMatch "anh.jpg" }}{{ $img := . }}<picture><source type="image/webp" srcset="{{ range slice 480 800 1200 1600 }}{{ if lt . $img.Width }}{{ ($img.Resize (printf "%dx webp q80" .)).RelPermalink }} {{ . }}w, {{ end }}{{ end }}{{ if le $img.Width 1600 }}{{ ($img.Resize (printf "%dx webp q80" $img.Width)).RelPermalink }}{{ end }}">{{ $j := $img.Resize "1200x jpg q80" }}<img src="{{ $j.RelPermalink }}" width="{{ $j.Width }}" height="{{ $j.Height }}"></picture>{{ end }}
{{ .Content }}
HTML
printf '<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}\n' > "$H/layouts/_default/list.html"
for i in $(seq 0 $((N - 1))); do
  printf -- '---\ntitle: "Bài %d"\ndate: 2023-04-06\nimage: anh-%d.jpg\n---\nHội nghị số %d.\n\n![Toàn cảnh](anh-%d.jpg)\n' "$i" "$i" "$i" "$i" > "$B/content/tin/bai-$i.md"
  cp "$WORK/photos/anh-$i.jpg" "$B/content/tin/anh-$i.jpg"
  mkdir -p "$H/content/tin/bai-$i"
  printf -- '---\ntitle: "Bài %d"\ndate: 2023-04-06\n---\nHội nghị số %d.\n' "$i" "$i" > "$H/content/tin/bai-$i/index.md"
  cp "$WORK/photos/anh-$i.jpg" "$H/content/tin/bai-$i/anh.jpg"
done

results=$WORK/results.csv
echo "case,tool,wall_s,cpu_s,peak_mib" > "$results"
timed() { # case tool command…
  local case=$1 tool=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" > /dev/null 2> "$WORK/err.txt" || { cat "$WORK/err.txt" >&2; exit 1; }
  read -r wall user sys rss < "$WORK/time.txt"
  echo "$case,$tool,$wall,$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}'),$((rss / 1024))" | tee -a "$results" >&2
}
bantin() { timed "$1" bantin "$BANTIN" build --root "$B" --output "$WORK/out-bantin"; }
hugo_build() { timed "$1" hugo hugo --source "$H" --destination "$WORK/out-hugo" --quiet; }

rm -rf "$B/.bantin-cache" "$H/resources" "$WORK/out-bantin" "$WORK/out-hugo"
bantin cold
hugo_build cold
bantin "nothing changed"
hugo_build "nothing changed"
cp "$WORK/photos/anh-$N.jpg" "$B/content/tin/anh-0.jpg"
cp "$WORK/photos/anh-$N.jpg" "$H/content/tin/bai-0/anh.jpg"
bantin "one photo changed"
hugo_build "one photo changed"

echo "bantin output: $(du -sh "$WORK/out-bantin" | cut -f1), Hugo output: $(du -sh "$WORK/out-hugo" | cut -f1), photos: $(du -sh "$WORK/photos" | cut -f1)" >&2
python3 - "$results" "$N" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"## Photos: {sys.argv[2]} articles with a 4000×3000 JPEG each (bench/photos.sh)\n")
print("| case | tool | wall s | CPU s | peak MiB | time vs Hugo | memory vs Hugo |")
print("|---|---|---:|---:|---:|---:|---:|")
by = {(r["case"], r["tool"]): r for r in rows}
for r in rows:
    h = by.get((r["case"], "hugo"))
    ratio = mem = ""
    if r["tool"] == "bantin" and h:
        ratio = f"{float(h['wall_s']) / max(float(r['wall_s']), 0.001):.1f}x faster"
        mem = f"{100 * int(r['peak_mib']) // max(int(h['peak_mib']), 1)}%"
    print(f"| {r['case']} | {r['tool']} | {r['wall_s']} | {float(r['cpu_s']):.2f} | {r['peak_mib']} | {ratio} | {mem} |")
b, h = by.get(("cold", "bantin")), by.get(("cold", "hugo"))
noop = by.get(("nothing changed", "bantin"))
if b and h and noop:
    print(f"\nAgainst the targets: cold {float(h['wall_s']) / float(b['wall_s']):.1f}x faster than Hugo (at least 2x); "
          f"a build where nothing changed takes {100 * float(noop['wall_s']) / float(b['wall_s']):.2f}% of the cold one (under 5%); "
          f"peak memory {100 * int(b['peak_mib']) / int(h['peak_mib']):.0f}% of Hugo's (at most 50%).")
PY
