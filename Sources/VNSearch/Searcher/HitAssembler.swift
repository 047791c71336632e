/// The last stage of a search: the page's hits in order, each with the query's words it
/// lacks (`missing`), and whether a passage of the first tier held every word. Pure: it
/// reads only the hits built and the query's units, so it is tested without an index.
enum HitAssembler {
    /// A partial match is shown when the units its passage and its article hold weigh, on
    /// average, at least this share of the query's (by rarity): `người Khmer Sóc Trăng` shows a passage of `Khmer` and
    /// `Sóc Trăng`, not one of `người` alone.
    static let partialShare = 0.5

    /// The hits of the page with what each lacks. After the passages holding every word,
    /// the articles that hold them across passages and the best partial matches are
    /// ordered by how much of the query (by rarity) the shown passage holds itself and
    /// how much its article holds, half each: a long article that holds a question's
    /// common words here and there does not outrank the passage that holds its rare
    /// words together, and an article that holds all but one of an over-specified query's
    /// words is not lost behind passages holding half. Partial matches that hold too
    /// little, or lack a community the query names, are dropped; the ranks close up.
    /// Also says whether a passage of the first tier holds every required word (a passage
    /// there may hold only the community the query names: see `QueryBuilder.matches`).
    static func assemble(_ built: [HitBuilder.Built], items: [HitBuilder.Item], units: [QueryUnit], limit: Int,
                         offset: Int) -> (hits: [SearchResponse.Hit], matchedAll: Bool) {
        let required = units.filter { !$0.optional }.reduce(0) { $0 + $1.weight }
        var matchedAll = false
        var strict: [(hit: SearchResponse.Hit, missing: [String])] = []
        var rest: [(hit: SearchResponse.Hit, missing: [String], share: Double)] = []
        for (pair, item) in zip(built, items) {
            let folded = pair.tokens.map(\.folded)
            let held = units.map { $0.isHeld(by: folded) }
            let missing = zip(units, held).filter { !$0.1 }.map(\.0.words)
            if !item.relaxed && !item.partial {
                strict.append((pair.hit, missing))
                if !zip(units, held).contains(where: { !$0.0.optional && !$0.1 }) { matchedAll = true }
                continue
            }
            let share = Self.share(of: units, held: held, required: required)
            let inArticle = pair.article.map { article in Self.share(of: units, held: units.map { $0.isHeld(by: article) }, required: required) } ?? share
            let holds = (share + inArticle) / 2
            if item.partial && (holds < Self.partialShare || zip(units, held).contains { $0.0.community && !$0.1 }) { continue }
            rest.append((pair.hit, missing, holds))
        }
        // Stable: equal shares keep the ranking's order.
        let ordered = strict + rest.enumerated().sorted { ($0.element.share, -$0.offset) > ($1.element.share, -$1.offset) }
            .map { ($0.element.hit, $0.element.missing) }
        let hits = ordered.prefix(limit).enumerated().map { i, entry in
            let hit = entry.0
            return SearchResponse.Hit(rank: offset + i + 1, score: hit.score, article: hit.article, passage: hit.passage,
                                      entities: hit.entities, relaxed: hit.relaxed, missing: entry.1)
        }
        return (hits, matchedAll)
    }

    /// The share of the required units' weight that `held` marks.
    private static func share(of units: [QueryUnit], held: [Bool], required: Double) -> Double {
        guard required > 0 else { return 1 }
        return zip(units, held).filter { !$0.0.optional && $0.1 }.reduce(0) { $0 + $1.0.weight } / required
    }
}
