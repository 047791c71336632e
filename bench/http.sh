#!/usr/bin/env bash
# The HTTP figure: wrk with 32 connections against GET /search (the queries in turn),
# beside the in-process rate of `vnsearch search --batch` on the same index and queries,
# in the same run. Prints one JSON line:
#   {"peer":"vnsearch","http_rps":…,"http_p50_ms":…,"http_p99_ms":…,"http_errors":…,
#    "batch_qps":…,"one_core_qps":…,"http_alive_after":true}
#
# Usage: bench/http.sh BIN DB QUERIES [SECONDS]
set -euo pipefail
# A search that fails inside $(...) stops the script too, not only a figure made of its time.
shopt -s inherit_errexit
BIN=$1 DB=$2 QUERIES=$3 SECONDS_RUN=${4:-20}
WORK=$(mktemp -d /tmp/vnsearch-http.XXXXXX)
trap 'kill "${SERVER:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

# In-process, one search at a time: one process answering every query in turn (JSON
# included), timed on a second pass over twice the queries, as warm as the server will be
# after its first few hundred requests. Twice: as it runs (each search counts its facets,
# and may share a broad query's first pass, on a second thread, so it uses two cores too),
# and held to one core by taskset (the first the process may run on): our reading of the
# single-threaded rate the HTTP issue's target (HTTP at least 1.2x) is set against.
cat "$QUERIES" "$QUERIES" > "$WORK/twice.txt"
in_process_qps() {
  "$@" search --batch --db "$DB" < "$QUERIES" > /dev/null
  local start
  start=$(date +%s.%N)
  "$@" search --batch --db "$DB" < "$WORK/twice.txt" > /dev/null
  python3 -c "n=sum(1 for l in open('$WORK/twice.txt') if l.strip()); print(n / ($(date +%s.%N) - $start))"
}
batch_qps=$(in_process_qps "$BIN")
first_cpu=$(taskset -cp $$ | sed 's/.*: *//; s/[-,].*//')
one_core_qps=$(in_process_qps taskset -c "$first_cpu" "$BIN")

# The server, access log off (warning level) so the figure is the search's, on a free port.
"$BIN" serve --db "$DB" --port 0 --log-level warning > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER=$!
for _ in $(seq 100); do grep -q "http://" "$WORK/serve.out" && break; sleep 0.1; done
BASE=$(grep -o 'http://[^ ]*' "$WORK/serve.out" | head -1)
BASE=${BASE%/}

# A wrk script that sends the queries in turn, percent-encoded.
python3 - "$QUERIES" > "$WORK/queries.lua" <<'PY'
import sys, urllib.parse
paths = ["/search?limit=10&q=" + urllib.parse.quote(l.strip()) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
print("local paths = {" + ",".join('"%s"' % p for p in paths) + "}")
print("local i = 0")
print("request = function() i = i % #paths + 1; return wrk.format('GET', paths[i]) end")
PY
wrk -t2 -c32 -d"${SECONDS_RUN}s" --latency -s "$WORK/queries.lua" "$BASE" > "$WORK/wrk.txt"
alive=false
curl -fsS "$BASE/health" > /dev/null && alive=true

python3 - "$WORK/wrk.txt" "$batch_qps" "$one_core_qps" "$alive" <<'PY'
import json, re, sys
text, batch, one_core, alive = open(sys.argv[1]).read(), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "true"
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
def percentile(p):
    m = re.search(r"^\s*%d%%\s+([\d.]+)(us|ms|s)\s*$" % p, text, re.M)
    return ms(*m.groups()) if m else None
errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
if socket:
    errors += sum(int(n) for n in socket.groups())
print(json.dumps({"peer": "vnsearch", "http_rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
                  "http_p50_ms": percentile(50), "http_p99_ms": percentile(99), "http_errors": errors,
                  "batch_qps": batch, "one_core_qps": one_core, "http_alive_after": alive}))
PY
