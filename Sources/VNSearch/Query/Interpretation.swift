import VNAnalysis

/// How a whole query was read (the JSON's `interpreted`): the names it mentions, and the
/// readings they fix for syllables typed without diacritics, which "Did you mean" and
/// `readings` take over any other.
public struct Interpretation: Sendable, Equatable {
    public var province: [String] = []
    public var ethnic: [String] = []
    public var model: [String] = []
    /// The runs of syllables a name fixes, folded, with the name's spelling of them
    /// (`nguoi cham` → `người Chăm`): only those syllables, not every other `cham` of the
    /// query (`nguoi cham cham soc` is `người Chăm chăm sóc`).
    var fixedRuns: [FixedRun] = []

    /// Syllables a name fixes, in a row: folded, and as the name writes them.
    struct FixedRun: Sendable, Equatable {
        var folded: [String]
        var written: [String]
    }

    mutating func add(_ reading: QueryInterpreter.Reading, of tokens: [Token]) {
        for name in reading.entities.province where !province.contains(name) { province.append(name) }
        for name in reading.entities.ethnic where !ethnic.contains(name) { ethnic.append(name) }
        for name in reading.entities.model where !model.contains(name) { model.append(name) }
        for i in reading.fixed.keys.sorted() {
            guard let syllable = reading.fixed[i] else { continue }
            if let last = fixedRuns.indices.last, reading.fixed[i - 1] != nil {
                fixedRuns[last].folded.append(tokens[i].folded)
                fixedRuns[last].written.append(syllable.surface)
            } else {
                fixedRuns.append(FixedRun(folded: [tokens[i].folded], written: [syllable.surface]))
            }
        }
    }

    /// For each of `tokens` (the query's syllables, in order), the spelling a name fixes
    /// for it, if any: where the tokens hold one of `fixedRuns` in a row.
    func fixedReadings(of tokens: [Token]) -> [String?] {
        var readings = [String?](repeating: nil, count: tokens.count)
        let folded = tokens.map(\.folded)
        for run in fixedRuns where run.folded.count <= folded.count {
            for start in 0...(folded.count - run.folded.count)
            where folded[start..<start + run.folded.count].elementsEqual(run.folded) {
                for (k, written) in run.written.enumerated() { readings[start + k] = written }
            }
        }
        return readings
    }
}
