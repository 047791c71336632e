/// What one `vnsearch index` run did (the JSON shape of CONTRACT.md).
public struct IndexSummary: Codable, Sendable, Equatable {
    public struct Skipped: Codable, Sendable, Equatable {
        public let path: String
        public let reason: String
    }

    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    /// Files not indexed, each with the reason.
    public var skipped: [Skipped] = []
    /// Files indexed with a problem worth knowing (invalid UTF-8 replaced by U+FFFD).
    public var warnings: [Skipped] = []
    /// Passages written in this run.
    public var passages = 0
    /// Bytes of the files read and indexed in this run.
    public var bytes = 0
    public var seconds = 0.0

    public init() {}
}

/// Progress of a run, for the terminal's progress bar.
public struct IndexProgress: Sendable {
    public let done: Int
    public let total: Int
    public let path: String
}
