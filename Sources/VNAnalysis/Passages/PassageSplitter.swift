/// Cuts a paragraph into passages: whole sentences (ICU sentence break) grouped up to
/// `maxSyllables`; a longer sentence is cut at `;` and then by window; a photo caption
/// (the sentence before an `Ảnh: …` credit, and the credit) is a passage of its own.
///
/// Short passages rank the sentence that answers a query, not the article around it.
public struct PassageSplitter: Sendable {
    public let maxSyllables: Int

    public init(maxSyllables: Int = 80) {
        self.maxSyllables = maxSyllables
    }

    /// A piece of the paragraph: its byte range and whether it is (part of) a caption.
    public struct Piece: Sendable, Equatable {
        public let text: String
        public let isCaption: Bool
    }

    public func split(paragraph: String) throws -> [Piece] {
        let bytes = Array(paragraph.utf8)
        let sentences = try ICUText.sentenceSegments(paragraph)
            .map { trim($0.range, in: bytes) }
            .filter { !$0.isEmpty }
        if sentences.isEmpty { return [] }

        let total = sentences.reduce(0) { $0 + syllableCount(bytes[$1]) }
        if total <= maxSyllables, sentences.contains(where: { isPhotoCredit(bytes[$0]) }) {
            return [Piece(text: text(sentences[0].lowerBound..<sentences.last!.upperBound, bytes), isCaption: true)]
        }

        var pieces: [Piece] = []
        var group: [Range<Int>] = []
        var groupSyllables = 0
        func flush() {
            guard let first = group.first, let last = group.last else { return }
            pieces.append(Piece(text: text(first.lowerBound..<last.upperBound, bytes), isCaption: false))
            group = []
            groupSyllables = 0
        }
        for sentence in sentences {
            let count = syllableCount(bytes[sentence])
            if isPhotoCredit(bytes[sentence]) {
                // The caption is the sentence just before its credit.
                let caption = group.popLast().map { $0.lowerBound..<sentence.upperBound } ?? sentence
                groupSyllables = group.reduce(0) { $0 + syllableCount(bytes[$1]) }
                flush()
                pieces.append(Piece(text: text(caption, bytes), isCaption: true))
                continue
            }
            if count > maxSyllables {
                flush()
                for part in cut(sentence, bytes) {
                    pieces.append(Piece(text: text(part, bytes), isCaption: false))
                }
                continue
            }
            if groupSyllables + count > maxSyllables { flush() }
            group.append(sentence)
            groupSyllables += count
        }
        flush()
        return pieces
    }

    /// An over-long sentence: clauses at `;`, regrouped up to half the limit (such
    /// sentences are lists, like the seed's nine models, and each item is an answer of its
    /// own); a clause still too long is cut into equal windows of whole syllables.
    private func cut(_ sentence: Range<Int>, _ bytes: [UInt8]) -> [Range<Int>] {
        var clauses: [Range<Int>] = []
        var start = sentence.lowerBound
        for i in sentence where bytes[i] == UInt8(ascii: ";") {
            clauses.append(start..<(i + 1))
            start = i + 1
        }
        if start < sentence.upperBound { clauses.append(start..<sentence.upperBound) }
        clauses = clauses.map { trim($0, in: bytes) }.filter { !$0.isEmpty }

        var parts: [Range<Int>] = []
        var current: Range<Int>?
        var currentCount = 0
        for clause in clauses {
            let count = syllableCount(bytes[clause])
            if let open = current, currentCount + count <= maxSyllables / 2 {
                current = open.lowerBound..<clause.upperBound
                currentCount += count
                continue
            }
            if let open = current { parts.append(open) }
            if count > maxSyllables {
                parts += windows(clause, count: count, bytes)
                current = nil
                currentCount = 0
            } else {
                current = clause
                currentCount = count
            }
        }
        if let open = current { parts.append(open) }
        return parts
    }

    private func windows(_ range: Range<Int>, count: Int, _ bytes: [UInt8]) -> [Range<Int>] {
        let windowCount = (count + maxSyllables - 1) / maxSyllables
        let perWindow = (count + windowCount - 1) / windowCount
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        var seen = 0
        var inWord = false
        for i in range {
            let isSpace = bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A
            if !isSpace && !inWord {
                if seen > 0 && seen % perWindow == 0 {
                    parts.append(trim(start..<i, in: bytes))
                    start = i
                }
                seen += 1
            }
            inWord = !isSpace
        }
        parts.append(trim(start..<range.upperBound, in: bytes))
        return parts.filter { !$0.isEmpty }
    }

    /// Syllables are separated by spaces in Vietnamese; counting chunks is close enough
    /// for sizing passages and much cheaper than a second word break.
    private func syllableCount(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        var inWord = false
        for byte in bytes {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A
            if !isSpace && !inWord { count += 1 }
            inWord = !isSpace
        }
        return count
    }

    /// `(Ảnh: Trung Hiếu/TTXVN)` or `Ảnh: Vũ Toàn` credits a photo.
    private func isPhotoCredit(_ bytes: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.hasPrefix("(Ảnh:") || text.hasPrefix("Ảnh:") || text.hasPrefix("(Ảnh :")
            || text.hasPrefix("Ảnh :")
    }

    private func trim(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, [0x20, 0x09, 0x0A].contains(bytes[lower]) { lower += 1 }
        while upper > lower, [0x20, 0x09, 0x0A].contains(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private func text(_ range: Range<Int>, _ bytes: [UInt8]) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
