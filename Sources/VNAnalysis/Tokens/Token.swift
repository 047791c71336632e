/// One syllable (or number, or Latin word) of a text, where it sits and how it is indexed.
public struct Token: Sendable, Equatable {
    /// The text as written.
    public let surface: String
    /// UTF-8 byte offsets into the analysed text: highlighting marks exactly these bytes.
    public let range: Range<Int>
    /// 1-based position of the syllable in the analysed text; phrases and proximity use it.
    public let position: Int
    public let isNumber: Bool
    /// Case-folded, tone marks in one placement, diacritics kept: `hòa`.
    public let exact: String
    /// `exact` without diacritics and `đ` as `d`: `hoa`.
    public let folded: String
    /// For numbers written with group separators, the digits alone (`181.000` → `181000`).
    public let digits: String?

    public init(surface: String, range: Range<Int>, position: Int, isNumber: Bool,
                exact: String, folded: String, digits: String?) {
        self.surface = surface
        self.range = range
        self.position = position
        self.isNumber = isNumber
        self.exact = exact
        self.folded = folded
        self.digits = digits
    }

    /// Whether the syllable carries diacritics (then its exact form is worth indexing apart).
    public var hasDiacritics: Bool { exact != folded }
}
