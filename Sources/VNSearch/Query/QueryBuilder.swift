import VNAnalysis

/// Turns parsed query syntax into Xapian queries over the index's term space.
///
/// Per syllable: the folded term is required (so `nguoi` finds `người`); typed with
/// diacritics, its exact term is added as an optional extra (so `người` ranks `người`
/// above `ngươi`). Syllables typed side by side earn an adjacency bonus: most
/// Vietnamese words are two or three syllables (`dân tộc`, `an ninh`).
struct QueryBuilder {
    struct Built {
        /// Every operand in one passage (plus exclusions and filters), with the
        /// adjacency bonus: what ranks.
        let strict: Query
        /// The same passages without the bonus: what facets count, unranked.
        let matching: Query
        /// Any operand, for the article-level fallback; nil when there is nothing to relax.
        let relaxed: Query?
        /// The operands an article must all contain for the fallback to show it.
        let operands: [Query]
        let filter: Query?
        let highlight: Highlighter.Terms
    }

    let analyzer: VietnameseAnalyzer
    let names: EntityNames
    let modelKeys: () throws -> [String]

    func build(_ syntax: QuerySyntax, request: SearchRequest) throws -> Built {
        var highlight = Highlighter.Terms()
        var alternatives: [(operands: [Query], bonus: [Query])] = []
        for group in syntax.alternatives {
            var operands: [Query] = []
            var bonus: [Query] = []
            for operand in group {
                let built = try build(operand, highlight: &highlight)
                operands += built.operands
                bonus += built.bonus
            }
            if !operands.isEmpty { alternatives.append((operands, bonus)) }
        }
        if let first = syntax.excludedFilters.first {
            throw SearchError.badParameter("filters cannot be excluded: drop the '-' or NOT before \(first.field.rawValue):")
        }
        let filter = try FilterBuilder(analyzer: analyzer, names: names, modelKeys: modelKeys).filter(syntax.filters, request: request)
        if alternatives.isEmpty {
            // Filters alone (`province:"An Giang"`) list what they keep, like the flags do.
            guard let filter else { throw SearchError.emptyQuery }
            let all = try finish(Query.matchAll(), nil, filter)
            return Built(strict: all, matching: all, relaxed: nil,
                         operands: [], filter: filter, highlight: highlight)
        }

        let excluded = try syntax.excluded.flatMap { try self.excluding($0) }
        let exclusion = excluded.isEmpty ? nil : try Query.combine(.or, excluded)

        let strict = try Query.combine(.or, alternatives.map { try withBonus(Query.combine(.and, $0.operands), $0.bonus) })
        let matching = try Query.combine(.or, alternatives.map { try Query.combine(.and, $0.operands) })
        var relaxed: Query?
        var operands: [Query] = []
        if alternatives.count == 1, alternatives[0].operands.count > 1 {
            operands = alternatives[0].operands
            relaxed = try finish(withBonus(Query.combine(.or, operands), alternatives[0].bonus), exclusion, filter)
        }
        return Built(strict: try finish(strict, exclusion, filter), matching: try finish(matching, exclusion, filter),
                     relaxed: relaxed, operands: operands,
                     filter: filter, highlight: highlight)
    }

    /// A run of words gives one operand per syllable and a bonus per adjacent pair; a
    /// phrase gives a single positional operand.
    private func build(_ operand: QuerySyntax.Operand, highlight: inout Highlighter.Terms) throws -> (operands: [Query], bonus: [Query]) {
        switch operand {
        case .words(let text):
            let tokens = try analyzer.tokens(analyzer.normalizeQuery(text))
            highlight.syllables.formUnion(tokens.map(\.folded))
            let operands = try tokens.map { try syllable($0) }
            var bonus: [Query] = []
            for (a, b) in zip(tokens, tokens.dropFirst()) {
                bonus.append(try Query.combine(.phrase(window: 2), [Query.term(a.folded), Query.term(b.folded)]))
            }
            return (operands, bonus)
        case .phrase(let text):
            let tokens = try analyzer.tokens(analyzer.normalizeQuery(text))
            highlight.phrases.append(tokens.map(\.folded))
            if tokens.count <= 1 { return (try tokens.map { try syllable($0) }, []) }
            let phrase = try Query.combine(.phrase(window: tokens.count),
                                           tokens.map { try Query.term($0.folded, position: $0.position) })
            let exact = try tokens.filter(\.hasDiacritics).map { try Query.term(TermPrefix.exact + $0.exact) }
            return ([exact.isEmpty ? phrase : try Query.combine(.andMaybe, [phrase, Query.combine(.or, exact)])], [])
        }
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
            return try build(operand, highlight: &ignored).operands
        }
    }

    private func syllable(_ token: Token) throws -> Query {
        // Longer than any indexed term (see PassageDocumentBuilder): it cannot match.
        if token.exact.utf8.count > PassageDocumentBuilder.maxTermBytes - TermPrefix.exact.utf8.count {
            return Query.matchNothing()
        }
        let folded = try Query.term(token.folded, position: token.position)
        guard token.hasDiacritics else { return folded }
        return try Query.combine(.andMaybe, [folded, Query.term(TermPrefix.exact + token.exact)])
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
