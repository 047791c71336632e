import Foundation
import Testing
import VNAnalysis
@testable import VNSearch
import VNTestSupport

/// Searches over the seed report: the passage a reader wants must come first, whichever
/// way the query is typed.
@Suite struct SeedSearchTests {
    let fixture: (folder: TemporaryFolder, engine: SearchEngine)
    var engine: SearchEngine { fixture.engine }

    init() throws {
        fixture = try Fixtures.seedIndex()
    }

    private func topPassage(_ query: String) throws -> String {
        let response = try engine.top(query, limit: 1)
        return try #require(response.results.first, "no result for \(query)").passage.text
    }

    @Test func unaccentedQueryFindsTheHoaModelOfBacLieu() throws {
        #expect(try topPassage("nguoi hoa bac lieu").contains("\"Tổ tự quản trong người Hoa\" của tỉnh Bạc Liêu"))
    }

    @Test func xomChamRanksItsModelFirst() throws {
        #expect(try topPassage("xóm Chăm").contains("Rủ nhau làm tốt xóm Chăm"))
    }

    @Test func hoaKyFindsNothing() throws {
        let response = try engine.top("Hoa Kỳ")
        #expect(response.results.isEmpty)
        #expect(response.total == 0)
    }

    @Test func allCapsUnaccentedQueryWorks() throws {
        #expect(try topPassage("TO HOA GIAI KHMER").contains("Tổ hòa giải trong vùng đồng bào dân tộc Khmer"))
    }

    @Test func oldTonePlacementFindsTheNewOne() throws {
        let text = try topPassage("hoà giải")
        #expect(text.contains("hòa giải"))
    }

    @Test func quotedPhraseMatchesOnlyThePhrase() throws {
        // Both words occur in many passages; together, in this order, in one only.
        let loose = try engine.top("ngư dân đoàn kết", limit: 10, perArticle: 50)
        let phrase = try engine.top("\"dân đoàn kết\"", limit: 10, perArticle: 50)
        #expect(phrase.results.count == 1)
        #expect(phrase.results[0].passage.text.contains("Tổ ngư dân đoàn kết"))
        #expect(loose.results.count >= 1)
        let none = try engine.top("\"kết đoàn dân\"", limit: 10, perArticle: 50)
        #expect(none.results.isEmpty)
    }

    @Test func diacriticsRankExactFormsFirst() throws {
        // "tổ" (team) and "tố" do not both occur; "Tổ quốc" with marks must still match.
        #expect(try topPassage("Tổ quốc").lowercased().contains("tổ quốc"))
    }

    @Test func numbersMatchAsWritten() throws {
        #expect(try topPassage("181.000 nguồn tin").contains("181.000 nguồn tin"))
        #expect(try topPassage("181000").contains("181.000"))
        #expect(try topPassage("18.565 vũ khí").contains("18.565 vũ khí"))
        #expect(try topPassage("2018-2024").contains("2018-2024"))
        #expect(try topPassage("15/8").contains("Ngày 15/8"))
    }

    @Test func matchedSyllablesAreHighlightedAsWords() throws {
        let hit = try #require(try engine.top("nguoi hoa bac lieu", limit: 1).results.first)
        #expect(hit.passage.highlighted.contains("<mark>người Hoa</mark>&quot; của tỉnh <mark>Bạc Liêu</mark>"))
        let phrase = try #require(try engine.top("\"an ninh Tổ quốc\"", limit: 1).results.first)
        #expect(phrase.passage.highlighted.contains("<mark>an ninh Tổ quốc</mark>"))
        #expect(!phrase.passage.highlighted.contains("Công <mark>an</mark>"))
    }

    @Test func orFindsEither() throws {
        let response = try engine.top("Khmer OR Chăm", limit: 20, perArticle: 50)
        let texts = response.results.map(\.passage.text)
        #expect(texts.contains { $0.contains("Khmer") })
        #expect(texts.contains { $0.contains("Chăm") })
        #expect(texts.allSatisfy { $0.contains("Khmer") || $0.contains("Chăm") })
    }

    @Test func exclusionRemovesPassages() throws {
        let all = try engine.top("người Hoa", limit: 20, perArticle: 50)
        let without = try engine.top("người Hoa -Bến", limit: 20, perArticle: 50)
        let withNot = try engine.top("người Hoa NOT Bến", limit: 20, perArticle: 50)
        #expect(all.results.contains { $0.passage.text.contains("Bến Tre") })
        #expect(!without.results.contains { $0.passage.text.contains("Bến Tre") })
        #expect(without.results.count == withNot.results.count)
    }

