#!/usr/bin/env bash
# The speed benchmark: bantin against Hugo and Zola on the same generated corpora, in one run.
#
#   bench/run.sh                      # 1,000, 10,000 and 50,000 articles, 3 runs each
#   SIZES="1000 10000" RUNS=5 bench/run.sh
#   SIZES=1000 RUNS=1 PHOTOS=0 BENCH_WORK=/dev/shm/bench bench/run.sh   # a quick check
#
# The peers (each one that is missing is skipped, with a line saying so):
# - Hugo: `apt-get install hugo` (Debian 12 has 0.111.3), or HUGO_BIN=/path/to/hugo.
# - Zola: not on crates.io (nor in Debian 12); build it from a checkout of its source repository
#   (getzola/zola; 0.19 or later, 0.22.1 used here; about an hour of a busy 2-core machine):
#     CARGO_TARGET_DIR=/work/target-zola nice -n 15 cargo install --locked --path ZOLA_CHECKOUT --root /work/tools/zola
#   The script takes ZOLA_BIN, else ../tools/zola/bin/zola beside the repo (that install), else
#   `zola` on the PATH.
#
# Two comparisons, each saying something the other does not:
# - Like for like: bantin with bench/theme/ (a theme that renders the pages of the peers'
#   skeleton in ../shared/bench/peers/sites/, with about the same HTML; its site.yaml turns off
#   what the skeletons do not make) against Hugo and Zola building those skeletons, on copies of
#   the same corpus. Ratios bantin/Hugo and bantin/Zola of wall time, CPU time and peak memory.
# - The newsroom theme against the floor of its own output: bantin with the built-in bulletin
#   theme (15,000 files, 400 MB at 10,000 articles), and `cp -a` of that output into a new
#   folder on the same disk by as many copiers in parallel as bantin uses cores (its top-level
#   folders split into `nproc` groups of about the same number of files). The ratio says how
#   much more than making the same files bantin takes.
#
# 1. Generates the corpora with ../shared/bench/gen_corpus.py into bench/corpus/<N>/ (cached,
#    git-ignored), each with a site.yaml that paginates by 20 like the peers' skeletons, and
#    prepares the copies each other tool builds under $BENCH_WORK: bantin-<N>/ (the content,
#    bench/theme/site.yaml, bench/theme/ as themes/bench/), hugo-<N>/ and zola-<N>/ (with
#    ../shared/bench/peers/build_peer.sh prepare).
# 2. Times full builds, round-robin (run 1 of every tool and size, then run 2 …), the way
#    ../shared/bench/peers/bench.sh does: old output is moved aside, never deleted, and the
#    trash of earlier runs is deleted once at the start, followed by a 65 s pause (on these
#    machines ext4 slows file creation for about a minute after many deletions).
#    Wall time, CPU time and peak memory come from /usr/bin/time -v; medians are reported.
# 3. Times a no-op `bantin build` (the output exists, nothing changed), newsroom theme.
# 4. Times rebuilds on the 10,000-article corpus through the code path of `bantin serve` and
#    `bantin watch` (cargo bench --bench rebuild): a save that changes nothing, one article's
#    body, its title, a template; and in watch mode, a no-op save and a body edit.
# 5. Runs the photo benchmark, bench/photos.sh, with PHOTOS camera-size photos (default 500;
#    PHOTOS=0 leaves it out; it needs Hugo, which takes about 15 minutes for 500 photos).
# 6. Prints the results as Markdown and writes them to BENCHMARKS.md, in place of the part an
#    earlier run wrote (the hand-written sections after it are kept).
set -euo pipefail

# The floor's copier, run by /usr/bin/time below: `run.sh --copy DEST LIST…` makes DEST and
# copies into it, in parallel, one `cp -a` per LIST (a file of NUL-separated top-level entries).
if [ "${1:-}" = --copy ]; then
  dest=$2; shift 2
  mkdir "$dest"
  for list in "$@"; do
    xargs -0 -a "$list" cp -a -t "$dest" &
  done
  fail=0
  for _ in "$@"; do wait -n || fail=1; done
  exit $fail
fi

cd "$(dirname "$0")/.."
REPO=$(pwd)
SHARED=${SHARED:-$REPO/../shared}
PEERS=$SHARED/bench/peers
SIZES=${SIZES:-"1000 10000 50000"}
RUNS=${RUNS:-3}
WORK=${BENCH_WORK:-/tmp/bantin-bench}
CORPORA=$REPO/bench/corpus
JOBS=$(nproc)
mkdir -p "$WORK/trash" "$WORK/results" "$CORPORA"

