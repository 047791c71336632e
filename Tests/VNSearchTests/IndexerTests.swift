import Foundation
import Testing
@testable import VNSearch
import VNTestSupport

/// `vnsearch index` as an archivist sees it: the index follows the folder exactly, and
/// bad input is reported, never fatal.
@Suite struct IndexerTests: SeedFolderSuite {
    let folder: TemporaryFolder

    init() throws {
        folder = try Fixtures.seedFolder()
    }

    private func index(full: Bool = false) throws -> IndexSummary {
        try Indexer(databasePath: db).run(paths: [corpus], full: full)
    }

    private func count(_ query: String) throws -> Int {
        // Passages holding every word, or articles holding them across passages (partial
        // matches of other passages follow them).
        try SearchEngine(databasePath: db).top(query, limit: 100, perArticle: 100).results.filter { $0.missing == [] || $0.relaxed }.count
    }

    @Test func secondRunChangesNothing() throws {
        let first = try index()
        #expect(first.added == 1)
        #expect(first.passages > 15)
        let second = try index()
        #expect(second.unchanged == 1)
        #expect(second.added + second.updated + second.removed + second.passages == 0)
    }

    @Test func aRunWithNothingToDoWritesNothing() throws {
        _ = try index()
        let revision = try IndexStats(databasePath: db).revision
        _ = try index()
        #expect(try IndexStats(databasePath: db).revision == revision)
    }

    @Test func aStoppedRunKeepsWhatItCommittedAndTheNextOneFinishes() throws {
        for i in 0..<200 { try folder.write("corpus/tin-\(i).txt", "Tin số \(i)\nNgười Chăm ở An Giang, bản tin số \(i).") }
        let asked = Counter()
        let indexer = Indexer(databasePath: db)
        // Asked once per chunk of 128 files: the second time, it stops.
        indexer.shouldStop = { asked.next() > 1 }
        let stopped = try indexer.run(paths: [corpus])
        #expect(stopped.added == 128 && stopped.removed == 0)
        #expect(try IndexStats(databasePath: db).articles == 128)
        let rest = try index()
        #expect(rest.added == 73 && rest.unchanged == 128 && rest.removed == 0)
    }

    @Test func newChangedAndRemovedFilesAreFollowed() throws {
        _ = try index()
        try folder.write("corpus/moi.txt", "Người Chăm ở An Giang\nBà con người Chăm giữ gìn an ninh.")
        var summary = try index()
        #expect(summary.added == 1 && summary.unchanged == 1)
        #expect(try count("nguoi Cham An Giang") >= 1)

        try folder.write("corpus/moi.txt", "Người Khmer ở Sóc Trăng\nBà con người Khmer đón Tết.")
        summary = try index()
        #expect(summary.updated == 1 && summary.unchanged == 1)
        #expect(try count("đón Tết") == 1)
        #expect(try count("bà con người Chăm") == 0)

        try FileManager.default.removeItem(atPath: corpus + "/moi.txt")
        summary = try index()
        #expect(summary.removed == 1)
        #expect(try count("đón Tết") == 0)
        #expect(try IndexStats(databasePath: db).articles == 1)
    }

    /// Facets are counted on a second thread with its own database (FacetCounter): a
    /// refresh must move both to the new revision.
    @Test func facetsFollowTheIndexAfterARefresh() throws {
        _ = try index()
        let engine = try SearchEngine(databasePath: db)
        let before = try engine.top("người Hoa").facets.ethnic["Hoa"] ?? 0
        #expect(before > 0)
        try folder.write("corpus/hoa.txt", "Người Hoa ở Bạc Liêu\nBà con người Hoa góp sức giữ gìn an ninh.")
        _ = try index()
        try engine.refresh()
        let after = try engine.top("người Hoa")
        #expect(after.results.contains { $0.article.path.hasSuffix("hoa.txt") })
        #expect(after.facets.ethnic["Hoa"] == before + 2)
    }

