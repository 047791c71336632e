/// The analysis chain shared by the indexer and the query side, so a query syllable and
/// an indexed syllable always become the same terms.
///
/// text → ICU syllables (numbers joined) → per syllable: case fold → tone-mark placement
/// → diacritic fold. Input is expected in NFC (TextDecoder does that for files; queries
/// go through `normalizeQuery`). Not thread-safe (TermMaker memoises).
public final class VietnameseAnalyzer {
    private let segmenter = SyllableSegmenter()
    private let termMaker = TermMaker()

    public init() {}

    public func tokens(_ text: String) throws -> [Token] {
        let pieces = try segmenter.segment(text)
        let utf8 = Array(text.utf8)
        var tokens: [Token] = []
        tokens.reserveCapacity(pieces.count)
        for (index, piece) in pieces.enumerated() {
            let surface = String(decoding: utf8[piece.range], as: UTF8.self)
            let (exact, folded) = try termMaker.terms(for: surface)
            tokens.append(Token(
                surface: surface, range: piece.range, position: index + 1, isNumber: piece.isNumber,
                exact: exact, folded: folded,
                digits: piece.isNumber ? termMaker.digits(of: surface) : nil))
        }
        return tokens
    }

    /// The terms of a single syllable typed in a query.
    public func terms(for syllable: String) throws -> (exact: String, folded: String) {
        try termMaker.terms(for: syllable)
    }

    /// Queries come from terminals and browsers in any normal form.
    public func normalizeQuery(_ text: String) throws -> String {
        try ICUText.nfc(text)
    }
}
