import Foundation
import VNShim

/// `--full` over an existing index: the new index is built in a folder beside the old
/// one (`index.rebuild-<pid>`) while the old one keeps answering and keeps its write lock,
/// then the two are exchanged in one step. Readers see the old index or the new one,
/// never an empty or half-built one; a rebuild that fails or is killed leaves the old
/// index as it was (and the next run clears the leftover folder).
extension Indexer {
    func rebuildBeside(paths: [String], progress: (IndexProgress) -> Void) throws -> IndexSummary {
        // Holding the old index's lock keeps other writers out for the whole rebuild.
        let old = try openWriter()
        writePidFile()
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        removeStaleRebuilds()
        let before = Set(try old.manifest().records.map(\.path))
        return try replaceBeside(holding: old) { staging in
            // The layout asked for, else the one the index has: one database for a lean
            // index and for build shards (a build that was stopped before its merge).
            let keepsLean = try Self.isLean(old.layout) { try old.shared(MetadataKey.lean) }
            let building = try hasBuildShards(old)
            let rebuilder = Indexer(databasePath: staging, jobs: jobs,
                                    shards: shards ?? (lean || building ? 1 : old.layout.shardCount),
                                    lean: lean || keepsLean)
            // The synonyms stay when no folder is scanned (a run over single files).
            let synonyms = try old.shared(MetadataKey.synonyms)
            if !synonyms.isEmpty {
                let fresh = try rebuilder.openWriter(forBuild: true)
                try fresh.setShared(MetadataKey.synonyms, synonyms)
                try fresh.commit()
            }
            var summary = try rebuilder.run(paths: paths, progress: progress)
            let after = Set(try rebuilder.openWriter().manifest().records.map(\.path))
            summary.added = after.subtracting(before).count
            summary.updated = after.intersection(before).count
            summary.removed = before.subtracting(after).count
            return summary
        }
    }

    /// Writes a new index with `build` into a folder beside this one (`index.rebuild-<pid>`),
    /// swaps it in, and removes what it replaced; on failure, removes the new folder and
    /// leaves the index as it was. `old`, the writer holding the index's locks, is kept
    /// open until the swap.
    func replaceBeside<T>(holding old: ShardedWriter, _ build: (_ staging: String) throws -> T) throws -> T {
        let staging = databasePath + Self.rebuildSuffix + String(getpid())
        try? FileManager.default.removeItem(atPath: staging)
        let result: T
        do {
            result = try build(staging)
            // The new folder's names are on the disk before it becomes the index, and the
            // exchange after it (a crash then finds the old index or the new one whole).
            try DiskSync.sync(staging, index: databasePath)
            try Self.exchange(staging, databasePath)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        // Done either way: a failed sync here only leaves the exchange to the kernel's time.
        try? DiskSync.sync(URL(fileURLWithPath: databasePath).standardizedFileURL.deletingLastPathComponent().path, index: databasePath)
        // `staging` now holds the old index; readers that still have it open keep their
        // files until they reopen (Linux frees them on the last close).
        withExtendedLifetime(old) {}
        try? FileManager.default.removeItem(atPath: staging)
        return result
    }

    static let rebuildSuffix = ".rebuild-"

    /// Leftovers of rebuilds whose process is gone (killed, or the machine stopped).
    func removeStaleRebuilds() {
        let url = URL(fileURLWithPath: databasePath).standardizedFileURL
        let prefix = url.lastPathComponent + Self.rebuildSuffix
        let parent = url.deletingLastPathComponent()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            // `index.rebuild-<pid>`, or the merge of a rebuild's build shards beside it
            // (`index.rebuild-<pid>.rebuild-<pid>`): both die with their process.
            guard let pid = Int32(String(name.dropFirst(prefix.count).prefix(while: \.isNumber))), pid != getpid(), kill(pid, 0) != 0 else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// Swaps the two folders in one step; where the file system cannot, moves the old one
    /// aside and the new one in (a moment without an index at `target`).
    static func exchange(_ staging: String, _ target: String) throws {
        if vn_exchange_paths(staging, target) == 0 { return }
        let aside = staging + "-old"
        guard rename(target, aside) == 0, rename(staging, target) == 0, rename(aside, staging) == 0 else {
            throw IndexError.system(target, "cannot swap in the rebuilt index")
        }
    }
}
