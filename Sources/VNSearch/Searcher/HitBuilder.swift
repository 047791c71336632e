import VNAnalysis

/// Turns ranked passages into the hits a response shows: the passage's text, its article's
/// record, the highlighting and the entities. Each hit is a few lookups in the index and
/// an ICU cut of its text, together much of a search's own time; so the engine
/// and its facet counter's thread each build part of a page (`SharedPage`), each with a
/// builder of its own. Reads through one database and analyzer, so not thread-safe:
/// one per thread.
final class HitBuilder {
    /// A passage the ranking chose, with what came with the match.
    struct Item: Sendable {
        let rank: Int
        let docid: UInt32
        /// The collapse key (makeEnquire collapses on the article id).
        let articleID: String
        let weight: Double
        let relaxed: Bool
        /// From the partial tier: holds some of the query's units, not all.
        var partial = false
    }

    /// A hit and its text cut into tokens (the suggestion reads them too); for a hit that
    /// does not hold every word, its whole article's folded syllables (what it holds of
    /// the query across its passages orders such hits).
    typealias Built = (hit: SearchResponse.Hit, tokens: [Token], article: [String]?)

    private let database: Database
    private let analyzer: VietnameseAnalyzer
    private var articles: [String: ArticleRecord] = [:]
    /// Each article's first passage (its record and texts), looked up once per revision.
    /// Only found ones: `GET /articles/{id}` with made-up ids must not grow it.
    private var firstPassages: [String: UInt32] = [:]

    init(database: Database, analyzer: VietnameseAnalyzer) {
        self.database = database
        self.analyzer = analyzer
    }

    /// Called when the database moves to another revision (docids may change).
    func forgetRevision() {
        articles.removeAll()
        firstPassages.removeAll()
    }

    func build(_ items: [Item], terms: Highlighter.Terms) throws -> [Built] {
        var built: [Built] = []
        var rest = items[...]
        try build(taking: { rest.popFirst() }, terms: terms) { built.append($0) }
        return built
    }

    /// Builds a hit for each item `next` hands out, until it has none, and gives each to
    /// `done` as it is built.
    func build(taking next: () -> Item?, terms: Highlighter.Terms, done: (Built) -> Void) throws {
        // Texts live on each article's first passage: read once per article on the page.
        var firstPassageData: [String: String] = [:]
        while let item = next() {
            let index = Int(try database.documentValue(item.docid, slot: .passageIndex)) ?? 0
            let text = try PassageTexts.text(index: index, ownData: try database.documentData(item.docid)) {
                if let known = firstPassageData[item.articleID] { return known }
                let data = try firstPassage(item.articleID).map { try database.documentData($0) } ?? ""
                firstPassageData[item.articleID] = data
                return data
            }
            let record = try article(item.articleID)
            let tokens = try analyzer.tokens(text)
            let spans = Highlighter.spans(in: text, tokens: tokens, terms: terms)
            let hit = SearchResponse.Hit(
                rank: item.rank,
                score: (item.weight * 1000).rounded() / 1000,
                article: .init(id: record.id, path: record.path, title: record.title, date: record.date),
                passage: .init(index: index, text: text,
                               highlighted: Highlighter.html(text, spans: spans),
                               spans: spans.map { [$0.lowerBound, $0.upperBound] }),
                entities: FacetSpies.entities(try database.documentValue(item.docid, slot: .facets)),
                relaxed: item.relaxed)
            var article: [String]?
            if item.partial || item.relaxed {
                if firstPassageData[item.articleID] == nil {
                    firstPassageData[item.articleID] = try firstPassage(item.articleID).map { try database.documentData($0) } ?? ""
                }
                // Without the sentence ends the passage's syllables mark (see
                // `HitAssembler.syllables`): finding them in a whole article costs more than
                // the rare pair read across one is worth to this coarse half of the order.
                article = try analyzer.tokens(firstPassageData[item.articleID] ?? "").map(\.folded)
            }
            done((hit, tokens, article))
        }
    }

    /// A passage's text, by docid (the readings in context read passages that are no hits).
    func passageText(_ docid: UInt32) throws -> String {
        let index = Int(try database.documentValue(docid, slot: .passageIndex)) ?? 0
        return try PassageTexts.text(index: index, ownData: try database.documentData(docid)) {
            let id = try database.documentValue(docid, slot: .articleID)
            return try firstPassage(id).map { try database.documentData($0) } ?? ""
        }
    }

    /// An article's record; an empty one (its id alone) when the index has none.
    func article(_ id: String) throws -> ArticleRecord {
        if let known = articles[id] { return known }
        let record = try firstPassage(id).flatMap { try storedRecord($0) }
            ?? ArticleRecord(id: id, path: "", title: "", date: nil, hash: "", passages: 0, bytes: 0)
        articles[id] = record
        return record
    }

    /// The document of an article's first passage, which holds its record and its texts.
    func firstPassage(_ id: String) throws -> UInt32? {
        if let known = firstPassages[id] { return known }
        let first = try database.postings(PassageDocumentBuilder.passageTerm(article: id, index: 0)).first
        if let first { firstPassages[id] = first }
        return first
    }

    /// An article's record, from the `record` slot of its first passage: documents are
    /// what a stub over shards serves whole (metadata would come from one shard only).
    func storedRecord(_ first: UInt32) throws -> ArticleRecord? {
        let json = try database.documentValue(first, slot: .record)
        return json.isEmpty ? nil : try ArticleRecord.decode(json)
    }
}
