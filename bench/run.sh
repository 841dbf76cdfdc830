#!/usr/bin/env bash
# The speed benchmark: bantin against Hugo on the same generated corpora, in one run.
#
#   bench/run.sh                      # 1,000, 10,000 and 50,000 articles, 3 runs each
#   SIZES="1000 10000" RUNS=5 bench/run.sh
#
# 1. Generates the corpora with ../shared/bench/gen_corpus.py into bench/corpus/<N>/ (cached,
#    git-ignored), each with a site.yaml that paginates by 20 like the peers' skeletons.
# 2. Prepares Hugo's copy of each corpus with ../shared/bench/peers/build_peer.sh (when `hugo`
#    is installed: apt-get install hugo).
# 3. Times full builds, round-robin (run 1 of every tool and size, then run 2 …), the way
#    ../shared/bench/peers/bench.sh does: old output is moved aside, never deleted, and the
#    trash of earlier runs is deleted once at the start, followed by a 65 s pause (on these
#    machines ext4 slows file creation for about a minute after many deletions).
#    Wall time, CPU time and peak memory come from /usr/bin/time -v; medians are reported.
#    After each bantin build, `cp -a` of its output into a new folder is timed the same way:
#    the cost of making those files on this disk, a floor under any generator's time.
# 4. Times a no-op `bantin build` (the output exists, nothing changed).
# 5. Times rebuilds on the 10,000-article corpus through the code path of `bantin serve` and
#    `bantin watch` (cargo bench --bench rebuild): a save that changes nothing, one article's
#    body, its title, a template; and in watch mode, a no-op save and a body edit.
# 6. Runs the photo benchmark, bench/photos.sh, with PHOTOS camera-size photos (default 500;
#    PHOTOS=0 leaves it out; it needs Hugo, which takes about 15 minutes for 500 photos).
# 7. Prints the results as Markdown and writes them to BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
SHARED=${SHARED:-$REPO/../shared}
SIZES=${SIZES:-"1000 10000 50000"}
RUNS=${RUNS:-3}
WORK=${BENCH_WORK:-/tmp/bantin-bench}
CORPORA=$REPO/bench/corpus
mkdir -p "$WORK/trash" "$WORK/results" "$CORPORA"

cargo build --release --quiet
BANTIN=$REPO/target/release/bantin
HAVE_HUGO=0
command -v hugo >/dev/null 2>&1 && HAVE_HUGO=1

for n in $SIZES; do
  if [ ! -d "$CORPORA/$n/content" ]; then
    echo "generating $n articles…" >&2
    python3 "$SHARED/bench/gen_corpus.py" --articles "$n" --out "$CORPORA/$n" >/dev/null
  fi
  printf 'title: Bench\nbase_url: http://localhost/\npaginate_by: 20\n' > "$CORPORA/$n/site.yaml"
  # Without --images the corpus's articles show /images/1.jpg … /images/40.jpg, which bantin
  # checks like every site path: 40 small photos (the sample's illustration, 1200×675) make it
  # a whole site (Hugo gets them too). bantin reads a photo for what its bytes are.
  mkdir -p "$CORPORA/$n/static/images"
  for i in $(seq 1 40); do
    f="$CORPORA/$n/static/images/$i.jpg"
    [ "$(head -c 3 "$f" 2>/dev/null)" = jpg ] && rm -f "$f"
    [ -e "$f" ] || cp content/giam-ngheo/doi-thoai-ninh-nhat.png "$f"
  done
  if [ $HAVE_HUGO = 1 ] && [ ! -d "$WORK/hugo-$n/content" ]; then
    "$SHARED/bench/peers/build_peer.sh" prepare hugo "$CORPORA/$n" "$WORK/hugo-$n" >/dev/null 2>&1
  fi
  if [ $HAVE_HUGO = 1 ]; then
    mkdir -p "$WORK/hugo-$n/static" && cp -r "$CORPORA/$n/static/images" "$WORK/hugo-$n/static/"
  fi
done

runs_csv=$WORK/results/runs.csv
echo "size,tool,run,wall_s,cpu_s,maxrss_kb,html_files" > "$runs_csv"
rm -rf "$WORK/trash"/* "$CORPORA"/*/output
sync
echo "pausing 65 s after deleting old output (see bench/run.sh)…" >&2
sleep 65

timed() { # size tool run outdir command…
  local size=$1 tool=$2 run=$3 out=$4; shift 4
  [ -e "$out" ] && mv "$out" "$WORK/trash/$tool-$size-$run-$(date +%s%N)"
  sync
  /usr/bin/time -v -o "$WORK/results/time.txt" "$@" > "$WORK/results/out.txt" 2>&1 || { cat "$WORK/results/out.txt" >&2; exit 1; }
  local wall user sys rss html
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/results/time.txt")
  user=$(awk -F': ' '/User time/{print $2}' "$WORK/results/time.txt")
  sys=$(awk -F': ' '/System time/{print $2}' "$WORK/results/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/results/time.txt")
  html=$(find "$out" -name '*.html' | wc -l)
  echo "$size,$tool,$run,$wall,$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}'),$rss,$html" | tee -a "$runs_csv" >&2
}

for r in $(seq 1 "$RUNS"); do
  for n in $SIZES; do
    timed "$n" bantin "$r" "$CORPORA/$n/output" "$BANTIN" build --root "$CORPORA/$n"
    # The floor any tool pays here: making the same files and folders, and nothing else.
    timed "$n" copy "$r" "$WORK/copy-$n" cp -a "$CORPORA/$n/output" "$WORK/copy-$n"
    if [ $HAVE_HUGO = 1 ]; then
      timed "$n" hugo "$r" "$WORK/hugo-$n/public" $("$SHARED/bench/peers/build_peer.sh" cmd hugo "$WORK/hugo-$n")
    fi
  done
