"""Generates the known-item query set from a corpus folder, deterministically (fixed seed).

For each query: pick an article and one of its sentences, take 2-4 of the sentence's less
common syllables in their order; that article is the right answer. Every chosen sentence
holds a syllable whose tone mark can sit in two places (hòa/hoà, thủy/thuỷ, khỏe/khoẻ), and
that syllable is in the query, so the three forms differ:

  written   the syllables as the article writes them
  folded    without diacritics (đ -> d), as typed on a keyboard without a Vietnamese layout
  oldtone   with the other tone placement (hòa -> hoà, thủy -> thuỷ, khỏe -> khoẻ)

usage: known_items.py CORPUS_DIR COUNT SEED > queries.jsonl
"""
import json
import os
import random
import re
import sys
import unicodedata

TONES = "\u0300\u0301\u0303\u0309\u0323"   # grave, acute, tilde, hook above, dot below
SYLLABLE = re.compile(r"[^\W\d_]+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
RARE_SHARE = 0.02       # a "less common" syllable is in at most 2% of the articles


def movable(syllable):
    """True when the tone mark sits on the first vowel of an open oa/oe/uy (hòa, thủy, khỏe),
    the placement that the other style moves to the second vowel (hoà, thuỷ, khoẻ)."""
    return old_tone(syllable) != syllable


def old_tone(syllable):
    chars = list(unicodedata.normalize("NFD", syllable))
    for i in range(len(chars) - 2):
        base, mark, nxt = chars[i].lower(), chars[i + 1], chars[i + 2].lower()
        if mark not in TONES or (base, nxt) not in {("o", "a"), ("o", "e"), ("u", "y")}:
            continue
        if base == "u" and i > 0 and chars[i - 1].lower() == "q":
            continue                        # "quý": u belongs to the consonant qu
        if any(c.isalpha() for c in chars[i + 3:]):
            continue                        # closed syllable (hoàn): one placement only
        chars[i + 1], chars[i + 2] = chars[i + 2], chars[i + 1]
        return unicodedata.normalize("NFC", "".join(chars))
    return syllable


def fold(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def main():
    src, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    names = sorted(n for n in os.listdir(src) if n.endswith(".txt"))
    texts = {}
    df = {}
    for name in names:
        text = unicodedata.normalize("NFC", open(os.path.join(src, name), encoding="utf-8", errors="replace").read())
        texts[name] = text
        for s in set(m.lower() for m in SYLLABLE.findall(text)):
            df[s] = df.get(s, 0) + 1
    rare = RARE_SHARE * len(names)
    rng = random.Random(seed)
    order = names[:]
    rng.shuffle(order)
    made = 0
    for name in order:
        if made == count:
            break
        sentences = [s for line in texts[name].split("\n")[1:] for s in SENTENCE_END.split(line)]
        rng.shuffle(sentences)
        for sentence in sentences:
            words = SYLLABLE.findall(sentence)
            if len(words) < 10:
                continue
            picks = [i for i, w in enumerate(words) if df[w.lower()] <= rare and len(w) > 1]
            tone = [i for i in picks if movable(words[i])]
            if not tone or len(picks) < 2:
                continue
            k = rng.randint(2, min(4, len(picks)))
            chosen = set(rng.sample([i for i in picks if i != tone[0]], k - 1)) | {rng.choice(tone)}
            query = [words[i] for i in sorted(chosen)]
            written = " ".join(query)
            print(json.dumps({"id": f"k{made + 1:03d}", "answer": name, "written": written,
                              "folded": fold(written), "oldtone": " ".join(old_tone(w) for w in query)},
                             ensure_ascii=False))
            made += 1
            break


if __name__ == "__main__":
    main()
