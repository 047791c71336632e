/// Which tokens of a passage begin a sentence, read from the text between tokens.
///
/// The index leaves a gap in positions there, so that a phrase or the adjacency bonus
/// never joins the last word of one sentence to the first of the next (`khổ. Mẹ` is not
/// `Khơ-me`), and a capital after it says nothing (every sentence starts with one), so
/// only capitals mid-sentence become capital terms.
public enum SentenceStarts {
    /// Positions skipped at a sentence start: more than any phrase window a query makes
    /// (a query of 20 syllables is one run of 20), so no phrase reaches across.
    public static let positionGap = 64

    /// One flag per token: true for the first token and after `.`, `!`, `?`, `…` or a
    /// line break. A dot after an abbreviation in capitals (`TP. Hồ Chí Minh`, `Q. 1`)
    /// does not end a sentence. With `colons`, a colon counts too: not a sentence end for
    /// positions, but a capital is expected after one (`mô hình: "Rủ nhau…"`).
    public static func flags(_ text: String, tokens: [Token], colons: Bool) -> [Bool] {
        let bytes = Array(text.utf8)
        var flags: [Bool] = []
        flags.reserveCapacity(tokens.count)
        for (i, token) in tokens.enumerated() {
            guard i > 0 else { flags.append(true); continue }
            let previous = tokens[i - 1]
            let from = previous.range.upperBound, to = token.range.lowerBound
            guard from < to, to <= bytes.count else { flags.append(false); continue }
            var ends = false
            for byte in bytes[from..<to] {
                switch byte {
                case UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\n"): ends = true
                case UInt8(ascii: ":"): ends = ends || colons
                case UInt8(ascii: "."): ends = ends || !isAbbreviation(previous)
                case 0xE2 where bytes[from..<to].starts(with: [0xE2, 0x80, 0xA6]): ends = true  // …
                default: break
                }
            }
            flags.append(ends)
        }
        return flags
    }

    /// Capitals only, at most four letters (`TP`, `Q`, `PGS`, `TS`), or `Th`/`Tp`-style.
    private static func isAbbreviation(_ token: Token) -> Bool {
        let letters = token.surface.filter(\.isLetter)
        guard !letters.isEmpty, letters.count <= 4 else { return false }
        return letters.allSatisfy(\.isUppercase) || ["ths", "tp", "th"].contains(token.folded)
    }

    /// Whether a token is written as a name mid-sentence: a capital first letter followed by
    /// lower-case ones (not an acronym in capitals, not a number).
    public static func isCapitalised(_ token: Token) -> Bool {
        guard !token.isNumber, let first = token.surface.first, first.isUppercase else { return false }
        return token.surface.dropFirst().contains(where: \.isLowercase)
    }
}
