import Foundation
import VNAnalysis

/// A new single-database index is written as build shards, one writer thread each (Xapian
/// has one writer per database, and the writer is what bounds indexing speed), then merged
/// into one compact database by Xapian's compactor and swapped in at the end of the run.
///
/// Until then the index is an ordinary sharded index marked with `MetadataKey.buildShards`:
/// a run that is killed or stopped leaves it readable, and the next run goes on writing
/// its shards and merges them when it completes.
extension Indexer {
    /// Build shards for a new index: one per job, up to this many (each writer holds its
    /// batch in memory).
    static let maxBuildShards = 4

    /// How many shards a new index is written as: the count `--shards` asks for, or build
    /// shards when it asks for one database.
    var buildShardCount: Int {
        guard let shards, shards > 1 else { return min(jobs, Self.maxBuildShards) }
        return shards
    }

    /// Whether `writer` holds build shards, to merge at the end of the run (a run that
    /// asks for another shard count rebuilds the index instead).
    func hasBuildShards(_ writer: ShardedWriter) throws -> Bool {
        try writer.layout.isSharded && writer.shared(MetadataKey.buildShards) == "1"
    }

    /// The same, read before the writers open (they are opened without syncs if so),
    /// from the first shard alone (every shard holds the index-wide metadata).
    func areBuildShards(_ layout: ShardLayout) throws -> Bool {
        guard layout.isSharded, let first = layout.shardPaths.first else { return false }
        do {
            return try Database(path: first).metadata(MetadataKey.buildShards) == "1"
        } catch let error as NativeError {
            throw IndexError.database(layout.root, error.message)
        }
    }

    /// Merges the build shards into one compact database beside the index and swaps it in
    /// (readers see the sharded index or the merged one, never neither). `writer` keeps
    /// the shards' locks until the swap. `progress` counts megabytes of the shards' tables
    /// merged, a table at a time.
    func mergeBuildShards(_ writer: ShardedWriter, progress: (IndexProgress) -> Void) throws {
        // Asked for when the build began (this run, or the one it resumes).
        let lean = try writer.shared(MetadataKey.lean) == "1"
        let sizes = Self.tableBytes(in: writer.layout.shardPaths)
        let megabytes = { (bytes: Int) in (bytes + 999_999) / 1_000_000 }
        let total = megabytes(sizes.values.reduce(0, +))
        var mergedBytes = 0
        var previous: String?
        func tableStarted(_ table: String) {
            // Xapian names the tables the shards do not have too (spelling, synonym).
            guard sizes[table] != nil else { return }
            if let previous { mergedBytes += sizes[previous] ?? 0 }
            previous = table
            progress(IndexProgress(done: min(megabytes(mergedBytes), total), total: total,
                                   path: "MB merged into one database (\(table))"))
        }
        try replaceBeside(holding: writer) { staging in
            do {
                try Database.compact(databasePath, into: staging, tableStarted: tableStarted)
                progress(IndexProgress(done: total, total: total, path: "MB merged into one database"))
                if lean {
                    // Xapian reads a database whose termlist files are gone as one without
                    // a termlist (see Indexer+Lean.swift).
                    try FileManager.default.removeItem(atPath: staging + "/termlist.glass")
                }
                let merged = try WritableDatabase(path: staging)
                try merged.setMetadata(MetadataKey.buildShards, "")
                try merged.setMetadata(MetadataKey.lean, "")
                try merged.commit()
            } catch let error as NativeError {
                throw IndexError.database(databasePath, "cannot merge the build shards: \(error.message)")
            }
        }
    }

    /// Bytes of each Xapian table (`postlist`, `position`, ...) over the shards' folders.
    static func tableBytes(in folders: [String]) -> [String: Int] {
        var bytes: [String: Int] = [:]
        for folder in folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".glass") {
                let size = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int) ?? 0
                bytes[String(name.dropLast(".glass".count)), default: 0] += size
            }
        }
        return bytes
    }
}
