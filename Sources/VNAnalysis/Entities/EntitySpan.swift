/// One recognised mention: what it is, its canonical name, where it is (UTF-8 bytes).
public struct EntitySpan: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case province, ethnic, model
    }

    public let type: Kind
    /// Canonical name (CONTRACT.md), or a model's name as written.
    public let value: String
    /// The text as written.
    public let text: String
    public let start: Int
    public let end: Int
    /// For a model, the province the text assigns it to (`"…" của tỉnh An Giang`).
    public let province: String?

    public init(type: Kind, value: String, text: String, start: Int, end: Int, province: String? = nil) {
        self.type = type
        self.value = value
        self.text = text
        self.start = start
        self.end = end
        self.province = province
    }
}

/// Everything recognised in a text: the distinct names per kind, in order of first
/// mention, and every span (the JSON of `vnsearch entities`, CONTRACT.md).
public struct RecognizedEntities: Codable, Sendable, Equatable {
    public var province: [String] = []
    public var ethnic: [String] = []
    public var model: [String] = []
    public var spans: [EntitySpan] = []

    public init() {}

    public mutating func add(_ span: EntitySpan) {
        spans.append(span)
        switch span.type {
        case .province: if !province.contains(span.value) { province.append(span.value) }
        case .ethnic: if !ethnic.contains(span.value) { ethnic.append(span.value) }
        case .model: if !model.contains(span.value) { model.append(span.value) }
        }
    }

    /// Forgets the communities named `values`, their spans with them.
    mutating func remove(ethnic values: Set<String>) {
        ethnic.removeAll { values.contains($0) }
        spans.removeAll { $0.type == .ethnic && values.contains($0.value) }
    }
}
