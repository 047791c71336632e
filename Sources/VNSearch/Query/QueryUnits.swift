import Foundation
import VNAnalysis

/// One unit of what a query asks: a syllable, a name of several (`Sóc Trăng`, `Khmer`
/// with its synonyms), a quoted phrase, or an optional word (`của`, `bao nhiêu`). A
/// partial match holds some units whole and lacks others; it never holds half a unit.
struct QueryUnit: Sendable {
    /// The words as typed, for a hit's `missing`.
    let words: String
    /// Each way of writing the unit, as folded syllables (a synonym group has several): a
    /// passage holds the unit when it holds one of them in order.
    let forms: [[String]]
    /// Optional words do not count towards a partial match's share.
    let optional: Bool
    /// Its rarity: the sum of its syllables' idf, what its share of the query weighs.
    let weight: Double
    /// Whether it names a community (`Chăm` in `người Chăm An Giang`): a partial match
    /// never lacks it, since without it a passage is about something else.
    var community = false
    /// Whether it names a province (`Sóc Trăng` in `an ninh trật tự Sóc Trăng`): partial
    /// matches naming it come first (see `HitAssembler`).
    var province = false

    /// Its syllables as meant, when typed with diacritics or read from a name (`Chăm`).
    var exact: [String]? = nil

    /// Whether the query has it right after the required unit before it (`Thiên` after
    /// `Bà` in `chùa Bà Thiên Hậu`; not `Chợ Lớn` after `Hoa` in `người Hoa ở Chợ Lớn`):
    /// a passage holding the two side by side holds more of the query than one holding
    /// them apart.
    var followsPrevious = false

    /// The passages holding the unit as meant (its exact syllables, else one of its forms),
    /// weighed by those syllables' rarity alone: what ranks partial matches.
    func plainQuery() throws -> Query {
        if let exact {
            let terms = try exact.map { try Query.term(TermPrefix.exact + $0) }
            if terms.count == 1 { return terms[0] }
            let inRow = try Query.combine(.phrase(window: forms[0].count), forms[0].map { try Query.term($0) })
            return try Query.combine(.filter, [Query.combine(.and, terms), inRow])
        }
        return try Query.combine(.or, forms.map { form in
            form.count == 1 ? try Query.term(form[0])
                : try Query.combine(.phrase(window: form.count), form.map { try Query.term($0) })
        })
    }

    /// Whether `syllables` (a text's, folded) holds the unit: one of its forms, in a row.
    func isHeld(by syllables: [String]) -> Bool {
        syllables.indices.contains { i in forms.contains { Self.holds($0, syllables, at: i) } }
    }

    /// Whether `syllables` holds the unit right before `next` (`Bà` `Thiên` in `Bà Thiên Hậu`).
    func isHeld(before next: QueryUnit, in syllables: [String]) -> Bool {
        syllables.indices.contains { i in
            forms.contains { form in
                Self.holds(form, syllables, at: i) && next.forms.contains { Self.holds($0, syllables, at: i + form.count) }
            }
        }
    }

    /// Whether `syllables` has `form` at `start`. (A loop: long articles are read for
    /// every unit of a question, on every partial match of a page.)
    private static func holds(_ form: [String], _ syllables: [String], at start: Int) -> Bool {
        guard !form.isEmpty, start + form.count <= syllables.count else { return false }
        for (offset, syllable) in form.enumerated() where syllables[start + offset] != syllable { return false }
        return true
    }

    /// A term's idf as Xapian's BM25 computes it without relevance feedback (a term in more
    /// than about a third of the passages is smoothed, never weighing nothing).
    static func idf(_ frequency: Int, passages: Int) -> Double {
        guard passages > 0 else { return 0 }
        let odds = (Double(passages) - Double(frequency) + 0.5) / (Double(frequency) + 0.5)
        return log(odds < 2 ? odds * 0.5 + 1 : odds)
    }
}

/// Question words, which a question needs and its answer does not say (`Ai đã hát quốc
/// ca?` is answered by "Lady Gaga biểu diễn quốc ca"): optional, like function words.
enum QuestionWords {
    /// Exact forms, longest first where one contains another.
    static let phrases: [[String]] = [
        ["như", "thế", "nào"], ["thế", "nào"], ["vì", "sao"], ["tại", "sao"], ["bao", "nhiêu"],
        ["khi", "nào"], ["bao", "giờ"], ["là", "gì"], ["ra", "sao"],
        ["ai"], ["gì"], ["nào"], ["đâu"], ["mấy"], ["sao"],
    ]

    /// The length of the question phrase at `start` of `words` (exact forms; nil where a
    /// word's form is unknown), if any.
    static func match(_ words: [String?], at start: Int) -> Int? {
        phrases.first { phrase in
            start + phrase.count <= words.count && phrase.indices.allSatisfy { words[start + $0] == phrase[$0] }
        }?.count
    }
}
