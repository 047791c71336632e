import VNAnalysis

/// Turns one passage into a Xapian document: positional folded terms, exact terms,
/// the article's filter terms, values and the passage text as data.
struct PassageDocumentBuilder {
    let analyzer: VietnameseAnalyzer

    func document(for passage: Passage, of article: ArticleRecord) throws -> Document {
        let document = Document()
        for token in try analyzer.tokens(passage.text) {
            try document.addPosting(token.folded, position: token.position)
            if token.hasDiacritics {
                try document.addTerm(TermPrefix.exact + token.exact)
            }
            if let digits = token.digits {
                try document.addPosting(digits, position: token.position, wdfIncrement: 0)
            }
        }
        try document.addBooleanTerm(TermPrefix.article + article.id)
        try document.addBooleanTerm(Self.passageTerm(article: article.id, index: passage.index))
        try document.addBooleanTerm(TermPrefix.kind + passage.kind.rawValue)
        try document.setValue(article.id, slot: .articleID)
        try document.setValue(article.date ?? "", slot: .date)
        try document.setValue(article.date.map { String($0.prefix(4)) } ?? "", slot: .year)
        try document.setValue(String(passage.index), slot: .passageIndex)
        try document.setValue(passage.kind.rawValue, slot: .kind)
        try document.setData(passage.text)
        return document
    }

    static func passageTerm(article: String, index: Int) -> String {
        TermPrefix.passage + article + "-" + String(index)
    }
}
