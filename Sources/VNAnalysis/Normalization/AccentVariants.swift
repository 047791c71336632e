/// Every way a syllable typed without diacritics (`thuy`) can be written with them
/// (`thủy`, `thùy`, `thúy`, `thuý`, `thuỵ`, `thư`…): the candidates among which the index
/// says which exist and how often. Lower case, NFC, any tone placement (the index keeps
/// one, so the others simply do not occur).
public enum AccentVariants {
    /// Each plain vowel's bases (`a` → `a ă â`), each base's six tones in the order
    /// none, grave, acute, hook, tilde, dot.
    private static let bases: [Character: [String]] = [
        "a": ["aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ"],
        "e": ["eèéẻẽẹ", "êềếểễệ"],
        "i": ["iìíỉĩị"],
        "o": ["oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ"],
        "u": ["uùúủũụ", "ưừứửữự"],
        "y": ["yỳýỷỹỵ"],
    ]
    /// Longer runs are not Vietnamese syllables and would multiply the candidates.
    static let maxVowels = 3

    public static func candidates(of folded: String) -> [String] {
        let letters = Array(folded)
        guard letters.allSatisfy({ $0.isASCII && $0.isLetter }),
              letters.filter({ bases[$0] != nil }).count <= maxVowels else { return [folded] }
        // Choices per letter: a vowel's toneless bases with its index of tone forms, or
        // `d`/`đ`, or the letter itself.
        var spellings: [[(letter: Character, vowel: String?)]] = [[]]
        for letter in letters {
            let options: [(letter: Character, vowel: String?)]
            if let forms = bases[letter] {
                options = forms.map { ($0.first!, $0) }
            } else if letter == "d" {
                options = [("d", nil), ("đ", nil)]
            } else {
                options = [(letter, nil)]
            }
            spellings = spellings.flatMap { prefix in options.map { prefix + [$0] } }
        }
        var result: [String] = []
        for spelling in spellings {
            result.append(String(spelling.map(\.letter)))
            // One tone mark, on any one vowel.
            for (i, slot) in spelling.enumerated() {
                guard let forms = slot.vowel.map(Array.init) else { continue }
                for tone in forms.dropFirst() {
                    var letters = spelling.map(\.letter)
                    letters[i] = tone
                    result.append(String(letters))
                }
            }
        }
        return result
    }
}
