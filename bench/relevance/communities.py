"""The topical community set (communities.tsv) judged at passage level: each system's top 10
passages per query, pooled for judging, and scored as P@10 and nDCG@10 per typing form.

usage:
  communities.py run SYSTEM OUT.jsonl [BINARY INDEX | INDEX]   top 10 passages per query line
  communities.py pool OUT.md RUN.jsonl...                       unjudged passages, for a judge
  communities.py score RUN.jsonl...                             the table (judgments beside this script)

A passage is known by its article file and its place there: `#p<index>` for a vnsearch
passage, `#l<line>` for a peer's document (the anchors in ../shared/bench index one document
per non-empty line; tantivy's documents by a digest of their text). communities-judgments.tsv holds `id <TAB> passage <TAB> grade`, graded
0-3 for the query's sense (3 squarely about it, 2 about it, 1 mentions it in passing or in
another sense, 0 not); relevant at 2 and up. No corpus text is kept in the project.

The peers run as make eval runs them (systems.py): AND of the words, their defaults.
"""
import hashlib
import json
import math
import os
import sys

import systems

HERE = os.path.dirname(os.path.abspath(__file__))
RELEVANT = 2


def queries():
    rows = []
    for line in open(os.path.join(HERE, "communities.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            qid, form, sense, query = line.rstrip("\n").split("\t")
            rows.append({"id": qid, "form": form, "sense": sense, "query": query})
    return rows


def vnsearch_run(binary, db, texts):
    return [[{"key": "%s#p%d" % (os.path.basename(h["article"]["path"]), h["passage"]["index"]),
              "text": h["passage"]["text"]} for h in r.get("results", [])]
            for r in systems.vnsearch_answers(binary, db, texts)]


def peer_hits(system, index, texts):
    """(name, line index, text) of the top 10 documents, as systems.py queries the peers."""
    out = []
    if system == "xapian":
        import xapian
        db = xapian.Database(index)
        qp = xapian.QueryParser()
        qp.set_database(db)
        qp.set_default_op(xapian.Query.OP_AND)
        enquire = xapian.Enquire(db)
        for q in texts:
            enquire.set_query(qp.parse_query(q, xapian.QueryParser.FLAG_DEFAULT))
            hits = []
            for m in enquire.get_mset(0, 10):
                key = next(t.term.decode() for t in m.document.termlist() if t.term.startswith(b"Q"))
                name, line = key[1:].split("#")
                hits.append({"key": "%s#l%s" % (name, line), "text": m.document.get_data().decode()})
            out.append(hits)
    elif system == "fts5":
        import sqlite3
        con = sqlite3.connect(index)
        for q in texts:
            match = " ".join('"%s"' % w.replace('"', "") for w in q.split())
            rows = con.execute("select name, rowid, body from p where p match ? order by rank limit 10", (match,)).fetchall()
            out.append([{"key": "%s#r%d" % (r[0], r[1]), "text": r[2]} for r in rows])
    elif system == "tantivy":
        import tantivy
        idx = tantivy.Index.open(index)
        idx.reload()
        searcher = idx.searcher()
        for q in texts:
            try:
                query = idx.parse_query(" AND ".join(w.replace('"', "") for w in q.split()), ["body"])
            except ValueError:
                out.append([])
                continue
            hits = []
            for _, address in searcher.search(query, 10).hits:
                doc = searcher.doc(address)
                text = doc["body"][0]
                digest = hashlib.md5(text.encode()).hexdigest()[:8]
                hits.append({"key": "%s#t%s" % (doc["name"][0], digest), "text": text})
            out.append(hits)
    return out


def run(system, out_path, args):
    rows = queries()
    texts = [r["query"] for r in rows]
    ranked = vnsearch_run(args[0], args[1], texts) if system.startswith("vnsearch") else peer_hits(system, args[0], texts)
    with open(out_path, "w", encoding="utf-8") as out:
        for row, hits in zip(rows, ranked):
            out.write(json.dumps({"system": system, **row, "hits": hits}, ensure_ascii=False) + "\n")


def labels(name, value):
    """(id, passage) -> value(third column) from a TSV beside this script (none if absent)."""
    path = os.path.join(HERE, name)
    found = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                qid, key, label = line.rstrip("\n").split("\t")
                found[(qid, key)] = value(label)
    return found


def judgments():
    return labels("communities-judgments.tsv", int)


def mentions():
    """(id, passage) -> whether the passage mentions the ethnic query's community in its sense,
    where communities-mentions.tsv says; else the grade says it (2+: yes, 0: no), or nothing."""
    return labels("communities-mentions.tsv", lambda flag: flag == "1")


def mentioned(key, graded, said):
    if key in said:
        return said[key]
    g = graded.get(key)
    return None if g is None or g == 1 else g >= 2


def load(paths):
    return [json.loads(line) for p in paths for line in open(p, encoding="utf-8")]


def fold(text):
    import unicodedata
    text = text.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def window(text, query, size=700):
    """A peer's document is a whole line, often the whole body: the judge reads the part
    that holds most of the query's syllables."""
    if len(text) <= size:
        return text
    words = set(fold(query).split())
    folded = fold(text)
    best, best_start = -1, 0
    for start in range(0, len(text) - size + 1, 100):
        hits = sum(1 for w in folded[start:start + size].split() if w.strip(".,;:!?\"'()") in words)
        if hits > best:
            best, best_start = hits, start
    return "…" + text[best_start:best_start + size] + "…"


def pool(out_path, paths):
    graded = judgments()
    seen = set()
    with open(out_path, "w", encoding="utf-8") as out:
        for r in load(paths):
            for h in r["hits"]:
                k = (r["id"], h["key"])
                if k in graded or k in seen:
                    continue
                seen.add(k)
                out.write(json.dumps({"id": r["id"], "sense": r["sense"], "query": r["query"], "key": h["key"],
                                      "text": window(h["text"], r["query"])}, ensure_ascii=False) + "\n")
    print("%d passages to judge in %s" % (len(seen), out_path))


def dcg(gains):
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def score(paths):
    graded = judgments()
    ideal_by_id = {}
    for (qid, _), g in graded.items():
        ideal_by_id.setdefault(qid, []).append(g)
    table = {}
    unjudged = 0
    for r in load(paths):
        grades = []
        for h in r["hits"][:10]:
            g = graded.get((r["id"], h["key"]))
            if g is None:
                unjudged += 1
                g = 0
            grades.append(g)
        p10 = sum(1 for g in grades if g >= RELEVANT) / 10
        ideal = dcg(sorted((2 ** g - 1 for g in ideal_by_id.get(r["id"], [])), reverse=True)[:10])
        ndcg = dcg([2 ** g - 1 for g in grades]) / ideal if ideal else 0.0
        # Precision over what is shown (a short list is not penalised for its length).
        shown = sum(1 for g in grades if g >= RELEVANT) / len(grades) if grades else 0.0
        table.setdefault(r["system"], {}).setdefault(r["form"], []).append((p10, ndcg, shown))
    print("\ncommunity set: %d queries per form, passage level, graded 0-3 (relevant at %d+); %d unjudged hits count as 0"
          % (len(table[next(iter(table))].get("accented", [])), RELEVANT, unjudged))
    print_table(table, "P@10 / nDCG@10 / prec. shown")
    mention_table(paths, graded)


def print_table(table, columns):
    """system -> form -> rows of figures, as a markdown table of the rows' means per form."""
    forms = ["accented", "folded", "lower"]
    print("| system | " + " | ".join("%s %s" % (f, columns) for f in forms) + " |")
    print("|---" * (len(forms) + 1) + "|")
    for system, by_form in table.items():
        cells = []
        for f in forms:
            rows = by_form.get(f, [])
            cells.append(" / ".join("%.3f" % (sum(c) / len(rows)) for c in zip(*rows)) if rows else "–")
        print("| %s | %s |" % (system, " | ".join(cells)))


def mention_table(paths, graded):
    """The hidden community set's measure on this set's community queries: the share of the
    top 5 and top 10 shown whose passage mentions the community in the sense asked."""
    said = mentions()
    table, unknown = {}, 0
    for r in load(paths):
        if not r["sense"].startswith("ethnic:"):
            continue
        cells = []
        for k in (5, 10):
            flags = [mentioned((r["id"], h["key"]), graded, said) for h in r["hits"][:k]]
            unknown += flags.count(None) if k == 10 else 0
            cells.append(sum(1 for f in flags if f) / len(flags) if flags else 0.0)
        table.setdefault(r["system"], {}).setdefault(r["form"], []).append(cells)
    print("\ncommunity queries (ethnic senses): share of the top 5 / top 10 shown that mention the community "
          "in the sense asked; %d unlabelled hits count as no" % unknown)
    print_table(table, "@5 / @10")


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "run":
        run(args[0], args[1], args[2:])
    elif command == "pool":
        pool(args[0], args[1:])
    elif command == "score":
        score(args)


if __name__ == "__main__":
    main()