cargo build --release --quiet
BANTIN=${CARGO_TARGET_DIR:-$REPO/target}/release/bantin
case $BANTIN in /*) ;; *) BANTIN=$REPO/$BANTIN ;; esac
export BANTIN

HUGO_BIN=${HUGO_BIN:-$(command -v hugo || true)}
if [ -z "${ZOLA_BIN:-}" ]; then
  ZOLA_BIN=$(command -v zola || true)
  [ -x "$REPO/../tools/zola/bin/zola" ] && ZOLA_BIN=$(realpath "$REPO/../tools/zola/bin/zola")
fi
export HUGO_BIN ZOLA_BIN
HAVE_HUGO=0; HAVE_ZOLA=0
if [ -n "$HUGO_BIN" ] && [ -x "$HUGO_BIN" ]; then HAVE_HUGO=1; else
  echo "Hugo is not installed (apt-get install hugo, or HUGO_BIN=…): skipped" >&2; fi
if [ -n "$ZOLA_BIN" ] && [ -x "$ZOLA_BIN" ]; then HAVE_ZOLA=1; else
  echo "Zola is not installed (ZOLA_BIN=…; see the top of bench/run.sh): skipped" >&2; fi
export HAVE_HUGO HAVE_ZOLA

for n in $SIZES; do
  if [ ! -d "$CORPORA/$n/content" ]; then
    echo "generating $n articles…" >&2
    python3 "$SHARED/bench/gen_corpus.py" --articles "$n" --out "$CORPORA/$n" >/dev/null
  fi
  printf 'title: Bench\nbase_url: http://localhost/\npaginate_by: 20\n' > "$CORPORA/$n/site.yaml"
  # Without --images the corpus's articles show /images/1.jpg … /images/40.jpg, which bantin
  # checks like every site path: 40 small photos (the sample's illustration, 1200×675) make it
  # a whole site (the peers get them too). bantin reads a photo for what its bytes are.
  mkdir -p "$CORPORA/$n/static/images"
  for i in $(seq 1 40); do
    f="$CORPORA/$n/static/images/$i.jpg"
    [ "$(head -c 3 "$f" 2>/dev/null)" = jpg ] && rm -f "$f"
    [ -e "$f" ] || cp content/giam-ngheo/doi-thoai-ninh-nhat.png "$f"
  done
  # bantin with the bench theme, on its own copy of the corpus (the theme is copied anew each
  # run, so that an edit of bench/theme/ counts).
  b=$WORK/bantin-$n
  if [ ! -d "$b/content" ]; then
    rm -rf "$b"; mkdir -p "$b/static"
    cp -r "$CORPORA/$n/content" "$b/content"
  fi
  rm -rf "$b/themes" "$b/static/images"
  mkdir -p "$b/themes/bench"
  cp -r bench/theme/theme.yaml bench/theme/templates bench/theme/i18n "$b/themes/bench/"
  cp bench/theme/site.yaml "$b/site.yaml"
  cp -r "$CORPORA/$n/static/images" "$b/static/"
  for peer in hugo zola; do
    [ "$peer" = hugo ] && [ $HAVE_HUGO = 0 ] && continue
    [ "$peer" = zola ] && [ $HAVE_ZOLA = 0 ] && continue
    if [ ! -d "$WORK/$peer-$n/content" ]; then
      "$PEERS/build_peer.sh" prepare "$peer" "$CORPORA/$n" "$WORK/$peer-$n" >/dev/null 2>&1
    fi
    mkdir -p "$WORK/$peer-$n/static" && rm -rf "$WORK/$peer-$n/static/images"
    cp -r "$CORPORA/$n/static/images" "$WORK/$peer-$n/static/"
  done
done

runs_csv=$WORK/results/runs.csv
echo "size,tool,run,wall_s,cpu_s,maxrss_kb,files,html_files,bytes" > "$runs_csv"
# Old output goes to a trash folder on its own file system (a rename, never a copy).
CTRASH=$CORPORA/.trash
rm -rf "$WORK/trash"/* "$CTRASH" "$CORPORA"/*/output "$CORPORA"/floor-* "$WORK"/bantin-*/output \
  "$WORK"/hugo-*/public "$WORK"/zola-*/public
