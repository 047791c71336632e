"""Latency of 8-15-syllable questions (bench/relevance/questions-*.tsv): vnsearch's took_ms
from `search --batch`, beside plain Xapian's OR query with a snippet per hit (what a peer
needs to answer a question at all: with AND it finds nothing for most).

usage: questions_latency.py BINARY VNSEARCH_INDEX XAPIAN_INDEX   (one JSON line)
"""
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def questions():
    out = []
    for name in ["questions-a.tsv", "questions-b.tsv"]:
        for line in open(os.path.join(HERE, "relevance", name), encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                q = line.rstrip("\n").split("\t")[2]
                if 8 <= len(re.findall(r"\w+", q)) <= 15:
                    out.append(q)
    return out


def percentiles(lat):
    lat = sorted(lat)
    p = lambda x: lat[min(len(lat) - 1, int(x * len(lat)))]
    return {"p50": p(.5), "p90": p(.9), "p99": p(.99)}


def main():
    binary, ours, xap = sys.argv[1:4]
    qs = questions()
    proc = subprocess.run([binary, "search", "--batch", "--db", ours], input="\n".join(qs[:20] + qs) + "\n",
                          capture_output=True, text=True, check=True)
    lat = [json.loads(l)["took_ms"] for l in proc.stdout.splitlines()[20:]]
    sys.path.insert(0, "/usr/lib/python3/dist-packages")
    import xapian
    db = xapian.Database(xap)
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_OR)
    enquire = xapian.Enquire(db)

    def run(q):
        enquire.set_query(qp.parse_query(q, xapian.QueryParser.FLAG_DEFAULT))
        m = enquire.get_mset(0, 10)
        return [m.snippet(it.document.get_data(), 200) for it in m]

    for q in qs[:20]:
        run(q)
    peer = []
    for q in qs:
        t = time.perf_counter()
        run(q)
        peer.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"questions": len(qs), "vnsearch": percentiles(lat), "xapian_or": percentiles(peer)}))


if __name__ == "__main__":
    main()
