/// The user's query as written, parsed by the syntax of CONTRACT.md:
///
/// | form | meaning |
/// | `dân tộc` | every syllable must match |
/// | `"an ninh Tổ quốc"` (or “…”) | phrase |
/// | `Khmer OR Chăm` | either; OR binds loosest (`người Hoa OR người Chăm`) |
/// | `-Kỳ` / `NOT Kỳ` | exclude |
/// | `province:"An Giang"` `ethnic:Khmer` `model:"xóm Chăm"` `date:2018..2024-08` | filters |
public struct QuerySyntax: Sendable, Equatable {
    /// Syllables typed side by side (they earn a proximity bonus), or a quoted phrase.
    public enum Operand: Sendable, Equatable {
        case words(String)
        case phrase(String)
    }

    public enum Field: String, Sendable, CaseIterable {
        case province, ethnic, model, date
    }

    public struct Filter: Sendable, Equatable {
        public let field: Field
        public let value: String
    }

    /// OR of AND-groups.
    public var alternatives: [[Operand]] = []
    public var excluded: [Operand] = []
    public var filters: [Filter] = []
    /// `-province:X` / `NOT date:2024`: not supported; the search says so.
    public var excludedFilters: [Filter] = []

    public init(parsing text: String) {
        var lexer = Lexer(text)
        var group: [Operand] = []
        var run = ""
        var negateNext = false

        func endRun() {
            if !run.isEmpty { group.append(.words(run)); run = "" }
        }
        func take(_ operand: Operand) {
            if negateNext { excluded.append(operand); negateNext = false } else { group.append(operand) }
        }

        while let item = lexer.next() {
            switch item {
            case .or:
                endRun()
                negateNext = false
                if !group.isEmpty { alternatives.append(group); group = [] }
            case .not:
                endRun()
                negateNext = true
            case .phrase(let text, let negated):
                endRun()
                if negated { negateNext = true }
                take(.phrase(text))
            case .filter(let field, let value, let negated):
                endRun()
                if negated || negateNext {
                    excludedFilters.append(Filter(field: field, value: value))
                } else {
                    filters.append(Filter(field: field, value: value))
                }
                negateNext = false
            case .word(let word, let negated):
                if negated || negateNext {
                    endRun()
                    negateNext = true
                    take(.words(word))
                } else {
                    run += run.isEmpty ? word : " " + word
                }
            }
        }
        endRun()
        if !group.isEmpty { alternatives.append(group) }
    }
}

/// Splits a query into words, quoted phrases, operators and `field:value` filters.
private struct Lexer {
    enum Item {
        case word(String, negated: Bool)
        case phrase(String, negated: Bool)
        case or, not
        case filter(QuerySyntax.Field, String, negated: Bool)
    }

    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    private static let openQuotes: Set<Character> = ["\"", "“", "„"]
    private static let closeQuotes: Set<Character> = ["\"", "”", "“"]

    mutating func next() -> Item? {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        guard index < characters.count else { return nil }
        var negated = false
        if characters[index] == "-", index + 1 < characters.count, !characters[index + 1].isWhitespace {
            negated = true
            index += 1
        }
        if Self.openQuotes.contains(characters[index]) {
            return .phrase(quoted(), negated: negated)
        }
        var chunk = ""
        while index < characters.count, !characters[index].isWhitespace, !Self.openQuotes.contains(characters[index]) {
            chunk.append(characters[index])
            index += 1
            if chunk.last == ":", let field = QuerySyntax.Field(rawValue: String(chunk.dropLast()).lowercased()) {
                let value = index < characters.count && Self.openQuotes.contains(characters[index]) ? quoted() : bare()
                return .filter(field, value, negated: negated)
            }
        }
        if !negated && chunk == "OR" { return .or }
        if !negated && chunk == "NOT" { return .not }
        return .word(chunk, negated: negated)
    }

    /// Reads `"…"` from the opening quote; an unclosed quote runs to the end.
    private mutating func quoted() -> String {
        index += 1
        var text = ""
        while index < characters.count, !Self.closeQuotes.contains(characters[index]) {
            text.append(characters[index])
            index += 1
        }
        index += 1
        return text
    }

    private mutating func bare() -> String {
        var text = ""
        while index < characters.count, !characters[index].isWhitespace {
            text.append(characters[index])
            index += 1
        }
        return text
    }
}
