"""Lists the pooled, not yet judged (query, article) pairs of the topical set, with the text
a judge needs: the article's title and its lines that share most syllables with the query.
Run it after a change to ranking, judge what it prints, and add the grades to judgments.tsv.

usage: pool.py WORK_DIR CORPUS_DIR [DEPTH] > to-judge.md
WORK_DIR is make eval's work folder (ranked-*-topical.jsonl from every system).
"""
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))


def fold(text):
    text = text.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def syllables(text):
    return set(re.findall(r"\w+", fold(text)))


def main():
    work, corpus = sys.argv[1], sys.argv[2]
    depth = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    topics = [line.rstrip("\n").split("\t") for line in open(os.path.join(HERE, "topical.tsv"), encoding="utf-8")
              if line.strip() and not line.startswith("#")]
    judged = set()
    for line in open(os.path.join(HERE, "judgments.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            qid, article, _ = line.rstrip("\n").split("\t")
            judged.add((qid, article))
    runs = [[json.loads(l) for l in open(path, encoding="utf-8")]
            for path in sorted(glob.glob(os.path.join(work, "ranked-*-topical.jsonl")))]
    for n, (qid, query) in enumerate(topics):
        pooled = []
        for run in runs:
            for article in run[n][:depth]:
                if article not in pooled and (qid, article) not in judged:
                    pooled.append(article)
        if not pooled:
            continue
        print(f"\n## {qid}: {query}\n")
        words = syllables(query)
        for article in sorted(pooled):
            lines = [l.strip() for l in open(os.path.join(corpus, article), encoding="utf-8", errors="replace") if l.strip()]
            best = sorted(lines[1:], key=lambda l: -len(words & syllables(l)))[:3]
            print(f"- {qid}\t{article}\t? | title: {lines[0][:200] if lines else ''}")
            for l in best:
                print(f"    > {l[:400]}")


if __name__ == "__main__":
    main()