    @Test func exclusionTypedWithDiacriticsExcludesThatWord() throws {
        // The seed has "tổ" (Tổ quốc, Tổ hòa giải) and "tổ chức" but no "tố".
        let all = try engine.top("an ninh", limit: 50, perArticle: 50).results.count
        #expect(try engine.top("an ninh -tố", limit: 50, perArticle: 50).results.count == all)
        #expect(try engine.top("an ninh -to", limit: 50, perArticle: 50).results.count < all)
    }

    @Test func filtersAloneListWhatTheyKeep() throws {
        #expect(try engine.top("province:\"Bạc Liêu\"").results.count == 1)
        #expect(try engine.top("province:\"Hà Nội\"").results.isEmpty)
        #expect(throws: SearchError.self) { try engine.top("-province:\"Bạc Liêu\" an ninh") }
    }

    @Test func notBeforeOrDoesNotLeak() throws {
        let syntax = QuerySyntax(parsing: "NOT OR an ninh")
        #expect(syntax.excluded.isEmpty)
        #expect(syntax.alternatives == [[.words("an ninh")]])
        let filtered = QuerySyntax(parsing: "NOT date:2024 an")
        #expect(filtered.excludedFilters.count == 1)
        #expect(filtered.excluded.isEmpty)
    }

    @Test func onePassagePerArticleUnlessAsked() throws {
        #expect(try engine.top("an ninh").results.count == 1)
        let many = try engine.top("an ninh", limit: 5, perArticle: 5)
        #expect(many.results.count == 5)
        #expect(Set(many.results.map(\.passage.index)).count == 5)
    }

    @Test func wordsInDifferentPassagesOfOneArticleRelax() throws {
        // "Trung Hiếu" is only in captions, "181.000" only in the lead and body.
        let response = try engine.top("Trung Hiếu 181.000")
        #expect(response.relaxed)
        #expect(response.results.count == 1)
    }

    @Test func resultsCarryArticleMetadata() throws {
        let hit = try #require(try engine.top("Sóc Trăng").results.first)
        #expect(hit.article.date == "2024-08")
        #expect(hit.article.path.hasSuffix("corpus/seed.txt"))
        #expect(hit.article.title.hasPrefix("Qua các mô hình"))
        #expect(hit.rank == 1)
        #expect(hit.score > 0)
    }

    @Test func dateFilterKeepsOrDropsTheSeed() throws {
        var request = SearchRequest(query: "an ninh")
        request.from = "2024-01"
        request.to = "2024-08"
        #expect(try engine.search(request).results.count == 1)
        request.from = "2025"
        request.to = nil
        #expect(try engine.search(request).results.isEmpty)
        #expect(try engine.top("an ninh date:2018..2024-08").results.count == 1)
        #expect(try engine.top("an ninh date:2023").results.isEmpty)
    }

    @Test func entityFiltersKeepArticlesThatMentionTheEntity() throws {
        #expect(try engine.top("mô hình province:\"Bac Lieu\"").results.count == 1)
        #expect(try engine.top("mô hình province:\"Hà Nội\"").results.isEmpty)
        #expect(try engine.top("an ninh ethnic:Khơ-me").results.count == 1)
        #expect(try engine.top("an ninh ethnic:Mường").results.isEmpty)
        #expect(try engine.top("an ninh model:\"xóm Chăm\"").results.count == 1)
        #expect(try engine.top("an ninh model:\"xóm Khmer\"").results.isEmpty)
        var request = SearchRequest(query: "an ninh")
        request.provinces = ["tỉnh Bạc Liêu", "Hà Nội"]
        #expect(try engine.search(request).results.count == 1)
        request.ethnics = ["Mường"]
        #expect(try engine.search(request).results.isEmpty)
    }

    /// Among the passages a filter keeps, those that name what it keeps come first: the
    /// seed's Hậu Giang model, not the Cần Thơ passage that says `khmer` more often.
    @Test func filtersRankThePassagesThatNameTheirValue() throws {
        var request = SearchRequest(query: "khmer")
        request.provinces = ["Hậu Giang"]
        #expect(try engine.search(request).results.first?.passage.text.contains("Hậu Giang") == true)
        #expect(try topPassage("khmer province:\"Hậu Giang\"").contains("Hậu Giang"))
        #expect(try topPassage("an ninh ethnic:Hoa").contains("Hoa"))
    }

