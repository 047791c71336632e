import Foundation
import VNAnalysis

/// Turns parsed query syntax into Xapian queries over the index's term space: each
/// operand planned by `OperandPlanner`, put together here with the alternatives, the
/// exclusions and the filters into what each tier ranks (`Built`).
///
/// Per syllable: the folded term is required (so `nguoi` finds `người`), and an exact
/// term adds weight: in a query typed with diacritics, the syllable as typed (so `người`
/// ranks `người` above `ngươi`, and `voi` ranks `voi` above `với`); in a query typed
/// without any, the readings of it that the passage holds (a rarer reading is more
/// telling). Function words (`của`, `về`) are optional beside two or more other words.
/// Syllables typed side by side earn an adjacency bonus: most Vietnamese words are two
/// or three syllables (`dân tộc`, `an ninh`). Titles and leads weigh a little more.
struct QueryBuilder {
    struct Built {
        /// Every operand in one passage (plus exclusions and filters), with the
        /// adjacency bonus: what ranks.
        let strict: Ranking
        /// For a broad query (every syllable in at least `broadPassages` passages), whose
        /// adjacency bonus would read positions for every match: rankings without the
        /// bonus that pick the articles `strict` then ranks, tried in turn until one finds
        /// enough. Typed with diacritics, first the one led by the syllables as typed (see
        /// `exactLed`); then `strict` without the bonus. Empty for any other query.
        let firstPasses: [Ranking]
        /// The same passages without the bonus: what facets count, unranked.
        let matching: Query
        /// Any operand, for the article-level fallback; nil when there is nothing to relax.
        let relaxed: Query?
        /// The operands an article must all contain for the fallback to show it.
        let operands: [Query]
        let filter: Query?
        let highlight: Highlighter.Terms
        /// Whether the query was typed with diacritics somewhere.
        let typedWithDiacritics: Bool
        /// How the query's words were read: names, fixed readings.
        var interpretation = Interpretation()
        /// What the query asks, unit by unit, optional words included (a hit's `missing`).
        var units: [QueryUnit] = []
        /// Passages that hold some of the required units but not all, ranked: what follows
        /// when the passages holding every word do not fill the page. nil for a query of
        /// fewer than three syllables or units (`Hoa Kỳ`, `Cần Thơ`: one word, never split).
        var partial: Ranking? = nil
        /// Whether the query is one quoted phrase of two or more syllables (and filters):
        /// every passage holding its syllables is checked for positions, in the ranked
        /// pass and in the count alike (see `PagePart`).
        var isOnePhrase = false
    }

    let analyzer: VietnameseAnalyzer
    let interpreter: QueryInterpreter
    let names: EntityNames
    let modelKeys: () throws -> [String]
    /// Passages holding a term (the index's statistics), to pick accent readings.
    let termFrequency: (String) throws -> Int
    let synonyms: Synonyms
    /// Passages each syllable of a query must be in for the query to count as broad.
    let broadPassages: Int
    /// The title and lead prior held in memory, if the engine holds it; else the prior is
    /// read from the index's value stream as the search goes.
    var heldPrior: HeldValueWeights? = nil
    /// Reads runs of syllables typed without diacritics by their neighbours: the reading
    /// it picks weighs more (`contextFactor`).
    var context: ContextReadings? = nil

    /// Plans each operand (see `OperandPlanner`).
    private var planner: OperandPlanner {
        OperandPlanner(analyzer: analyzer, interpreter: interpreter, termFrequency: termFrequency, synonyms: synonyms,
                       context: context)
    }

    /// Below this the bonus reads few enough positions that one pass is cheaper than two.
    static let defaultBroadPassages = 10_000

    /// Weight added to a passage by its kind: a title or a lead that matches says what
    /// the article is about (body and captions get nothing extra). Measured with make
    /// eval, as are the two factors below.
    static let kindPrior: [String: Double] = ["title": 6, "lead": 3]
    /// How much more the exact syllable weighs than its plain BM25 weight, in a query
    /// typed with diacritics.
    static let exactFactor = 2.0
    /// The same for the readings of a syllable in a query typed without diacritics.
    static let readingFactor = 5.0
    /// How much more the reading the neighbours pick (`ContextReadings`) weighs than the
    /// syllable's other readings. Little: known-item queries are rare syllables of one
    /// sentence, not neighbours, and a common pair elsewhere (`thủy bộ`) misleads them.
    static let contextFactor = 1.3
    /// Fixed weights, tiers that term statistics do not outweigh (a passage's BM25 weight
    /// differs by less than a unit's from another's holding the same syllables):
    /// - each name of the query (a province, a community, a model) or of a filter that the
    ///   passage itself mentions, first: `dân tộc Chăm` is the community in `các dân tộc
    ///   Kinh, Hoa, Chăm`, not in `dân tộc chăm lo`, though the latter holds more units;
    /// - each syllable typed as a name that the passage writes with a capital mid-sentence;
    /// - each pair of query syllables found side by side in one sentence (a word, a name:
    ///   `an ninh`, `người Hoa`), and the whole run in order.
    static let entityWeight = 300.0
    /// A community the query names outweighs its other names: asked about `người Chăm An
    /// Giang`, a passage on the Chăm elsewhere says more than one on exams in An Giang.
    static let communityWeight = 2 * entityWeight
    static let capitalWeight = 100.0
    static let unitWeight = 40.0
    /// Units of a long question that pick its partial matches, the rarest first: the
    /// commoner ones cost most of a question's time and change few answers (measured
    /// with make bench's questions and make eval's).
    static let partialUnits = 8

