import Foundation
import Testing
import VNAnalysis
@testable import VNSearch
import VNTestSupport

/// Each shard is written by its own thread, and the indexer queues writes without
/// waiting for them (`ShardedWriter.submit`). A write that fails there must still stop
/// the transaction from landing: no article is ever half in the index.
@Suite struct ShardWriterTests {
    private func article(_ id: String, badTerm: Bool = false) throws -> ShardedWriter.Write {
        let document = Document()
        try document.addBooleanTerm(TermPrefix.article + id)
        // Xapian refuses a term over 245 bytes when the document is added.
        if badTerm { try document.addBooleanTerm("X" + String(repeating: "a", count: 300)) }
        let record = ArticleRecord(id: id, path: "corpus/\(id).txt", title: id, date: nil, hash: id, passages: 1, bytes: 1)
        return .put(record, [document], replacing: false)
    }

    @Test func aFailedQueuedWriteCancelsItsTransactionAndTheWriterGoesOn() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/index"
        let indexer = Indexer(databasePath: path, shards: 2)
        let writer = try indexer.openWriter()
        #expect(writer.layout.shardCount == 2)

        try writer.beginTransaction()
        // Enough articles that both shards get some; one of them fails in its shard.
        let ids = (0..<20).map { "a\($0)" }
        try writer.submit(try ids.map { try article($0) })
        try writer.submit([try article("bad", badTerm: true)])
        // Skipped behind the failure, refused at once, or written in the other shard's
        // transaction: cancelled below in every case.
        _ = try? writer.submit([try article("after")])
        #expect(throws: NativeError.self) { try writer.commitTransaction() }
        try writer.cancelTransaction()

        // The writer is usable again, and the next transaction lands whole.
        try writer.beginTransaction()
        try writer.submit([try article("next")])
        try writer.submitCommit()
        try writer.commitTransaction()
        #expect(try writer.manifest().records.map(\.id) == ["next"])

        let reader = try Database(path: path)
        #expect(try reader.terms(prefix: TermPrefix.article) == [TermPrefix.article + "next"])
    }

    @Test func whatIsQueuedWhenTheWriterGoesAwayIsStillWritten() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/index"
        let indexer = Indexer(databasePath: path, shards: 2)
        let ids = (0..<40).map { "a\($0)" }
        do {
            let writer = try indexer.openWriter()
            try writer.beginTransaction()
            // Nothing waits for these: the writer goes away with them still queued.
            for id in ids { try writer.submit([try article(id)]) }
            try writer.submitCommit()
        }
        // Its shard threads wrote and committed them before closing the databases.
        let again = try indexer.openWriter()
        #expect(Set(try again.manifest().records.map(\.id)) == Set(ids))
    }
}
