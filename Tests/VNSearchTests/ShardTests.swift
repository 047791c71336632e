import Foundation
import Testing
import VNAnalysis
@testable import VNSearch
import VNTestSupport

/// Scale-out on Xapian's own pieces: the 1,000-article sample (and the seed) indexed as
/// one database, as two local shards behind a XAPIANDB stub, and as those two shards
/// served by `xapian-tcpsrv` behind a `remote` stub. All three must answer alike.
/// The shard servers run for one test at a time (`withRemote`): a suite's shared state
/// is never torn down, and servers must not outlive the test run.
@Suite(.serialized) struct ShardTests {
    static let shared = Result { try ThreeLayouts() }

    final class ThreeLayouts: Sendable {
        let folder: TemporaryFolder
        let corpus: String
        /// One database, written by two writers and merged (BuildShardTests reads it too).
        let single: String
        let singleSummary: IndexSummary
        let sharded: String

        init() throws {
            folder = try TemporaryFolder()
            corpus = folder.path + "/corpus"
            try extractSample(into: corpus)
            try FileManager.default.copyItem(atPath: Fixtures.seedPath, toPath: corpus + "/seed.txt")
            single = folder.path + "/single"
            sharded = folder.path + "/sharded"
            singleSummary = try Indexer(databasePath: single, jobs: 2).run(paths: [corpus])
            _ = try Indexer(databasePath: sharded, shards: 2).run(paths: [corpus])
        }

        /// Runs `body` with a stub listing the two shards served by `xapian-tcpsrv`.
        func withRemote<T>(_ body: (_ stub: String, _ servers: [XapianServer]) throws -> T) throws -> T {
            let servers = try (0..<2).map { try XapianServer.tcpsrv(sharded + "/shard\($0)") }
            defer { servers.forEach { $0.stop() } }
            let stub = folder.path + "/remote-\(UUID().uuidString).stub"
            try servers.map { "remote 127.0.0.1:\($0.port)\n" }.joined().write(toFile: stub, atomically: true, encoding: .utf8)
            return try body(stub, servers)
        }
    }

    var layouts: ThreeLayouts { get throws { try Self.shared.get() } }

    /// Queries with filters, several passages per article and later pages: ranking,
    /// collapse, facets, totals and suggestions all go through the shards.
    static let requests: [SearchRequest] = [
        request("người Hoa"),
        request("Khmer"),
        request("bảo vệ an ninh"),
        request("bao ve an ninh") { $0.perArticle = 3 },
        request("giá vàng") { $0.limit = 20 },
        request("Hà Nội") { $0.offset = 10 },
        request("\"an ninh trật tự\""),
        request("công an") { $0.provinces = ["Hà Nội"] },
        request("dân tộc") { $0.ethnics = ["Khmer"] },
        request("an ninh") { $0.from = "2024-01" },
        request("xom Cham"),
        request("tiem nang du lich"),
    ]

    @Test func shardedAndRemoteIndexesAnswerLikeOneDatabase() throws {
        let layouts = try layouts
        let single = try SearchEngine(databasePath: layouts.single)
        let sharded = try SearchEngine(databasePath: layouts.sharded)
        try layouts.withRemote { stub, _ in
            let remote = try SearchEngine(databasePath: stub)
            for request in Self.requests {
                let expected = try single.answer(request)
                #expect(((expected["results"] as? [Any])?.count ?? 0) > 0, "no results for \(request.query)")
                #expect(try sharded.answer(request) == expected, "sharded differs for \(request.query)")
                #expect(try remote.answer(request) == expected, "remote differs for \(request.query)")
            }
            let article = try #require(try single.search(SearchRequest(query: "xóm Chăm")).results.first?.article.id)
            let detail = try #require(try single.article(id: article))
            #expect(try remote.article(id: article) == detail)
            #expect(try sharded.article(id: article) == detail)
        }
    }

    /// A stub over one remote database is one database to Xapian, but its searches run on
    /// the server, which cannot run what a local search holds in memory (the title and
    /// lead prior, from an engine's second search on): they answer alike all the same.
    @Test func aStubOverOneRemoteDatabaseAnswersLikeTheDatabase() throws {
        let layouts = try layouts
        let server = try XapianServer.tcpsrv(layouts.single)
        defer { server.stop() }
        let stub = layouts.folder.path + "/one-remote-\(UUID().uuidString).stub"
        try "remote 127.0.0.1:\(server.port)\n".write(toFile: stub, atomically: true, encoding: .utf8)
        let single = try SearchEngine(databasePath: layouts.single)
        let remote = try SearchEngine(databasePath: stub)
        for request in Self.requests {
            #expect(try remote.answer(request) == single.answer(request), "remote differs for \(request.query)")
        }
    }

