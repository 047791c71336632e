import VNAnalysis

/// How a whole query was read (the JSON's `interpreted`): the names it mentions, and the
/// readings they fix for syllables typed without diacritics, which "Did you mean" and
/// `readings` take over any other.
public struct Interpretation: Sendable, Equatable {
    public var province: [String] = []
    public var ethnic: [String] = []
    public var model: [String] = []
    /// Folded syllable → the name's spelling of it (`cham` → `Chăm`, `nguoi` → `người`).
    var fixedReadings: [String: String] = [:]

    mutating func add(_ reading: QueryInterpreter.Reading, of tokens: [Token]) {
        for name in reading.entities.province where !province.contains(name) { province.append(name) }
        for name in reading.entities.ethnic where !ethnic.contains(name) { ethnic.append(name) }
        for name in reading.entities.model where !model.contains(name) { model.append(name) }
        for (i, syllable) in reading.fixed { fixedReadings[tokens[i].folded] = syllable.surface }
    }
}
