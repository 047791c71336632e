import VNAnalysis

/// "Did you mean": for a query typed without diacritics, its accented reading as the
/// passages that answered it write it (`dan toc thieu so` → `dân tộc thiểu số`); for a
/// query that found nothing, a one-letter correction of each syllable of three to twenty
/// letters that the index does not hold (`an nnh` → `an ninh`).
struct Suggester {
    /// How a Vietnamese syllable is spelled, folded: an onset, vowels, a final consonant.
    nonisolated(unsafe) static let syllableShape = /(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(ch|ng|nh|[cmnpt])?/

    /// The longest syllable corrected: Vietnamese syllables have at most seven letters
    /// (`nghiêng`), names from other languages a few more (`Campuchia`).
    static let maxCorrected = 20

    let analyzer: VietnameseAnalyzer
    /// Passages holding a term: the index's statistics.
    let termFrequency: (String) throws -> Int

    /// `syllables`: the folded syllables the query searched for (filters and operators
    /// are left as typed). `passages`: the tokens of the hits' passages, best first.
    /// `fixed`: readings the query's names fix (`cham` → `Chăm` after `nguoi`), which win
    /// over the passages' votes. `context`: reads runs of adjacent syllables from the
    /// index (given when no word of the query is unknown to it).
    func suggest(query: String, syllables: Set<String>, typedWithDiacritics: Bool, passages: [[Token]],
                 fixed: Interpretation = Interpretation(), context: ContextReadings? = nil) throws -> String? {
        let tokens = try analyzer.tokens(query).filter { !$0.isNumber && syllables.contains($0.folded) }
        if tokens.isEmpty { return nil }
        let named = fixed.fixedReadings(of: tokens)
        var readings: [String?]
        if !typedWithDiacritics, let context {
            let voted = accented(tokens, in: passages)
            let names = ContextReadings.typedAsNames(tokens)
            readings = try ContextReadings.runs(tokens, in: query).flatMap { run -> [String?] in
                // A syllable alone has no neighbours to read it by: the hits' votes do.
                if run.count == 1 { return [voted[run.lowerBound]] }
                return try context.read(tokens[run].map(\.folded), names: Array(names[run])).map { reading in
                    reading.capitalised ? reading.exact.prefix(1).uppercased() + reading.exact.dropFirst() : reading.exact
                }
            }
            readings = zip(named, readings).map { name, read in name ?? read }
        } else if passages.isEmpty {
            // A syllable of one or two letters has too many neighbours to guess from; one
            // past `maxCorrected` letters is no syllable a typo made, and a long one has
            // too many edits to try.
            readings = try tokens.map { token in
                guard (3...Self.maxCorrected).contains(token.folded.count), try termFrequency(token.folded) == 0 else { return nil }
                return try correction(of: token.folded)
            }
        } else if !typedWithDiacritics {
            readings = zip(named, accented(tokens, in: passages)).map { name, voted in name ?? voted }
        } else {
            return nil
        }
        // Rebuild the query with each syllable replaced, keeping a leading capital.
        var bytes = Array(query.utf8)
        for (token, reading) in zip(tokens, readings).reversed() {
            guard var reading, reading != token.surface else { continue }
            if token.surface.first?.isUppercase == true { reading = reading.prefix(1).uppercased() + reading.dropFirst() }
            bytes.replaceSubrange(token.range, with: Array(reading.utf8))
        }
        let suggestion = String(decoding: bytes, as: UTF8.self)
        return suggestion == query ? nil : suggestion
    }

    /// The query with each of `unknown` (folded syllables in no passage) that no
    /// Vietnamese syllable is spelled like (`nnh`: a typo) replaced by its correction; nil
    /// when none has one. A real syllable the index lacks (`rừng` in a small corpus) is
    /// left as typed: the person meant it.
    func corrected(query: String, unknown: Set<String>) throws -> String? {
        var bytes = Array(query.utf8)
        var changed = false
        for token in try analyzer.tokens(query).reversed()
        where unknown.contains(token.folded) && !token.isNumber && token.folded.wholeMatch(of: Self.syllableShape) == nil {
            guard (3...Self.maxCorrected).contains(token.folded.count), var reading = try correction(of: token.folded) else { continue }
            if token.surface.first?.isUppercase == true { reading = reading.prefix(1).uppercased() + reading.dropFirst() }
            bytes.replaceSubrange(token.range, with: Array(reading.utf8))
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Each syllable's spelling as the passages write it, by vote: a hit higher in the
    /// ranking counts more, and a spelling next to the query's neighbouring syllable
    /// (`dân` before `tộc`) counts four times. A spelling mostly written with a capital
    /// (`Hoa`, `Bạc Liêu`: names) keeps it.
    private func accented(_ tokens: [Token], in passages: [[Token]]) -> [String?] {
        var votes = Array(repeating: [String: Double](), count: tokens.count)
        var capitalVotes = votes
        for (rank, words) in passages.enumerated() {
            for (j, word) in words.enumerated() {
                for (i, token) in tokens.enumerated() where token.folded == word.folded {
                    let before = i > 0 && j > 0 && words[j - 1].folded == tokens[i - 1].folded
                    let after = i + 1 < tokens.count && j + 1 < words.count && words[j + 1].folded == tokens[i + 1].folded
                    let weight = (before || after ? 4 : 1) / Double(rank + 1)
                    votes[i][word.exact, default: 0] += weight
                    if word.surface.first?.isUppercase == true { capitalVotes[i][word.exact, default: 0] += weight }
                }
            }
        }
        return zip(votes, capitalVotes).map { votes, capitals in
            guard let best = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else { return nil }
            return capitals[best.key, default: 0] * 2 > best.value ? best.key.prefix(1).uppercased() + best.key.dropFirst() : best.key
        }
    }

    /// The most frequent syllable one edit away (delete, swap, replace or insert a
    /// letter), in its most frequent spelling; nil when none is in the index.
    private func correction(of folded: String) throws -> String? {
        let letters = Array(folded)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
        var candidates = Set<String>()
        for i in letters.indices {
            var deleted = letters; deleted.remove(at: i); candidates.insert(String(deleted))
            if i + 1 < letters.count { var swapped = letters; swapped.swapAt(i, i + 1); candidates.insert(String(swapped)) }
            for c in alphabet { var replaced = letters; replaced[i] = c; candidates.insert(String(replaced)) }
        }
        for i in 0...letters.count {
            for c in alphabet { var inserted = letters; inserted.insert(c, at: i); candidates.insert(String(inserted)) }
        }
        candidates.remove(folded)
        candidates.remove("")
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let frequency = try termFrequency(candidate)
            if frequency > (best?.1 ?? 0) { best = (candidate, frequency) }
        }
        guard let (word, _) = best else { return nil }
        return try IndexedReadings.commonest(word, termFrequency: termFrequency)
    }
}
