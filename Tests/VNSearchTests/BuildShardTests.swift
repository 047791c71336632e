import Foundation
import Testing
@testable import VNSearch
import VNTestSupport

/// A new index is written as build shards in parallel, then merged into one compact
/// database (Indexer+Merge.swift). What a user sees must be what one writer gives: one
/// plain database, the same answers; and a run that stops early leaves an index that
/// answers, which the next run finishes and merges.
@Suite struct BuildShardTests: SeedFolderSuite {
    let folder: TemporaryFolder

    init() throws {
        folder = try Fixtures.seedFolder()
    }

    private func isPlainDatabase(_ path: String) throws -> Bool {
        let contents = try FileManager.default.contentsOfDirectory(atPath: path)
        return try ShardLayout.existing(at: path)?.shardCount == 1
            && !contents.contains(ShardLayout.stubName) && !contents.contains { $0.hasPrefix("shard") }
    }

    private func buildMark(_ path: String) throws -> String {
        try Database(path: path).metadata(MetadataKey.buildShards)
    }

    private func leftovers(beside path: String) throws -> [String] {
        let url = URL(fileURLWithPath: path)
        return try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(url.lastPathComponent + Indexer.rebuildSuffix) }
    }

    @Test func twoWritersAndAMergeAnswerLikeOneWriter() throws {
        // ShardTests' one database is the two-writer build.
        let layouts = try ShardTests.shared.get()
        let merged = layouts.single, summary = layouts.singleSummary
        let oneWriter = folder.path + "/one-writer"
        _ = try Indexer(databasePath: oneWriter, jobs: 1).run(paths: [layouts.corpus])

        #expect(summary.added == 1001)
        #expect(try isPlainDatabase(merged))
        #expect(try buildMark(merged) == "")
        #expect(try leftovers(beside: merged).isEmpty)
        #expect(try IndexChecker(databasePath: merged).check(paths: [layouts.corpus]).ok)

        let a = try SearchEngine(databasePath: merged), b = try SearchEngine(databasePath: oneWriter)
        #expect(try a.documentCount == b.documentCount)
        for request in ShardTests.requests {
            #expect(try a.answer(request) == b.answer(request), "'\(request.query)' differs between the merged build and one writer")
        }
    }

    /// 200 more articles, of which a run with two writers indexes 128 and then stops;
    /// `whileRunning` is called between chunks.
    private func stoppedBuild(whileRunning: @escaping @Sendable () -> Void = {}) throws -> IndexSummary {
        for i in 0..<200 { try folder.write("corpus/tin-\(i).txt", "Tin số \(i)\nNgười Chăm ở An Giang, bản tin số \(i).") }
        let asked = Counter()
        let indexer = Indexer(databasePath: db, jobs: 2)
        // Asked once per chunk of 128 files: the second time, it stops.
        indexer.shouldStop = {
            whileRunning()
            return asked.next() > 1
        }
        return try indexer.run(paths: [corpus])
    }

    @Test func aStoppedBuildAnswersAndTheNextRunMergesIt() throws {
        #expect(try stoppedBuild().added == 128)

        // Still the build shards, and they answer.
        #expect(try ShardLayout.existing(at: db)?.shardCount == 2)
        #expect(try buildMark(db) == "1")
        #expect(try IndexStats(databasePath: db).articles == 128)
        #expect(try SearchEngine(databasePath: db).top("người Chăm An Giang").total > 0)

        let rest = try Indexer(databasePath: db, jobs: 2).run(paths: [corpus])
        #expect(rest.added == 73 && rest.unchanged == 128 && rest.removed == 0)
        #expect(try isPlainDatabase(db))
        #expect(try buildMark(db) == "")
        #expect(try IndexStats(databasePath: db).articles == 201)
        #expect(try leftovers(beside: db).isEmpty)
        #expect(try IndexChecker(databasePath: db).check(paths: [corpus]).ok)
    }

    @Test func theMergeShowsItsProgressTableByTable() throws {
        var merge: [IndexProgress] = []
        _ = try Indexer(databasePath: db, jobs: 2).run(paths: [corpus]) { step in
            if step.path.hasPrefix("MB merged into one database") { merge.append(step) }
        }
        // Xapian's tables in the order the compactor takes them, each named as it starts.
        let tables = merge.map { String($0.path.drop(while: { $0 != "(" }).dropFirst().dropLast()) }
        #expect(Array(tables.prefix(4)) == ["postlist", "docdata", "termlist", "position"])
        let total = try #require(merge.first?.total)
        #expect(total >= 1)
        #expect(merge.allSatisfy { $0.total == total && $0.done <= total })
        #expect(merge.map(\.done) == merge.map(\.done).sorted())
        #expect(try isPlainDatabase(db))
    }

    @Test func askingForShardsOverStoppedBuildShardsRebuildsThem() throws {
        _ = try stoppedBuild()

        // Two shards someone asked for are kept as shards, by this run and the next.
        _ = try Indexer(databasePath: db, jobs: 2, shards: 2).run(paths: [corpus])
        #expect(try ShardLayout.existing(at: db)?.shardCount == 2)
        #expect(try buildMark(db) == "")
        let again = try Indexer(databasePath: db, jobs: 2).run(paths: [corpus])
        #expect(again.unchanged == 201 && again.added == 0)
        #expect(try ShardLayout.existing(at: db)?.shardCount == 2)
        #expect(try IndexStats(databasePath: db).articles == 201)
    }

    // Build shards are written without syncs (UnsyncedBuild): a killed run loses nothing,
    // a machine that stops may tear them, and the mark of its boot says so. Without a
    // boot id, builds are synced and unmarked.

    @Test(.enabled(if: UnsyncedBuild.currentBoot != nil))
    func aBuildIsMarkedWhileItRunsAndNotOnceItStopsOrMerges() throws {
        let build = UnsyncedBuild(root: db)
        let markedChunks = Counter()
        let countMarked: @Sendable () -> Void = { if build.markedBoot == UnsyncedBuild.currentBoot { _ = markedChunks.next() } }
        _ = try stoppedBuild(whileRunning: countMarked)
        #expect(markedChunks.count == 2)
        // Stopped: its files synced and the mark gone, so the build survives any restart.
        #expect(build.markedBoot == nil)

        // Removing an article writes with syncs, and leaves no mark.
        let key = try #require(try Database(path: db).metadataKeys(prefix: MetadataKey.articlePrefix).first)
        let removed = try Indexer(databasePath: db, jobs: 2).remove(articleID: String(key.dropFirst(MetadataKey.articlePrefix.count)))
        #expect(removed != nil)
        #expect(build.markedBoot == nil)

        let resume = Indexer(databasePath: db, jobs: 2)
        resume.shouldStop = {
            countMarked()
            return false
        }
        let rest = try resume.run(paths: [corpus])
        #expect(rest.added == 74 && rest.unchanged == 127)
        #expect(markedChunks.count == 4)
        #expect(try isPlainDatabase(db))
        #expect(!FileManager.default.fileExists(atPath: build.markPath))
    }

    @Test func aBuildMarkedInAnotherBootIsStartedAgain() throws {
        _ = try stoppedBuild()
        // What a machine that stopped mid-build may leave: the mark of that boot, a torn table.
        let build = UnsyncedBuild(root: db)
        try "a-boot-before-this-one\n".write(toFile: build.markPath, atomically: false, encoding: .utf8)
        try Data(repeating: 0xAB, count: 8192).write(to: URL(fileURLWithPath: db + "/shard0/postlist.glass"))
        // Until the next run, searches, stats and check say what happened and what to do.
        let cutShort = "its first build was cut short when the machine stopped; run `vnsearch index` to build it again"
        #expect { _ = try SearchEngine(databasePath: db).top("người Chăm An Giang") } throws: { "\($0)".hasSuffix(cutShort) }
        #expect { _ = try IndexStats(databasePath: db) } throws: { "\($0)".hasSuffix(cutShort) }
        #expect { _ = try IndexChecker(databasePath: db).check(paths: [corpus]) } throws: { "\($0)".hasSuffix(cutShort) }

        let again = try Indexer(databasePath: db, jobs: 2).run(paths: [corpus])
        #expect(again.added == 201 && again.unchanged == 0 && again.removed == 0)
        #expect(try isPlainDatabase(db))
        #expect(build.markedBoot == nil)
        #expect(try IndexStats(databasePath: db).articles == 201)
        #expect(try IndexChecker(databasePath: db).check(paths: [corpus]).ok)
    }

    /// Two runs started together after a reboot: the one that discards second must not
    /// remove the build the first has begun since. The test holds the folder's lock as
    /// the first run's discard would, and lets it go once the old mark is gone: with the
    /// first run's new build marked already, or not yet.
    @Test(.enabled(if: UnsyncedBuild.currentBoot != nil), arguments: [true, false])
    func aSecondDiscardWaitsAndKeepsTheBuildBegunSince(markedAlready: Bool) throws {
        let boot = try #require(UnsyncedBuild.currentBoot)
        _ = try stoppedBuild()
        let build = UnsyncedBuild(root: db)
        try "a-boot-before-this-one\n".write(toFile: build.markPath, atomically: false, encoding: .utf8)
        let folderHandle = open(db, O_RDONLY | O_DIRECTORY)
        try #require(folderHandle >= 0 && flock(folderHandle, LOCK_EX) == 0)
        defer { close(folderHandle) }

        let done = DispatchSemaphore(value: 0)
        let failures = Counter()
        Thread.detachNewThread {
            do { try build.discardIfFromAnotherBoot() } catch { _ = failures.next() }
            done.signal()
        }
        // The second run waits on the folder: the old build is still there.
        #expect(done.wait(timeout: .now() + 0.5) == .timedOut)
        #expect(FileManager.default.fileExists(atPath: db + "/shard0"))
        // The first run's discard took the old mark; its new build (shard0 stands for it)
        // is marked with this boot before the lock is let go, or after.
        if markedAlready {
            try (boot + "\n").write(toFile: build.markPath, atomically: false, encoding: .utf8)
        } else {
            try FileManager.default.removeItem(atPath: build.markPath)
        }
        flock(folderHandle, LOCK_UN)
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(failures.count == 0)
        #expect(FileManager.default.fileExists(atPath: db + "/shard0"))
        #expect(build.markedBoot == (markedAlready ? boot : nil))
    }

    @Test(.enabled(if: UnsyncedBuild.currentBoot != nil))
    func aBuildMarkedInThisBootResumes() throws {
        let boot = try #require(UnsyncedBuild.currentBoot)
        _ = try stoppedBuild()
        // What a killed run leaves: the mark of this boot (the kernel has every write).
        let build = UnsyncedBuild(root: db)
        try (boot + "\n").write(toFile: build.markPath, atomically: false, encoding: .utf8)

        let rest = try Indexer(databasePath: db, jobs: 2).run(paths: [corpus])
        #expect(rest.added == 73 && rest.unchanged == 128)
        #expect(try isPlainDatabase(db))
        #expect(build.markedBoot == nil)
        #expect(try IndexStats(databasePath: db).articles == 201)
    }

    @Test(.enabled(if: UnsyncedBuild.currentBoot != nil))
    func shardsAskedForAreMarkedOnlyInTheirFirstRun() throws {
        let build = UnsyncedBuild(root: db)
        /// Runs with `--shards 2`; how many times the run was asked to stop with the mark present.
        func run() throws -> (IndexSummary, marked: Int) {
            let marked = Counter()
            let indexer = Indexer(databasePath: db, jobs: 2, shards: 2)
            indexer.shouldStop = {
                if build.markedBoot != nil { _ = marked.next() }
                return false
            }
            return (try indexer.run(paths: [corpus]), marked.count)
        }
        let first = try run()
        #expect(first.0.added == 1 && first.marked == 1)
        #expect(build.markedBoot == nil)

        try folder.write("corpus/tin-moi.txt", "Tin mới\nNgười Hoa ở Chợ Lớn.")
        let update = try run()
        #expect(update.0.added == 1 && update.marked == 0)
        #expect(try ShardLayout.existing(at: db)?.shardCount == 2)
        #expect(try IndexStats(databasePath: db).articles == 2)
    }
}