    @Test func statsCountTheSameOverShards() throws {
        let layouts = try layouts
        let single = try IndexStats(databasePath: layouts.single)
        try layouts.withRemote { stub, _ in
            for path in [layouts.sharded, stub] {
                let stats = try IndexStats(databasePath: path)
                #expect(stats.documents == single.documents)
                #expect(stats.articles == single.articles)
            }
        }
        #expect(single.articles == 1001)
    }

    @Test func articlesLiveInTheShardTheirIDNames() throws {
        let layouts = try layouts
        let layout = try #require(try ShardLayout.existing(at: layouts.sharded))
        #expect(layout.shardCount == 2)
        #expect(try String(contentsOfFile: layouts.sharded + "/XAPIANDB", encoding: .utf8) == "auto shard0\nauto shard1\n")
        var counts: [Int] = []
        for (index, path) in layout.shardPaths.enumerated() {
            let shard = try Database(path: path)
            let ids = try shard.terms(prefix: TermPrefix.article).map { String($0.dropFirst(TermPrefix.article.count)) }
            #expect(ids.allSatisfy { layout.shard(forArticle: $0) == index })
            counts.append(ids.count)
        }
        // A hash spreads 1,001 articles about evenly.
        #expect(counts.allSatisfy { $0 > 400 })
        let report = try IndexChecker(databasePath: layouts.sharded).check(paths: [layouts.corpus])
        #expect(report.ok, "\(report.problems)")
        #expect(report.articles == 1001)
    }

    /// An incremental run over a sharded index updates and removes in the right shard.
    @Test func anIncrementalRunUpdatesTheRightShard() throws {
        let folder = try TemporaryFolder()
        let db = folder.path + "/index"
        for n in 0..<12 { try folder.write("corpus/bao-\(n).txt", "Bài số \(n) về mô hình tự quản ở xã \(n).\nNgười dân tham gia bảo vệ an ninh.") }
        let first = try Indexer(databasePath: db, shards: 3).run(paths: [folder.path + "/corpus"])
        #expect(first.added == 12)
        try folder.write("corpus/bao-5.txt", "Bài số 5 nay viết về lễ hội Ok Om Bok của đồng bào Khmer.")
        try FileManager.default.removeItem(atPath: folder.path + "/corpus/bao-7.txt")
        // No --shards: the index keeps its three.
        let second = try Indexer(databasePath: db).run(paths: [folder.path + "/corpus"])
        #expect((second.added, second.updated, second.removed, second.unchanged) == (0, 1, 1, 10))
        #expect(try ShardLayout.existing(at: db)?.shardCount == 3)

        let engine = try SearchEngine(databasePath: db)
        let hit = try #require(try engine.top("Ok Om Bok").results.first)
        #expect(hit.article.path.hasSuffix("bao-5.txt"))
        #expect(try engine.top("xã 5").results.allSatisfy { !$0.article.path.hasSuffix("bao-5.txt") })
        #expect(try engine.top("xã 7").results.allSatisfy { !$0.article.path.hasSuffix("bao-7.txt") })
        #expect(try IndexStats(databasePath: db).articles == 11)
        let report = try IndexChecker(databasePath: db).check(paths: [folder.path + "/corpus"])
        #expect(report.ok, "\(report.problems)")

        // Removing one article by id (the HTTP DELETE path) finds its shard.
        let removed = try Indexer(databasePath: db).remove(articleID: hit.article.id)
        #expect(removed?.path == hit.article.path)
        try engine.refresh()
        #expect(try engine.top("Ok Om Bok").results.isEmpty)
    }

    /// Another shard count rebuilds the index beside itself; the answers stay.
    @Test func changingTheShardCountRebuildsTheIndex() throws {
        let folder = try Fixtures.seedFolder()
        let db = folder.path + "/index"
        for n in 0..<6 { try folder.write("corpus/tin-\(n).txt", "Tin số \(n): người Hoa ở Sóc Trăng đón Tết Nguyên tiêu.") }
        _ = try Indexer(databasePath: db).run(paths: [folder.path + "/corpus"])
        let before = try SearchEngine(databasePath: db).top("người Hoa Sóc Trăng", limit: 20)

        for shards in [4, 1] {
            let summary = try Indexer(databasePath: db, shards: shards).run(paths: [folder.path + "/corpus"])
            #expect(summary.updated == 7)
            #expect(try ShardLayout.existing(at: db)?.shardCount == shards)
            #expect(FileManager.default.fileExists(atPath: db + "/XAPIANDB") == (shards > 1))
            let after = try SearchEngine(databasePath: db).top("người Hoa Sóc Trăng", limit: 20)
            #expect(after.total == before.total)
            #expect(after.results.map(\.article.id).sorted() == before.results.map(\.article.id).sorted())
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("index.") }
        #expect(leftovers.isEmpty)
    }

