"""Scores ranked lists against the known-item answers and the graded topical judgements and
prints one table: success@10, MRR@10 and nDCG@10 per system and query form.

usage: score.py WORK_DIR SYSTEM...
WORK_DIR holds known-items.jsonl, topical.tsv, judgments.tsv and, per system and form,
ranked-SYSTEM-FORM.jsonl (one JSON list of article names per query, in query order).
"""
import json
import math
import os
import sys

FORMS = ["written", "folded", "oldtone"]
RELEVANT = 2        # topical grades: 0 not, 1 mentions the subject, 2 about it, 3 squarely


def dcg(gains):
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def metrics(ranked, grades):
    """ranked: article names; grades: {article: grade}. Returns (success, rr, ndcg) at 10."""
    top = ranked[:10]
    hits = [i for i, a in enumerate(top) if grades.get(a, 0) >= RELEVANT]
    ideal = dcg(sorted(((2 ** g - 1) for g in grades.values()), reverse=True)[:10])
    ndcg = dcg([2 ** grades.get(a, 0) - 1 for a in top]) / ideal if ideal else 0.0
    return (1.0 if hits else 0.0, 1.0 / (hits[0] + 1) if hits else 0.0, ndcg)


def load_ranked(work, system, form):
    path = os.path.join(work, f"ranked-{system}-{form}.jsonl")
    return [json.loads(line) for line in open(path, encoding="utf-8")] if os.path.exists(path) else None


def mean(rows):
    return [sum(col) / len(rows) for col in zip(*rows)] if rows else [0, 0, 0]


def main():
    work, systems = sys.argv[1], sys.argv[2:]
    items = [json.loads(line) for line in open(os.path.join(work, "known-items.jsonl"), encoding="utf-8")]
    topics = [line.rstrip("\n").split("\t") for line in open(os.path.join(work, "topical.tsv"), encoding="utf-8")
              if line.strip() and not line.startswith("#")]
    judged = {}
    for line in open(os.path.join(work, "judgments.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            qid, article, grade = line.rstrip("\n").split("\t")
            judged.setdefault(qid, {})[article] = int(grade)

    print(f"\nknown-item queries: {len(items)} (one answer each); topical: {len(topics)} "
          f"(graded 0-3, relevant at {RELEVANT}+; unjudged counts as 0)")
    header = "| system | " + " | ".join(f"{f} s@10 / MRR / nDCG" for f in FORMS) + " | topical s@10 / MRR / nDCG |"
    print(header)
    print("|" + "---|" * (len(FORMS) + 2))
    for system in systems:
        cells = []
        for form in FORMS:
            ranked = load_ranked(work, system, form)
            if ranked is None:
                cells.append("–")
                continue
            rows = [metrics(r, {it["answer"]: 3}) for r, it in zip(ranked, items)]
            cells.append(" / ".join(f"{v:.2f}" for v in mean(rows)))
        ranked = load_ranked(work, system, "topical")
        if ranked is None:
            cells.append("–")
        else:
            rows = [metrics(r, judged.get(qid, {})) for r, (qid, _) in zip(ranked, topics)]
            cells.append(" / ".join(f"{v:.2f}" for v in mean(rows)))
        print(f"| {system} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
