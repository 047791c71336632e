#!/usr/bin/env bash
# make eval: relevance of vnsearch beside the peers (plain Xapian, SQLite FTS5, tantivy) on
# the same corpus and queries in one run, printed as tables.
#
# Queries: a known-item set generated from the corpus with a fixed seed (known_items.py),
# in three forms (as written, without diacritics, old tone placement), and the hand-judged
# topical queries kept beside this script (topical.tsv, judgments.tsv).
#
# Environment: CORPUS (a .tar.gz of one folder of .txt files, default the 35k news), COUNT
# (known-item queries, default 300), SEED (default 2026), PEERS ("xapian fts5 tantivy"),
# EVAL_DIR (work folder, kept: a second run reuses its extracted corpus and peer indexes,
# and vnsearch's index is brought up to date by a normal incremental run).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/peers.sh

CORPUS=${CORPUS:-../shared/corpora/vnnews-35k.tar.gz}
COUNT=${COUNT:-300}
SEED=${SEED:-2026}
PEERS=${PEERS:-"xapian fts5 tantivy"}
WORK=${EVAL_DIR:-$(mktemp -d /tmp/vnsearch-eval.XXXXXX)}
HERE=bench/relevance
mkdir -p "$WORK"

echo "== building release"
swift build -c release --static-swift-stdlib 2>&1 | tail -1
BIN=$PWD/.build/release/vnsearch

SRC=$(find "$WORK" -mindepth 1 -maxdepth 1 -type d ! -name 'idx-*' | head -1)
if [ -z "$SRC" ]; then
  echo "== extracting $CORPUS into $WORK"
  tar -xzf "$CORPUS" -C "$WORK"
  SRC=$(find "$WORK" -mindepth 1 -maxdepth 1 -type d ! -name 'idx-*' | head -1)
fi

echo "== vnsearch: index"
# From inside the work folder: an article's id hashes its path relative to the working
# directory, and ties rank by article id, so indexing a new mktemp folder by its absolute
# path moved the known-item figures by about 0.02 from run to run. (An EVAL_DIR indexed
# before this, by absolute paths, must start afresh: its articles would be added twice.)
# Its own folder name: make bench, given the same work folder, rebuilds `idx-vnsearch` by
# absolute paths, which an incremental run here would then hold twice.
(cd "$WORK" && "$BIN" index "$(basename "$SRC")" --db idx-eval --quiet)

systems=(vnsearch)
for peer in $PEERS; do
  peer_setup "$peer" "$WORK" || continue
  if [ ! -e "$PEER_INDEX" ]; then
    echo "== $peer: index"
    $PEER_PY "$PEER_SCRIPT" "$SRC" "$PEER_INDEX" > /dev/null
  fi
  systems+=("$peer")
done

echo "== known-item queries: $COUNT, seed $SEED"
python3 "$HERE/known_items.py" "$SRC" "$COUNT" "$SEED" > "$WORK/known-items.jsonl"
for form in written folded oldtone; do
  python3 -c "import json,sys; [print(json.loads(l)['$form']) for l in open(sys.argv[1], encoding='utf-8')]" \
    "$WORK/known-items.jsonl" > "$WORK/queries-$form.txt"
done
cut -f2 "$HERE/topical.tsv" | grep -v '^#' > "$WORK/queries-topical.txt" || true
grep -v '^#' "$HERE/topical.tsv" > "$WORK/topical.tsv"
cp "$HERE/judgments.tsv" "$WORK/judgments.tsv"

for system in "${systems[@]}"; do
  echo "== $system: queries"
  for form in written folded oldtone topical; do
    if [ "$system" = vnsearch ]; then
      python3 "$HERE/systems.py" vnsearch "$BIN" "$WORK/idx-eval" < "$WORK/queries-$form.txt"
    else
      peer_setup "$system" "$WORK" > /dev/null
      $PEER_PY "$HERE/systems.py" "$system" "$PEER_INDEX" < "$WORK/queries-$form.txt"
    fi > "$WORK/ranked-$system-$form.jsonl"
  done
done

python3 "$HERE/score.py" "$WORK" "${systems[@]}"

# The community set at passage level (communities.tsv, judged in communities-judgments.tsv;
# a hit nobody judged counts as 0: pool it with communities.py pool and judge it), and the
# questions and over-specified queries, the peers queried with OR.
echo "== community set and questions"
runs=()
for system in "${systems[@]}"; do
  if [ "$system" = vnsearch ]; then
    python3 "$HERE/communities.py" run vnsearch "$WORK/communities-vnsearch.jsonl" "$BIN" "$WORK/idx-eval"
    python3 "$HERE/questions.py" vnsearch "$WORK/idx-eval" "$BIN" > "$WORK/questions-vnsearch.json"
  else
    peer_setup "$system" "$WORK" > /dev/null
    $PEER_PY "$HERE/communities.py" run "$system" "$WORK/communities-$system.jsonl" "$PEER_INDEX"
    $PEER_PY "$HERE/questions.py" "$system" "$PEER_INDEX" > "$WORK/questions-$system.json"
  fi
  runs+=("$WORK/communities-$system.jsonl")
done
python3 "$HERE/communities.py" score "${runs[@]}"
echo
python3 "$HERE/questions.py" table $(for s in "${systems[@]}"; do echo "$WORK/questions-$s.json"; done)

# Readings in context: phrases typed without diacritics, read back (interpreted.readings).
# From articles held out of the index (every 70th: no phrase finds its own sentence) and
# from indexed ones (a phrase a reader copies from an article the index holds).
echo
echo "== readings in context"
# (Under an idx- folder: the corpus is found above as the work folder's other folder.)
READ="$WORK/idx-readings"
mkdir -p "$READ"
python3 "$HERE/readings.py" split "$SRC" "$READ/held" "$READ/kept"
(cd "$READ" && "$BIN" index kept --db index --quiet)
python3 "$HERE/readings.py" make "$READ/held" 600 7 > "$READ/phrases-held.jsonl"
python3 "$HERE/readings.py" make "$READ/kept" 600 11 > "$READ/phrases-indexed.jsonl"
echo "-- phrases from held-out articles"
python3 "$HERE/readings.py" score "$READ/phrases-held.jsonl" "$BIN" "$READ/index"
echo "-- phrases from indexed articles"
python3 "$HERE/readings.py" score "$READ/phrases-indexed.jsonl" "$BIN" "$READ/index"
# The held-out phrases again, typed with the text's capitals (`Van Quyet`, `Cau Giay`).
python3 "$HERE/readings.py" make "$READ/held" 600 7 cased > "$READ/phrases-held-cased.jsonl"
echo "-- phrases from held-out articles, capitals kept"
python3 "$HERE/readings.py" score "$READ/phrases-held-cased.jsonl" "$BIN" "$READ/index"
