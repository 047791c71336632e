/// Splits text into syllables and numbers with ICU word break (locale `vi`).
///
/// Vietnamese writes one syllable per space-separated unit, so ICU's "words" are
/// syllables. ICU keeps `181.000` and `TP.HCM` whole but splits `2018-2024` and `15/8`;
/// those are joined again here because a date or a range is one thing to search for.
public struct SyllableSegmenter: Sendable {
    public struct Piece: Sendable, Equatable {
        public let range: Range<Int>
        public let isNumber: Bool
    }

    public init() {}

    public func segment(_ text: String) throws -> [Piece] {
        let segments = try ICUText.wordSegments(text)
        let utf8 = Array(text.utf8)
        var pieces: [Piece] = []
        pieces.reserveCapacity(segments.count / 2)
        var i = 0
        while i < segments.count {
            let segment = segments[i]
            guard segment.isWord else { i += 1; continue }
            var range = segment.range
            var j = i
            // number ('-' | '/') number ... with nothing in between: one token.
            while segments[j].isNumber, j + 2 < segments.count,
                  segments[j + 2].isNumber,
                  Self.isJoiner(segments[j + 1].range, in: utf8) {
                range = range.lowerBound..<segments[j + 2].range.upperBound
                j += 2
            }
            pieces.append(Piece(range: range, isNumber: segments[j].isNumber))
            i = j + 1
        }
        return pieces
    }

    private static func isJoiner(_ range: Range<Int>, in utf8: [UInt8]) -> Bool {
        range.count == 1 && (utf8[range.lowerBound] == UInt8(ascii: "-") || utf8[range.lowerBound] == UInt8(ascii: "/"))
    }
}
