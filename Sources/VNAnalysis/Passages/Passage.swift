/// A unit of search results: a few sentences of one article.
public struct Passage: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case title, lead, body, caption
    }

    /// 0-based order in the article.
    public let index: Int
    public let kind: Kind
    public let text: String

    public init(index: Int, kind: Kind, text: String) {
        self.index = index
        self.kind = kind
        self.text = text
    }
}
