import Foundation
import Testing
@testable import VNSearch
import VNTestSupport

/// Ranking and query help on small corpora written for the case: the passage a reader
/// wants comes first, and the suggestion says what they meant.
@Suite struct RelevanceTests {
    private func titles(_ response: SearchResponse) -> [String] {
        response.results.map(\.article.title)
    }

    @Test func unaccentedWordTypedAmongAccentedOnesMeansItself() throws {
        // `voi` and `với` fold alike; in a query typed with diacritics, `voi` is the elephant.
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Cán bộ xã làm việc với rừng phòng hộ\nCán bộ xã làm việc với rừng phòng hộ suốt mùa khô năm nay.",
            "b.txt": "Voi rừng về bản\nĐàn voi rừng về gần bản làng vào ban đêm.",
        ])
        _ = folder
        #expect(titles(try engine.top("voi rừng")).first == "Voi rừng về bản")
    }

    /// The title and lead prior is read from the index at a revision's first search and
    /// held in memory from its second: both rank alike, and a new revision's prior is read
    /// again (an article added since has its title lifted, not only the old ones).
    @Test func theHeldTitlePriorRanksAsTheIndexedOneAndFollowsANewRevision() throws {
        // The bodies say it twice: without the prior, they outrank a title that says it once.
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Tin vắn\nBà con thu hoạch lúa sớm.\n\nĐồng bào Khmer chuẩn bị lễ hội Ok Om Bok; lễ hội Ok Om Bok là lễ cúng trăng.",
            "b.txt": "Tin địa phương\nNông dân sửa kênh.\n\nSóc Trăng tổ chức lễ hội Ok Om Bok, lễ hội Ok Om Bok đông vui.",
        ])
        let ranking = { (response: SearchResponse) in response.results.map { "\($0.article.id) \($0.passage.index) \($0.score)" } }
        let fromIndex = try engine.top("lễ hội Ok Om Bok")
        let held = try engine.top("lễ hội Ok Om Bok")
        #expect(fromIndex.results.count == 2)
        #expect(ranking(held) == ranking(fromIndex))

        try folder.write("corpus/c.txt", "Lễ hội Ok Om Bok\nNăm nay đông vui hơn mọi năm.")
        _ = try Indexer(databasePath: folder.path + "/index").run(paths: [folder.path + "/corpus"])
        try engine.refresh()
        // The new revision's first search (from the index), then its second (held again).
        for _ in 0..<2 {
            let response = try engine.top("lễ hội Ok Om Bok")
            #expect(titles(response).first == "Lễ hội Ok Om Bok")
            #expect(response.results.first?.passage.index == 0)
        }
    }

    @Test func functionWordsDoNotSinkAQuery() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Mô hình ở ấp Chăm\nẤp xây dựng mô hình tự quản an ninh trật tự trong đồng bào Chăm.",
        ])
        _ = folder
        // `về` and `của` are not in the passage; the content words are.
        #expect(try engine.top("mô hình tự quản về an ninh của ấp").results.count == 1)
        // Every content word still has to be there.
        #expect(try engine.top("mô hình tự quản về giao thông").results.isEmpty)
    }

    @Test func dottedNamesAreFoundByTheirParts() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Bóng đá\nHLV dẫn dắt SHB.Đà Nẵng giành chức vô địch; xem thêm tại www.bongda.vn hằng ngày.",
        ])
        _ = folder
        #expect(try engine.top("Đà Nẵng vô địch").results.count == 1)
        #expect(try engine.top("bongda").results.count == 1)
    }

    @Test func wholeRunOutranksItsPairsApart() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Thời tiết\nGió Tây Nam cấp 3, khu vực Nam Bộ có mưa rào vài nơi trong ngày.",
            "b.txt": "Hội nghị vùng\nHội nghị bàn về an ninh vùng Tây Nam Bộ trong năm tới.",
        ])
        _ = folder
        #expect(titles(try engine.top("Tây Nam Bộ")).first == "Hội nghị vùng")
    }

    @Test func articlesHoldingEveryWordAcrossPassagesFillThePage() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Hội nghị\nHội nghị bàn về mô hình nuôi tôm ở Cà Mau.",
            "b.txt": "Tin vắn\nBà con Cà Mau thu hoạch lúa sớm.\n\nMô hình nuôi tôm mới được nhân rộng.",
            "c.txt": "Tin khác\nMô hình nuôi cá ở An Giang.",
        ])
        _ = folder
        let response = try engine.top("nuôi tôm Cà Mau")
        #expect(titles(response) == ["Hội nghị", "Tin vắn"])
        #expect(response.results.map(\.relaxed) == [false, true])
        #expect(!response.relaxed)
        // Paging past the strict passages continues with the relaxed articles.
        var second = SearchRequest(query: "nuôi tôm Cà Mau")
        second.limit = 1
        second.offset = 1
        #expect(titles(try engine.search(second)) == ["Tin vắn"])
    }

    /// The fallback weighs a bounded number of articles (here 2). Those that rank best
    /// for any word can all be articles of the common word (three short passages full of
    /// `lúa` outrank one long passage with `khoai`); the articles of a word that rare are
    /// all weighed.
    @Test func aRareWordsArticleIsFoundBehindArticlesOfACommonWord() throws {
        var files = [
            "a.txt": "Tin một\nLúa, lúa và lúa.",
            "b.txt": "Tin hai\nLúa, lúa và lúa.",
            "c.txt": "Tin ba\nLúa, lúa và lúa.",
            "d.txt": "Tin vắn\nBà con thu hoạch lúa sớm.\n\nGiống khoai mỡ mới được bà con các xã vùng cao của tỉnh đưa vào trồng "
                + "thử trên những chân đất bạc màu từ đầu năm, cho năng suất cao hơn hẳn giống cũ và bán được giá.",
        ]
        for n in 1...10 { files["other\(n).txt"] = "Tin khác \(n)\nHọp chợ phiên đầu tháng.\n\nĐường sá đã sửa xong." }
        let (folder, _) = try Fixtures.corpusIndex(files)
        let engine = try SearchEngine(databasePath: folder.path + "/index", broadPassages: QueryBuilder.defaultBroadPassages,
                                      relaxedCandidates: 2)
        let response = try engine.top("lúa khoai")
        #expect(titles(response) == ["Tin vắn"])
        #expect(response.results.map(\.relaxed) == [true])
    }

    @Test func synonymsFromTheCorpusFolderApplyAtQueryTime() throws {
        let folder = try TemporaryFolder()
        try folder.write("corpus/a.txt", "Chùa cổ\nNgôi chùa Khmer ở Sóc Trăng vừa được trùng tu.")
        let indexer = Indexer(databasePath: folder.path + "/index")
        _ = try indexer.run(paths: [folder.path + "/corpus"])
        #expect(try SearchEngine(databasePath: folder.path + "/index").top("chùa tu bổ").results.isEmpty)
        // A spelling of a community the gazetteer knows needs no synonym: the passage names the Khmer.
        #expect(try SearchEngine(databasePath: folder.path + "/index").top("chùa Khơ-me").results.count == 1)

        // The archivist adds a line; the next index run reads it without re-indexing.
        try folder.write("corpus/synonyms.txt", "# equivalences\ntu bổ = trùng tu\n")
        let summary = try indexer.run(paths: [folder.path + "/corpus"])
        #expect(summary.unchanged == 1 && summary.added == 0 && summary.updated == 0)
        let response = try SearchEngine(databasePath: folder.path + "/index").top("chùa tu bổ")
        #expect(response.results.count == 1)
        #expect(response.results.first?.passage.highlighted.contains("tu</mark>") == true)
    }

    @Test func unaccentedQuerySuggestsItsAccentedReading() throws {
        let (folder, engine) = try Fixtures.seedIndex()
        _ = folder
        #expect(try engine.top("dan toc thieu so").suggestion == "dân tộc thiểu số")
        // Typed with diacritics, there is nothing to suggest.
        #expect(try engine.top("dân tộc thiểu số").suggestion == nil)
    }

    @Test func misspelledSyllableGetsACorrection() throws {
        let (folder, engine) = try Fixtures.seedIndex()
        _ = folder
        // Searched as typed: partial matches at best, and the correction suggested.
        var asTyped = SearchRequest(query: "an nnh Tổ quốc")
        asTyped.correct = false
        let response = try engine.search(asTyped)
        #expect(!response.matchedAll)
        #expect(response.suggestion == "an ninh Tổ quốc")
        // A real syllable the index lacks is not corrected: `rừng` is in no passage of the seed.
        #expect(try engine.top("voi rừng").corrected == nil)
    }
}
