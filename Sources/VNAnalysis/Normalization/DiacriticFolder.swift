/// Removes diacritics the way people type Vietnamese without them: every tone and vowel
/// mark goes and `đ` becomes `d` (`Đồng` → `Dong`). Case is kept.
public struct DiacriticFolder: Sendable {
    public init() {}

    public func fold(_ text: String) throws -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return try ICUText.foldDiacritics(text)
    }
}