mkdir -p "$CTRASH"
sync
echo "pausing 65 s after deleting old output (see bench/run.sh)…" >&2
sleep 65

trash() { # path name
  # On tmpfs (BENCH_WORK=/dev/shm/…) deleting slows nothing down, and every run's output kept
  # would hold the machine's memory (about 7 GB a run at 50,000 articles): it goes at once.
  if [ "$(stat -f -c %T "$1")" = tmpfs ]; then rm -rf "$1"; return; fi
  local to=$WORK/trash
  [ "$(stat -c %d "$(dirname "$1")")" = "$(stat -c %d "$to")" ] || to=$CTRASH
  mv "$1" "$to/$2-$(date +%s%N)"
}

timed() { # size tool run outdir command…
  local size=$1 tool=$2 run=$3 out=$4; shift 4
  [ -e "$out" ] && trash "$out" "$tool-$size-$run"
  sync
  /usr/bin/time -v -o "$WORK/results/time.txt" "$@" > "$WORK/results/out.txt" 2>&1 || { cat "$WORK/results/out.txt" >&2; exit 1; }
  local wall user sys rss counts
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/results/time.txt")
  user=$(awk -F': ' '/User time/{print $2}' "$WORK/results/time.txt")
  sys=$(awk -F': ' '/System time/{print $2}' "$WORK/results/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/results/time.txt")
  counts=$(find "$out" -type f -printf '%s %f\n' | awk '{n++; b+=$1} $NF ~ /\.html$/ {h++} END{printf "%d,%d,%d", n, h, b}')
  echo "$size,$tool,$run,$wall,$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}'),$rss,$counts" | tee -a "$runs_csv" >&2
}

# The floor's groups: bantin's top-level entries in $JOBS lists of about the same number of
# files (largest first, each to the emptiest list), made before the copy is timed.
floor_lists() { # output-folder size → prints the list files
  local src=$1 size=$2 i
  for i in $(seq 1 "$JOBS"); do : > "$WORK/results/floor-$size-$i.list"; done
  find "$src" -mindepth 1 -maxdepth 1 -printf '%f\n' | while IFS= read -r e; do
    printf '%s %s\n' "$(find "$src/$e" | wc -l)" "$e"
  done | sort -rn | python3 -c '
import sys
jobs, prefix = int(sys.argv[1]), sys.argv[2]
load = [0] * jobs
lists = [[] for _ in range(jobs)]
for line in sys.stdin:
    count, name = line.rstrip("\n").split(" ", 1)
    i = load.index(min(load))
    load[i] += int(count)
    lists[i].append(name)
for i, names in enumerate(lists):
    with open("%s-%d.list" % (prefix, i + 1), "wb") as f:
        f.write(b"".join(("%s/%s" % (sys.argv[3], n)).encode() + b"\0" for n in names))
' "$JOBS" "$WORK/results/floor-$size" "$src"
  for i in $(seq 1 "$JOBS"); do echo "$WORK/results/floor-$size-$i.list"; done
}

for r in $(seq 1 "$RUNS"); do
  for n in $SIZES; do
    # The newsroom theme, then the floor of its output: the same files made by `cp -a`.
    timed "$n" bantin "$r" "$CORPORA/$n/output" "$BANTIN" build --root "$CORPORA/$n"
    mapfile -t lists < <(floor_lists "$CORPORA/$n/output" "$n")
    timed "$n" floor "$r" "$CORPORA/floor-$n" "$REPO/bench/run.sh" --copy "$CORPORA/floor-$n" "${lists[@]}"
    # Like for like: the bench theme and the peers' skeletons.
    timed "$n" bantin-bench "$r" "$WORK/bantin-$n/output" "$BANTIN" build --root "$WORK/bantin-$n"
    if [ $HAVE_HUGO = 1 ]; then
      timed "$n" hugo "$r" "$WORK/hugo-$n/public" $(HUGO_BIN=$HUGO_BIN "$PEERS/build_peer.sh" cmd hugo "$WORK/hugo-$n")
    fi
    if [ $HAVE_ZOLA = 1 ]; then
      timed "$n" zola "$r" "$WORK/zola-$n/public" $(ZOLA_BIN=$ZOLA_BIN "$PEERS/build_peer.sh" cmd zola "$WORK/zola-$n")
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

# What each tool made, page kind by page kind, at the smallest size (from the last run's output).
pages_size=$(echo "$SIZES" | tr ' ' '\n' | sort -n | head -1)

