import Foundation
import VNAnalysis

/// One search, as the CLI flags and HTTP parameters of CONTRACT.md describe it.
public struct SearchRequest: Sendable, Equatable {
    public var query: String
    public var limit = 10
    public var offset = 0
    /// Passages shown per article (the best first).
    public var perArticle = 1
    public var provinces: [String] = []
    public var ethnics: [String] = []
    public var models: [String] = []
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, inclusive.
    public var from: String?
    public var to: String?
    public var merged = false
    /// Whether a query with a word that is in no passage may be answered for its
    /// correction (`corrected` in the response); false searches exactly what was typed.
    public var correct = true

    public static let maxQueryLength = 1_000
    /// Hits on one page, and how far paging may go.
    public static let maxLimit = 100
    public static let maxOffset = 10_000

    public init(query: String) {
        self.query = query
    }

    /// Throws the usage error of the first bound the request oversteps.
    func validate() throws {
        // Characters as a person counts them, and bytes: one character can carry any
        // number of combining marks.
        guard query.count <= Self.maxQueryLength, query.utf8.count <= 4 * Self.maxQueryLength else {
            throw SearchError.queryTooLong(query.count)
        }
        guard (1...Self.maxLimit).contains(limit) else {
            throw SearchError.badParameter("limit must be between 1 and \(Self.maxLimit)")
        }
        guard (0...Self.maxOffset).contains(offset) else {
            throw SearchError.badParameter("offset must be between 0 and \(Self.maxOffset)")
        }
        guard (1...100).contains(perArticle) else { throw SearchError.badParameter("per-article must be between 1 and 100") }
    }
}

/// Why a search could not run. `isUsage` errors are the user's to fix (exit 64, HTTP 400).
public enum SearchError: Error, CustomStringConvertible, Equatable {
    case emptyQuery
    case queryTooLong(Int)
    case badDate(String)
    case badParameter(String)
    case noIndex(String)
    case unreadableIndex(String, String)
    /// A remote shard of a stub cannot be reached: (index path, shard, Xapian's message).
    case shardUnavailable(String, String, String)

    public var isUsage: Bool {
        switch self {
        case .emptyQuery, .queryTooLong, .badDate, .badParameter: true
        case .noIndex, .unreadableIndex, .shardUnavailable: false
        }
    }

    /// What a failure to open or read the index at `path` means to the user.
    static func index(_ path: String, _ error: NativeError) -> SearchError {
        if error.kind == .network {
            // Xapian names the shard in the context: `remote:tcp(127.0.0.1:7001)`.
            let shard = error.message.range(of: "remote:tcp(").flatMap { start in
                error.message[start.upperBound...].firstIndex(of: ")").map { String(error.message[start.upperBound..<$0]) }
            } ?? "of the stub"
            return .shardUnavailable(path, shard, error.message)
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        // A stub (a file, or a folder with XAPIANDB) whose local shard is missing is "not
        // found" too: that message names the shard, "no index" would mislead.
        let isStub = exists && (!isDirectory.boolValue || FileManager.default.fileExists(atPath: path + "/" + ShardLayout.stubName))
        if (error.kind == .databaseNotFound && !isStub) || (error.kind == .databaseOpening && !exists) {
            return .noIndex(path)
        }
        return .unreadableIndex(path, error.message)
    }

    /// Refuses an index whose first build the machine stopped during (UnsyncedBuild): its
    /// shards may be torn even where Xapian opens them.
    static func checkBuildFinished(_ path: String) throws {
        if UnsyncedBuild(root: path).isFromAnotherBoot {
            throw SearchError.unreadableIndex(path, "its first build was cut short when the machine stopped; run `vnsearch index` to build it again")
        }
    }

    public var description: String {
        switch self {
        case .emptyQuery:
            "empty query: type at least one word (letters or digits)"
        case .queryTooLong(let length):
            "query too long: \(length) characters (at most \(SearchRequest.maxQueryLength))"
        case .badDate(let value):
            "bad date '\(value)': use YYYY, YYYY-MM or YYYY-MM-DD"
        case .badParameter(let message):
            message
        case .noIndex(let path):
            "no index at '\(path)': run `vnsearch index` first"
        case .unreadableIndex(let path, let message):
            "cannot open index '\(path)': \(message)"
        case .shardUnavailable(let path, let shard, let message):
            "shard \(shard) of index '\(path)' is unavailable: \(message)"
        }
    }
}
