import VNAnalysis

/// Reads a run of query words the way the indexer reads a passage: the provinces,
/// communities and models it names (`nguoi cham an giang`: the Chăm, An Giang), the
/// reading those names fix for syllables typed without diacritics (`cham` is `chăm` and
/// the `nguoi` before it `người`, never `chấm`, `ngươi`), and the syllables typed as
/// names (a capital mid-query: `Hoa`, not `hoa`). Not thread-safe (it owns a recogniser):
/// one per engine thread.
final class QueryInterpreter {
    /// How one run of words was read.
    struct Reading {
        var entities = RecognizedEntities()
        /// Token index → the syllable a name fixes, as the name writes it (`Chăm`, `người`).
        var fixed: [Int: Token] = [:]
        /// Token indexes typed with a capital that means a name.
        var names: Set<Int> = []
    }

    private let analyzer: VietnameseAnalyzer
    private let recognizer: EntityRecognizer
    /// Words that introduce a community (`người`, `đồng bào`), as syllables.
    private let cues: [[Token]]

    init(analyzer: VietnameseAnalyzer) throws {
        self.analyzer = analyzer
        recognizer = try EntityRecognizer(analyzer: analyzer)
        cues = try EthnicGazetteer.cues.map { try analyzer.tokens($0) }
    }

    /// `text`: NFC query words; `tokens`: theirs.
    func read(_ text: String, tokens: [Token]) throws -> Reading {
        var reading = Reading()
        for span in recognizer.recognize(text, tokens: tokens).spans {
            let covered = tokens.indices.filter { tokens[$0].range.lowerBound >= span.start && tokens[$0].range.upperBound <= span.end }
            // The canonical name syllable by syllable (`Khơ-me` read as `Khmer` fixes nothing).
            let name = span.type == .model ? [] : try analyzer.tokens(span.value)
            if span.type == .ethnic, isGuess(covered, name: name, tokens) { continue }
            reading.entities.add(span)
            if span.type == .model { continue }
            if name.count == covered.count {
                for (i, syllable) in zip(covered, name) where syllable.folded == tokens[i].folded {
                    reading.fixed[i] = syllable
                }
            }
            if span.type == .ethnic, let first = covered.first, let cue = cue(before: first, tokens) {
                for (offset, syllable) in cue.enumerated() { reading.fixed[first - cue.count + offset] = syllable }
            }
        }
        // A capital means a name unless every word has one (`Người Hoa Ở Sóc Trăng`) or it
        // starts a query of several words.
        let capitalised = tokens.indices.filter { SentenceStarts.isCapitalised(tokens[$0]) }
        if capitalised.count < tokens.count || tokens.count == 1 {
            reading.names = Set(capitalised.filter { $0 > 0 || tokens.count == 1 })
        }
        return reading
    }

    /// Whether a community's name is only a guess: typed in lower case without its
    /// diacritics and without a word that introduces a community before it. `cau giay` is
    /// `Cầu Giấy` (a district; `giấy`, paper), not the Giáy, and `xe dang di` is `xe đang
    /// đi`, not the Xê Đăng; `nguoi giay` and `Giay` are the Giáy. The readings in context
    /// read such syllables instead. A name without diacritics (`khmer`) is no guess.
    /// So is one that ends a longer capitalised name (`Cau Giay` is the district too).
    private func isGuess(_ covered: [Int], name: [Token], _ tokens: [Token]) -> Bool {
        guard let first = covered.first, covered.count == name.count, name.contains(where: { $0.exact != $0.folded }),
              covered.allSatisfy({ tokens[$0].exact == tokens[$0].folded }), cue(before: first, tokens) == nil else { return false }
        let inLongerName = first > 0 && SentenceStarts.isCapitalised(tokens[first - 1])
        return inLongerName || !covered.contains { SentenceStarts.isCapitalised(tokens[$0]) }
    }

    /// The word that introduces a community (`người`, `đồng bào`) right before token
    /// `first`, as the cue writes it.
    private func cue(before first: Int, _ tokens: [Token]) -> [Token]? {
        cues.first { cue in
            cue.count <= first && zip(cue, tokens[(first - cue.count)..<first]).allSatisfy { $0.folded == $1.folded }
        }
    }
}
