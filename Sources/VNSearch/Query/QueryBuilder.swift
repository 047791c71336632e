import Foundation
import VNAnalysis

/// Turns parsed query syntax into Xapian queries over the index's term space.
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
        var alternatives: [Parts] = []
        var interpretation = Interpretation()
        let literal = try typedWithDiacritics(syntax)
        for group in syntax.alternatives {
            var parts = Parts()
            for operand in group {
                parts.add(try build(operand, literal: literal, highlight: &highlight, interpretation: &interpretation))
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

        let excluded = try syntax.excluded.flatMap { try self.excluding($0) }
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
        func ranking(_ parts: Parts) throws -> Ranking {
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

    /// What the operands of one alternative add up to.
    private struct Parts {
        var operands: [Query] = []
        /// Function words: weight when present, not required beside two other words.
        var optional: [Query] = []
        /// Phrases of adjacent syllables: a unit's fixed weight when present.
        var adjacency: [Query] = []
        /// Names the passage mentions or capitalises as the query does: fixed weights.
        var named: [Query] = []
        /// The communities the query names, as the passages that mention them: such a
        /// passage matches whatever else it holds (see `matches`).
        var communities: [Query] = []
        /// What the query asks, unit by unit (see `QueryUnit`): a partial match holds some
        /// of the required ones.
        var units: [QueryUnit] = []
        var optionalUnits: [QueryUnit] = []
        /// The required syllables; nil once a phrase or a synonym is in (how broad those
        /// are is not one term's frequency).
        var required: [Token]? = []
        /// The same for the function words, which count once they are required.
        var optionalSyllables: [Token] = []
        /// Phrases of two or more syllables among the operands.
        var phrases = 0

        /// Whether the only operand is such a phrase.
        var isOnePhrase: Bool { operands.count == 1 && phrases == 1 && optional.isEmpty }

        mutating func add(_ other: Parts) {
            operands += other.operands
            optional += other.optional
            adjacency += other.adjacency
            named += other.named
            communities += other.communities
            units += other.units
            optionalUnits += other.optionalUnits
            optionalSyllables += other.optionalSyllables
            phrases += other.phrases
            if let mine = required, let theirs = other.required { required = mine + theirs } else { required = nil }
        }

        mutating func requireOptional() {
            operands += optional
            optional = []
            required? += optionalSyllables
        }

        /// Whether every required syllable is in at least `passages` passages (read only
        /// for a query with an adjacency bonus: a lookup per syllable, per shard).
        func isBroad(atLeast passages: Int, termFrequency: (String) throws -> Int) throws -> Bool {
            guard let required, !required.isEmpty else { return false }
            return try required.allSatisfy { try termFrequency($0.folded) >= passages }
        }
    }

    /// A run of words gives one operand per syllable (function words optional) and a
    /// bonus per adjacent pair; a phrase gives a single positional operand.
    private func build(_ operand: QuerySyntax.Operand, literal: Bool,
                       highlight: inout Highlighter.Terms, interpretation: inout Interpretation) throws -> Parts {
        switch operand {
        case .words(let text):
            let normalized = try analyzer.normalizeQuery(text)
            let typed = try analyzer.tokens(normalized)
            let reading = try interpreter.read(normalized, tokens: typed)
            interpretation.add(reading, of: typed)
            // A syllable typed without diacritics inside a name takes the name's reading.
            let tokens = typed.enumerated().map { i, token in
                guard let name = reading.fixed[i], !token.hasDiacritics else { return token }
                return Token(surface: token.surface, range: token.range, position: token.position, isNumber: token.isNumber,
                             exact: name.exact, folded: token.folded, digits: token.digits)
            }
            highlight.syllables.formUnion(tokens.map(\.folded))
            if literal {
                for token in tokens where !token.isNumber { highlight.exact[token.folded, default: []].insert(token.exact) }
            }
            let folded = tokens.map(\.folded)
            let preferred = literal ? [:] : try preferredReadings(tokens, in: normalized, fixed: reading.fixed)
            var parts = Parts()
            parts.named = try named(reading, tokens, literal: literal)
            parts.communities = try reading.entities.ethnic.map {
                try Query.term(PassageDocumentBuilder.entityTerm(TermPrefix.passageEthnic, $0))
            }
            let optional = try optionalWords(tokens, literal: literal, reading: reading)
            // Names of several syllables are units of their own (`Sóc Trăng`): a partial
            // match holds them whole or not at all.
            var nameEnds: [Int: Int] = [:]
            var community = Set<Int>(), province = Set<Int>()
            for span in reading.entities.spans where span.type != .model {
                let covered = tokens.indices.filter { tokens[$0].range.lowerBound >= span.start && tokens[$0].range.upperBound <= span.end }
                if let first = covered.first, let last = covered.last, last > first { nameEnds[first] = last + 1 }
                if span.type == .ethnic { community.formUnion(covered) } else { province.formUnion(covered) }
            }
            var lastUnitEnd: Int?
            func runUnit(_ range: Range<Int>, forms: [[String]]? = nil) throws -> QueryUnit {
                var unit = try makeUnit(tokens[range], forms: forms, optional: false)
                unit.community = range.contains(where: community.contains)
                unit.province = range.contains(where: province.contains)
                unit.followsPrevious = lastUnitEnd == range.lowerBound
                lastUnitEnd = range.upperBound
                // Typed with diacritics (or read from a name), the unit is its syllables as meant.
                if forms == nil, range.allSatisfy({ !tokens[$0].isNumber && (literal || tokens[$0].hasDiacritics || reading.fixed[$0] != nil) }) {
                    unit.exact = range.map { tokens[$0].exact }
                }
                return unit
            }
            var inSynonym = Set<Int>()
            var i = 0
            while i < tokens.count {
                if let (length, members) = synonyms.match(folded, at: i) {
                    let query = try anyOf(members, highlight: &highlight)
                    parts.operands.append(query)
                    parts.required = nil
                    parts.units.append(try runUnit(i..<i + length, forms: members.map(\.folded)))
                    inSynonym.formUnion(i..<i + length)
                    i += length
                    continue
                }
                let query = try syllable(tokens[i], literal: literal || reading.fixed[i] != nil, preferred: preferred[i])
                if optional.contains(i) {
                    parts.optional.append(query)
                    parts.optionalSyllables.append(tokens[i])
                    parts.optionalUnits.append(try makeUnit(tokens[i..<i + 1], optional: true))
                } else {
                    parts.operands.append(query)
                    parts.required?.append(tokens[i])
                    if let end = nameEnds[i], end <= tokens.count, !(i..<end).contains(where: optional.contains) {
                        // The name is one operand: its syllables in a row (`Sóc Trăng`, not
                        // `chăm sóc … trang thiết bị`), each weighing what it weighs.
                        var syllables = [parts.operands.removeLast()]
                        for k in i + 1..<end {
                            syllables.append(try syllable(tokens[k], literal: literal || reading.fixed[k] != nil, preferred: preferred[k]))
                            parts.required?.append(tokens[k])
                        }
                        let inRow = try Query.combine(.phrase(window: end - i), (i..<end).map { try Query.term(tokens[$0].folded) })
                        parts.operands.append(try Query.combine(.and, [inRow.scaled(by: 0)] + syllables))
                        parts.units.append(try runUnit(i..<end))
                        i = end
                        continue
                    }
                    parts.units.append(try runUnit(i..<i + 1))
                }
                i += 1
            }
            // A unit is its syllables as meant: typed with diacritics (or read from a name),
            // `Thùy hủ` is not `Thủy Hử`, though positions are on the folded syllables.
            let meant = { (i: Int) in literal || tokens[i].hasDiacritics || reading.fixed[i] != nil }
            func unit(_ range: Range<Int>) throws -> Query {
                let phrase = try Query.combine(.phrase(window: range.count), range.map { try Query.term(tokens[$0].folded) })
                let exact = try range.filter { meant($0) && !tokens[$0].isNumber }.map { try Query.term(TermPrefix.exact + tokens[$0].exact) }
                if !exact.isEmpty {
                    return try Query.combine(.filter, [phrase, Query.combine(.and, exact)]).fixedWeight(Self.unitWeight)
                }
                // Typed without diacritics, syllables side by side may be any of their
                // readings (`tam uy`: `Tam- Ủy`, `tám úy`): they weigh what they weigh,
                // and a unit's tier only where the passage writes them as typed (`an ninh`).
                let asTyped = try range.filter { !tokens[$0].isNumber }.map { try Query.term(TermPrefix.exact + tokens[$0].exact) }
                if asTyped.isEmpty { return phrase }
                let unit = try Query.combine(.filter, [phrase, Query.combine(.and, asTyped)]).fixedWeight(Self.unitWeight)
                return try Query.combine(.or, [unit, phrase])
            }
            for k in tokens.indices.dropLast() where !inSynonym.contains(k) && !inSynonym.contains(k + 1) {
                parts.adjacency.append(try unit(k..<k + 2))
            }
            // The whole run in order weighs more than its pairs apart (`Tây Nam Bộ` over
            // "gió Tây Nam … Nam Bộ").
            if tokens.count >= 3 && inSynonym.isEmpty {
                parts.adjacency.append(try unit(tokens.indices))
            }
            return parts
        case .phrase(let text):
            let tokens = try analyzer.tokens(analyzer.normalizeQuery(text))
            highlight.phrases.append(tokens.map(\.folded))
            var parts = Parts(required: nil)
            if tokens.count <= 1 {
                parts.operands = try tokens.map { try syllable($0, literal: literal) }
                parts.units = try tokens.map { try makeUnit([$0][...], optional: false) }
                return parts
            }
            let phrase = try Query.combine(.phrase(window: tokens.count),
                                           tokens.map { try Query.term($0.folded, position: $0.position) })
            let exact = try tokens.filter { !$0.isNumber && (literal || $0.hasDiacritics) }
                .map { try Query.term(TermPrefix.exact + $0.exact) }
            parts.operands = [exact.isEmpty ? phrase : try Query.combine(.andMaybe, [phrase, Query.combine(.or, exact)])]
            parts.units.append(try makeUnit(tokens[...], optional: false))
            parts.phrases = 1
            return parts
        }
    }

    /// The fixed-weight bonuses of a run's names: each entity it names, on the passages
    /// that mention it; each syllable typed as a name, on the passages that capitalise it
    /// mid-sentence.
    private func named(_ reading: QueryInterpreter.Reading, _ tokens: [Token], literal: Bool) throws -> [Query] {
        var bonuses: [Query] = []
        let entities = reading.entities
        for (prefix, names, weight) in [(TermPrefix.passageProvince, entities.province, Self.entityWeight),
                                        (TermPrefix.passageEthnic, entities.ethnic, Self.communityWeight),
                                        (TermPrefix.passageModel, entities.model, Self.entityWeight)] {
            for name in names {
                bonuses.append(try Query.term(PassageDocumentBuilder.entityTerm(prefix, name)).fixedWeight(weight))
            }
        }
        for i in reading.names.sorted() where !tokens[i].isNumber {
            // Typed without diacritics (`Man`), the name is any reading of it (`Mẫn`).
            let forms = literal || tokens[i].hasDiacritics || reading.fixed[i] != nil ? [tokens[i].exact]
                : try IndexedReadings.of(tokens[i].folded, termFrequency: termFrequency).map(\.reading)
            if forms.isEmpty { continue }
            bonuses.append(try Query.combine(.or, forms.map { try Query.term(TermPrefix.capitalised + $0) }).fixedWeight(Self.capitalWeight))
        }
        return bonuses
    }

    /// Which syllables of a run are optional: function words and question words (`đã`,
    /// `bao nhiêu`). A syllable typed without diacritics is the word it stands for most of
    /// the time, when that is most of its uses (`cua` is `của` far more often than crab or
    /// door); a syllable typed with a capital mid-query is a name (`Ai Cập`), never one.
    private func optionalWords(_ tokens: [Token], literal: Bool, reading: QueryInterpreter.Reading) throws -> Set<Int> {
        let words: [String?] = try tokens.indices.map { i in
            let token = tokens[i]
            if token.isNumber || reading.names.contains(i) { return nil }
            if literal || token.hasDiacritics || reading.fixed[i] != nil { return token.exact }
            return try dominantReading(token.folded)
        }
        var optional = Set<Int>()
        var i = 0
        while i < tokens.count {
            if let length = QuestionWords.match(words, at: i) {
                optional.formUnion(i..<i + length)
                i += length
                continue
            }
            if let word = words[i], FunctionWords.all.contains(word) { optional.insert(i) }
            i += 1
        }
        return optional
    }

    /// The reading of a folded syllable in at least `dominantShare` of the passages that
    /// hold any of its readings; nil when none is.
    private func dominantReading(_ folded: String) throws -> String? {
        let readings = try IndexedReadings.of(folded, termFrequency: termFrequency)
        let total = readings.reduce(0) { $0 + $1.frequency }
        guard let best = readings.max(by: { $0.frequency < $1.frequency }), total > 0 else { return nil }
        return Double(best.frequency) >= Self.dominantShare * Double(total) ? best.reading : nil
    }

    /// See `dominantReading`: `cua` is `của` in most passages.
    static let dominantShare = 0.6

    /// A unit of `tokens` (see `QueryUnit`), weighed by its syllables' rarity.
    private func makeUnit(_ tokens: ArraySlice<Token>, forms: [[String]]? = nil, optional: Bool) throws -> QueryUnit {
        let passages = try termFrequency("")
        let weight = try tokens.reduce(0.0) { $0 + QueryUnit.idf(try termFrequency($1.folded), passages: passages) }
        return QueryUnit(words: tokens.map(\.surface).joined(separator: " "), forms: forms ?? [tokens.map(\.folded)],
                         optional: optional, weight: weight)
    }

    /// What `-word` removes: the word as typed. Typed with diacritics it is that exact
    /// word (`-Kỳ` keeps `kỹ thuật`); typed without, any word that folds to it.
    private func excluding(_ operand: QuerySyntax.Operand) throws -> [Query] {
        switch operand {
        case .words(let text):
            return try analyzer.tokens(analyzer.normalizeQuery(text)).map {
                try Query.term($0.hasDiacritics ? TermPrefix.exact + $0.exact : $0.folded)
            }
        case .phrase:
            var ignored = Highlighter.Terms()
            var unread = Interpretation()
            return try build(operand, literal: true, highlight: &ignored, interpretation: &unread).operands
        }
    }

    /// Token index → the reading its neighbours pick, for the runs of two or more
    /// syllables that no name fixes, where a passage writes it beside them: a syllable's
    /// commonest reading is no preference (rare readings find known items: `thùy`).
    private func preferredReadings(_ tokens: [Token], in text: String, fixed: [Int: Token]) throws -> [Int: String] {
        guard let context else { return [:] }
        var preferred: [Int: String] = [:]
        let names = ContextReadings.typedAsNames(tokens)
        for run in ContextReadings.runs(tokens, in: text) where run.count > 1 && !run.contains(where: { tokens[$0].isNumber }) {
            for (i, reading) in zip(run, try context.read(run.map { tokens[$0].folded }, names: Array(names[run])))
            where fixed[i] == nil && reading.inContext {
                preferred[i] = reading.exact
            }
        }
        return preferred
    }

    private func syllable(_ token: Token, literal: Bool, preferred: String? = nil) throws -> Query {
        // Longer than any indexed term (see PassageDocumentBuilder): it cannot match.
        if token.exact.utf8.count > PassageDocumentBuilder.maxTermBytes - TermPrefix.exact.utf8.count {
            return Query.matchNothing()
        }
        let folded = try Query.term(token.folded, position: token.position)
        if token.isNumber { return folded }
        if literal || token.hasDiacritics, let exact = try exactTerm(token) {
            return try Query.combine(.andMaybe, [folded, exact])
        }
        let readings = try IndexedReadings.of(token.folded, termFrequency: termFrequency)
        if readings.isEmpty { return folded }
        // A passage earns the weight of the readings it holds, and a rare reading
        // (`thùy`) says more than a common one (`thủy`): known-item queries typed without
        // diacritics need that (weighing readings by how common they are costs relevance).
        // Names fix their reading before this (`nguoi Hoa` is `người Hoa`, not `ngươi`).
        // (OP_MAX would say it better, but Xapian 1.4.22 crashes on it inside these trees.)
        let weighed = try readings.map {
            try Query.term(TermPrefix.exact + $0.reading).scaled(by: Self.readingFactor * ($0.reading == preferred ? Self.contextFactor : 1))
        }
        return try Query.combine(.andMaybe, [folded, Query.combine(.or, weighed)])
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

    /// A synonym group: any member, each as a phrase of its folded syllables; a member
    /// written with diacritics also needs its syllables so written (`Khơ-me`, not `khổ mẹ`).
    private func anyOf(_ members: [Synonyms.Member], highlight: inout Highlighter.Terms) throws -> Query {
        try Query.combine(.or, members.map { member in
            let folded = member.folded
            let matched: Query
            if folded.count == 1 {
                highlight.syllables.insert(folded[0])
                matched = try Query.term(folded[0])
            } else {
                highlight.phrases.append(folded)
                matched = try Query.combine(.phrase(window: folded.count),
                                            folded.enumerated().map { try Query.term($0.element, position: $0.offset + 1) })
            }
            guard let exact = member.exact else { return matched }
            return try Query.combine(.filter, [matched, Query.combine(.and, exact.map { try Query.term(TermPrefix.exact + $0) })])
        })
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
    private func exactLed(_ parts: Parts, bonus: [Query]) throws -> Query? {
        guard let required = parts.required else { return nil }
        // Every passage, deleted ones of a lean index too: what BM25's idf counts.
        let passages = try termFrequency("")
        let leads = try required.map { token in
            let share = try Self.foldedShare(exact: termFrequency(TermPrefix.exact + token.exact),
                                             folded: termFrequency(token.folded), passages: passages)
            return try exactTerm(token, plus: share) ?? Query.term(token.folded, position: token.position)
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

    /// A syllable's exact term at the weight a query typed with diacritics gives it (plus
    /// `share` of its plain weight); nil for a number, which has none (its digits are
    /// folded terms).
    private func exactTerm(_ token: Token, plus share: Double = 0) throws -> Query? {
        token.isNumber ? nil : try Query.term(TermPrefix.exact + token.exact).scaled(by: Self.exactFactor + share)
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

