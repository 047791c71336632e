/// Value slots of a passage document.
public enum ValueSlot: UInt32, Sendable {
    /// Article id: the collapse key that keeps one passage per article.
    case articleID = 0
    /// `YYYY-MM[-DD]` or empty; sorts as a string, so date ranges are value ranges.
    case date = 1
    case passageIndex = 2
    /// `Passage.Kind` raw value.
    case kind = 3
    /// `YYYY` or empty: the year facet.
    case year = 4
}

/// How things are spelled in the term space. Folded syllables (`hoa`) are unprefixed and
/// carry positions; everything else has an upper-case prefix, Xapian's convention.
enum TermPrefix {
    /// Exact syllable with diacritics (`XEhòa`), wdf only: exact matches weigh more.
    static let exact = "XE"
    /// Every passage of an article (`XA<id>`): delete or filter a whole article at once.
    static let article = "XA"
    /// One passage (`Q<id>-<index>`): its unique id.
    static let passage = "Q"
    /// Passage kind (`XKcaption`).
    static let kind = "XK"
}

/// Metadata keys (committed in the same transaction as the documents they describe).
enum MetadataKey {
    /// `A:<article id>` → ArticleRecord JSON: the manifest used for incremental sync.
    static let articlePrefix = "A:"
    static func article(_ id: String) -> String { articlePrefix + id }
    /// Format version of the index layout.
    static let schema = "vnsearch:schema"
    static let schemaVersion = "1"
}
