#!/usr/bin/env bash
# schemathesis (every check) against the server's own /openapi.json, on the seed report:
# once without a token (no write routes described) and once with one (the writes too).
# Part of make test. Installs schemathesis from PyPI when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/vnsearch}
if ! command -v schemathesis > /dev/null; then
  python3 -m pip install --quiet schemathesis || { echo "api-check: cannot install schemathesis (pip install schemathesis)" >&2; exit 1; }
fi
WORK=$(mktemp -d /tmp/vnsearch-api.XXXXXX)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2> /dev/null; wait 2> /dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/corpus"
cp corpus/*.txt "$WORK/corpus/"
(cd "$WORK" && "$OLDPWD/$BIN" index corpus --db index --quiet)
head -c 32 /dev/urandom | base64 > "$WORK/token"

run() {  # run NAME [serve flags...]: serve on a free port, run schemathesis, stop
  local name=$1; shift
  (cd "$WORK" && exec "$OLDPWD/$BIN" serve --db index --port 0 --log-level error "$@" > "$WORK/serve-$name.log" 2>&1) &
  PID=$!
  local port=
  for _ in $(seq 100); do
    port=$(grep -o '127.0.0.1:[0-9]*' "$WORK/serve-$name.log" 2> /dev/null | head -1 | cut -d: -f2) && [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "api-check: the server did not start:" >&2; cat "$WORK/serve-$name.log" >&2; exit 1; }
  local auth=()
  [ "$name" = token ] && auth=(-H "Authorization: Bearer $(cat "$WORK/token")")
  echo "== schemathesis, server $name"
  # (From the work folder: schemathesis keeps a cache where it runs.)
  if ! (cd "$WORK" && schemathesis run "http://127.0.0.1:$port/openapi.json" --checks all --seed 2026 "${auth[@]}") > "$WORK/st-$name.log" 2>&1; then
    # The failures and the summary; a failing example may hold a megabyte of generated text.
    grep -v '^    curl' "$WORK/st-$name.log" | cut -c1-300 | tail -60 >&2
    exit 1
  fi
  tail -3 "$WORK/st-$name.log"
  kill "$PID"; wait "$PID" 2> /dev/null || true; PID=
}
run without-token
run token --token-file "$WORK/token" --corpus "$WORK/corpus"
