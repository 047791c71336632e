import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A new sharded index (the build shards of one database, or shards `--shards` asks for)
/// is written without waiting for the disk at each commit (Xapian's `DB_NO_SYNC`) until
/// its first run ends. With syncs, cores sit idle while the shards' writers wait on
/// `fdatasync` at every transaction, in every shard, and the build takes longer.
///
/// A killed process loses nothing that way (the kernel holds every write), but a machine
/// that stops (a crash, a power cut) may leave a shard's tables disagreeing with its
/// version file. So before the first unsynced write the index folder gets a mark naming
/// this boot, written and synced; a run that finds the mark of another boot throws the
/// partial build away and starts it again (the corpus is the source: only the build's
/// time is lost). Build shards are merged into a database written with syncs (the
/// compactor, then a synced commit) in a new folder, so the finished index has no mark;
/// a run that ends without that merge (stopped, or shards asked for) syncs the shards'
/// files and removes the mark, and later runs write with syncs.
struct UnsyncedBuild {
    static let markName = "vnsearch-unsynced-build"

    /// The index folder holding the shards.
    let root: String

    var markPath: String { root + "/" + Self.markName }

    /// This boot's id (Linux); where there is none, builds are written with syncs.
    static let currentBoot: String? = {
        let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
        return text.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }()

    /// The boot the mark names; nil when the folder is unmarked (synced, or no build). A
    /// mark that cannot be read names no boot (""), so it counts as another boot's.
    var markedBoot: String? {
        guard FileManager.default.fileExists(atPath: markPath) else { return nil }
        let text = try? String(contentsOfFile: markPath, encoding: .utf8)
        return text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// Whether the folder holds a build written without syncs before the machine last started.
    var isFromAnotherBoot: Bool {
        guard let marked = markedBoot else { return false }
        return marked != Self.currentBoot
    }

    /// Marks the folder's build as written without syncs in this boot, the mark on the disk
    /// before this returns (also when an earlier run wrote it: it may have been killed
    /// before its sync). False when there is no boot id to name: then the build is synced.
    func mark() throws -> Bool {
        guard let boot = Self.currentBoot else { return false }
        if markedBoot == boot {
            try sync(markPath)
        } else {
            // Written aside and renamed over: a reader never sees half a mark.
            let aside = markPath + ".new"
            do {
                try Data((boot + "\n").utf8).write(to: URL(fileURLWithPath: aside))
            } catch {
                throw IndexError.database(root, "cannot write the build mark '\(aside)': \(error.localizedDescription)")
            }
            try sync(aside)
            guard rename(aside, markPath) == 0 else {
                throw IndexError.system(root, "cannot write the build mark '\(markPath)'")
            }
        }
        try sync(root)
        return true
    }

    /// Syncs every file of the shards, then removes the mark: the build is now as durable
    /// as one written with syncs, and the next run goes on from it whatever happens between.
    func settle(shardPaths: [String]) throws {
        for folder in shardPaths {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) { try sync(folder + "/" + name) }
            try sync(folder)
        }
        try sync(root)
        try FileManager.default.removeItem(atPath: markPath)
        try sync(root)
    }

    /// Removes a build marked in another boot (see `discard`); before anything reads it.
    /// Two runs started together after a reboot both see the old mark: the discard holds
    /// a lock on the folder and reads the mark again under it, so the second run does not
    /// remove what the first has written since (its discard removes the old mark; its
    /// build marks the folder with this boot).
    func discardIfFromAnotherBoot() throws {
        guard isFromAnotherBoot else { return }
        let folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else {
            if errno == ENOENT { return }  // gone since: nothing to discard
            throw IndexError.system(root, "cannot open the folder")
        }
        defer { close(folder) }
        while flock(folder, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            // A file system without locks (some network mounts) must not keep the build
            // from starting again: the discard goes on unlocked, as it did before the lock.
            if [ENOLCK, EOPNOTSUPP, ENOSYS].contains(errno) { break }
            throw IndexError.system(root, "cannot lock the folder")
        }
        if isFromAnotherBoot { try discard() }
    }

    /// Removes the build (the stub and the shard folders, then the mark), leaving anything
    /// else in the folder. The stub is not read: the crash may have left it empty. The mark
    /// stays until the build is gone, so a failed discard is tried again by the next run.
    func discard() throws {
        let isBuildPart = { (name: String) in name == ShardLayout.stubName || ShardLayout.isShardName(name) }
        let parts = { try FileManager.default.contentsOfDirectory(atPath: root).filter(isBuildPart) }
        do {
            // Another run may have removed some of it (one unlocked, see above, or a
            // failed discard's rerun): what is already gone is not a failure.
            for name in try parts() { try? FileManager.default.removeItem(atPath: root + "/" + name) }
            if let left = try parts().first {
                throw IndexError.database(root, "cannot remove '\(left)' of the build left unfinished when the machine stopped")
            }
        } catch let error as IndexError {
            throw error
        } catch {
            throw IndexError.database(root, "cannot remove the build left unfinished when the machine stopped: \(error.localizedDescription)")
        }
        try sync(root)
        try? FileManager.default.removeItem(atPath: markPath)
        try sync(root)
    }

    private func sync(_ path: String) throws { try DiskSync.sync(path, index: root) }
}
