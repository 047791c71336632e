import Foundation

/// The writers of an index: one Xapian `WritableDatabase` per shard, each holding its
/// shard's lock. An article (its passages and its manifest entry) lives in exactly one
/// shard, chosen by `ShardLayout.shard(forArticle:)`, so each article is still written
/// in one shard's transaction. Index-wide metadata (layout version, synonyms) is kept
/// in every shard, because a reader of a stub sees only the first shard's metadata.
final class ShardedWriter: @unchecked Sendable {
    let layout: ShardLayout
    private let shards: [WritableDatabase]

    /// One article's change, for `apply`.
    enum Write {
        /// Adds the article's passages and manifest entry; `replacing` deletes the old ones first.
        case put(ArticleRecord, [Document], replacing: Bool)
        case remove(articleID: String)
        /// A manifest entry of `shard` that cannot be read: dropped with its passages.
        case drop(shard: Int, articleID: String)
    }

    init(layout: ShardLayout, shards: [WritableDatabase]) {
        precondition(shards.count == layout.shardCount)
        self.layout = layout
        self.shards = shards
    }

    /// Every manifest entry of every shard, and the ids of entries that cannot be read.
    func manifest() throws -> (records: [ArticleRecord], unreadable: [(shard: Int, id: String)]) {
        var records: [ArticleRecord] = []
        var unreadable: [(shard: Int, id: String)] = []
        for (index, shard) in shards.enumerated() {
            for key in try shard.metadataKeys(prefix: MetadataKey.articlePrefix) {
                if let record = try? ArticleRecord.decode(try shard.metadata(key)) {
                    records.append(record)
                } else {
                    unreadable.append((index, String(key.dropFirst(MetadataKey.articlePrefix.count))))
                }
            }
        }
        return (records, unreadable)
    }

    /// The manifest entry of one article, from the shard that holds it.
    func record(articleID id: String) throws -> ArticleRecord? {
        let json = try shards[layout.shard(forArticle: id)].metadata(MetadataKey.article(id))
        return json.isEmpty ? nil : try ArticleRecord.decode(json)
    }

    /// Index-wide metadata, as the first shard has it (where readers look).
    func shared(_ key: String) throws -> String { try shards[0].metadata(key) }

    func setShared(_ key: String, _ value: String) throws {
        for shard in shards { try shard.setMetadata(key, value) }
    }

    func beginTransaction() throws { try eachShard { try $0.beginTransaction() } }
    func commitTransaction() throws { try eachShard { try $0.commitTransaction() } }
    func cancelTransaction() throws { try eachShard { try $0.cancelTransaction() } }
    func commit() throws { try eachShard { try $0.commit() } }

    /// Applies the writes, each in its article's shard; shards are written in parallel
    /// (one thread each), each shard's writes in the order given.
    func apply(_ writes: [Write]) throws {
        var perShard = Array(repeating: [Write](), count: shards.count)
        for write in writes {
            switch write {
            case .put(let record, _, _): perShard[layout.shard(forArticle: record.id)].append(write)
            case .remove(let id): perShard[layout.shard(forArticle: id)].append(write)
            case .drop(let shard, _): perShard[shard].append(write)
            }
        }
        try eachShard { index, shard in
            for write in perShard[index] { try Self.apply(write, to: shard) }
        }
    }

    private static func apply(_ write: Write, to shard: WritableDatabase) throws {
        switch write {
        case .put(let record, let documents, let replacing):
            if replacing { try shard.deleteDocuments(term: TermPrefix.article + record.id) }
            for document in documents { try shard.add(document) }
            try shard.setMetadata(MetadataKey.article(record.id), try record.encoded())
        case .remove(let id), .drop(_, let id):
            try shard.deleteDocuments(term: TermPrefix.article + id)
            try shard.setMetadata(MetadataKey.article(id), "")
        }
    }

    private func eachShard(_ body: (WritableDatabase) throws -> Void) throws {
        try eachShard { _, shard in try body(shard) }
    }

    /// Runs `body` on every shard, in parallel when there are several; rethrows the
    /// first failure after all have finished.
    private func eachShard(_ body: (Int, WritableDatabase) throws -> Void) throws {
        if shards.count == 1 { return try body(0, shards[0]) }
        let failures = FailureBox()
        withoutActuallyEscaping(body) { body in
            // Each shard (and its writes) is touched by one thread only.
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: shards.count) { index in
                do { try work.value(index, shards[index]) } catch { failures.record(error) }
            }
        }
        if let error = failures.first { throw error }
    }
}

/// The first error thrown by parallel work.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var first: Error?

    func record(_ error: Error) {
        lock.lock()
        if first == nil { first = error }
        lock.unlock()
    }
}

/// Carries a value into parallel work that is known to use it safely.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
