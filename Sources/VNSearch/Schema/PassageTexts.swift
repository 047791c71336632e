/// Where the text of a passage is kept. An article's first passage holds the texts of all
/// its passages, in order, joined by U+001E; the others hold none. Xapian compresses each
/// document's data on its own, and one block per article compresses far better than one
/// per passage.
///
/// An index of layout 5 or older keeps each passage's own text on it; `text(index:ownData:
/// firstPassageData:)` reads both, so searching an old index works until it is rebuilt.
enum PassageTexts {
    /// One byte in UTF-8 that no multi-byte sequence contains: texts split on bytes,
    /// without walking Vietnamese text character by character.
    static let separator: UInt8 = 0x1E

    /// The data of an article's first passage. A separator inside a text (a control
    /// character no reader means) becomes a space, so the parts split back exactly.
    static func joined(_ texts: [String]) -> String {
        texts.map { text in
            guard text.utf8.contains(separator) else { return text }
            return String(decoding: text.utf8.map { $0 == separator ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        }.joined(separator: String(UnicodeScalar(separator)))
    }

    /// Passage `index`'s text, from its own data or else from the article's first passage.
    static func text(index: Int, ownData: String, firstPassageData: () throws -> String) rethrows -> String {
        if index == 0 { return part(0, of: ownData) ?? "" }
        if !ownData.isEmpty { return ownData }
        return part(index, of: try firstPassageData()) ?? ""
    }

    /// The `index`th text of a first passage's data, found without splitting the others.
    static func part(_ index: Int, of data: String) -> String? {
        let bytes = data.utf8
        var start = bytes.startIndex
        for _ in 0..<index {
            guard let end = bytes[start...].firstIndex(of: separator) else { return nil }
            start = bytes.index(after: end)
        }
        let end = bytes[start...].firstIndex(of: separator) ?? bytes.endIndex
        return String(Substring(bytes[start..<end]))
    }
}
