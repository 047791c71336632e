/// Derives the index terms of one syllable: case fold, tone-mark placement, diacritic fold.
///
/// The vocabulary of Vietnamese syllables is small (a few thousand in daily use), so the
/// results are memoised: most tokens of a corpus cost one dictionary lookup.
/// Not thread-safe: give each indexing thread its own.
public final class TermMaker {
    private let caseFolder = CaseFolder()
    private let toneNormalizer = ToneMarkNormalizer()
    private let diacriticFolder = DiacriticFolder()
    private var memo: [String: (exact: String, folded: String)] = [:]
    private let memoLimit = 500_000

    public init() {}

    public func terms(for surface: String) throws -> (exact: String, folded: String) {
        if let known = memo[surface] { return known }
        let exact = toneNormalizer.normalize(try caseFolder.fold(surface))
        let folded = try diacriticFolder.fold(exact)
        if memo.count >= memoLimit { memo.removeAll(keepingCapacity: true) }
        memo[surface] = (exact, folded)
        return (exact, folded)
    }

    /// `181.000` and `4,5` written with group separators also index their digits alone.
    public func digits(of number: String) -> String? {
        guard number.contains(where: { $0 == "." || $0 == "," }) else { return nil }
        let digits = number.filter(\.isNumber)
        return digits.count == number.count ? nil : digits
    }
}
