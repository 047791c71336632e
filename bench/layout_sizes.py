"""What an index would weigh with fewer exact terms: copies a vnsearch index document by
document (positions, values and data as they are), leaving exact terms out as LAYOUT
says, for `xapian-compact` to measure (README, "Where the size goes").

  as-is            every term kept: the copy's own overhead, to compare with
  implicit         no exact term where the passage holds only the commonest reading of
                   its folded syllable (by passages, in this index): that reading's
                   passages are then those of the folded term less every other reading's
  implicit-marked  the same, plus a marker term (XM + folded syllable) on each passage
                   holding another reading, so that the commonest reading's passages are
                   those of its own term and of the folded term less the marker's

Usage: /usr/bin/python3 bench/layout_sizes.py INDEX COPY LAYOUT
       xapian-compact --blocksize=16384 COPY COMPACTED
(Debian's python3-xapian, for /usr/bin/python3; about 15 minutes for the 35k index.)
"""
import collections
import sys
import unicodedata

import xapian

source_path, copy_path, layout = sys.argv[1:4]
if layout not in ("as-is", "implicit", "implicit-marked"):
    sys.exit(f"unknown layout {layout!r}")
source = xapian.Database(source_path)


def folded(reading):
    reading = reading.replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


commonest = {}
for item in source.allterms("XE"):
    reading = item.term.decode()[2:]
    syllable = folded(reading)
    if item.termfreq > commonest.get(syllable, ("", 0))[1]:
        commonest[syllable] = (reading, item.termfreq)

copy = xapian.WritableDatabase(copy_path, xapian.DB_CREATE_OR_OVERWRITE)
kept = dropped = markers = 0
for posting in source.postlist(""):
    document = source.get_document(posting.docid)
    new = xapian.Document()
    readings = collections.defaultdict(list)
    for item in document.termlist():
        term = item.term.decode()
        if term.startswith("XE"):
            readings[folded(term[2:])].append((term[2:], item.wdf))
            continue
        for position in item.positer:
            new.add_posting(term, position, 0)
        if item.wdf == 0:
            new.add_boolean_term(term)
        else:
            new.add_term(term, item.wdf)
    for syllable, held in readings.items():
        keep = held
        if layout != "as-is":
            only_common = [reading for reading, _ in held] == [commonest[syllable][0]]
            keep = [] if only_common else held
            if layout == "implicit-marked" and not only_common:
                new.add_boolean_term("XM" + syllable)
                markers += 1
        dropped += len(held) - len(keep)
        kept += len(keep)
        for reading, wdf in keep:
            new.add_term("XE" + reading, wdf)
    for value in document.values():
        new.add_value(value.num, value.value)
    new.set_data(document.get_data())
    copy.replace_document(posting.docid, new)
for key in source.metadata_keys():
    copy.set_metadata(key, source.get_metadata(key))
copy.commit()
print(f"{layout}: exact terms kept {kept}, left out {dropped}, markers {markers}")
