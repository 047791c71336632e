import Foundation

/// How an index directory is laid out: one Xapian database, or N shard databases
/// (`shard0` …) with a `XAPIANDB` stub listing them (`auto shard0` …). Readers open the
/// directory through Xapian's generic constructor either way; only writers need to know
/// the shards, to put each article in the same shard on every run.
public struct ShardLayout: Equatable, Sendable {
    public let root: String
    /// 1: a plain database at `root`.
    public let shardCount: Int

    public static let stubName = "XAPIANDB"
    public static let maxShards = 64

    public init(root: String, shardCount: Int) {
        self.root = root
        self.shardCount = max(1, shardCount)
    }

    public var isSharded: Bool { shardCount > 1 }

    /// The database directories a writer opens, in stub order.
    public var shardPaths: [String] {
        isSharded ? (0..<shardCount).map { root + "/" + Self.shardName($0) } : [root]
    }

    static func shardName(_ index: Int) -> String { "shard\(index)" }

    /// Whether `name` is a shard folder's (`shardN`), as `shardName` spells them.
    static func isShardName(_ name: String) -> Bool {
        let number = name.dropFirst("shard".count)
        return name.hasPrefix("shard") && !number.isEmpty && number.allSatisfy(\.isNumber)
    }

    /// Which shard holds an article: its id (hex of a hash of its path) modulo the count,
    /// so the same file lands in the same shard on every run.
    public func shard(forArticle id: String) -> Int {
        guard isSharded else { return 0 }
        return Int(UInt64(id.prefix(16), radix: 16).map { $0 % UInt64(shardCount) } ?? 0)
    }

    /// The layout of what is at `root`: nil when there is no index yet (nothing there, or
    /// an empty folder). A stub that lists anything but our own `auto shardN` lines (a
    /// hand-written stub over remote shards) is not ours to write into.
    public static func existing(at root: String) throws -> ShardLayout? {
        let stub = root + "/" + stubName
        if let text = try? String(contentsOfFile: stub, encoding: .utf8) {
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !lines.isEmpty, lines == (0..<lines.count).map({ "auto " + shardName($0) }) else {
                throw IndexError.foreignStub(root)
            }
            return ShardLayout(root: root, shardCount: lines.count)
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let hasDatabase = contents.contains { $0.hasPrefix("iam") || $0.hasSuffix(".glass") }
        return hasDatabase ? ShardLayout(root: root, shardCount: 1) : nil
    }

    /// Writes the stub (atomically: readers see the whole list or none), once the
    /// shards exist.
    func writeStub() throws {
        guard isSharded else { return }
        let text = (0..<shardCount).map { "auto " + Self.shardName($0) + "\n" }.joined()
        try text.write(toFile: root + "/" + Self.stubName, atomically: true, encoding: .utf8)
    }
}
