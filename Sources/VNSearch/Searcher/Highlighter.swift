import VNAnalysis

/// Marks the syllables of a passage that match the query. Neighbouring matches are
/// marked as one span (`<mark>người Hoa</mark>`), as a reader sees the word.
public struct Highlighter {
    /// What to mark: single syllables anywhere, phrases only where the whole phrase is.
    struct Terms {
        var syllables = Set<String>()
        var phrases: [[String]] = []
    }

    /// Byte ranges of the passage to mark, merged across plain spaces.
    /// `tokens`: the passage cut by the analyzer (the search cuts each hit once).
    static func spans(in text: String, tokens: [Token], terms: Terms) -> [Range<Int>] {
        var marked = tokens.map { terms.syllables.contains($0.folded) || $0.digits.map(terms.syllables.contains) == true }
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
    public static func escapeHTML(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
