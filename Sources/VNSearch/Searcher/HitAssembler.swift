import VNAnalysis

/// The last stage of a search: the page's hits in order, each with the query's words it
/// lacks (`missing`), and whether a passage of the first tier held every word. Pure: it
/// reads only the hits built and the query's units, so it is tested without an index.
enum HitAssembler {
    /// A partial match is shown when the units its passage or its article holds weigh at
    /// least this share of the query's (by rarity): `người Khmer Sóc Trăng` shows a
    /// passage of `Khmer` and `Sóc Trăng`, not one of `người` alone; an over-specified
    /// query's article that holds most of its rare words across passages is shown too.
    static let partialShare = 0.5

    /// The hits of the page with what each lacks. After the passages holding every word,
    /// the articles that hold them across passages and the best partial matches are
    /// ordered: first those whose passage names every province the query names, then by
    /// how much of the query (by rarity; units the query has side by side count more when
    /// held side by side) the shown passage holds itself and how much its article holds,
    /// half each: a long article that holds a question's common words here and there does
    /// not outrank the passage that holds its rare words together, and an article that
    /// holds all but one of an over-specified query's words is not lost behind passages
    /// holding half. Partial matches that hold too little, or lack a community the query
    /// names, are dropped; the ranks close up. Also says whether a passage of the first
    /// tier holds every required word (a passage there may hold only the community the
    /// query names: see `QueryBuilder.matches`).
    static func assemble(_ built: [HitBuilder.Built], items: [HitBuilder.Item], units: [QueryUnit], limit: Int,
                         offset: Int) -> (hits: [SearchResponse.Hit], matchedAll: Bool) {
        var matchedAll = false
        var strict: [(hit: SearchResponse.Hit, missing: [String])] = []
        var rest: [(hit: SearchResponse.Hit, missing: [String], share: Double, place: Bool)] = []
        for (pair, item) in zip(built, items) {
            let passage = Holding(units, in: syllables(pair.hit.passage.text, tokens: pair.tokens))
            let missing = zip(units, passage.held).filter { !$0.1 }.map(\.0.words)
            if !item.relaxed && !item.partial {
                strict.append((pair.hit, missing))
                if !zip(units, passage.held).contains(where: { !$0.0.optional && !$0.1 }) { matchedAll = true }
                continue
            }
            let article = pair.article.map { Holding(units, in: $0) } ?? passage
            if item.partial && (max(passage.share, article.share) < Self.partialShare
                                || zip(units, passage.held).contains { $0.0.community && !$0.1 }) { continue }
            let place = !zip(units, passage.held).contains { $0.0.province && !$0.1 }
            rest.append((pair.hit, missing, (passage.shareInRow + article.shareInRow) / 2, place))
        }
        // A passage naming the provinces the query names first (one on `an ninh trật tự` in
        // Hà Nội says less of `an ninh trật tự Sóc Trăng` than one on Sóc Trăng's police),
        // then by share. Stable: equal ones keep the ranking's order.
        let ordered = strict + rest.enumerated().sorted {
            ($0.element.place ? 1 : 0, $0.element.share, -$0.offset) > ($1.element.place ? 1 : 0, $1.element.share, -$1.offset)
        }.map { ($0.element.hit, $0.element.missing) }
        let hits = ordered.prefix(limit).enumerated().map { i, entry in
            let hit = entry.0
            return SearchResponse.Hit(rank: offset + i + 1, score: hit.score, article: hit.article, passage: hit.passage,
                                      entities: hit.entities, relaxed: hit.relaxed, missing: entry.1)
        }
        return (hits, matchedAll)
    }

    /// A text's folded syllables, with an empty one at each sentence start: no unit, and
    /// no pair of units side by side, is read across a sentence end.
    static func syllables(_ text: String, tokens: [Token]) -> [String] {
        var syllables: [String] = []
        syllables.reserveCapacity(tokens.count + tokens.count / 8)
        for (token, starts) in zip(tokens, SentenceStarts.flags(text, tokens: tokens, colons: false)) {
            if starts && !syllables.isEmpty { syllables.append("") }
            syllables.append(token.folded)
        }
        return syllables
    }

    /// What a text holds of the query's units.
    struct Holding {
        /// Per unit, whether the text holds it.
        let held: [Bool]
        /// The share of the required units' weight held (by rarity): what decides whether
        /// a partial match is shown.
        let share: Double
        /// The same, where each pair of units the query has side by side also weighs (the
        /// lighter unit's weight), held when the text has them side by side: what orders
        /// partial matches, so that `Bà Thiên Hậu` together outranks `Bà`, `Thiên` and
        /// `Hậu` apart (`Á hậu Thiên Lý. Bà ...`).
        let shareInRow: Double

        init(_ units: [QueryUnit], in syllables: [String]) {
            held = units.map { $0.isHeld(by: syllables) }
            var (weight, heldWeight, pairs, heldPairs) = (0.0, 0.0, 0.0, 0.0)
            for (k, unit) in units.enumerated() where !unit.optional {
                weight += unit.weight
                if held[k] { heldWeight += unit.weight }
                guard unit.followsPrevious, k > 0, !units[k - 1].optional else { continue }
                let pairWeight = min(unit.weight, units[k - 1].weight)
                pairs += pairWeight
                if held[k - 1] && held[k] && units[k - 1].isHeld(before: unit, in: syllables) { heldPairs += pairWeight }
            }
            share = weight > 0 ? heldWeight / weight : 1
            shareInRow = weight + pairs > 0 ? (heldWeight + heldPairs) / (weight + pairs) : 1
        }
    }
}
