import VNAnalysis

/// Marks the syllables of a passage that match the query. Neighbouring matches are
/// marked as one span (`<mark>người Hoa</mark>`), as a reader sees the word.
public struct Highlighter {
    /// What to mark: single syllables anywhere, phrases only where the whole phrase is.
    struct Terms {
        var syllables = Set<String>()
        var phrases: [[String]] = []
        /// For a query typed with diacritics: folded syllable → the forms it was typed as.
        /// Only those are marked (`người Hoa` marks `Hoa`, not `hòa giải`, `văn hóa`).
        var exact: [String: Set<String>] = [:]
    }

    /// Byte ranges of the passage to mark, merged across plain spaces.
    /// `tokens`: the passage cut by the analyzer (the search cuts each hit once).
    static func spans(in text: String, tokens: [Token], terms: Terms) -> [Range<Int>] {
        var marked = tokens.map { token in
            guard terms.syllables.contains(token.folded) || token.digits.map(terms.syllables.contains) == true else { return false }
            return terms.exact[token.folded].map { $0.contains(token.exact) } ?? true
        }
        for phrase in terms.phrases where !phrase.isEmpty && phrase.count <= tokens.count {
            for start in 0...(tokens.count - phrase.count)
            where zip(tokens[start...], phrase).allSatisfy({ $0.folded == $1 }) {
                for i in start..<(start + phrase.count) { marked[i] = true }
            }
        }
        let bytes = Array(text.utf8)
        var spans: [Range<Int>] = []
        for (token, isMarked) in zip(tokens, marked) where isMarked {
            if let last = spans.last, bytes[last.upperBound..<token.range.lowerBound].allSatisfy({ $0 == 0x20 }) {
                spans[spans.count - 1] = last.lowerBound..<token.range.upperBound
            } else {
                spans.append(token.range)
            }
        }
        return spans
    }

    /// HTML-safe text with `<mark>…</mark>` around the spans.
    static func html(_ text: String, spans: [Range<Int>]) -> String {
        render(text, spans: spans, open: "<mark>", close: "</mark>", escape: Self.escapeHTML)
    }

    /// Any markers (e.g. terminal colours) around the spans, text unchanged otherwise.
    static func render(_ text: String, spans: [Range<Int>], open: String, close: String,
                escape: (String) -> String = { $0 }) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var cursor = 0
        for span in spans {
            out += escape(String(decoding: bytes[cursor..<span.lowerBound], as: UTF8.self))
            out += open + escape(String(decoding: bytes[span], as: UTF8.self)) + close
            cursor = span.upperBound
        }
        out += escape(String(decoding: bytes[cursor...], as: UTF8.self))
        return out
    }

    /// Text made safe for HTML bodies and attribute values (the search page uses it too).
    /// Works on UTF-8 bytes: the five characters are ASCII, which no multi-byte sequence
    /// contains, and walking Vietnamese text by Character (grapheme clusters) is slow.
    public static func escapeHTML(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: { Self.entity(for: $0) != nil }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for byte in bytes {
            if let entity = Self.entity(for: byte) { out += entity.utf8 } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func entity(for byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}
