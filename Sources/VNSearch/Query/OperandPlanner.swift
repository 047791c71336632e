import Foundation
import VNAnalysis

/// Plans one operand of a query, a run of words or a quoted phrase, in the index's term
/// space: its operands (a syllable each, a name's syllables in a row, a phrase), the
/// optional function and question words, the units a partial match holds or lacks, and
/// the fixed-weight bonuses (its names, its syllables side by side). The readings of
/// syllables typed without diacritics are chosen here: fixed by a name, preferred by
/// their neighbours (`ContextReadings`), else weighed by rarity. `QueryBuilder` puts the
/// operands of a query together.
struct OperandPlanner {
    let analyzer: VietnameseAnalyzer
    let interpreter: QueryInterpreter
    /// Passages holding a term (the index's statistics), to pick accent readings.
    let termFrequency: (String) throws -> Int
    let synonyms: Synonyms
    let context: ContextReadings?

    /// What the operands of one alternative add up to.
    struct Parts {
        var operands: [Query] = []
        /// Function words: weight when present, not required beside two other words.
        var optional: [Query] = []
        /// Phrases of adjacent syllables: a unit's fixed weight when present.
        var adjacency: [Query] = []
        /// Names the passage mentions or capitalises as the query does: fixed weights.
        var named: [Query] = []
        /// The communities the query names, as the passages that mention them: such a
        /// passage matches whatever else it holds (see `QueryBuilder.matches`).
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
    func plan(_ operand: QuerySyntax.Operand, literal: Bool,
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
                        // `chăm sóc … trang thiết bị`), each weighing what it weighs (a
                        // phrase weighs its terms), each folded term read once.
                        parts.operands.removeLast()
                        let inRow = try Query.combine(.phrase(window: end - i), (i..<end).map {
                            try Query.term(tokens[$0].folded, position: tokens[$0].position)
                        })
                        let bonuses = try (i..<end).compactMap {
                            try readingBonus(tokens[$0], literal: literal || reading.fixed[$0] != nil, preferred: preferred[$0])
                        }
                        parts.operands.append(bonuses.isEmpty ? inRow : try Query.combine(.andMaybe, [inRow] + bonuses))
                        parts.required? += tokens[(i + 1)..<end]
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
                    return try Query.combine(.filter, [phrase, Query.combine(.and, exact)]).fixedWeight(QueryBuilder.unitWeight)
                }
                // Typed without diacritics, syllables side by side may be any of their
                // readings (`tam uy`: `Tam- Ủy`, `tám úy`): they weigh what they weigh,
                // and a unit's tier only where the passage writes them as typed (`an ninh`).
                let asTyped = try range.filter { !tokens[$0].isNumber }.map { try Query.term(TermPrefix.exact + tokens[$0].exact) }
                if asTyped.isEmpty { return phrase }
                let unit = try Query.combine(.filter, [phrase, Query.combine(.and, asTyped)]).fixedWeight(QueryBuilder.unitWeight)
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
        for (prefix, names, weight) in [(TermPrefix.passageProvince, entities.province, QueryBuilder.entityWeight),
                                        (TermPrefix.passageEthnic, entities.ethnic, QueryBuilder.communityWeight),
                                        (TermPrefix.passageModel, entities.model, QueryBuilder.entityWeight)] {
            for name in names {
                bonuses.append(try Query.term(PassageDocumentBuilder.entityTerm(prefix, name)).fixedWeight(weight))
            }
        }
        for i in reading.names.sorted() where !tokens[i].isNumber {
            // Typed without diacritics (`Man`), the name is any reading of it (`Mẫn`).
            let forms = literal || tokens[i].hasDiacritics || reading.fixed[i] != nil ? [tokens[i].exact]
                : try IndexedReadings.of(tokens[i].folded, termFrequency: termFrequency).map(\.reading)
            if forms.isEmpty { continue }
            bonuses.append(try Query.combine(.or, forms.map { try Query.term(TermPrefix.capitalised + $0) }).fixedWeight(QueryBuilder.capitalWeight))
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
    func excluding(_ operand: QuerySyntax.Operand) throws -> [Query] {
        switch operand {
        case .words(let text):
            return try analyzer.tokens(analyzer.normalizeQuery(text)).map {
                try Query.term($0.hasDiacritics ? TermPrefix.exact + $0.exact : $0.folded)
            }
        case .phrase:
            var ignored = Highlighter.Terms()
            var unread = Interpretation()
            return try plan(operand, literal: true, highlight: &ignored, interpretation: &unread).operands
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
        guard let bonus = try readingBonus(token, literal: literal, preferred: preferred) else { return folded }
        return try Query.combine(.andMaybe, [folded, bonus])
    }

    /// What a syllable earns beyond its folded term: typed with diacritics (or fixed by a
    /// name), its exact term; typed without, the readings of it a passage holds. Nil for
    /// a number, or a syllable the index holds in no reading.
    private func readingBonus(_ token: Token, literal: Bool, preferred: String?) throws -> Query? {
        if token.isNumber { return nil }
        if literal || token.hasDiacritics { return try exactTerm(token) }
        let readings = try IndexedReadings.of(token.folded, termFrequency: termFrequency)
        if readings.isEmpty { return nil }
        // A passage earns the weight of the readings it holds, and a rare reading
        // (`thùy`) says more than a common one (`thủy`): known-item queries typed without
        // diacritics need that (weighing readings by how common they are costs relevance).
        // Names fix their reading before this (`nguoi Hoa` is `người Hoa`, not `ngươi`).
        // (OP_MAX would say it better, but Xapian 1.4.22 crashes on it inside these trees.)
        let weighed = try readings.map {
            try Query.term(TermPrefix.exact + $0.reading).scaled(by: QueryBuilder.readingFactor * ($0.reading == preferred ? QueryBuilder.contextFactor : 1))
        }
        return try Query.combine(.or, weighed)
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

    /// A syllable's exact term at the weight a query typed with diacritics gives it (plus
    /// `share` of its plain weight); nil for a number, which has none (its digits are
    /// folded terms).
    func exactTerm(_ token: Token, plus share: Double = 0) throws -> Query? {
        token.isNumber ? nil : try Query.term(TermPrefix.exact + token.exact).scaled(by: QueryBuilder.exactFactor + share)
    }
}
