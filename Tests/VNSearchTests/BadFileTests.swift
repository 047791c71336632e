import Foundation
import Testing
@testable import VNSearch
import VNTestSupport

/// Files an archive really holds: none of them stops a run; each is indexed correctly or
/// listed under `skipped` with a reason.
@Suite struct BadFileTests: SeedFolderSuite {
    let folder: TemporaryFolder

    init() throws {
        folder = try Fixtures.seedFolder()
    }

    private func index() throws -> IndexSummary {
        try Indexer(databasePath: db).run(paths: [corpus])
    }

    private func skipReason(_ summary: IndexSummary, _ name: String) -> String? {
        summary.skipped.first { $0.path.hasSuffix("/" + name) }?.reason
    }

    @Test func aFileOverFiftyMegabytesIsSkippedUnread() throws {
        // Sparse: 51 MB on paper, nothing on disk.
        let path = corpus + "/huge.txt"
        FileManager.default.createFile(atPath: path, contents: Data("Tiêu đề\n".utf8))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 51 * 1_048_576)
        try handle.close()
        let summary = try index()
        #expect(summary.added == 1)
        #expect(skipReason(summary, "huge.txt") == "file over 50 MB (53477376 bytes)")
    }

    @Test func decomposedTextAByteOrderMarkAndCRLFAreIndexedAsPlainText() throws {
        let nfd = "Người Chăm ở An Giang giữ nghề dệt thổ cẩm.".decomposedStringWithCanonicalMapping
        try folder.write("corpus/nfd.txt", "Nghề dệt\n" + nfd + "\n")
        try folder.write("corpus/bom.txt", Data([0xEF, 0xBB, 0xBF]) + Data("Đàn voi ở Đắk Lắk\r\nĐồng bào Ê Đê bảo vệ đàn voi rừng.\r\n".utf8))
        let summary = try index()
        #expect(summary.added == 3 && summary.skipped.isEmpty)
        let engine = try SearchEngine(databasePath: db)
        #expect(try engine.top("thổ cẩm").results.first?.passage.text == "Người Chăm ở An Giang giữ nghề dệt thổ cẩm.")
        let voi = try #require(try engine.top("voi rừng").results.first)
        #expect(voi.article.title == "Đàn voi ở Đắk Lắk")
        #expect(!voi.passage.text.contains("\r"))
    }

    @Test func anUpperCaseDateHeaderIsRead() throws {
        try folder.write("corpus/dated.txt", "Date: 2023-05-17\nHội thi đua ghe ngo\nĐồng bào Khmer ở Sóc Trăng đua ghe ngo.\n")
        _ = try index()
        let hit = try #require(try SearchEngine(databasePath: db).top("đua ghe ngo").results.first)
        #expect(hit.article.date == "2023-05-17")
    }

    @Test func aNonUTF8FileNameDoesNotStopTheRun() throws {
        // "b\xE1o.txt": a Latin-1 name, as an old Windows share leaves it.
        let name: [CChar] = Array((corpus + "/b").utf8CString.dropLast()) + [CChar(bitPattern: 0xE1)] + "o.txt".utf8CString.map { $0 }
        let fd = open(name, O_CREAT | O_WRONLY, 0o644)
        try #require(fd >= 0)
        _ = "Tin cũ\nNgười Hoa ở Bạc Liêu làm lồng đèn.".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let summary = try index()
        #expect(summary.added == 1)
        // Skipped with a reason that says what to do: never lost silently.
        #expect(summary.skipped.count == 1)
        #expect(summary.skipped.first?.reason.contains("file name is not valid UTF-8") == true)
    }

    @Test func symbolicLinkLoopsDoNotStopTheRun() throws {
        try FileManager.default.createSymbolicLink(atPath: corpus + "/loop", withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: corpus + "/self.txt", withDestinationPath: "self.txt")
        let summary = try index()
        #expect(summary.added == 1)
        #expect(skipReason(summary, "self.txt")?.hasPrefix("unreadable") == true)
    }

    @Test func sizeAndModificationTimeSpareReadingAnUnchangedFile() throws {
        let path = corpus + "/seed.txt"
        // A whole second: setting a time back must give exactly the time indexed.
        let indexedTime = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes([.modificationDate: indexedTime], ofItemAtPath: path)
        _ = try index()
        // Same size, same time, other bytes: taken as unchanged without reading it (the
        // shortcut), as rsync and make do.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 2] = bytes[bytes.count - 2] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try bytes.write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: indexedTime], ofItemAtPath: path)
        #expect(try index().unchanged == 1)
        // A new time makes it read and hashed: the edit is found.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: path)
        #expect(try index().updated == 1)
    }
}
