/// Finds named models (mô hình): the quoted names that follow `mô hình` in the same
/// sentence, straight or curly quotes, with the province the text gives each
/// (`"Rủ nhau làm tốt xóm Chăm" của tỉnh An Giang`).
struct ModelExtractor {
    private let trigger: SyllablePattern
    /// Words allowed between a model's closing quote and its province.
    private let linkWords: Set<String> = ["cua", "tinh", "thanh", "pho", "tp", "o", "tai", "huyen", "thi", "xa"]
    private let maxNameSyllables = 30
    /// An unclosed quote ends here: a name is never longer, and the scan stays linear.
    private let maxNameBytes = 400

    init(analyzer: VietnameseAnalyzer) throws {
        trigger = try SyllablePattern("mô hình", analyzer: analyzer)
    }

    func extract(_ tokens: [Token], _ text: TextBytes, provinces: [EntitySpan]) -> [EntitySpan] {
        var spans: [EntitySpan] = []
        var scannedUpTo = 0
        for i in tokens.indices where trigger.matches(tokens, at: i, in: text, checkCase: false) {
            let from = max(tokens[i + 1].range.upperBound, scannedUpTo)
            for (range, close) in quotedNames(in: text, from: from) {
                let name = text.text(range)
                let syllables = name.split(whereSeparator: \.isWhitespace).count
                guard syllables >= 1, syllables <= maxNameSyllables, name.contains(where: \.isLetter) else { continue }
                spans.append(EntitySpan(type: .model, value: name, text: name, start: range.lowerBound,
                                        end: range.upperBound, province: province(after: close, text, provinces)))
                scannedUpTo = close
            }
        }
        return spans
    }

    /// Quoted stretches from `start` to the end of the sentence: (name bytes, end of the
    /// closing quote).
    private func quotedNames(in text: TextBytes, from start: Int) -> [(Range<Int>, Int)] {
        let bytes = text.bytes
        var names: [(Range<Int>, Int)] = []
        var open: Int?
        var i = start
        while i < bytes.count {
            let (quote, width) = Self.quote(bytes, at: i)
            if let quote {
                if let start = open, quote != .opening {
                    names.append((trim(start..<i, bytes), i + width))
                    open = nil
                } else if open == nil, quote != .closing {
                    open = i + width
                }
                i += width
                continue
            }
            if open == nil, Self.endsSentence(bytes, at: i) { break }
            if let start = open, i - start > maxNameBytes { break }
            i += 1
        }
        return names
    }

    private enum Quote { case straight, opening, closing }

    private static func quote(_ bytes: [UInt8], at i: Int) -> (Quote?, Int) {
        if bytes[i] == 0x22 { return (.straight, 1) }
        // “ U+201C = E2 80 9C, ” U+201D = E2 80 9D, « C2 AB, » C2 BB
        if i + 2 < bytes.count, bytes[i] == 0xE2, bytes[i + 1] == 0x80 {
            if bytes[i + 2] == 0x9C { return (.opening, 3) }
            if bytes[i + 2] == 0x9D { return (.closing, 3) }
        }
        if i + 1 < bytes.count, bytes[i] == 0xC2 {
            if bytes[i + 1] == 0xAB { return (.opening, 2) }
            if bytes[i + 1] == 0xBB { return (.closing, 2) }
        }
        return (nil, 1)
    }

    /// `.`, `!`, `?` followed by a space or the end, or a line break.
    private static func endsSentence(_ bytes: [UInt8], at i: Int) -> Bool {
        if bytes[i] == 0x0A { return true }
        guard bytes[i] == 0x2E || bytes[i] == 0x21 || bytes[i] == 0x3F else { return false }
        return i + 1 >= bytes.count || bytes[i + 1] == 0x20 || bytes[i + 1] == 0x0A
    }

    private func trim(_ range: Range<Int>, _ bytes: [UInt8]) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        let junk: Set<UInt8> = [0x20, 0x2C, 0x2E, 0x3B, 0x3A]
        while lower < upper, junk.contains(bytes[lower]) { lower += 1 }
        while upper > lower, junk.contains(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// The province named right after the closing quote, if only linking words
    /// (`của tỉnh`, `ở`, `tại thành phố`) stand between.
    private func province(after close: Int, _ text: TextBytes, _ provinces: [EntitySpan]) -> String? {
        guard let next = provinces.first(where: { $0.type == .province && $0.start >= close }) else { return nil }
        let between = text.text(close..<next.start)
        let words = between.split { $0.isWhitespace || $0 == "(" || $0 == "," }
        guard words.count <= 4 else { return nil }
        for word in words {
            let folded = (try? DiacriticFolder().fold(String(word).lowercased())) ?? ""
            if !linkWords.contains(folded) { return nil }
        }
        return next.value
    }
}
