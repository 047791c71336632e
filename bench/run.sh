#!/usr/bin/env bash
# make bench: vnsearch's figures beside the peers' (plain Xapian, SQLite FTS5, tantivy),
# measured in one run on the same corpus and queries, printed as one table of ratios.
#
# Environment: CORPUS (a .tar.gz of one folder of .txt files, default the 35k news),
# QUERIES (one per line), PEERS ("xapian fts5 tantivy"), BENCH_DIR (work folder, kept),
# HTTP_SECONDS (length of the wrk run, default 20), SCALES (corpus multiples for the
# growth table, default "1 2 4"; "1" skips it), SHARDS (also index the 1x corpus with
# --shards N to compare, default 2; 1 skips it), LEAN (also index it with --lean, default
# 1; 0 skips it), ROUNDS (query passes over every engine in
# turn, default 3; each latency figure is the median of its rounds).
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=${CORPUS:-../shared/corpora/vnnews-35k.tar.gz}
QUERIES=${QUERIES:-../shared/bench/queries-300.txt}
PEERS=${PEERS:-"xapian fts5 tantivy"}
ANCHORS=../shared/bench
source bench/peers.sh
WORK=${BENCH_DIR:-$(mktemp -d /tmp/vnsearch-bench.XXXXXX)}
RESULTS="$WORK/results.jsonl"
mkdir -p "$WORK"
: > "$RESULTS"

echo "== building release"
swift build -c release --static-swift-stdlib 2>&1 | tail -1
BIN=$PWD/.build/release/vnsearch

echo "== extracting $CORPUS into $WORK"
tar -xzf "$CORPUS" -C "$WORK"
SRC=$(find "$WORK" -mindepth 1 -maxdepth 1 -type d ! -name 'idx-*' | head -1)

# Runs a command under /usr/bin/time -v; prints "seconds peak_kb".
timed() {
  /usr/bin/time -v "$@" > "$WORK/last.out" 2> "$WORK/last.time"
  python3 - "$WORK/last.time" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1).split(":")
secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(m)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
print(secs, rss)
PY
}

record() { echo "$1" >> "$RESULTS"; }

# Reads an index (a folder or a file) into the page cache. These machines give cached
# pages back within minutes even with gigabytes free (fincore: 508 of 548 MB of an index
# cached, 146 MB three minutes later), so an index written early in the run would be read
# from disk in its first round while a peer's, written last, is not: every engine's index
# is read in just before its queries.
warm() { find "$1" -type f -exec cat {} + > /dev/null; }
size_mb() { du -sm "$1" | cut -f1; }

echo "== vnsearch: index"
rm -rf "$WORK/idx-vnsearch"
read -r secs rss < <(timed "$BIN" index "$SRC" --db "$WORK/idx-vnsearch" --quiet)
bytes=$(find "$SRC" -name "*.txt" -print0 | xargs -0 cat | wc -c)
record "{\"peer\":\"vnsearch\",\"index_s\":$secs,\"rss_kb\":$rss,\"bytes\":$bytes,\"size_mb\":$(size_mb "$WORK/idx-vnsearch")}"
if command -v xapian-compact >/dev/null; then
  rm -rf "$WORK/idx-vnsearch-compact"
  xapian-compact "$WORK/idx-vnsearch" "$WORK/idx-vnsearch-compact" > /dev/null
  record "{\"peer\":\"vnsearch\",\"compact_mb\":$(size_mb "$WORK/idx-vnsearch-compact")}"
fi

# A new process each time on a cached index: the figure is the process's start and
# first search, not the disk's.
warm "$WORK/idx-vnsearch"
first=$(python3 - "$BIN" "$WORK/idx-vnsearch" <<'PY'
import subprocess, sys, time
runs = []
for q in ["người Hoa", "an ninh Tổ quốc", "dan toc thieu so"] * 3:
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "search", q, "--db", sys.argv[2]], stdout=subprocess.DEVNULL, check=True)
    runs.append((time.perf_counter() - t) * 1000)