python3 - "$runs_csv" "$noop_csv" "$WORK/results/rebuild.txt" "$rebuild_size" "$RUNS" "$WORK" "$pages_size" "$JOBS" \
  > "$WORK/results/table.md" <<'PY'
import csv, statistics, sys, collections, subprocess, platform, os, re
runs, noop, rebuild, rebuild_size, nruns, work, pages_size, jobs = sys.argv[1:9]
pages_size, jobs = int(pages_size), int(jobs)
rows = collections.defaultdict(list)
for r in csv.DictReader(open(runs)):
    rows[(int(r["size"]), r["tool"])].append(r)
med = lambda rs, k: statistics.median(float(x[k]) for x in rs)
def version(cmd):
    if not cmd[0]:
        return "not installed (skipped)"
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception:
        return "not installed (skipped)"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
have = {"hugo": os.environ.get("HAVE_HUGO") == "1", "zola": os.environ.get("HAVE_ZOLA") == "1"}
print("# Benchmarks\n")
print("Written by `bench/run.sh`; run it again to reproduce (`SIZES=\"1000 10000\" RUNS=5 bench/run.sh` for a")
print("shorter run). Corpora from `../shared/bench/gen_corpus.py` (seed 7), paginated by 20 as in the")
print("peers' skeletons. Each figure is the median of %s runs, timed with `/usr/bin/time -v`, with old" % nruns)
print("output moved aside and a 65 s pause after deleting trash (see the script for why). The tools")
print("take turns: run 1 of every tool and size, then run 2 …\n")
print("- machine: %s, %d cores, %s memory" % (cpu, os.cpu_count(), mem))
print("- bantin: %s; Hugo: %s; Zola: %s" % (
    version([os.environ.get("BANTIN", "target/release/bantin"), "--version"]),
    version([os.environ.get("HUGO_BIN", ""), "version"]) if have["hugo"] else "not installed (skipped)",
    version([os.environ.get("ZOLA_BIN", ""), "--version"]) if have["zola"] else "not installed (skipped)"))
print()
sizes = sorted({s for s, _ in rows})
cols = "| articles | tool | wall s | CPU s | CPU/wall | peak MiB | files | HTML files | MB |"
rule = "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
def row(s, name, rs):
    wall, cpu_s = med(rs, "wall_s"), med(rs, "cpu_s")
    print("| %d | %s | %.2f | %.2f | %.0f%% | %.0f | %d | %d | %.1f |" % (
        s, name, wall, cpu_s, 100 * cpu_s / wall if wall else 0, med(rs, "maxrss_kb") / 1024,
        med(rs, "files"), med(rs, "html_files"), med(rs, "bytes") / 1e6))
def ratio(s, name, a, b):
    r = lambda k: med(a, k) / med(b, k) if med(b, k) else float("nan")
    print("| %d | **%s** | **%.2f** | **%.2f** | | **%.2f** | | | |" % (s, name, r("wall_s"), r("cpu_s"), r("maxrss_kb")))

print("## Like for like: the same pages\n")
print("bantin with `bench/theme/` against the peers' skeletons (`../shared/bench/peers/sites/`), each")
print("on its own copy of the corpus in `$BENCH_WORK`. The bench theme renders what the Hugo skeleton")
print("renders, with about the same HTML: an article page (title, date, author, category, tags,")
print("body), the home page with the 20 newest, the sections and the tag pages paginated by 20, the")
print("tag index, the RSS feed of the home page and the sitemap; no style, script or meta. Its")
print("`site.yaml` turns off search. The ratio rows are bantin's figure divided by the peer's (wall")
print("time, CPU time, peak memory): below 1, bantin takes less. What is left different in the")
print("output is in the table after this one.\n")
print(cols); print(rule)
for s in sizes:
    bb = rows.get((s, "bantin-bench"))
    for tool, name in (("bantin-bench", "bantin (bench theme)"), ("hugo", "Hugo"), ("zola", "Zola")):
        if rows.get((s, tool)):
            row(s, name, rows[(s, tool)])
    for tool, name in (("hugo", "bantin / Hugo"), ("zola", "bantin / Zola")):
        if bb and rows.get((s, tool)):
            ratio(s, name, bb, rows[(s, tool)])
for tool, name in (("hugo", "Hugo"), ("zola", "Zola")):
    if not have[tool]:
        print("\n%s was not installed: its rows are left out (see the top of `bench/run.sh`)." % name)