    func build(_ syntax: QuerySyntax, request: SearchRequest) throws -> Built {
        var highlight = Highlighter.Terms()
        var alternatives: [OperandPlanner.Parts] = []
        var interpretation = Interpretation()
        let literal = try typedWithDiacritics(syntax)
        for group in syntax.alternatives {
            var parts = OperandPlanner.Parts()
            for operand in group {
                parts.add(try planner.plan(operand, literal: literal, highlight: &highlight, interpretation: &interpretation))
            }
            // Function words are optional only beside two or more other words: a query
            // of one content word (`với tỉnh`) would otherwise match far too widely.
            if parts.operands.count < 2 { parts.requireOptional() }
            if !parts.operands.isEmpty { alternatives.append(parts) }
        }
        if let first = syntax.excludedFilters.first {
            throw SearchError.badParameter("filters cannot be excluded: drop the '-' or NOT before \(first.field.rawValue):")
        }
        let filters = FilterBuilder(analyzer: analyzer, names: names, modelKeys: modelKeys)
        let filter = try filters.filter(syntax.filters, request: request)
        let filterBonuses = try filters.passageBonuses(syntax.filters, request: request, weight: Self.entityWeight)
        if alternatives.isEmpty {
            // Filters alone (`province:"An Giang"`) list what they keep, like the flags do,
            // the passages that name what they keep first.
            guard let filter else { throw SearchError.emptyQuery }
            let all = try finish(Query.matchAll(), nil, filter)
            return Built(strict: Ranking(base: all, checked: filterBonuses), firstPasses: [], matching: all, relaxed: nil,
                         operands: [], filter: filter, highlight: highlight, typedWithDiacritics: literal,
                         interpretation: interpretation)
        }

        let excluded = try syntax.excluded.flatMap { try planner.excluding($0) }
        let exclusion = excluded.isEmpty ? nil : try Query.combine(.or, excluded)

        // The held prior is a plain posting list; read from the value stream, Xapian checks
        // it at each passage, so it goes on a level of its own (see `Ranking`).
        let prior = try heldPrior?.query() ?? Query.valueWeight(.kind, Self.kindPrior)
        let (plainPrior, checkedPrior) = heldPrior != nil ? ([prior], []) : ([], [prior])
        let strict: Ranking
        var firstPasses: [Ranking] = []
        // One alternative's ranking: its operands with the plain bonuses, then its checked ones.
        // Names (the query's and the filters'), read from posting lists: cheap enough for a
        // broad query's first pass too, which then picks the articles that name them.
        func ranking(_ parts: OperandPlanner.Parts) throws -> Ranking {
            Ranking(base: try withBonus(matches(parts.operands, communities: parts.communities), parts.optional + plainPrior),
                    checked: checkedPrior + parts.named + filterBonuses + parts.adjacency)
        }
        if alternatives.count == 1, let only = alternatives.first {
            let own = try ranking(only)
            let base = try finish(own.base, exclusion, filter)
            strict = Ranking(base: base, checked: own.checked)
            if !only.adjacency.isEmpty, try only.isBroad(atLeast: broadPassages, termFrequency: termFrequency) {
                let named = checkedPrior + only.named + filterBonuses
                if literal, let exactFirst = try exactLed(only, bonus: plainPrior) {
                    firstPasses.append(Ranking(base: try finish(exactFirst, exclusion, filter), checked: named))
                }
                firstPasses.append(Ranking(base: base, checked: named))
            }
        } else {
            // Each alternative on its own levels: under the OR they stay apart, and a FILTER
            // around the OR (the request's filters) leaves them whole.
            strict = Ranking(base: try finish(Query.combine(.or, alternatives.map { try ranking($0).query() }), exclusion, filter))
        }
        let matching = try Query.combine(.or, alternatives.map { try matches($0.operands, communities: $0.communities) })
        var relaxed: Query?
        var operands: [Query] = []
        if alternatives.count == 1, alternatives[0].operands.count > 1 {
            operands = alternatives[0].operands
            relaxed = try finish(Query.combine(.or, operands), exclusion, filter)
        }
        let matchingAll = try finish(matching, exclusion, filter)
        var partial: Ranking?
        if alternatives.count == 1, let only = alternatives.first, only.units.count >= 2,
           only.units.reduce(0, { $0 + ($1.forms.first?.count ?? 0) }) >= 3 {
            // Any unit, the passages holding all of them left out (they rank above), ranked
            // by rarity alone: each unit as meant (typed with diacritics: its exact
            // syllables; without: its folded ones), no reading, adjacency, optional-word or
            // title bonus. Over an OR of a question's common words each of those reads
            // postings or positions for much of the index (a posting list per reading of
            // every syllable), at twice the time and no better answers. Of a long question,
            // the rarest `partialUnits` units choose the candidates (Xapian's ELITE_SET);
            // what a hit holds of the rest still orders and filters it (`HitAssembler`).
            let any = try Query.combine(.andNot, [Query.combine(.eliteSet(size: Self.partialUnits), only.units.map { try $0.plainQuery() }),
                                                  matching])
            partial = Ranking(base: try finish(any, exclusion, filter), checked: filterBonuses)
        }
        return Built(strict: strict, firstPasses: firstPasses,
                     matching: matchingAll,
                     relaxed: relaxed, operands: operands,
                     filter: filter, highlight: highlight, typedWithDiacritics: literal,
                     interpretation: interpretation,
                     units: alternatives.count == 1 ? alternatives[0].units + alternatives[0].optionalUnits : [],
                     partial: partial,
                     isOnePhrase: alternatives.count == 1 && alternatives[0].isOnePhrase)
    }