print(sorted(runs)[len(runs) // 2])
PY
)
record "{\"peer\":\"vnsearch\",\"cold_cli_ms\":$first}"

if command -v wrk >/dev/null; then
  echo "== vnsearch: HTTP (wrk, 32 connections, ${HTTP_SECONDS:-20} s) beside search --batch"
  record "$(bench/http.sh "$BIN" "$WORK/idx-vnsearch" "$QUERIES" "${HTTP_SECONDS:-20}")"
fi

# Queries of $QUERIES against an index (read into the page cache first, as the peers'
# are): prints {"p50","p90","p99"} from took_ms. The process first runs the first 20
# queries untimed, as ../shared/bench/anchor_query.py does for every peer (a warm-up:
# the same queries then count like the others).
query_figures() {
  warm "$1"
  { head -n 20 "$QUERIES"; cat "$QUERIES"; } | "$BIN" search --batch --db "$1" > "$WORK/last-queries.jsonl"
  python3 - "$WORK/last-queries.jsonl" "$(head -n 20 "$QUERIES" | wc -l)" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()[int(sys.argv[2]):]
lat = sorted(json.loads(l)["took_ms"] for l in lines if "took_ms" in l)
p = lambda x: lat[min(len(lat) - 1, int(x * len(lat)))]
print(json.dumps({"p50": p(.5), "p90": p(.9), "p99": p(.99)}))
PY
}

if [ "${SHARDS:-2}" -gt 1 ]; then
  echo "== vnsearch: index with --shards ${SHARDS:-2} (written in parallel)"
  rm -rf "$WORK/idx-vnsearch-shards"
  read -r secs rss < <(timed "$BIN" index "$SRC" --db "$WORK/idx-vnsearch-shards" --shards "${SHARDS:-2}" --quiet)
  q=$(query_figures "$WORK/idx-vnsearch-shards")
  record "{\"peer\":\"vnsearch\",\"shards\":${SHARDS:-2},\"shards_index_s\":$secs,\"shards_rss_kb\":$rss,\"shards_size_mb\":$(size_mb "$WORK/idx-vnsearch-shards"),\"shards_queries\":$q}"
  rm -rf "$WORK/idx-vnsearch-shards"
fi

if [ "${LEAN:-1}" -eq 1 ]; then
  echo "== vnsearch: index with --lean (one database without Xapian's termlist)"
  rm -rf "$WORK/idx-vnsearch-lean"
  read -r secs rss < <(timed "$BIN" index "$SRC" --db "$WORK/idx-vnsearch-lean" --lean --quiet)
  q=$(query_figures "$WORK/idx-vnsearch-lean")
  record "{\"peer\":\"vnsearch\",\"lean_index_s\":$secs,\"lean_rss_kb\":$rss,\"lean_size_mb\":$(size_mb "$WORK/idx-vnsearch-lean"),\"lean_queries\":$q}"
  rm -rf "$WORK/idx-vnsearch-lean"
fi

# Growth: the corpus k times over (hard-linked copies in k folders: new paths, so new
# article ids), indexed from scratch and queried; 1x is the run above.
for k in ${SCALES:-1 2 4}; do
  [ "$k" -eq 1 ] && continue
  echo "== vnsearch: scale ${k}x (index and queries)"
  rm -rf "$WORK/scale" "$WORK/idx-scale"
  for i in $(seq 1 "$k"); do mkdir -p "$WORK/scale"; cp -al "$SRC" "$WORK/scale/copy-$i"; done
  read -r secs rss < <(timed "$BIN" index "$WORK/scale" --db "$WORK/idx-scale" --quiet)
  q=$(query_figures "$WORK/idx-scale")
  record "{\"peer\":\"vnsearch-scale\",\"scale_${k}\":{\"index_s\":$secs,\"rss_kb\":$rss,\"bytes\":$((bytes * k)),\"size_mb\":$(size_mb "$WORK/idx-scale"),\"queries\":$q}}"
  rm -rf "$WORK/scale" "$WORK/idx-scale"
done

INDEXED_PEERS=""
for peer in $PEERS; do
  peer_setup "$peer" "$WORK" || continue
  py=$PEER_PY script=$PEER_SCRIPT idx=$PEER_INDEX
  echo "== $peer: index"
  read -r secs rss < <(timed $py "$script" "$SRC" "$idx")
  record "{\"peer\":\"$peer\",\"index_s\":$secs,\"rss_kb\":$rss,\"bytes\":$bytes,\"size_mb\":$(size_mb "$idx")}"
  # Our size is after the merge's compaction; Xapian's fresh index has the slack of its
  # writes (401 against 289 MB compacted on the 35k news), so the table gives both.
  if [ "$peer" = xapian ] && command -v xapian-compact >/dev/null; then
    rm -rf "$idx-compact"
    xapian-compact "$idx" "$idx-compact" > /dev/null
    record "{\"peer\":\"xapian\",\"compact_mb\":$(size_mb "$idx-compact")}"
    rm -rf "$idx-compact"
  fi
  INDEXED_PEERS="$INDEXED_PEERS $peer"
done

# Query latency drifts by a third from minute to minute on a shared machine, so the engines
# are queried in turn, round after round, and each figure is the median of its rounds:
# a ratio then compares the same minutes.
echo "== queries: ${ROUNDS:-3} rounds, every engine in turn"
: > "$WORK/rounds.jsonl"
for round in $(seq 1 "${ROUNDS:-3}"); do
  q=$(query_figures "$WORK/idx-vnsearch")
  echo "{\"peer\": \"vnsearch\", ${q#\{}" >> "$WORK/rounds.jsonl"
  echo "   round $round: vnsearch $(tail -1 "$WORK/rounds.jsonl")"
  for peer in $INDEXED_PEERS; do
    peer_setup "$peer" "$WORK" > /dev/null || continue
    warm "$PEER_INDEX"
    line=$($PEER_PY "$ANCHORS/anchor_query.py" "$peer" "$PEER_INDEX" "$QUERIES")
    echo "   round $round: $line"
    python3 - "$peer" "$line" >> "$WORK/rounds.jsonl" <<'PY'
import json, re, sys
peer, line = sys.argv[1], sys.argv[2]
f = lambda k: float(re.search(k + r" ([\d.]+) ms", line).group(1))
print(json.dumps({"peer": peer, "p50": f("p50"), "p90": f("p90"), "p99": f("p99")}))
PY
  done
done
python3 - "$WORK/rounds.jsonl" >> "$RESULTS" <<'PY'
import json, statistics, sys
rounds = {}
for line in open(sys.argv[1]):
    entry = json.loads(line)
    rounds.setdefault(entry.pop("peer"), []).append(entry)
for peer, runs in rounds.items():
    median = {k: statistics.median(r[k] for r in runs) for k in ("p50", "p90", "p99")}
    print(json.dumps({"peer": peer, **median, "query_rounds": len(runs)}))
PY

# Questions of 8-15 syllables (bench/relevance/questions-*.tsv) beside Xapian's OR query
# with snippets: the only way a peer answers them at all.
if [ -e "$WORK/idx-xapian" ]; then
  echo "== questions: vnsearch beside Xapian OR with snippets"
  warm "$WORK/idx-vnsearch"; warm "$WORK/idx-xapian"
  line=$(/usr/bin/python3 bench/questions_latency.py "$BIN" "$WORK/idx-vnsearch" "$WORK/idx-xapian")
  echo "   $line"
  echo "{\"peer\":\"questions\",\"questions_latency\":$line}" >> "$RESULTS"
fi

python3 bench/report.py "$RESULTS"
echo "(work folder: $WORK)"
