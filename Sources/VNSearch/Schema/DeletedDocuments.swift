/// The documents a database without a termlist has deleted but still holds.
///
/// A single-database index is kept without Xapian's termlist table, a large share of
/// its size (the table lists each document's terms; plain Xapian's is smaller because it
/// indexes one form per word, not passages with two). Xapian cannot delete or replace a
/// document without it, so a removed or changed article's passages stay in the index
/// and their docids are listed here, in the metadata (`MetadataKey.deleted`): searches
/// leave them out, and `vnsearch index --full` writes an index without them.
///
/// Stored as ascending ranges (`12-22,40`): an article's passages are added one after
/// another, so each article is one range.
struct DeletedDocuments: Equatable, Sendable {
    private(set) var ranges: [ClosedRange<UInt32>] = []

    init() {}

    /// Parses the metadata value; anything unreadable in it is ignored (it is written
    /// only by `encoded`).
    init(encoded: String) {
        for part in encoded.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).compactMap { UInt32($0) }
            guard let first = bounds.first, let last = bounds.last, first <= last else { continue }
            insert(first...last)
        }
    }

    var encoded: String {
        ranges.map { $0.lowerBound == $0.upperBound ? String($0.lowerBound) : "\($0.lowerBound)-\($0.upperBound)" }
            .joined(separator: ",")
    }

    var isEmpty: Bool { ranges.isEmpty }
    var count: Int { ranges.reduce(0) { $0 + $1.count } }

    /// Every docid, ascending.
    var docids: [UInt32] { ranges.flatMap { Array($0) } }

    func contains(_ docid: UInt32) -> Bool {
        // The last range starting at or before docid.
        var low = 0, high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound <= docid { low = middle + 1 } else { high = middle }
        }
        return low > 0 && ranges[low - 1].contains(docid)
    }

    /// Adds docids (ascending, as a posting list gives them), a run of consecutive ones
    /// at a time.
    mutating func insert(contentsOf docids: [UInt32]) {
        var start = 0
        while start < docids.count {
            var end = start
            while end + 1 < docids.count && docids[end + 1] == docids[end] + 1 { end += 1 }
            insert(docids[start]...docids[end])
            start = end + 1
        }
    }

    /// Adds a range, merging it with those it touches or overlaps.
    mutating func insert(_ range: ClosedRange<UInt32>) {
        var merged = range
        var kept: [ClosedRange<UInt32>] = []
        kept.reserveCapacity(ranges.count + 1)
        for existing in ranges {
            let touches = UInt64(existing.lowerBound) <= UInt64(merged.upperBound) + 1
                && UInt64(merged.lowerBound) <= UInt64(existing.upperBound) + 1
            if touches {
                merged = min(existing.lowerBound, merged.lowerBound)...max(existing.upperBound, merged.upperBound)
            } else {
                kept.append(existing)
            }
        }
        let at = kept.firstIndex { $0.lowerBound > merged.lowerBound } ?? kept.count
        kept.insert(merged, at: at)
        ranges = kept
    }
}
