"""Runs queries through vnsearch and the peers and returns, per query, the ranked list of
distinct article file names (top 10). Peers index one document per line (the anchors in
../shared/bench), so their hits are mapped to articles and de-duplicated in rank order.

usage: systems.py {vnsearch BINARY|xapian|fts5|tantivy} INDEX < queries.txt > ranked.jsonl
(one JSON list of article file names per query line)

Every system gets AND semantics, as vnsearch has and as ../shared/bench/anchor_query.py
queries the peers: Xapian's QueryParser with OP_AND, tantivy's parse_query with the words
joined by AND, SQLite FTS5 with its implicit AND (every word quoted, so punctuation cannot
break its syntax). Otherwise each peer runs with its defaults.
"""
import json
import os
import subprocess
import sys

DEPTH = 100     # peer hits read to find 10 distinct articles


def top_articles(names, k=10):
    seen = []
    for n in names:
        if n not in seen:
            seen.append(n)
            if len(seen) == k:
                break
    return seen


def vnsearch_answers(binary, db, queries):
    """vnsearch's JSON answer to each query (`search --batch`, top 10)."""
    proc = subprocess.run([binary, "search", "--batch", "--db", db, "--limit", "10"],
                          input="\n".join(queries) + "\n", capture_output=True, text=True, check=True)
    return [json.loads(line) for line in proc.stdout.splitlines()]


def vnsearch(binary, db, queries):
    return [[os.path.basename(h["article"]["path"]) for h in r.get("results", [])]
            for r in vnsearch_answers(binary, db, queries)]


def xapian_peer(index, queries):
    import xapian
    db = xapian.Database(index)
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_AND)
    enquire = xapian.Enquire(db)
    out = []
    for q in queries:
        enquire.set_query(qp.parse_query(q, xapian.QueryParser.FLAG_DEFAULT))
        names = []
        for m in enquire.get_mset(0, DEPTH):
            key = next(t.term.decode() for t in m.document.termlist() if t.term.startswith(b"Q"))
            names.append(key[1:].split("#")[0])
        out.append(top_articles(names))
    return out


def fts5_peer(index, queries):
    import sqlite3
    con = sqlite3.connect(index)
    out = []
    for q in queries:
        match = " ".join('"%s"' % w.replace('"', "") for w in q.split())
        rows = con.execute("select name from p where p match ? order by rank limit ?", (match, DEPTH)).fetchall()
        out.append(top_articles([r[0] for r in rows]))
    return out


def tantivy_peer(index, queries):
    import tantivy
    idx = tantivy.Index.open(index)
    idx.reload()
    searcher = idx.searcher()
    out = []
    for q in queries:
        try:
            query = idx.parse_query(" AND ".join(w.replace('"', "") for w in q.split()), ["body"])
        except ValueError:
            out.append([])
            continue
        hits = searcher.search(query, DEPTH).hits
        out.append(top_articles([searcher.doc(a)["name"][0] for _, a in hits]))
    return out


PEERS = {"xapian": xapian_peer, "fts5": fts5_peer, "tantivy": tantivy_peer}


def main():
    args = sys.argv[1:]
    queries = [line.rstrip("\n") for line in sys.stdin]
    if args[0] == "vnsearch":
        ranked = vnsearch(args[1], args[2], queries)
    else:
        ranked = PEERS[args[0]](args[1], queries)
    for names in ranked:
        print(json.dumps(names))


if __name__ == "__main__":
    main()
