"""Readings in context: phrases cut from corpus sentences, typed without diacritics; how
often each syllable's reading (the query read back, `interpreted.readings`) is the one the
sentence wrote, beside the "most frequent reading" baseline.

usage:
  readings.py split CORPUS_DIR HELD_DIR KEPT_DIR   every 70th article (by name) held out
  readings.py make HELD_DIR COUNT SEED [cased] > phrases.jsonl   (cased: queries keep the text's capitals)
  readings.py score phrases.jsonl BINARY INDEX      vnsearch, and the baseline from INDEX

The index the readings come from must not hold the held-out articles (`split` links the
rest into KEPT_DIR, which make eval indexes for this), so no phrase finds its own sentence.
A phrase is 2 to 6 syllables of one sentence, all of them words of letters (no numbers,
no Latin-only words with capitals inside such as `iPhone`); the truth is each syllable
lower-cased with its diacritics (old tone placement as the index normalises it).
"""
import json
import os
import random
import re
import subprocess
import sys
import unicodedata

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def fold(text):
    text = text.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def split(corpus, held, kept):
    os.makedirs(held, exist_ok=True)
    os.makedirs(kept, exist_ok=True)
    for i, name in enumerate(sorted(os.listdir(corpus))):
        target = held if i % 70 == 0 else kept
        link = os.path.join(target, name)
        if not os.path.exists(link):
            os.symlink(os.path.abspath(os.path.join(corpus, name)), link)


def fold_keeping_case(text):
    return "".join(c for c in unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
                   if not unicodedata.combining(c))


def make(held, count, seed, cased=False):
    rng = random.Random(seed)
    sentences = []
    for name in sorted(os.listdir(held)):
        text = unicodedata.normalize("NFC", open(os.path.join(held, name), encoding="utf-8", errors="replace").read())
        for sentence in re.split(r"[.!?;:\n\"“”()]+", text):
            words = sentence.split()
            # Runs of plain words only: a phrase never spans punctuation.
            run = []
            for w in words + [","]:
                if WORD.fullmatch(w) and not (w[1:] and any(c.isupper() for c in w[1:])):
                    run.append(w)
                else:
                    if len(run) >= 2:
                        sentences.append((name, run))
                    run = []
    rng.shuffle(sentences)
    out = []
    for name, run in sentences:
        if len(out) == count:
            break
        length = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - length)
        words = run[start:start + length]
        # Only phrases with a syllable that has diacritics to restore.
        if all(fold(w) == w.lower() for w in words):
            continue
        typed = fold_keeping_case if cased else fold
        out.append({"article": name, "truth": [w.lower() for w in words], "query": " ".join(typed(w) for w in words)})
    for row in out:
        print(json.dumps(row, ensure_ascii=False))


def score(path, binary, index):
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    proc = subprocess.run([binary, "search", "--batch", "--db", index, "--limit", "10"],
                          input="\n".join(r["query"] for r in rows) + "\n", capture_output=True, text=True, check=True)
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    baseline = most_frequent(index)
    ours = base = total = 0
    phrases_right = 0
    wrong = []
    for row, answer in zip(rows, answers):
        read = ((answer.get("interpreted") or {}).get("readings") or answer.get("suggestion") or row["query"])
        read = unicodedata.normalize("NFC", read).lower().split()
        truth = [normalise_tone(t) for t in row["truth"]]
        if len(read) != len(truth):
            read = row["query"].split()
        right = sum(1 for a, b in zip(read, truth) if normalise_tone(a) == b)
        ours += right
        base += sum(1 for q, b in zip(row["query"].split(), truth) if baseline(q) == b)
        total += len(truth)
        phrases_right += right == len(truth)
        if right < len(truth) and len(wrong) < 15:
            wrong.append("%s -> %s (truth %s)" % (row["query"], " ".join(read), " ".join(truth)))
    print("readings in context: %d phrases, %d syllables" % (len(rows), total))
    print("| reading | syllable accuracy | phrases all right |")
    print("|---|---|---|")
    print("| vnsearch (interpreted.readings) | %.3f | %.3f |" % (ours / total, phrases_right / len(rows)))
    print("| most frequent reading (index term frequency) | %.3f | – |" % (base / total))
    print("\nsome misses:\n  " + "\n  ".join(wrong))


# The old placements of the corpus (`hoà`, `thuỷ`, `khoẻ`) as the analyser writes them.
NEW_TONE = {}
for old, new in [("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
                 ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
                 ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy")]:
    NEW_TONE[old] = new


def normalise_tone(word, table=NEW_TONE):
    """The index writes tone marks in one placement (`hòa`, not `hoà`); compare the same way."""
    if word.startswith("qu") or word.startswith("gi"):
        return word
    for old, new in table.items():
        if word.endswith(old):
            return word[: -len(old)] + new
    return word


def most_frequent(index):
    """For each folded syllable, its reading in the most passages (exact terms `XE…`)."""
    sys.path.insert(0, "/usr/lib/python3/dist-packages")
    import xapian
    db = xapian.Database(index)
    best = {}
    for item in db.allterms("XE"):
        term = item.term.decode()[2:]
        key = fold(term)
        if item.termfreq > best.get(key, ("", 0))[1]:
            best[key] = (term, item.termfreq)
    return lambda folded: best.get(folded, (folded, 0))[0]


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "split":
        split(*args)
    elif command == "make":
        make(args[0], int(args[1]), int(args[2]), cased=args[3:] == ["cased"])
    elif command == "score":
        score(*args)


if __name__ == "__main__":
    main()