    /// A remote shard that is down is named; once it is back, a new reader works.
    @Test func aShardThatIsDownIsNamedAndComesBack() throws {
        let layouts = try layouts
        let first = try XapianServer.tcpsrv(layouts.sharded + "/shard0")
        defer { first.stop() }
        let port = try XapianServer.freePort()
        let stub = layouts.folder.path + "/half-down.stub"
        try "remote 127.0.0.1:\(first.port)\nremote 127.0.0.1:\(port)\n".write(toFile: stub, atomically: true, encoding: .utf8)
        do {
            _ = try SearchEngine(databasePath: stub)
            Issue.record("opened a stub with a shard down")
        } catch let error as SearchError {
            guard case .shardUnavailable(_, let shard, _) = error else { throw error }
            #expect(shard == "127.0.0.1:\(port)")
            #expect(error.description.hasPrefix("shard 127.0.0.1:\(port) of index"))
        }
        let server = try XapianServer.tcpsrv(layouts.sharded + "/shard1", port: port)
        defer { server.stop() }
        let engine = try SearchEngine(databasePath: stub)
        #expect(try engine.top("Khmer").total == (try SearchEngine(databasePath: layouts.single).top("Khmer").total))
    }

    /// A read replica kept by xapian-replicate: an open engine sees the new copy (the
    /// replica's stub is rewritten) on its next refresh, as a server's readers do.
    @Test func anOpenEngineSeesANewReplicaCopy() throws {
        let folder = try Fixtures.seedFolder()
        _ = try Indexer(databasePath: folder.path + "/index").run(paths: [folder.path + "/corpus"])
        let master = try XapianServer.replicationMaster(folder.path)
        defer { master.stop() }
        func replicate() throws { #expect(try master.replicate(master: "index", to: folder.path + "/replica") == 0) }
        try replicate()
        let engine = try SearchEngine(databasePath: folder.path + "/replica")
        #expect(try engine.top("Ok Om Bok").results.isEmpty)
        try folder.write("corpus/ok-om-bok.txt", "Lễ hội Ok Om Bok của đồng bào Khmer ở Sóc Trăng.")
        _ = try Indexer(databasePath: folder.path + "/index").run(paths: [folder.path + "/corpus"])
        try replicate()
        try engine.refresh()
        #expect(try engine.top("Ok Om Bok").results.first?.article.path.hasSuffix("ok-om-bok.txt") == true)
    }

    /// A local shard that is missing is named; an empty folder is still "no index".
    @Test func aMissingLocalShardIsNamed() throws {
        let folder = try TemporaryFolder()
        try folder.write("corpus/a.txt", "Bài báo về người Hoa ở Sóc Trăng.")
        _ = try Indexer(databasePath: folder.path + "/index", shards: 2).run(paths: [folder.path + "/corpus"])
        try FileManager.default.removeItem(atPath: folder.path + "/index/shard1")
        #expect {
            try SearchEngine(databasePath: folder.path + "/index")
        } throws: { error in
            guard case .unreadableIndex(_, let message) = error as? SearchError else { return false }
            return message.contains("shard1")
        }
        try FileManager.default.createDirectory(atPath: folder.path + "/empty", withIntermediateDirectories: true)
        #expect(throws: SearchError.noIndex(folder.path + "/empty")) {
            try SearchEngine(databasePath: folder.path + "/empty")
        }
    }

    /// The indexer writes only what it laid out: a stub written by hand is refused.
    @Test func theIndexerRefusesAHandWrittenStub() throws {
        let folder = try TemporaryFolder()
        try folder.write("index/XAPIANDB", "remote 127.0.0.1:1\n")
        try folder.write("corpus/a.txt", "Một bài báo.")
        #expect(throws: IndexError.foreignStub(folder.path + "/index")) {
            try Indexer(databasePath: folder.path + "/index").run(paths: [folder.path + "/corpus"])
        }
    }
}
