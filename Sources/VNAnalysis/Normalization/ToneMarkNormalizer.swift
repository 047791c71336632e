/// Moves the tone mark of open `oa`, `oe`, `uy` syllables to one convention, the one the
/// reports mostly use: `hoà`→`hòa`, `thuỷ`→`thủy`, `khoẻ`→`khỏe`, `uý`→`úy`.
///
/// Both placements are correct Vietnamese and people type either, so the index must treat
/// them as one word. Closed syllables (`hoàng`, `thuyền`) have a single placement and are
/// left alone, as is `qu` + `y` (`quý`, `quỳ`), where the `u` belongs to the consonant.
/// Works on lower-case NFC syllables (the analyzer case-folds first).
public struct ToneMarkNormalizer: Sendable {
    public init() {}

    public func normalize(_ syllable: String) -> String {
        // Only syllables ending in a toned vowel pair can change; skip the rest cheaply.
        guard syllable.utf8.count >= 2, let last = syllable.unicodeScalars.last, last.value >= 0xC0 else {
            return syllable
        }
        var chars = Array(syllable)
        let n = chars.count
        guard n >= 2,
              let first = Self.vowels[chars[n - 2]], let second = Self.vowels[chars[n - 1]],
              first.tone == 0, second.tone != 0,
              Self.pairs.contains([first.base, second.base])
        else { return syllable }
        if n >= 3 {
            let before = chars[n - 3]
            if Self.vowels[before] != nil { return syllable }         // not a two-vowel nucleus
            if first.base == "u" && before == "q" { return syllable }  // quý, quỳ
        }
        chars[n - 2] = Self.form(first.base, tone: second.tone)
        chars[n - 1] = second.base
        return String(chars)
    }

    /// Vowel pairs whose open syllables are written both ways.
    private static let pairs: Set<[Character]> = [["o", "a"], ["o", "e"], ["u", "y"]]

    /// Each vowel with its six tones: none, huyền, sắc, hỏi, ngã, nặng.
    private static let table: [[Character]] = [
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
    ].map { Array($0) }

    private static let vowels: [Character: (base: Character, tone: Int)] = {
        var map: [Character: (base: Character, tone: Int)] = [:]
        for row in table {
            for (tone, form) in row.enumerated() { map[form] = (row[0], tone) }
        }
        return map
    }()

    private static func form(_ base: Character, tone: Int) -> Character {
        table.first { $0[0] == base }![tone]
    }
}