    @Test func aModelFilterFollowsTheIndexAfterARefresh() throws {
        _ = try index()
        let engine = try SearchEngine(databasePath: db)
        // Read the model names once (both threads keep them per revision).
        #expect(try engine.top("model:\"xóm Chăm\"").results.count > 0)
        try folder.write("corpus/bien.txt", "Giữ bình yên vùng biển\nTỉnh Kiên Giang nhân rộng mô hình \"Tổ tuần tra ven biển\" trong ngư dân.")
        _ = try index()
        try engine.refresh()
        let after = try engine.top("model:\"Tổ tuần tra ven biển\"")
        #expect(after.results.map(\.article.path).contains { $0.hasSuffix("bien.txt") })
        #expect(after.facets.model["Tổ tuần tra ven biển"] ?? 0 > 0)
    }

    /// Part of a page is built on the facet counter's thread, which keeps its own record
    /// of where each article's first passage (and so its texts) is: a reindex moves them,
    /// and after a refresh every hit shows the new text. (Which thread builds which hit
    /// depends on timing, hence twenty searches before and after.)
    @Test func everyHitOfAPageFollowsAReindex() throws {
        for i in 0..<6 { try folder.write("corpus/tin-\(i).txt", "Tin số \(i)\nĐồng bào Khmer đón lễ hội.\n\nNăm nay có \(i) đội ghe ngo Sa Ca.") }
        _ = try index()
        let engine = try SearchEngine(databasePath: db)
        for _ in 0..<20 { #expect(try engine.top("ghe ngo Sa Ca", limit: 10).results.count == 6) }
        for i in 0..<6 { try folder.write("corpus/tin-\(i).txt", "Tin số \(i)\nĐồng bào Khmer đón lễ hội.\n\nNăm nay có \(i + 10) đội ghe ngo Sa Ca.") }
        _ = try index()
        try engine.refresh()
        for _ in 0..<20 {
            let after = try engine.top("ghe ngo Sa Ca", limit: 10).results
            #expect(after.count == 6)
            for hit in after {
                let number = try #require(Int(hit.article.title.dropFirst("Tin số ".count)))
                #expect(hit.passage.text == "Năm nay có \(number + 10) đội ghe ngo Sa Ca.")
            }
        }
    }

    /// A broad query's first pass split between two threads keeps, among equal weights,
    /// the articles one pass keeps (ties go by article id, as Xapian orders them).
    @Test func equalWeightsAcrossASplitFirstPassKeepWhatOnePassKeeps() throws {
        for i in 0..<150 { try folder.write("corpus/tin-\(i).txt", "Tin số \(i)\nCông an xã tuần tra ban đêm.") }
        _ = try index()
        let split = try SearchEngine(databasePath: db, broadPassages: 1)
        let onePass = try SearchEngine(databasePath: db, broadPassages: 1, sharesWork: false)
        for page in [request("công an xã"), request("công an xã") { $0.offset = 40 }] {
            #expect(try split.answer(page) == onePass.answer(page))
        }
    }

    /// A phrase ranked in two parts of the docids keeps, among equal weights and several
    /// passages per article, what one ranking keeps: ties by article id, then passage order,
    /// and the article on both sides of the split (7 articles of 7 passages, split after
    /// the 24th) shows no more than `perArticle` passages once the parts are joined.
    @Test func equalWeightsAcrossAPhrasesTwoPartsKeepWhatOnePassKeeps() throws {
        let paragraphs = Array(repeating: "Công an xã họp dân.", count: 6).joined(separator: "\n\n")
        try FileManager.default.removeItem(atPath: corpus + "/seed.txt")
        for i in 0..<7 { try folder.write("corpus/tin-\(i).txt", "Tin số \(i)\n" + paragraphs) }
        _ = try index()
        #expect(try IndexStats(databasePath: db).documents == 49)
        let split = try SearchEngine(databasePath: db)
        let onePass = try SearchEngine(databasePath: db, broadPassages: QueryBuilder.defaultBroadPassages, sharesWork: false)
        for page in [request("\"công an xã\"") { $0.perArticle = 2; $0.limit = 40 },
                     request("\"công an xã\"") { $0.perArticle = 3; $0.offset = 5 }, request("\"công an xã\"")] {
            // All 42 matches fit in one page of 100, which one pass ranks in full.
            let whole = try onePass.search(request("\"công an xã\"") { $0.perArticle = page.perArticle; $0.limit = 100 })
            #expect(try json(split.search(page).results) == whole.page(offset: page.offset, limit: page.limit))
        }
    }

    @Test func fullRebuildReindexesEverything() throws {
        _ = try index()
        let full = try index(full: true)
        #expect(full.updated == 1)
        #expect(try IndexStats(databasePath: db).documents == full.passages)
    }

    @Test func oldTonePlacementInAFileMatchesNewPlacementQueries() throws {
        try folder.write("corpus/cu.txt", "Thuỷ lợi vùng đồng bào Khmer\nSức khoẻ và hoà giải ở Trà Vinh.")
        _ = try index()
        let engine = try SearchEngine(databasePath: db)
        let hit = try #require(try engine.top("sức khỏe hòa giải").results.first)
        #expect(hit.passage.text == "Sức khoẻ và hoà giải ở Trà Vinh.")
        #expect(hit.passage.highlighted == "<mark>Sức khoẻ</mark> và <mark>hoà giải</mark> ở Trà Vinh.")
        #expect(try engine.top("thủy lợi").results.first?.article.title == "Thuỷ lợi vùng đồng bào Khmer")
    }

    @Test func checkFindsWhatTheIndexMisses() throws {
        _ = try index()
        let checker = IndexChecker(databasePath: db)
        var report = try checker.check(paths: [corpus])
        #expect(report.ok, "\(report.problems)")
        #expect(report.databaseErrors == 0)
        #expect(report.articles == 1)
        try folder.write("corpus/moi.txt", "Tin mới\nNgười Chăm.")
        try folder.write("corpus/seed.txt", "Đã sửa\nNội dung khác.")
        try folder.write("corpus/empty.txt", "")
        report = try checker.check(paths: [corpus])
        #expect(report.problems.contains { $0.hasPrefix("not indexed:") && $0.hasSuffix("moi.txt") })
        #expect(report.problems.contains { $0.hasPrefix("changed since indexing:") && $0.hasSuffix("seed.txt") })
        #expect(!report.problems.contains { $0.hasSuffix("empty.txt") })
        try FileManager.default.removeItem(atPath: corpus + "/seed.txt")
        report = try checker.check(paths: [corpus])
        #expect(report.problems.contains { $0.hasPrefix("file gone") && $0.hasSuffix("seed.txt") })
        _ = try index()
        #expect(try checker.check(paths: [corpus]).ok)
    }

    @Test func parallelAnalysisWritesWhatOneThreadWrites() throws {
        for i in 0..<40 {
            try folder.write("corpus/tin\(i).txt", "Tin số \(i)\nNgười Chăm ở An Giang và người Hoa ở Bạc Liêu, bài \(i).")
        }
        let one = try Indexer(databasePath: folder.path + "/one", jobs: 1).run(paths: [corpus])
        let two = try Indexer(databasePath: folder.path + "/two", jobs: 2).run(paths: [corpus])
        #expect(one.added == 41 && two.added == 41)
        #expect(one.passages == two.passages)
        let a = try SearchEngine(databasePath: folder.path + "/one").top("người Chăm An Giang bài 17", limit: 5)
        let b = try SearchEngine(databasePath: folder.path + "/two").top("người Chăm An Giang bài 17", limit: 5)
        #expect(a.results.map(\.passage.text) == b.results.map(\.passage.text))
        #expect(a.results.first?.article.path.hasSuffix("tin17.txt") == true)
        #expect(a.facets.province == b.facets.province)
    }

    @Test func overLongTokensDoNotStopTheRun() throws {
        let url = "https://example.org/" + String(repeating: "a1b2c3d4", count: 60)
        let digits = (1...150).map(String.init).joined(separator: "-")
        try folder.write("corpus/dai.txt", "Tin có đường dẫn dài\nXem \(url) và mã \(digits) về người Chăm.")
        let summary = try index()
        #expect(summary.added == 2)
        // Found whole (title and body): the body names the Chăm, its title the rest.
        #expect(try SearchEngine(databasePath: db).top("đường dẫn dài Chăm").results.first?.article.path.hasSuffix("dai.txt") == true)
        #expect(try count("mã về người Chăm") == 1)
    }

    @Test func aFileThatLosesItsTextLeavesTheIndex() throws {
        try folder.write("corpus/moi.txt", "Tin mới\nBà con người Chăm đón Tết.")
        _ = try index()
        #expect(try count("bà con người Chăm") == 1)
        try folder.write("corpus/moi.txt", " ... \n")
        let summary = try index()
        #expect(summary.removed == 1)
        #expect(summary.skipped.first?.reason == "no text to index")
        #expect(try count("bà con người Chăm") == 0)
    }

    @Test func fullRebuildDropsArticlesOfOtherRoots() throws {
        try folder.write("other/khac.txt", "Tin khác\nNgười Hoa ở Bạc Liêu buôn bán.")
        _ = try Indexer(databasePath: db).run(paths: [folder.path + "/other"])
        _ = try index()
        #expect(try IndexStats(databasePath: db).articles == 2)
        let full = try index(full: true)
        #expect(full.updated == 1)
        #expect(try IndexStats(databasePath: db).articles == 1)
    }

    @Test func emptyAndBinaryFilesAreSkippedWithAReason() throws {
        try folder.write("corpus/empty.txt", "")
        try folder.write("corpus/binary.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]))
        try folder.write("corpus/blank.txt", "  \n\n ... \n")
        let summary = try index()
        #expect(summary.added == 1)
        let reasons = Dictionary(uniqueKeysWithValues: summary.skipped.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.reason) })
        #expect(reasons["empty.txt"] == "empty file")
        #expect(reasons["binary.txt"]?.contains("binary") == true)
        #expect(reasons["blank.txt"] == "no text to index")
    }

