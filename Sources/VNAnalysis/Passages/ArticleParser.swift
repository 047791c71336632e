import Foundation

/// Reads the structure of a report: an optional `date YYYY-MM[-DD]` header, a title,
/// the lead and the body, and cuts it into passages.
///
/// Two layouts occur: the seed begins `date 2024-08` followed by the lead on the same
/// line and has no title line; the news corpus has the title on the first line, the lead
/// on the second and the body after. Without a title line the title is the start of the
/// lead.
public struct ArticleParser: Sendable {
    public struct Article: Sendable, Equatable {
        public let date: String?
        public let title: String
        public let passages: [Passage]
    }

    private let splitter: PassageSplitter
    /// A first line longer than this is prose, not a title.
    private let maxTitleCharacters = 200
    private let derivedTitleWords = 14

    public init(splitter: PassageSplitter = PassageSplitter()) {
        self.splitter = splitter
    }

    public func parse(_ text: String) throws -> Article {
        // Split on bytes: splitting a String walks its characters, which is much of
        // parsing's time. (The decoder has made every line end a lone "\n", always a
        // character of its own.)
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"))
            .map { Substring($0).trimmed() }
            .filter { !$0.isEmpty }
        var date: String?
        if let first = lines.first, let header = DateHeader(line: first) {
            date = header.date
            if header.rest.isEmpty { lines.removeFirst() } else { lines[0] = header.rest }
        }

        var passages: [Passage] = []
        func add(_ kind: Passage.Kind, _ text: String) {
            // Punctuation alone ("...", "***") is nothing anyone can search for.
            guard text.contains(where: { $0.isLetter || $0.isNumber }) else { return }
            passages.append(Passage(index: passages.count, kind: kind, text: text))
        }

        var title: String
        if date == nil, lines.count >= 2, lines[0].count <= maxTitleCharacters, !lines[0].hasSuffix(".") {
            title = lines.removeFirst()
            add(.title, title)
        } else {
            title = lines.first.map(deriveTitle) ?? ""
        }

        for (number, paragraph) in lines.enumerated() {
            for piece in try splitter.split(paragraph: paragraph) {
                add(piece.isCaption ? .caption : (number == 0 ? .lead : .body), piece.text)
            }
        }
        return Article(date: date, title: title, passages: passages)
    }

    /// The first sentence of the lead, cut to a headline's length.
    private func deriveTitle(_ lead: String) -> String {
        let sentence = lead.components(separatedBy: ". ").first ?? lead
        let words = sentence.split(separator: " ")
        if words.count <= derivedTitleWords { return sentence.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:")) }
        let cut = words.prefix(derivedTitleWords).joined(separator: " ")
        return cut.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:")) + "…"
    }
}

/// `date 2024-08` / `Date: 2024-08-15` at the start of a report.
struct DateHeader {
    let date: String
    let rest: String
    nonisolated(unsafe) private static let pattern = /^[Dd][Aa][Tt][Ee]:?\s+(\d{4}-\d{2}(?:-\d{2})?)(?:\s+|$)/

    init?(line: String) {
        // Cheap check first: most files do not start with a date, and matching a regex
        // costs more than reading the rest of the line.
        guard line.utf8.first.map({ $0 | 0x20 == UInt8(ascii: "d") }) == true,
              let match = line.prefixMatch(of: Self.pattern) else { return nil }
        date = String(match.1)
        rest = line[match.range.upperBound...].trimmed()
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (Foundation's trimming bridges to
    /// NSString, which shows in indexing profiles).
    func trimmed() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[first...last])
    }
}
