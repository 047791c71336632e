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

    /// Merges the build shards into one compact database beside the index and swaps it in
    /// (readers see the sharded index or the merged one, never neither). `writer` keeps
    /// the shards' locks until the swap.
    func mergeBuildShards(_ writer: ShardedWriter) throws {
        try replaceBeside(holding: writer) { staging in
            do {
                try Database.compact(databasePath, into: staging)
                let merged = try WritableDatabase(path: staging)
                try merged.setMetadata(MetadataKey.buildShards, "")
                try merged.commit()
            } catch let error as NativeError {
                throw IndexError.database(databasePath, "cannot merge the build shards: \(error.message)")
            }
        }
    }
}
