import Foundation

/// The writers of an index: one Xapian `WritableDatabase` per shard, each holding its
/// shard's lock. An article (its passages and its manifest entry) lives in exactly one
/// shard, chosen by `ShardLayout.shard(forArticle:)`, so each article is still written
/// in one shard's transaction. Index-wide metadata (layout version, synonyms) is kept
/// in every shard, because a reader of a stub sees only the first shard's metadata.
///
/// Each shard is written by its own thread (`ShardWorker`). `submit` and `submitCommit`
/// queue work and return; every other call waits until the shards have done all that
/// is queued, so it sees (and reports the failure of) what was submitted before it.
final class ShardedWriter: @unchecked Sendable {
    let layout: ShardLayout
    private let shards: [WritableDatabase]
    private let workers: [ShardWorker]

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
        workers = shards.indices.map { ShardWorker(name: "shard \($0)") }
    }

    /// The threads end before the shards close (and release their locks), so a writer
    /// opened after this one is gone finds the locks free.
    deinit {
        for worker in workers { worker.stop() }
    }

    /// Every manifest entry of every shard, and the ids of entries that cannot be read.
    func manifest() throws -> (records: [ArticleRecord], unreadable: [(shard: Int, id: String)]) {
        try finishQueued()
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
        try finishQueued()
        let json = try shards[layout.shard(forArticle: id)].metadata(MetadataKey.article(id))
        return json.isEmpty ? nil : try ArticleRecord.decode(json)
    }

    /// Index-wide metadata, as the first shard has it (where readers look).
    func shared(_ key: String) throws -> String {
        try finishQueued()
        return try shards[0].metadata(key)
    }

    func setShared(_ key: String, _ value: String) throws {
        try eachShard { try $0.setMetadata(key, value) }
    }

    func beginTransaction() throws { try eachShard { try $0.beginTransaction() } }
    func commitTransaction() throws { try eachShard { try $0.commitTransaction() } }
    /// Runs even after a failed write: it is how a failed transaction is undone.
    func cancelTransaction() throws { try eachShard(afterFailure: true) { try $0.cancelTransaction() } }
    func commit() throws { try eachShard { try $0.commit() } }

    /// Applies the writes, each in its article's shard, and waits until all are written.
    func apply(_ writes: [Write]) throws {
        try submit(writes)
        try finishQueued()
    }

    /// Queues the writes, each for its article's shard, and returns: the shards write in
    /// parallel (one thread each), each shard's writes in the order given. Throws the
    /// failure of an earlier queued write in a shard these writes go to; any other
    /// shard's comes out of the next call that waits (a commit, at the latest).
    func submit(_ writes: [Write]) throws {
        var perShard = Array(repeating: [Write](), count: shards.count)
        for write in writes {
            switch write {
            case .put(let record, _, _): perShard[layout.shard(forArticle: record.id)].append(write)
            case .remove(let id): perShard[layout.shard(forArticle: id)].append(write)
            case .drop(let shard, _): perShard[shard].append(write)
            }
        }
        for (index, worker) in workers.enumerated() where !perShard[index].isEmpty {
            let shard = shards[index], writes = perShard[index]
            try worker.submit { for write in writes { try Self.apply(write, to: shard) } }
        }
    }

    /// Queues, after the writes submitted so far, a commit of each shard's transaction and
    /// the start of the next one. Each shard commits when it gets there, not all at once.
    func submitCommit() throws {
        for (shard, worker) in zip(shards, workers) {
            try worker.submit {
                try shard.commitTransaction()
                try shard.beginTransaction()
            }
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

    /// Waits until every shard has done what was queued for it; throws the first failure.
    private func finishQueued() throws {
        if let failure = workers.compactMap({ $0.finish() }).first { throw failure }
    }

    /// Runs `body` on every shard, each on its own thread, once the shards have done what
    /// was queued; rethrows the first failure after all have finished. An earlier queued
    /// write's failure is thrown instead, without running `body`, unless `afterFailure`.
    private func eachShard(afterFailure: Bool = false, _ body: (WritableDatabase) throws -> Void) throws {
        do { try finishQueued() } catch { if !afterFailure { throw error } }
        try withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            // (The queues are empty and their failures taken, so `submit` cannot refuse
            // here; if it did, the jobs already queued must still finish below.)
            var refused: Error?
            for (shard, worker) in zip(shards, workers) {
                do { try worker.submit { try work.value(shard) } } catch { refused = refused ?? error }
            }
            // Every job has run before `body` stops being valid.
            try finishQueued()
            if let refused { throw refused }
        }
    }
}

/// Carries a value into parallel work that is known to use it safely.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
