import Foundation
import Testing
@testable import VNSearch
import VNTestSupport

/// `vnsearch index --full` over an existing index: built beside it, swapped in whole.
@Suite struct RebuildTests: SeedFolderSuite {
    let folder: TemporaryFolder

    init() throws {
        folder = try Fixtures.seedFolder()
        _ = try Indexer(databasePath: db).run(paths: [corpus])
    }

    private var leftovers: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains(".rebuild-") }
    }

    @Test func aRebuildIsSwappedInAndAnOpenReaderFollows() throws {
        let engine = try SearchEngine(databasePath: db)
        #expect(try engine.top("voi rừng").results.isEmpty)
        try folder.write("corpus/voi.txt", "Voi rừng ở Đắk Lắk\nĐàn voi rừng về bản.\n")
        let summary = try Indexer(databasePath: db).run(paths: [corpus], full: true)
        #expect(summary.added == 1 && summary.updated == 1 && summary.removed == 0)
        try engine.refresh()
        #expect(try engine.top("voi rừng").results.count == 1)
        #expect(try engine.top("xóm Chăm").results.count == 1)
        #expect(leftovers.isEmpty)
        // And the next incremental run finds nothing to do in the swapped-in index.
        #expect(try Indexer(databasePath: db).run(paths: [corpus]).unchanged == 2)
    }

    @Test func aFailedRebuildLeavesTheOldIndexAsItWas() throws {
        let before = try IndexStats(databasePath: db)
        try FileManager.default.removeItem(atPath: corpus + "/seed.txt")
        try folder.write("corpus/empty.txt", "")
        #expect(throws: IndexError.nothingIndexed(1)) { try Indexer(databasePath: db).run(paths: [corpus], full: true) }
        let after = try IndexStats(databasePath: db)
        #expect(after.documents == before.documents && after.articles == 1 && after.revision == before.revision)
        #expect(try SearchEngine(databasePath: db).top("xóm Chăm").results.count == 1)
        #expect(leftovers.isEmpty)
    }

    @Test func searchesDuringRebuildsAlwaysFindTheArticle() async throws {
        let stop = Flag()
        let db = self.db
        let reader = Task.detached { () -> (searches: Int, misses: Int) in
            let engine = try SearchEngine(databasePath: db)
            var searches = 0, misses = 0
            while !stop.isSet || searches == 0 {
                try engine.refresh()
                if try engine.top("xóm Chăm").results.isEmpty { misses += 1 }
                searches += 1
            }
            return (searches, misses)
        }
        for _ in 0..<4 { _ = try Indexer(databasePath: db).run(paths: [corpus], full: true) }
        stop.set()
        let outcome = try await reader.value
        #expect(outcome.searches > 0)
        #expect(outcome.misses == 0)
    }

    @Test func anIndexOfAnOlderLayoutIsRebuiltBesideAndSwappedIn() throws {
        do {
            let writer = try WritableDatabase(path: db)
            try writer.setMetadata(MetadataKey.schema, "2")
            try writer.commit()
        }
        let summary = try Indexer(databasePath: db).run(paths: [corpus])
        #expect(summary.updated == 1 && summary.added == 0)
        #expect(try Database(path: db).metadata(MetadataKey.schema) == MetadataKey.schemaVersion)
        #expect(leftovers.isEmpty)
    }

    @Test func leftoversOfAKilledRebuildAreCleared() throws {
        // No process has pid 2^22 + 1 (above Linux's default pid_max).
        try FileManager.default.createDirectory(atPath: db + ".rebuild-4194305", withIntermediateDirectories: true)
        _ = try Indexer(databasePath: db).run(paths: [corpus])
        #expect(leftovers.isEmpty)
    }
}

/// A flag one task sets and another reads.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}