    @Test func invalidUTF8IsIndexedAndReported() throws {
        var bytes = Data("Tiêu đề hỏng\nNgười Hoa ở Bạc Liêu ".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE])
        bytes.append(Data(" giữ gìn trật tự.".utf8))
        try folder.write("corpus/broken.txt", bytes)
        let summary = try index()
        #expect(summary.added == 2)
        #expect(summary.warnings.count == 1)
        #expect(summary.warnings.first?.reason.contains("invalid UTF-8") == true)
        #expect(try count("giữ gìn trật tự Bạc Liêu") >= 1)
    }

    @Test func unreadableFileIsSkippedAndTheRunGoesOn() throws {
        // A folder named like a report cannot be read as one (chmod does not stop root).
        try FileManager.default.createDirectory(atPath: corpus + "/folder.txt", withIntermediateDirectories: true)
        let summary = try index()
        #expect(summary.added == 1)
        #expect(summary.skipped.contains { $0.path.hasSuffix("folder.txt") && $0.reason.hasPrefix("unreadable") })
    }

    @Test func missingCorpusPathFailsBeforeWritingAnything() throws {
        #expect(throws: IndexError.missingPath(folder.path + "/nowhere")) {
            try Indexer(databasePath: db).run(paths: [folder.path + "/nowhere"])
        }
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func databasePathThatIsAFileIsRefused() throws {
        try folder.write("index", "not a database")
        #expect(throws: IndexError.databaseIsAFile(db)) { try index() }
        #expect(try String(contentsOfFile: db, encoding: .utf8) == "not a database")
    }

    @Test func lockedDatabaseIsReportedAndUntouched() throws {
        _ = try index()
        let holder = try WritableDatabase(path: db)
        try folder.write("corpus/moi.txt", "Tin mới\nNội dung mới về người Chăm.")
        #expect(throws: IndexError.locked(db, pid: nil)) { try index() }
        // A vnsearch writer leaves its pid beside the database; the message names it.
        try String(getpid()).write(toFile: db + "/vnsearch-writer.pid", atomically: true, encoding: .utf8)
        let error = #expect(throws: IndexError.self) { try index() }
        #expect(error == .locked(db, pid: getpid()))
        #expect(error?.description.contains("(pid \(getpid()))") == true)
        withExtendedLifetime(holder) {}
    }

    @Test func searchingWithoutAnIndexSaysSo() throws {
        #expect(throws: SearchError.noIndex(db)) { try SearchEngine(databasePath: db) }
    }

    @Test func nothingIndexableIsAFailure() throws {
        try FileManager.default.removeItem(atPath: corpus + "/seed.txt")
        try folder.write("corpus/empty.txt", "")
        #expect(throws: IndexError.nothingIndexed(1)) { try index() }
    }
}

/// Counts calls from any thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
