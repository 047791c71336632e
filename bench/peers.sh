# Sourced by bench/run.sh and bench/relevance/run.sh: how to reach each peer.
# peer_setup NAME WORK sets PEER_PY (the python that has the peer's module), PEER_SCRIPT (the
# anchor indexer in ../shared/bench) and PEER_INDEX; installs the module when root can; returns
# 1 when the peer is unavailable here.
peer_setup() {
  local peer=$1 work=$2 anchors=../shared/bench
  case $peer in
    xapian)
      # python3-xapian is a Debian package: it lives in the system python.
      PEER_PY=/usr/bin/python3
      $PEER_PY -c 'import xapian' 2>/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq python3-xapian > /dev/null; } || true
      PEER_SCRIPT=$anchors/anchor_xapian_py.py; PEER_INDEX=$work/idx-xapian ;;
    fts5)
      PEER_PY=python3; PEER_SCRIPT=$anchors/anchor_fts5.py; PEER_INDEX=$work/idx-fts5.db ;;
    tantivy)
      PEER_PY=python3
      $PEER_PY -c 'import tantivy' 2>/dev/null || $PEER_PY -m pip install -q tantivy > /dev/null 2>&1 || true
      PEER_SCRIPT=$anchors/anchor_tantivy.py; PEER_INDEX=$work/idx-tantivy ;;
    *) echo "unknown peer $peer" >&2; return 1 ;;
  esac
  if ! $PEER_PY -c "import ${peer/fts5/sqlite3}" 2>/dev/null; then
    echo "== $peer: not available here, skipped"
    return 1
  fi
}