done

# A no-op build: the output is there and nothing changed.
noop_csv=$WORK/results/noop.csv
echo "size,wall_s" > "$noop_csv"
for n in $SIZES; do
  /usr/bin/time -f "%e" -o "$WORK/results/noop.txt" "$BANTIN" build --root "$CORPORA/$n" >/dev/null 2>&1
  echo "$n,$(cat "$WORK/results/noop.txt")" >> "$noop_csv"
done

# Rebuilds through the serve/watch code path, on the 10,000-article corpus (or the largest).
rebuild_size=10000
case " $SIZES " in *" 10000 "*) ;; *) rebuild_size=$(echo "$SIZES" | tr ' ' '\n' | sort -n | tail -1) ;; esac
cargo bench --quiet --bench rebuild -- "$CORPORA/$rebuild_size" 5 > "$WORK/results/rebuild.txt" 2>/dev/null

python3 - "$runs_csv" "$noop_csv" "$WORK/results/rebuild.txt" "$rebuild_size" "$RUNS" > "$WORK/results/table.md" <<'PY'
import csv, statistics, sys, collections, subprocess, platform, os
runs, noop, rebuild, rebuild_size, nruns = sys.argv[1:6]
rows = collections.defaultdict(list)
for r in csv.DictReader(open(runs)):
    rows[(int(r["size"]), r["tool"])].append(r)
med = lambda rs, k: statistics.median(float(x[k]) for x in rs)
def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception:
        return "not installed"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
print("# Benchmarks\n")
print("Written by `bench/run.sh`; run it again to reproduce (`SIZES=\"1000 10000\" RUNS=5 bench/run.sh` for a")
print("shorter run). Corpora from `../shared/bench/gen_corpus.py` (seed 7), paginated by 20 as in the")
print("peers' skeletons. Each figure is the median of %s runs, timed with `/usr/bin/time -v`, with old" % nruns)
print("output moved aside and a 65 s pause after deleting trash (see the script for why).\n")
print("- machine: %s, %d cores, %s memory" % (cpu, os.cpu_count(), mem))
print("- bantin: %s; Hugo: %s" % (version([os.environ.get("BANTIN", "target/release/bantin"), "--version"]), version(["hugo", "version"])))
print()
print("## Full build\n")
print("| articles | tool | wall s | CPU s | CPU/wall | peak MiB | HTML files | time vs Hugo | memory vs Hugo |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
sizes = sorted({s for s, _ in rows})
for s in sizes:
    hugo = rows.get((s, "hugo"))
    for tool in ("bantin", "hugo", "copy"):
        rs = rows.get((s, tool))
        if not rs:
            continue
        wall, cpu_s, rss, html = med(rs, "wall_s"), med(rs, "cpu_s"), med(rs, "maxrss_kb") / 1024, med(rs, "html_files")
        vs_t = vs_m = ""
        if tool == "bantin" and hugo:
            vs_t = "%.1fx faster" % (med(hugo, "wall_s") / wall)
            vs_m = "%.0f%%" % (100 * med(rs, "maxrss_kb") / med(hugo, "maxrss_kb"))
        name = "`cp -a` of bantin's output" if tool == "copy" else tool
        print("| %d | %s | %.2f | %.2f | %.0f%% | %.0f | %d | %s | %s |" % (s, name, wall, cpu_s, 100 * cpu_s / wall, rss, html, vs_t, vs_m))
print("\nThe `cp -a` rows copy bantin's output folder (already in the page cache) into a new folder:")
print("the cost of making these files and folders on this disk, which every tool pays, with one core.")
b = {s: rows[(s, "bantin")] for s in sizes if (s, "bantin") in rows}
if 10000 in b and 50000 in b:
    print("\nLinearity: the 50,000-article build takes %.2fx the 10,000-article one (5x the articles); peak memory %.2fx."
          % (med(b[50000], "wall_s") / med(b[10000], "wall_s"), med(b[50000], "maxrss_kb") / med(b[10000], "maxrss_kb")))
print("\n## No-op build (output present, nothing changed)\n")
print("| articles | wall s |\n|---:|---:|")
for r in csv.DictReader(open(noop)):
    print("| %s | %s |" % (r["size"], r["wall_s"]))
print("\n## Rebuilds in serve / watch mode, %s articles\n" % rebuild_size)
print("From the change to the new files written (`Session::rebuild` + commit), median of 5.\n")
print("| change | median ms | min ms | max ms | files written |\n|---|---:|---:|---:|---:|")
names = {"first_build": "first build of the session", "noop_save": "a save that changes nothing", "body_edit": "one article's body",
         "title_edit": "one article's title", "template_edit": "a template (article.html)", "watch_noop_save": "watch mode: a save that changes nothing",
         "watch_body_edit": "watch mode: one article's body",
         "search_index_after_edit": "then the search index, after the reload (last column: how many times)"}
for line in open(rebuild):
    parts = line.split()
    if len(parts) == 5 and parts[0] in names:
        print("| %s | %s | %s | %s | %s |" % (names[parts[0]], parts[1], parts[2], parts[3], parts[4]))
PY
PHOTOS=${PHOTOS:-500}
if [ "$PHOTOS" != 0 ] && [ $HAVE_HUGO = 1 ]; then
  echo >> "$WORK/results/table.md"
  N=$PHOTOS bench/photos.sh >> "$WORK/results/table.md"
fi
cat "$WORK/results/table.md"
cp "$WORK/results/table.md" "$REPO/BENCHMARKS.md"
echo "written to BENCHMARKS.md" >&2
