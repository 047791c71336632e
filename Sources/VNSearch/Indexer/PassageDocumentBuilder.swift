import VNAnalysis

/// Turns one passage into a Xapian document: positional folded terms (a gap between
/// sentences), exact terms, capitalised names, the entities the passage names, the
/// article's entity and date filter terms and values (facets, collapse key). The
/// first passage also holds the article's record and every passage's text (`PassageTexts`).
struct PassageDocumentBuilder {
    /// A passage after analysis: its tokens and the entities it mentions.
    struct Analysed: Sendable {
        let passage: Passage
        let tokens: [Token]
        let entities: RecognizedEntities
    }

    /// The article's passages, in order, as documents.
    func documents(for passages: [Analysed], of article: ArticleRecord) throws -> [Document] {
        let documents = try passages.map { try document(for: $0, of: article) }
        try documents.first?.setData(PassageTexts.joined(passages.map(\.passage.text)))
        return documents
    }

    private func document(for analysed: Analysed, of article: ArticleRecord) throws -> Document {
        let document = Document()
        var terms = TermBatch(capacity: analysed.tokens.count * 2)
        let text = analysed.passage.text
        let sentenceStarts = SentenceStarts.flags(text, tokens: analysed.tokens, colons: false)
        let capitalExpected = SentenceStarts.flags(text, tokens: analysed.tokens, colons: true)
        var capitalised = Set<String>()
        var gap = 0
        // Xapian refuses terms over 245 bytes; a URL or a run of digits joined by hyphens
        // can be longer. Nobody searches for those whole, so they are left out.
        for (i, token) in analysed.tokens.enumerated() where token.exact.utf8.count <= Self.maxTermBytes - TermPrefix.exact.utf8.count {
            if i > 0 && sentenceStarts[i] { gap += SentenceStarts.positionGap }
            let position = token.position + gap
            terms.add(token.folded, position: position)
            if let digits = token.digits {
                terms.add(digits, position: position, wdfIncrement: 0)
            }
            if token.isNumber { continue }
            // Every word, with or without diacritics: an unaccented `voi` must be told
            // apart from `với`, which folds to the same term.
            terms.add(token.exact, prefix: TermPrefix.exact)
            if !capitalExpected[i] && SentenceStarts.isCapitalised(token) { capitalised.insert(token.exact) }
            // ICU keeps `www.bigbb.vn` and `SHB.Đà` whole; their parts are words a
            // reader searches for, so they are indexed too, at the same position.
            // (Bytes, not Foundation's `contains`: that one compares with a locale, once
            // per syllable.)
            if token.exact.utf8.contains(UInt8(ascii: ".")) {
                for (exact, folded) in zip(token.exact.split(separator: "."), token.folded.split(separator: "."))
                where exact.contains(where: \.isLetter) {
                    terms.add(folded, position: token.position)
                    terms.add(exact, prefix: TermPrefix.exact)
                }
            }
        }
        // Once per passage (wdf 1): a bonus for names (`Hoa`, `Chăm` mid-sentence), not a count.
        for exact in capitalised { terms.add(exact, prefix: TermPrefix.capitalised) }
        let entities = analysed.entities
        for name in Set(entities.province) { terms.add(try EntityNames.key(name), prefix: TermPrefix.passageProvince) }
        for name in Set(entities.ethnic) { terms.add(try EntityNames.key(name), prefix: TermPrefix.passageEthnic) }
        for name in Set(entities.model) {
            terms.add(try Self.entityTerm(TermPrefix.passageModel, name))
        }
        try document.add(terms)
        let passage = analysed.passage
        try document.addBooleanTerm(TermPrefix.article + article.id)
        // Readers find an article's record on its first passage by this term; no query
        // asks for any other passage by id, so the others carry none (a unique term per
        // passage would be a one-posting list for every passage).
        if passage.index == 0 {
            try document.addBooleanTerm(Self.passageTerm(article: article.id, index: passage.index))
        }
        if let date = article.date {
            for part in Set([date.prefix(4), date.prefix(7)]) { try document.addBooleanTerm(TermPrefix.date + part) }
        }

        for name in article.provinces ?? [] { try document.addBooleanTerm(TermPrefix.articleProvince + EntityNames.key(name)) }
        for name in article.ethnicGroups ?? [] { try document.addBooleanTerm(TermPrefix.articleEthnic + EntityNames.key(name)) }
        for name in article.models ?? [] { try document.addBooleanTerm(Self.entityTerm(TermPrefix.articleModel, name)) }

        try document.setValue(article.id, slot: .articleID)
        try document.setValue(article.date ?? "", slot: .date)
        try document.setValue(String(passage.index), slot: .passageIndex)
        // Body passages, most of them, carry no kind: a sparse slot is what keeps the
        // ranking prior, which reads it for every candidate, cheap.
        if passage.kind != .body { try document.setValue(passage.kind.rawValue, slot: .kind) }
        if passage.index == 0 { try document.setValue(try article.encoded(), slot: .record) }
        let separator = String(ValueSlot.listSeparator)
        let merged = Set(entities.province.compactMap { ProvinceGazetteer.province(named: $0)?.merged }).sorted()
        let facets = entities.province.map { FacetSpies.Kind.province.rawValue + $0 }
            + entities.ethnic.map { FacetSpies.Kind.ethnic.rawValue + $0 }
            + entities.model.map { FacetSpies.Kind.model.rawValue + $0 }
            + merged.map { FacetSpies.Kind.province2025.rawValue + $0 }
            + (article.date.map { [FacetSpies.Kind.year.rawValue + $0.prefix(4)] } ?? [])
        try document.setValue(facets.joined(separator: separator), slot: .facets)
        return document
    }

    static func passageTerm(article: String, index: Int) -> String {
        TermPrefix.passage + article + "-" + String(index)
    }

    static let maxTermBytes = 240

    /// The term of a named entity (`XNT` + `cham`), as the index holds it: what a query
    /// that names the entity looks up.
    static func entityTerm(_ prefix: String, _ name: String) throws -> String {
        termLimited(prefix + (try EntityNames.key(name)))
    }

    /// Xapian terms are at most 245 bytes; a long model name is cut at a character.
    static func termLimited(_ term: String) -> String {
        guard term.utf8.count > maxTermBytes else { return term }
        var cut = ""
        for character in term {
            if cut.utf8.count + String(character).utf8.count > maxTermBytes { break }
            cut.append(character)
        }
        return cut
    }
}