    /// Whether the person typed diacritics anywhere: then a syllable typed without them
    /// means just that (`voi`, `Cà Mau`); a query with none was typed on a keyboard
    /// without a Vietnamese layout, and any reading may be meant.
    private func typedWithDiacritics(_ syntax: QuerySyntax) throws -> Bool {
        for group in syntax.alternatives {
            for operand in group {
                switch operand {
                case .words(let text), .phrase(let text):
                    if try analyzer.tokens(analyzer.normalizeQuery(text)).contains(where: \.hasDiacritics) { return true }
                }
            }
        }
        return false
    }


    /// A broad query's first pass, typed with diacritics: led by the exact syllables as
    /// typed, alone. A passage that holds every exact syllable weighs about what `strict`
    /// gives it without the adjacency bonus: each exact term also carries its folded
    /// term's weight, scaled from its own by the two terms' idf (`foldedShare`), which is
    /// that weight whenever the passage holds no other reading of the syllable (a term's
    /// BM25 weight is its idf times a function of its wdf and the passage's length, and
    /// then the two wdfs are equal). One that lacks any is left out: it misses that
    /// syllable's exact bonus, twice its plain weight, so it rarely ranks among the best.
    /// Xapian then walks the exact syllables' posting lists alone, a fraction of the
    /// folded ones (`cơ quan`): with the folded terms as a bonus beside them, the pass
    /// would skip through those too, slower on the slowest queries (`đó có`, `có sự`).
    /// A number leads with its folded term (it has no exact one). When marks nobody writes
    /// (`cợ quạn`) leave it fewer articles than the second pass takes, the folded first
    /// pass picks instead (see `TierRanker.rankedQuery`).
    private func exactLed(_ parts: OperandPlanner.Parts, bonus: [Query]) throws -> Query? {
        guard let required = parts.required else { return nil }
        // Every passage, deleted ones of a lean index too: what BM25's idf counts.
        let passages = try termFrequency("")
        let leads = try required.map { token in
            let share = try Self.foldedShare(exact: termFrequency(TermPrefix.exact + token.exact),
                                             folded: termFrequency(token.folded), passages: passages)
            return try planner.exactTerm(token, plus: share) ?? Query.term(token.folded, position: token.position)
        }
        return try withBonus(matches(leads, communities: parts.communities), parts.optional + bonus)
    }

    /// What one alternative matches: its every operand, and, when it names a community
    /// (`cộng đồng người Chăm`), each passage that mentions the community, whatever else it
    /// holds. Such a passage gets the community's fixed weight (see `named`), so it ranks
    /// above the passages that hold every word but mention no community (`chăm sóc cộng
    /// đồng`), and among them by the operands it holds: a reader asking about the Chăm is
    /// shown the Chăm, with the words a passage lacks said (`missing`).
    private func matches(_ operands: [Query], communities: [Query]) throws -> Query {
        let all = try Query.combine(.and, operands)
        if communities.isEmpty { return all }
        let either = try Query.combine(.or, [all] + communities).scaled(by: 0)
        return try Query.combine(.andMaybe, [either, Query.combine(.or, operands)])
    }

    /// The folded term's BM25 weight over the exact term's, for the same wdf: the ratio of
    /// their idf as Xapian's BM25 computes it without relevance feedback (a term in more
    /// than about a third of the passages is smoothed, never weighing nothing).
    private static func foldedShare(exact: Int, folded: Int, passages: Int) -> Double {
        exact > 0 && passages > 0 ? QueryUnit.idf(folded, passages: passages) / QueryUnit.idf(exact, passages: passages) : 0
    }


    private func withBonus(_ query: Query, _ bonus: [Query]) throws -> Query {
        bonus.isEmpty ? query : try Query.combine(.andMaybe, [query, Query.combine(.or, bonus)])
    }

    private func finish(_ query: Query, _ exclusion: Query?, _ filter: Query?) throws -> Query {
        var result = query
        if let exclusion { result = try Query.combine(.andNot, [result, exclusion]) }
        if let filter { result = try Query.combine(.filter, [result, filter]) }
        return result
    }
}