    @Test func unknownEntityNamesAreUsageErrors() throws {
        #expect(throws: SearchError.self) { try engine.top("an ninh province:Atlantis") }
        var request = SearchRequest(query: "an ninh")
        request.ethnics = ["Klingon"]
        let error = #expect(throws: SearchError.self) { try engine.search(request) }
        #expect(error?.isUsage == true)
    }

    @Test func mergedProvincesIncludeTheirOldParts() throws {
        // The seed names Sóc Trăng and Hậu Giang, now part of Cần Thơ; not Hà Nội.
        var request = SearchRequest(query: "an ninh")
        request.provinces = ["Cần Thơ"]
        request.merged = true
        #expect(try engine.search(request).results.count == 1)
        request.provinces = ["Hà Nội"]
        #expect(try engine.search(request).results.isEmpty)
    }

    @Test func resultsCarryTheirPassagesEntities() throws {
        let hit = try #require(try engine.top("Tổ tự quản trong người Hoa").results.first)
        #expect(hit.entities.province.contains("Bạc Liêu"))
        #expect(hit.entities.ethnic.contains("Hoa"))
        #expect(hit.entities.model.contains("Tổ tự quản trong người Hoa"))
        // The second half of the list of models, cut from the sentence that says "mô hình".
        let later = try #require(try engine.top("Ban Quản trị chùa Tam Hiệp").results.first)
        #expect(later.entities.model.contains("Ban Quản trị chùa Tam Hiệp tự phòng, tự quản về an ninh trật tự"))
        #expect(later.entities.province.contains("Cà Mau"))
    }

    @Test func facetsCountTheMatchingPassages() throws {
        let response = try engine.top("người Hoa", perArticle: 50)
        #expect(response.facets.ethnic["Hoa"] == 2)
        #expect(response.facets.province["Bạc Liêu"] == 1)
        #expect(response.facets.province["Bến Tre"] == 1)
        #expect(response.facets.province2025["Cà Mau"] == 1)
        #expect(response.facets.model["Tổ tự quản trong người Hoa"] == 1)
        #expect(response.facetsExact)
    }

    @Test func emptyAndPunctuationQueriesAreUsageErrors() throws {
        #expect(throws: SearchError.emptyQuery) { try engine.top("") }
        #expect(throws: SearchError.emptyQuery) { try engine.top("   ") }
        #expect(throws: SearchError.emptyQuery) { try engine.top("?!... ;--") }
        #expect(SearchError.emptyQuery.isUsage)
    }

    @Test func absurdQueriesAreRejectedOrAnswered() throws {
        #expect(throws: SearchError.queryTooLong(1001)) { try engine.top(String(repeating: "a", count: 1001)) }
        #expect(throws: SearchError.badDate("2024-8")) { try engine.top("an ninh date:2024-8") }
        let long = Array(repeating: "an ninh", count: 100).joined(separator: " ")
        #expect(try engine.top(long).results.count == 1)
        #expect(try engine.top("\"unclosed phrase").results.isEmpty)
        // One word of the longest length, on the deepest page: nothing, and no made-up
        // total or correction (it used to try 54,000 one-letter edits of it).
        var deep = SearchRequest(query: String(repeating: "a", count: 1000))
        deep.offset = 10_000
        let nothing = try engine.search(deep)
        #expect(nothing.results.isEmpty && nothing.total == 0 && nothing.suggestion == nil)
    }

    @Test func yearFacetCountsMatchingPassages() throws {
        let response = try engine.top("Khmer", perArticle: 50)
        #expect(response.facets.year["2024"] == response.results.count)
        #expect(response.facetsExact)
    }

    @Test func anArticleListsItsPassagesWithTheirKinds() throws {
        let id = try #require(try engine.top("xóm Chăm").results.first).article.id
        let detail = try #require(try engine.article(id: id))
        // Every passage in order with the kind the parser gave it (body passages carry
        // none in the index: their kind is implied).
        let parsed = try ArticleParser().parse(String(contentsOfFile: Fixtures.seedPath, encoding: .utf8))
        #expect(detail.passages.map(\.index) == parsed.passages.map(\.index))
        #expect(detail.passages.map(\.kind) == parsed.passages.map(\.kind.rawValue))
        #expect(detail.passages.map(\.kind).contains("body"))
    }
}
