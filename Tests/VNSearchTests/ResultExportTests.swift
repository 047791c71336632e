import Foundation
import Testing
@testable import VNSearch
import VNTestSupport

/// Results taken away: CSV per RFC 4180 and JSON Lines, paging past one page of hits.
@Suite struct ResultExportTests {
    @Test func fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        #expect(ResultExport.csvField("an ninh") == "an ninh")
        #expect(ResultExport.csvField("Hậu Giang, Cần Thơ") == "\"Hậu Giang, Cần Thơ\"")
        #expect(ResultExport.csvField("mô hình \"xóm Chăm\"") == "\"mô hình \"\"xóm Chăm\"\"\"")
        #expect(ResultExport.csvField("dòng một\ndòng hai") == "\"dòng một\ndòng hai\"")
        #expect(ResultExport.csvField("a\r\nb") == "\"a\r\nb\"")
    }

    /// 150 articles match: two pages of the ranking, every one once, in rank order; the
    /// CSV has a header row and a row per hit, each line ended by CRLF.
    @Test func pagesThroughTheRanking() throws {
        var files: [String: String] = [:]
        for i in 0..<150 {
            files[String(format: "bao-cao-%03d.txt", i)] = "Báo cáo số \(i)\nNgười Khmer ở Sóc Trăng, \"tổ tự quản\" số \(i), giữ gìn an ninh."
        }
        let (folder, engine) = try Fixtures.corpusIndex(files)
        _ = folder
        let hits = try ResultExport.hits(SearchRequest(query: "Khmer")) { try engine.search($0) }
        #expect(hits.count == 150)
        #expect(Set(hits.map(\.article.id)).count == 150)
        #expect(hits.map(\.rank) == Array(1...150))
        let csv = try ResultExport.render(hits, as: .csv)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.first == ResultExport.columns.joined(separator: ","))
        #expect(lines.count == 152)  // header, 150 rows, and the empty string after the last CRLF
        #expect(lines[1].contains("\"Người Khmer ở Sóc Trăng, \"\"tổ tự quản\"\""))
        let jsonl = try ResultExport.render(hits, as: .jsonl).split(separator: "\n")
        #expect(jsonl.count == 150)
        let first = try JSONSerialization.jsonObject(with: Data(jsonl[0].utf8)) as? [String: Any]
        #expect(first?["article_id"] as? String == hits[0].article.id)
        #expect(first?["provinces"] as? [String] == ["Sóc Trăng"])
        #expect(first?["ethnic"] as? [String] == ["Khmer"])
        // From an offset on, and never past the limit of rows.
        var later = SearchRequest(query: "Khmer")
        later.offset = 140
        #expect(try ResultExport.hits(later) { try engine.search($0) }.count == 10)
    }
}
