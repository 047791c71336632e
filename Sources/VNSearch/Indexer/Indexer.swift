import Foundation
import VNAnalysis

/// Syncs report files into the passage database: new files are added, changed ones
/// (by content hash) re-indexed, vanished ones removed.
///
/// Each article's passages and its manifest entry are written in the same transaction,
/// so an interrupted run never leaves half an article, and the next run picks up where
/// it stopped. Articles are batched into transactions because every commit syncs to disk
/// (except in a new index's first build, see UnsyncedBuild).
public final class Indexer: @unchecked Sendable {
    public let databasePath: String
    /// Threads analysing files while the shards' threads write (a new index is written
    /// as up to this many build shards, each with its own writer).
    public let jobs: Int
    /// Articles per transaction, over all shards (each shard commits its share when it
    /// gets there): bounds the work lost to a crash and the memory held. Smaller is also
    /// cheaper for Xapian's writer, which keeps a tree of documents per
    /// term until the commit and walks it for every posting.
    private let batchSize = 125
    /// Files prepared at a time, handed to the shards as one batch of writes.
    private let chunkSize = 128

    /// Asked between chunks of files: true stops the run after committing what it wrote.
    public var shouldStop: @Sendable () -> Bool = { false }

    /// Shards to write (`--shards`); nil keeps the layout the index has (one database
    /// for a new index). A different count rebuilds the index beside itself.
    public let shards: Int?

    /// `--lean`: write one database without Xapian's termlist (Indexer+Lean.swift); an
    /// index that is lean stays lean either way.
    public let lean: Bool

    public init(databasePath: String, jobs: Int = AvailableCores.count, shards: Int? = nil,
                lean: Bool = false) {
        self.databasePath = databasePath
        self.jobs = max(1, jobs)
        self.shards = shards.map { min(max(1, $0), ShardLayout.maxShards) }
        self.lean = lean
    }

    public func run(paths: [String], full: Bool = false,
                    progress: (IndexProgress) -> Void = { _ in }) throws -> IndexSummary {
        // An existing index is rebuilt beside itself and swapped in whole: on --full, with
        // another shard count, and when it has an older layout (readers keep the old one
        // until the new is ready). A build the machine stopped during is started afresh.
        try UnsyncedBuild(root: databasePath).discardIfFromAnotherBoot()
        if let existing = try ShardLayout.existing(at: databasePath), try full || needsRebuild(existing) {
            return try rebuildBeside(paths: paths, progress: progress)
        }
        let started = Date()
        let files = try CorpusScanner().scan(paths)
        let database = try openWriter(forBuild: true, mayWriteUnsynced: true)
        removeStaleRebuilds()
        writePidFile()
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        var summary = IndexSummary()

        let (records, unreadable) = try database.manifest()
        var manifest = Dictionary(records.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })

