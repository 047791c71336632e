#!/usr/bin/env bash
# make screenshot: the search page in a real browser. Indexes the seed report and the 1k
# news sample into a temporary folder, serves it, and has headless Chromium take a
# picture of a results page. Nothing is written into the repository.
#
# Environment: QUERY (default "người Hoa"), OUT (default /tmp/vnsearch-screenshot.png),
# CORPUS (default ../shared/corpora/vnnews-1k.tar.gz).
set -euo pipefail
cd "$(dirname "$0")/.."
QUERY=${QUERY:-người Hoa}
OUT=${OUT:-/tmp/vnsearch-screenshot.png}
CORPUS=${CORPUS:-../shared/corpora/vnnews-1k.tar.gz}
BIN=$PWD/.build/release/vnsearch

scripts/install-deps.sh chromium fonts-dejavu-core curl
WORK=$(mktemp -d /tmp/vnsearch-screenshot.XXXXXX)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/corpus"
cp corpus/*.txt "$WORK/corpus/"
[ -f "$CORPUS" ] && tar -xzf "$CORPUS" -C "$WORK/corpus"
(cd "$WORK" && "$BIN" index --quiet)

(cd "$WORK" && exec "$BIN" serve --port 0 --log-level warning > serve.out 2> serve.err) &
SERVER=$!
for _ in $(seq 100); do grep -q "http://" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://[^ ]*' "$WORK/serve.out" | head -1)
URL="${BASE}?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$QUERY")"

# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1500 \
  --screenshot="$OUT" "$URL" 2> "$WORK/chromium.log" || { cat "$WORK/chromium.log" >&2; exit 1; }
echo "screenshot of $URL"
echo "written to $OUT"
