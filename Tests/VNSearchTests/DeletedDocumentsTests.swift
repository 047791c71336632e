import Foundation
import Testing
@testable import VNSearch
import VNTestSupport

/// A lean index (`--lean`) has no termlist (a third of its size), so Xapian cannot
/// delete from it: a changed or removed article's old passages stay and are listed as
/// deleted. Whatever reads the index must never show them.
@Suite struct DeletedDocumentsTests: SeedFolderSuite {
    let folder: TemporaryFolder

    init() throws {
        folder = try Fixtures.seedFolder()
        try folder.write("corpus/cham.txt", "Người Chăm ở An Giang\nBà con Chăm làng Châu Phong dệt thổ cẩm, giữ gìn nghề truyền thống.")
    }

    private func index(jobs: Int = 2, shards: Int? = nil, lean: Bool = true, full: Bool = false) throws -> IndexSummary {
        try Indexer(databasePath: db, jobs: jobs, shards: shards, lean: lean).run(paths: [corpus], full: full)
    }

    private func articleID(_ query: String, _ engine: SearchEngine) throws -> String? {
        try engine.top(query).results.first?.article.id
    }

    @Test(arguments: [1, 2])
    func aChangedOrRemovedArticleIsGoneFromEveryRead(jobs: Int) throws {
        _ = try index(jobs: jobs)
        // Merged from build shards (two jobs) or written directly (one): no termlist.
        #expect(!FileManager.default.fileExists(atPath: db + "/termlist.glass"))
        let engine = try SearchEngine(databasePath: db)
        let cham = try #require(try articleID("dệt thổ cẩm giữ gìn nghề", engine))

        try folder.write("corpus/cham.txt", "Người Khmer ở Sóc Trăng\nBà con Khmer làng Châu Phong đón Tết Chôl Chnăm Thmây.")
        #expect(try index(jobs: jobs).updated == 1)
        // The engine opened before the change picks the deletions up with the revision.
        try engine.refresh()
        #expect(try engine.top("dệt thổ cẩm giữ gìn nghề").results.allSatisfy { $0.article.id != cham })
        #expect(try engine.top("đón Tết Chôl Chnăm Thmây").results.first?.article.id == cham)
        let detail = try #require(try engine.article(id: cham))
        #expect(detail.passages.map(\.text).joined(separator: " ").contains("Khmer"))
        #expect(!detail.passages.map(\.text).joined(separator: " ").contains("thổ cẩm"))
        // The facets count the new passages only.
        let facets = try engine.top("làng Châu Phong").facets
        #expect(facets.ethnic["Chăm"] == nil)
        #expect(facets.ethnic["Khmer"] != nil)

        var stats = try IndexStats(databasePath: db)
        let report = try IndexChecker(databasePath: db).check(paths: [corpus])
        #expect(report.ok, "\(report.problems)")
        #expect(stats.documents == report.documents)
        #expect(stats.articles == 2)

        try FileManager.default.removeItem(atPath: corpus + "/cham.txt")
        #expect(try index(jobs: jobs).removed == 1)
        try engine.refresh()
        #expect(try engine.top("đón Tết Chôl Chnăm Thmây").results.isEmpty)
        #expect(try engine.article(id: cham) == nil)
        stats = try IndexStats(databasePath: db)
        #expect(stats.articles == 1)
        #expect(try IndexChecker(databasePath: db).check(paths: [corpus]).ok)
        #expect(try Database(path: db).deleted.count > 0)
    }

    /// The deleted list is written once per transaction, whatever it gathered.
    @Test func everyArticleChangedInOneRunIsListed() throws {
        _ = try index()
        let before = try Database(path: db).documentCount
        try folder.write("corpus/cham.txt", "Người Khmer ở Sóc Trăng\nBà con người Khmer đón Tết.")
        try folder.write("corpus/seed.txt", "Một bản tin khác\nNgười Hoa ở Bạc Liêu góp sức giữ gìn an ninh.")
        #expect(try index().updated == 2)
        let after = try Database(path: db)
        #expect(after.deleted.count == before)
        #expect(try after.documentCount == 4)
        #expect(try SearchEngine(databasePath: db).top("Tây Nam Bộ").results.isEmpty)
    }

