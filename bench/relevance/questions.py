"""Natural questions and over-specified keyword queries, each with its one answer article:
success@1, success@10, MRR@10 and the share with no result, for vnsearch and for the peers
queried with OR (a peer given AND finds nothing for most questions).

usage: questions.py SYSTEM INDEX [BINARY] > scores.json     SYSTEM: vnsearch, xapian, fts5, tantivy
       questions.py table scores.json...                    the table

Sets (beside this script): questions-a.tsv and questions-b.tsv (220 questions written by AI
helpers who read the article; every fourth is asked without diacritics, `đ` as `d`) and
overspecified.tsv (60 keyword queries with a word or two the answer's passage lacks).
"""
import json
import os
import sys
import unicodedata

import systems

HERE = os.path.dirname(os.path.abspath(__file__))
DEPTH = 100


def fold(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def load():
    sets = {"questions": [], "questions-folded": [], "overspecified": []}
    n = 0
    for name in ["questions-a.tsv", "questions-b.tsv"]:
        for line in open(os.path.join(HERE, name), encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                _, article, question = line.rstrip("\n").split("\t")
                n += 1
                if n % 4 == 0:
                    sets["questions-folded"].append((fold(question), article))
                else:
                    sets["questions"].append((question, article))
    for line in open(os.path.join(HERE, "overspecified.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            _, article, query = line.rstrip("\n").split("\t")
            sets["overspecified"].append((query, article))
    return sets


def words(query):
    return [w.strip("?.,!:;\"'()") for w in query.split() if w.strip("?.,!:;\"'()")]


def run(system, index, binary, queries):
    if system == "vnsearch":
        return systems.vnsearch(binary, index, queries)
    out = []
    if system == "xapian":
        sys.path.insert(0, "/usr/lib/python3/dist-packages")
        import xapian
        db = xapian.Database(index)
        qp = xapian.QueryParser()
        qp.set_database(db)
        qp.set_default_op(xapian.Query.OP_OR)
        enquire = xapian.Enquire(db)
        for q in queries:
            enquire.set_query(qp.parse_query(" ".join(words(q)), 0))
            names = [next(t.term.decode() for t in m.document.termlist() if t.term.startswith(b"Q"))[1:].split("#")[0]
                     for m in enquire.get_mset(0, DEPTH)]
            out.append(systems.top_articles(names))
    elif system == "fts5":
        import sqlite3
        con = sqlite3.connect(index)
        for q in queries:
            match = " OR ".join('"%s"' % w.replace('"', "") for w in words(q))
            rows = con.execute("select name from p where p match ? order by rank limit ?", (match, DEPTH)).fetchall() if match else []
            out.append(systems.top_articles([r[0] for r in rows]))
    elif system == "tantivy":
        import tantivy
        idx = tantivy.Index.open(index)
        idx.reload()
        searcher = idx.searcher()
        for q in queries:
            try:
                query = idx.parse_query(" OR ".join(w.replace('"', "") for w in words(q)), ["body"])
                hits = searcher.search(query, DEPTH).hits
            except ValueError:
                hits = []
            out.append(systems.top_articles([searcher.doc(a)["name"][0] for _, a in hits]))
    return out


def measure(system, index, binary=None):
    scores = {}
    for name, rows in load().items():
        ranked = run(system, index, binary, [q for q, _ in rows])
        s1 = s10 = rr = empty = 0
        for (q, answer), names in zip(rows, ranked):
            names = names[:10]
            if not names:
                empty += 1
            if answer in names:
                rank = names.index(answer) + 1
                s1 += rank == 1
                s10 += 1
                rr += 1 / rank
        n = len(rows)
        scores[name] = {"n": n, "success@1": s1 / n, "success@10": s10 / n, "MRR@10": rr / n, "no result": empty / n}
    return {"system": system, "scores": scores}


def table(paths):
    runs = [json.load(open(p)) for p in paths]
    names = list(runs[0]["scores"])
    print("| system | " + " | ".join("%s (%d) s@1 / s@10 / MRR@10 / none" % (n, runs[0]["scores"][n]["n"]) for n in names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for r in runs:
        cells = ["%.2f / %.2f / %.3f / %.2f" % tuple(r["scores"][n][k] for k in ["success@1", "success@10", "MRR@10", "no result"])
                 for n in names]
        print("| %s | %s |" % (r.get("label", r["system"]), " | ".join(cells)))


def main():
    if sys.argv[1] == "table":
        table(sys.argv[2:])
    else:
        print(json.dumps(measure(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)))


if __name__ == "__main__":
    main()
