import Foundation

/// A name or phrase as a sequence of syllables to find in analysed text.
///
/// A syllable matches when its exact form is the same, or when the text is typed
/// without diacritics and the folded form is: `Bạc Liêu` and (in unaccented text)
/// `Bac Lieu` match `Bạc Liêu`; `Hòa` never matches `Hoa`. A capital in the pattern
/// needs a capital in the text.
struct SyllablePattern: Sendable {
    struct Syllable: Sendable {
        let exact: String
        let folded: String
        let capitalized: Bool
    }

    let syllables: [Syllable]
    var count: Int { syllables.count }
    var first: String { syllables[0].folded }

    init(_ text: String, analyzer: VietnameseAnalyzer) throws {
        syllables = try analyzer.tokens(try analyzer.normalizeQuery(text)).map {
            Syllable(exact: $0.exact, folded: $0.folded, capitalized: $0.surface.first?.isUppercase == true)
        }
    }

    /// Whether the pattern matches the tokens starting at `start`, with only spaces,
    /// hyphens or dots between its syllables.
    func matches(_ tokens: [Token], at start: Int, in text: TextBytes, checkCase: Bool = true) -> Bool {
        guard !syllables.isEmpty, start >= 0, start + syllables.count <= tokens.count else { return false }
        for (offset, syllable) in syllables.enumerated() {
            let token = tokens[start + offset]
            guard token.folded == syllable.folded,
                  token.exact == syllable.exact || (!token.hasDiacritics && !text.isAccented),
                  !checkCase || !syllable.capitalized || token.surface.first?.isUppercase == true
            else { return false }
            if offset > 0, !text.isJoiner(between: tokens[start + offset - 1], and: token) { return false }
        }
        return true
    }

    /// Whether the pattern ends right before token `end` (exclusive), separated by spaces.
    func matches(endingBefore end: Int, _ tokens: [Token], in text: TextBytes, checkCase: Bool = false) -> Bool {
        let start = end - syllables.count
        guard start >= 0, matches(tokens, at: start, in: text, checkCase: checkCase) else { return false }
        return end >= tokens.count || text.isSpace(between: tokens[end - 1], and: tokens[end])
    }
}

/// The UTF-8 bytes of an analysed text, for looking at what lies between tokens.
struct TextBytes {
    let bytes: [UInt8]
    /// Written with diacritics: then a bare syllable is that word (`ban`, not `bản`).
    /// Text typed without them (under a quarter of the syllables marked) matches any.
    let isAccented: Bool

    init(_ text: String, tokens: [Token]) {
        bytes = Array(text.utf8)
        isAccented = tokens.filter(\.hasDiacritics).count * 4 >= tokens.count && tokens.count >= 3
    }

    func gap(_ a: Token, _ b: Token) -> ArraySlice<UInt8> {
        a.range.upperBound <= b.range.lowerBound ? bytes[a.range.upperBound..<b.range.lowerBound] : []
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Only spaces between two tokens (one word follows the other).
    func isSpace(between a: Token, and b: Token) -> Bool {
        let gap = gap(a, b)
        return !gap.isEmpty && gap.count <= 3 && gap.allSatisfy { $0 == 0x20 || $0 == 0xC2 || $0 == 0xA0 }
    }

    /// Spaces, hyphens, en dashes or dots: the joints inside a name (`Bà Rịa - Vũng Tàu`,
    /// `Khơ-me`, `TP. HCM`).
    func isJoiner(between a: Token, and b: Token) -> Bool {
        let gap = String(decoding: gap(a, b), as: UTF8.self)
        return !gap.isEmpty && gap.count <= 3 && gap.allSatisfy { $0 == " " || $0 == "-" || $0 == "–" || $0 == "." || $0 == "\u{A0}" }
    }

    /// A list separator between two names: a comma, a slash or a hyphen.
    func isListSeparator(between a: Token, and b: Token) -> Bool {
        let gap = String(decoding: gap(a, b), as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return gap == "," || gap == "-" || gap == "–" || gap == "/" || gap == ";"
    }
}