    @Test func aFullRebuildLeavesNoDeletedPassages() throws {
        _ = try index()
        try folder.write("corpus/cham.txt", "Người Khmer ở Sóc Trăng\nBà con người Khmer đón Tết.")
        _ = try index()
        let before = try Database(path: db)
        #expect(!before.deleted.isEmpty)
        let full = try index(full: true)
        let after = try Database(path: db)
        #expect(after.deleted.isEmpty)
        #expect(try after.documentCount == full.passages)
    }

    @Test func anIndexIsLeanOnlyWhenAskedAndStaysLean() throws {
        _ = try index(lean: false)
        #expect(FileManager.default.fileExists(atPath: db + "/termlist.glass"))
        // Asked for on an existing index: rebuilt lean once.
        #expect(try index().updated == 2)
        #expect(!FileManager.default.fileExists(atPath: db + "/termlist.glass"))
        // Then kept without asking, through an incremental run and a full one.
        try folder.write("corpus/cham.txt", "Người Khmer ở Sóc Trăng\nBà con người Khmer đón Tết.")
        #expect(try index(lean: false).updated == 1)
        #expect(try index(lean: false, full: true).updated == 2)
        #expect(!FileManager.default.fileExists(atPath: db + "/termlist.glass"))
    }

    /// One database without a termlist, and nothing else in the folder's top level.
    private var isOneLeanDatabase: Bool {
        !FileManager.default.fileExists(atPath: db + "/" + ShardLayout.stubName)
            && FileManager.default.fileExists(atPath: db + "/iamglass")
            && !FileManager.default.fileExists(atPath: db + "/termlist.glass")
    }

    @Test func aShardedIndexAskedToBeLeanBecomesOneLeanDatabase() throws {
        _ = try index(shards: 2, lean: false)
        #expect(try index().updated == 2)
        #expect(isOneLeanDatabase)
        #expect(try index().unchanged == 2)
    }

    /// A build stopped before its merge leaves build shards; a run that rebuilds them
    /// (`--lean`, `--full`) writes one database, not that many shards for good.
    @Test(arguments: [true, false])
    func aStoppedBuildRebuiltIsOneDatabase(lean: Bool) throws {
        for i in 0..<200 { try folder.write("corpus/tin-\(i).txt", "Tin số \(i)\nNgười Chăm ở An Giang, bản tin số \(i).") }
        let asked = Counter()
        let stopped = Indexer(databasePath: db, jobs: 2)
        stopped.shouldStop = { asked.next() > 1 }
        _ = try stopped.run(paths: [corpus])
        #expect(FileManager.default.fileExists(atPath: db + "/" + ShardLayout.stubName))

        _ = try index(lean: lean, full: !lean)
        #expect(!FileManager.default.fileExists(atPath: db + "/" + ShardLayout.stubName))
        #expect(FileManager.default.fileExists(atPath: db + "/termlist.glass") == !lean)
        #expect(try IndexStats(databasePath: db).articles == 202)
    }

    @Test func aShardedIndexKeepsItsTermlistsAndDeletesForReal() throws {
        _ = try index(shards: 2, lean: false)
        #expect(FileManager.default.fileExists(atPath: db + "/shard0/termlist.glass"))
        try folder.write("corpus/cham.txt", "Người Khmer ở Sóc Trăng\nBà con người Khmer đón Tết.")
        #expect(try index(shards: 2, lean: false).updated == 1)
        for shard in ["shard0", "shard1"] {
            #expect(try Database(path: db + "/" + shard).metadata(MetadataKey.deleted).isEmpty)
        }
        #expect(try SearchEngine(databasePath: db).top("dệt thổ cẩm giữ gìn nghề").results.allSatisfy {
            $0.article.path.hasSuffix("seed.txt")
        })
    }

    @Test func deletedDocumentsAreKeptAsMergedRanges() {
        var deleted = DeletedDocuments()
        deleted.insert(contentsOf: [5, 6, 7, 9])
        deleted.insert(contentsOf: [8])
        deleted.insert(contentsOf: [1, 2, 20])
        #expect(deleted.encoded == "1-2,5-9,20")
        #expect(deleted.count == 8)
        #expect(deleted.contains(7) && deleted.contains(20) && deleted.contains(1))
        #expect(!deleted.contains(3) && !deleted.contains(10) && !deleted.contains(21) && !deleted.contains(0))
        #expect(DeletedDocuments(encoded: deleted.encoded) == deleted)
        #expect(DeletedDocuments(encoded: "3-1,x,4").encoded == "4")
        #expect(deleted.docids == [1, 2, 5, 6, 7, 8, 9, 20])
    }
}
