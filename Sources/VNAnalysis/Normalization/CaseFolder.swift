/// Unicode case folding (ICU), with a fast path for ASCII, which most number and
/// foreign-name tokens are.
public struct CaseFolder: Sendable {
    public init() {}

    public func fold(_ text: String) throws -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return try ICUText.foldCase(text)
    }
}
