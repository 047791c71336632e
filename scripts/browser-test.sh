#!/usr/bin/env bash
# The search page in a real browser (scripts/browser_test.py: headless Chromium through
# Selenium), against a server on the seed report and the 1k news sample. Part of
# make test; make screenshot runs it with SHOTS set, keeping the pictures it takes at
# 1280 and 390 px.
#
# Environment: BIN (default the debug build), SHOTS (a folder for the screenshots),
# CORPUS (default ../shared/corpora/vnnews-1k.tar.gz).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/${BIN:-.build/debug/vnsearch}
CORPUS=${CORPUS:-../shared/corpora/vnnews-1k.tar.gz}
scripts/install-deps.sh chromium chromium-driver python3-selenium fonts-dejavu-core

WORK=$(mktemp -d /tmp/vnsearch-browser.XXXXXX)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2> /dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/corpus"
cp corpus/*.txt "$WORK/corpus/"
[ -f "$CORPUS" ] && tar -xzf "$CORPUS" -C "$WORK/corpus"
(cd "$WORK" && "$BIN" index --quiet)
(cd "$WORK" && exec "$BIN" serve --port 0 --log-level warning > serve.out 2> serve.err) &
SERVER=$!
for _ in $(seq 100); do grep -q "http://" "$WORK/serve.out" 2> /dev/null && break; sleep 0.1; done
BASE=$(grep -o 'http://[^ ]*' "$WORK/serve.out" | head -1)
[ -n "$BASE" ] || { echo "browser-test: the server did not start:" >&2; cat "$WORK/serve.err" >&2; exit 1; }
[ -n "${SHOTS:-}" ] && mkdir -p "$SHOTS"
echo "== browser checks against $BASE"
/usr/bin/python3 scripts/browser_test.py "$BASE" ${SHOTS:+"$SHOTS"}
