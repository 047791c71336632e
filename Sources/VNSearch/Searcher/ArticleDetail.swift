/// One article as `GET /articles/{id}` shows it: what the manifest knows and every
/// passage in reading order.
public struct ArticleDetail: Codable, Sendable, Equatable {
    public struct Passage: Codable, Sendable, Equatable {
        public let index: Int
        /// `title`, `lead`, `body` or `caption`.
        public let kind: String
        public let text: String
    }

    public struct Entities: Codable, Sendable, Equatable {
        public let province: [String]
        public let ethnic: [String]
        public let model: [String]
    }

    public let id: String
    public let path: String
    public let title: String
    public let date: String?
    public let bytes: Int
    public let entities: Entities
    public let passages: [Passage]

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(path, forKey: .path)
        try c.encode(title, forKey: .title)
        try c.encode(date, forKey: .date) // null, not absent
        try c.encode(bytes, forKey: .bytes)
        try c.encode(entities, forKey: .entities)
        try c.encode(passages, forKey: .passages)
    }

    init(record: ArticleRecord, passages: [Passage]) {
        id = record.id
        path = record.path
        title = record.title
        date = record.date
        bytes = record.bytes
        entities = Entities(province: record.provinces ?? [], ethnic: record.ethnicGroups ?? [], model: record.models ?? [])
        self.passages = passages
    }
}