# The files each tool made, by kind, from the URLs (and redirects by their content).
def kinds(out):
    count, size = collections.Counter(), collections.Counter()
    if not os.path.isdir(out):
        return None
    for dirpath, _, files in os.walk(out):
        for f in files:
            p = os.path.join(dirpath, f)
            rel = os.path.relpath(p, out).replace(os.sep, "/")
            parts = rel.split("/")[:-1]
            if not f.endswith(".html"):
                if f.endswith(".xml"):
                    k = "sitemap file" if "sitemap" in f else "RSS feed"
                elif f == "robots.txt":
                    k = "robots.txt"
                elif rel.startswith("images/"):
                    k = "photo file"
                elif f == ".bantin-output":
                    k = "bantin's list of what it wrote (`.bantin-output`)"
                else:
                    k = "other file"
            else:
                with open(p, "rb") as fh:
                    head = fh.read(2048)
                if b'http-equiv="refresh"' in head and os.path.getsize(p) < 2048:
                    k = "redirect (`page/1/` of a list)" if parts[-2:-1] == ["page"] else "redirect"
                elif rel == "404.html":
                    k = "404 page"
                elif not parts:
                    k = "home"
                elif parts[0] == "page":
                    k = "home, page 2 and on"
                elif parts[0] == "luu-tru":
                    k = "archive (months), all pages"
                elif parts[0] == "tags":
                    k = ("tag index" if len(parts) == 1 else "tag page, first" if len(parts) == 2
                         else "tag page, 2 and on")
                elif len(parts) == 1:
                    k = "section, first page"
                elif parts[1] == "page":
                    k = "section, page 2 and on"
                else:
                    k = "article"
            count[k] += 1
            size[k] += os.path.getsize(p)
    return count, size
tools = [("bantin-bench", "bantin (bench)", "%s/bantin-%d/output" % (work, pages_size)),
         ("hugo", "Hugo", "%s/hugo-%d/public" % (work, pages_size)),
         ("zola", "Zola", "%s/zola-%d/public" % (work, pages_size))]
made = [(name, out, kinds(out)) for tool, name, out in tools if rows.get((pages_size, tool))]
made = [(name, out, k) for name, out, k in made if k]
LIKE = ["home", "article", "section, first page", "section, page 2 and on", "tag index", "tag page, first",
        "tag page, 2 and on"]
if made:
    cells = lambda f: " | ".join(f(c, b) for _, _, (c, b) in made)
    num = lambda n: "{:,}".format(n)
    print("\n### What each made, %d articles\n" % pages_size)
    print("Files (bytes) of each kind, from the last run's output.\n")
    print("| page or file | " + " | ".join(name for name, _, _ in made) + " |")
    print("|---|" + "---:|" * len(made))
    kinds_seen = LIKE + ["home, page 2 and on", "archive (months), all pages", "404 page",
                         "redirect (`page/1/` of a list)", "redirect", "RSS feed", "sitemap file", "robots.txt",
                         "photo file"]
    kinds_seen += sorted({k for _, _, (c, _) in made for k in c} - set(kinds_seen))
    for k in kinds_seen:
        if any(c[k] for _, _, (c, _) in made):
            print("| %s | %s |" % (k, cells(lambda c, b: "%s (%s)" % (num(c[k]), num(b[k])) if c[k] else "–")))
    other = ("RSS feed", "sitemap file", "robots.txt", "photo file", "other file")
    html = lambda c: sum(v for k, v in c.items() if k not in other and not k.startswith("bantin's list"))
    print("| **HTML files (bytes)** | %s |" % cells(lambda c, b: "%s (%s)" % (num(html(c)), num(html(b)))))
    print("| **the first seven rows (bytes)** | %s |" % cells(
        lambda c, b: "%s (%s)" % (num(sum(c[k] for k in LIKE)), num(sum(b[k] for k in LIKE)))))
    print("| **all files (bytes)** | %s |" % cells(lambda c, b: "%s (%s)" % (num(sum(c.values())), num(sum(b.values())))))
    # One article and one list page, the same in each output (the same slug; page 2 of the
    # alphabetically first section).
    def size_of(out, rel):
        p = os.path.join(out, rel)
        return num(os.path.getsize(p)) if os.path.exists(p) else "–"
    first = made[0][1]
    section = sorted(d for d in os.listdir(first) if os.path.isdir(os.path.join(first, d))
                     and d not in ("page", "tags", "luu-tru", "images"))[0]
    arts = sorted(d for d in os.listdir(os.path.join(first, section))
                  if d != "page" and all(os.path.exists(os.path.join(o, section, d, "index.html")) for _, o, _ in made))
    if arts:
        print("| one article (`%s/%s/`), bytes | %s |" % (section, arts[0], " | ".join(size_of(o, "%s/%s/index.html" % (section, arts[0])) for _, o, _ in made)))
    print("| one list (`%s/page/2/`), bytes | %s |" % (section, " | ".join(size_of(o, section + "/page/2/index.html") for _, o, _ in made)))
    print("\nThe like-for-like pages are the first seven rows: the same pages, in the same numbers. bantin")
    print("makes some more whatever the theme and `site.yaml` say, which the skeletons do not: the home")
    print("page's own pages (`/page/2/` …), the monthly archive (`/luu-tru/`), `404.html` (Zola makes one")
    print("too), `robots.txt`, a feed per section and per tag (`index.xml` here, as the peers name their")
    print("one feed), the sitemap as an index plus a file, `.bantin-output` (the list of the files it")
    print("wrote, for the next build), and for each photo its WebP sizes (480, 800 and 1,200 px wide)")
    print("and two crops (1:1 and 4:3, for search engines' structured data). The bench theme keeps those")
    print("pages as small as the others. Hugo and Zola make a redirect at `page/1/` of each list, which")
    print("bantin does not. Within a page: bantin writes a photo of an article's body as a `<figure>`")
    print("with `<picture>` and its WebP sizes, the peers as a bare `<img>`; the bench theme's links are")
    print("relative (`../../tags/x/`), the peers' from the root (`/tags/x/`); articles of the same day can")
    print("be listed in another order (a date without a time zone is read in the site's zone by bantin,")
    print("in UTC by Hugo), and tags sort in Vietnamese alphabetical order.")