        // Here the index is new or of this layout (others were rebuilt beside, above).
        let schema = try database.shared(MetadataKey.schema)
        let preparer = try ParallelPreparer(jobs: jobs)
        var inBatch = 0
        var stopped = false
        try database.beginTransaction()
        do {
            // Written only when it differs: a run with nothing to do writes nothing.
            if schema != MetadataKey.schemaVersion { try database.setShared(MetadataKey.schema, MetadataKey.schemaVersion) }
            if let synonyms = Synonyms.fileText(roots: paths), try database.shared(MetadataKey.synonyms) != synonyms {
                try database.setShared(MetadataKey.synonyms, synonyms)
            }
            // A manifest entry that cannot be read is dropped with its passages: the file,
            // if it still exists, is indexed again as new.
            try database.apply(unreadable.map { .drop(shard: $0.shard, articleID: $0.id) })
            let chunks = stride(from: 0, to: files.count, by: chunkSize).map { Array(files[$0..<min($0 + chunkSize, files.count)]) }
            if let first = chunks.first { preparer.start(first, known: first.map { manifest[$0.path] }) }
            var done = 0
            for (index, chunk) in chunks.enumerated() {
                let prepared = preparer.wait()
                // Asked to stop (Ctrl-C in --watch): what is written so far is committed
                // below as a whole transaction; the next run does the rest.
                if shouldStop() {
                    stopped = true
                    break
                }
                if index + 1 < chunks.count {
                    let next = chunks[index + 1]
                    preparer.start(next, known: next.map { manifest[$0.path] })
                }
                var writes: [ShardedWriter.Write] = []
                for (file, outcome) in zip(chunk, prepared) {
                    progress(IndexProgress(done: done, total: files.count, path: file.path))
                    done += 1
                    let known = manifest.removeValue(forKey: file.path)
                    switch outcome {
                    case .unreadable(let reason):
                        summary.skipped.append(.init(path: file.path, reason: reason))
                    case .skipped(let reason):
                        summary.skipped.append(.init(path: file.path, reason: reason))
                        if let known { writes.append(.remove(articleID: known.id)); summary.removed += 1 }
                    case .unchanged:
                        summary.unchanged += 1
                    case .article(let record, let documents, let warning):
                        if let warning { summary.warnings.append(.init(path: file.path, reason: warning)) }
                        if known != nil { summary.updated += 1 } else { summary.added += 1 }
                        writes.append(.put(record, documents, replacing: known != nil))
                        summary.passages += record.passages
                        summary.bytes += record.bytes
                        inBatch += 1
                    }
                }
                // Queued: the shards write this chunk while the next one is prepared.
                try database.submit(writes)
                if inBatch >= batchSize {
                    try database.submitCommit()
                    inBatch = 0
                }
            }
            // Whatever the manifest still lists under the scanned roots, or whose file is
            // gone, was removed from the corpus (unless the run stopped before seeing it).
            let gone = manifest.values.filter {
                (!stopped && CorpusScanner.isUnder($0.path, roots: paths)) || !FileManager.default.fileExists(atPath: $0.path)
            }
            try database.apply(gone.map { .remove(articleID: $0.id) })
            summary.removed += gone.count
            try database.commitTransaction()
        } catch {
            _ = preparer.wait()
            try? database.cancelTransaction()
            throw error
        }
        // A first build written without syncs and not merged (stopped, new shards asked
        // for, or a merge that failed) is synced now: the next run goes on from it
        // whatever the machine does in between. A merged build's mark went with the
        // folder the merge replaced.
        let build = UnsyncedBuild(root: databasePath)
        do {
            if !stopped, try hasBuildShards(database) { try mergeBuildShards(database, progress: progress) }
        } catch {
            if build.markedBoot != nil { try? build.settle(shardPaths: database.layout.shardPaths) }
            throw error
        }
        if build.markedBoot != nil { try build.settle(shardPaths: database.layout.shardPaths) }
        progress(IndexProgress(done: files.count, total: files.count, path: ""))
        summary.seconds = Date().timeIntervalSince(started)
        if !stopped && !files.isEmpty && summary.skipped.count == files.count {
            throw IndexError.nothingIndexed(summary.skipped.count)
        }
        return summary
    }

    /// Whether the index at `databasePath` has another layout version, another shard
    /// count than `--shards` asks for (build shards count as one database), or is not
    /// lean when `--lean` asks for it.
    private func needsRebuild(_ existing: ShardLayout) throws -> Bool {
        guard let database = try? Database(path: databasePath) else { return false }
        let schema = try database.metadata(MetadataKey.schema)
        if !schema.isEmpty && schema != MetadataKey.schemaVersion { return true }
        let building = try database.metadata(MetadataKey.buildShards) == "1"
        let count = building ? 1 : existing.shardCount
        // `--lean` is one database: a sharded index asked to be lean becomes one.
        let wanted = shards ?? (lean ? 1 : count)
        if wanted != count { return true }
        let isLean = try Self.isLean(existing) { try database.metadata(MetadataKey.lean) }
        return lean && wanted == 1 && !isLean
    }

    /// Removes one article's passages and manifest entry in one transaction (its file is
    /// the caller's). Returns what the manifest held, or nil if there was no such article.
    /// `check` sees the record under the write lock and may refuse by throwing.
    public func remove(articleID id: String, check: (ArticleRecord) throws -> Void = { _ in }) throws -> ArticleRecord? {
        let database = try openWriter()
        writePidFile()
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        guard let record = try database.record(articleID: id) else { return nil }
        try check(record)
        try database.beginTransaction()
        do {
            try database.apply([.remove(articleID: id)])
            try database.commitTransaction()
        } catch {
            try? database.cancelTransaction()
            throw error
        }
        return record
    }

    /// Opens every shard's writer (taking their locks, in shard order), creating the
    /// index in the layout asked for when there is none yet; `forBuild` creates a new
    /// single-database index as build shards (Indexer+Merge.swift). `mayWriteUnsynced`
    /// (the index run, which syncs what it leaves) lets a first build of shards be
    /// written without syncs.
    func openWriter(forBuild: Bool = false, mayWriteUnsynced: Bool = false) throws -> ShardedWriter {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: databasePath, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw IndexError.databaseIsAFile(databasePath)
        }
        let build = UnsyncedBuild(root: databasePath)
        try build.discardIfFromAnotherBoot()
        let existing = try ShardLayout.existing(at: databasePath)
        let layout = existing ?? ShardLayout(root: databasePath, shardCount: forBuild ? buildShardCount : shards ?? 1)
        // A first build of shards is written without syncs once its folder is marked
        // (UnsyncedBuild): new shards (build shards or asked for), build shards, or shards
        // a killed run of this boot left marked. A plain database never is.
        let writesUnsynced = try mayWriteUnsynced && layout.isSharded
            && (existing == nil || build.markedBoot != nil || areBuildShards(layout))
        if layout.isSharded {
            do {
                try FileManager.default.createDirectory(atPath: databasePath, withIntermediateDirectories: true)
            } catch {
                throw IndexError.database(databasePath, "cannot create the folder: \(error.localizedDescription)")
            }
        }
        let withoutSync = try writesUnsynced && build.mark()
        // A lean index's single database is created without a termlist; its build shards
        // keep theirs until the merge (an existing database is opened as it is).
        let writer = ShardedWriter(layout: layout, shards: try layout.shardPaths.map {
            try openShard($0, withoutTermlist: lean && !layout.isSharded, withoutSync: withoutSync)
        })
        // Marked again under the shards' locks: a run that held them until now may have
        // synced the build and removed the mark since it was read above.
        if withoutSync { _ = try build.mark() }
        if existing == nil {
            // Marked as build shards before the stub exists: a stub without that metadata is
            // a layout someone asked for.
            if layout.shardCount != shards ?? 1 {
                try writer.setShared(MetadataKey.buildShards, "1")
                if lean { try writer.setShared(MetadataKey.lean, "1") }
                try writer.commit()
            }
            do { try layout.writeStub() } catch { throw IndexError.database(databasePath, "cannot write the stub: \(error.localizedDescription)") }
        }
        return writer
    }

    private func openShard(_ path: String, withoutTermlist: Bool, withoutSync: Bool) throws -> WritableDatabase {
        // Xapian may release the previous writer's lock a moment after it closed (it
        // can hold it from a helper process), so a busy lock is tried again for a
        // couple of seconds before it counts as another writer.
        let deadline = Date().addingTimeInterval(2)
        while true {
            do {
                return try WritableDatabase(path: path, withoutTermlist: withoutTermlist, withoutSync: withoutSync)
            } catch let error as NativeError where error.kind == .databaseLock {
                if Date() < deadline {
                    Thread.sleep(forTimeInterval: 0.1)
                    continue
                }
                throw IndexError.locked(databasePath, pid: runningWriter())
            } catch let error as NativeError {
                throw IndexError.database(databasePath, error.message)
            }
        }
    }

    /// Beside the database, so a second writer can say who holds the lock (Xapian's lock
    /// does not tell). Only written once the lock is ours; a stale one is overwritten.
    var pidFile: String { databasePath + "/vnsearch-writer.pid" }

    func writePidFile() {
        try? String(getpid()).write(toFile: pidFile, atomically: true, encoding: .utf8)
    }

    /// The pid in the pid file, if that process is alive.
    private func runningWriter() -> Int32? {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), kill(pid, 0) == 0 else { return nil }
        return pid
    }
}
