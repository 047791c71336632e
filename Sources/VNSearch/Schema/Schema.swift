/// Value slots of a passage document.
public enum ValueSlot: UInt32, Sendable {
    /// Article id: the collapse key that keeps one passage per article.
    case articleID = 0
    /// `YYYY-MM[-DD]` or empty; sorts as a string, so date ranges are value ranges.
    case date = 1
    case passageIndex = 2
    /// Every facet item of the passage in one list (`p:Bạc Liêu`, `t:Hoa`, `m:…`,
    /// `n:Cà Mau` for the 2025 province, `y:2024`): one value read per examined passage
    /// keeps facet counting cheap, and a result's `entities` come from it too.
    case facets = 3
    /// The passage kind (`title`, `lead`, `caption`), absent on body passages: a ranking
    /// prior reads it.
    case kind = 4
    /// The article's record (ArticleRecord JSON), on its first passage only: readers find
    /// an article's title and path through the documents, which a stub over shards (local
    /// or remote) serves whole, where metadata would come from the first shard alone.
    case record = 5

    /// Joins the items of a list slot (a control character no name contains).
    static let listSeparator: Character = "\u{1F}"
}

/// How things are spelled in the term space. Folded syllables (`hoa`) are unprefixed and
/// carry positions; everything else has an upper-case prefix, Xapian's convention.
enum TermPrefix {
    /// Exact syllable as written, case folded (`XEhòa`, `XEvoi`), wdf only: exact
    /// matches weigh more, so `voi` ranks `voi` above `với`.
    static let exact = "XE"
    /// Every passage of an article (`XA<id>`): delete or filter a whole article at once.
    static let article = "XA"
    /// An article's first passage (`Q<id>-0`), the one that holds its record: the only
    /// passage anything looks up by id.
    static let passage = "Q"
    /// Names the passage's article mentions anywhere, on every passage of the article:
    /// filters keep the passages of articles about a province, not only the sentences
    /// that name it.
    static let articleProvince = "XGP"
    static let articleEthnic = "XGT"
    static let articleModel = "XGM"
    /// A syllable written with a capital mid-sentence (`XChoa` for `… người Hoa …`), once
    /// per passage: a query that capitalises it means the name.
    static let capitalised = "XC"
    /// Names the passage itself mentions (keys as `EntityNames.key`), once per passage:
    /// a query or a filter that names one ranks these passages first.
    static let passageProvince = "XNP"
    static let passageEthnic = "XNT"
    static let passageModel = "XNM"
    /// Article date: `XD2024`, `XD2024-08`.
    static let date = "XD"
}

/// Metadata keys (committed in the same transaction as the documents they describe).
enum MetadataKey {
    /// `A:<article id>` → ArticleRecord JSON: the manifest used for incremental sync,
    /// kept in the shard that holds the article (readers use the `record` value slot).
    static let articlePrefix = "A:"
    static func article(_ id: String) -> String { articlePrefix + id }
    /// Format version of the index layout.
    static let schema = "vnsearch:schema"
    /// 6: passage texts on the article's first passage (`PassageTexts`), no per-passage
    /// id or kind terms.
    /// 7: a position gap between sentences, capital terms (`XC`), the passage's own
    /// entities (`XNP`, `XNT`, `XNM`).
    /// 8: the same layout; the recogniser reads communities anew (`văn hóa Chăm`, not
    /// `Cộng hòa Khmer` nor the town `Tháp Chàm`), so the passages' entity terms are
    /// written again.
    /// 9: the same layout; a community named only beside another country's places
    /// (`Khmer` by Phnom Penh, `Chăm Pa` by `Lào`) is no longer the community.
    static let schemaVersion = "9"
    /// "1" while a new index is written as build shards, merged into one database at
    /// the end of the run (see Indexer+Merge.swift).
    static let buildShards = "vnsearch:build-shards"
    /// Docids deleted from a database without a termlist (`DeletedDocuments`).
    static let deleted = "vnsearch:deleted"
    /// "1" on the build shards of a lean index (`--lean`): the merge drops the termlist.
    static let lean = "vnsearch:lean"
    /// The text of the corpus's `synonyms.txt`, applied by the query side.
    static let synonyms = "vnsearch:synonyms"
}