print("\n## The newsroom theme against the floor of its own output\n")
print("bantin with its built-in `bulletin` theme (every page a news portal's: menus, sidebar, cards")
print("with photos, meta for sharing and search engines, search index, archives, feeds), and the")
print("floor under it: `cp -a` of that same output, already in the page cache, into a new folder on")
print("the same disk by %d copiers in parallel (as many as bantin's cores; the top-level folders split" % jobs)
print("into groups of about the same number of files). The floor is what making those files and")
print("folders costs, with nothing to compute; **bantin / floor** is how many times that bantin takes.\n")
print(cols); print(rule)
for s in sizes:
    b, f = rows.get((s, "bantin")), rows.get((s, "floor"))
    if b:
        row(s, "bantin (bulletin theme)", b)
    if f:
        row(s, "floor: `cp -a` ×%d" % jobs, f)
    if b and f:
        ratio(s, "bantin / floor", b, f)
b = {s: rows[(s, "bantin")] for s in sizes if (s, "bantin") in rows}
if 10000 in b and 50000 in b:
    print("\nLinearity: the 50,000-article build takes %.2fx the 10,000-article one (5x the articles); peak memory %.2fx."
          % (med(b[50000], "wall_s") / med(b[10000], "wall_s"), med(b[50000], "maxrss_kb") / med(b[10000], "maxrss_kb")))
print("\n## No-op build (output present, nothing changed), bulletin theme\n")
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
# BENCHMARKS.md: this run's part, then the hand-written sections an earlier run's part was
# followed by (after the marker line; in a file from before the marker, from the first heading
# this script does not write).
MARK='<!-- Everything above this line is written by bench/run.sh; what follows is kept. -->'
python3 - "$REPO/BENCHMARKS.md" "$WORK/results/table.md" "$MARK" > "$WORK/results/BENCHMARKS.md" <<'PY'
import os, re, sys
path, table, mark = sys.argv[1:4]
old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
if mark in old:
    rest = old.split(mark, 1)[1].lstrip("\n")
else:
    written = re.compile(r"## (Full build|No-op build|Rebuilds in serve|Photos: |Like for like|The newsroom theme)")
    lines = old.splitlines(keepends=True)
    start = next((i for i, l in enumerate(lines) if l.startswith("## ") and not written.match(l)), len(lines))
    rest = "".join(lines[start:])
sys.stdout.write(open(table, encoding="utf-8").read().rstrip("\n") + "\n\n" + mark + "\n\n" + rest)
PY
cp "$WORK/results/BENCHMARKS.md" "$REPO/BENCHMARKS.md"
echo "written to BENCHMARKS.md" >&2
