import Foundation
import Testing
@testable import VNAnalysis
@testable import VNSearch
import VNTestSupport

/// Passage texts are stored once per article, on its first passage (`PassageTexts`):
/// every result and every passage of an article must still show its own text.
@Suite struct PassageTextTests {
    /// The seed's passages as the indexer cuts them.
    static func seedPassages() throws -> [Passage] {
        let decoded = try TextDecoder().decode(try Data(contentsOf: URL(fileURLWithPath: Fixtures.seedPath)))
        return try ArticleParser().parse(decoded.text).passages
    }

    @Test func textsSplitBackExactlyEvenWithTheSeparatorInOne() {
        let joined = PassageTexts.joined(["Tiêu đề", "Câu có \u{1E} ký tự lạ.", "Người Khmer."])
        #expect((0..<4).map { PassageTexts.part($0, of: joined) } == ["Tiêu đề", "Câu có   ký tự lạ.", "Người Khmer.", nil])
        #expect(PassageTexts.text(index: 0, ownData: joined) { "" } == "Tiêu đề")
        #expect(PassageTexts.text(index: 2, ownData: "") { joined } == "Người Khmer.")
        #expect(PassageTexts.text(index: 3, ownData: "") { joined } == "")
    }

    @Test func onlyTheFirstPassageHoldsData() throws {
        let (folder, _) = try Fixtures.seedIndex()
        let database = try Database(path: folder.path + "/index")
        let ids = try database.terms(prefix: TermPrefix.article)
        #expect(ids.count == 1)
        let texts = try Self.seedPassages().map(\.text)
        let data = try database.postings(ids[0]).map { try database.documentData($0) }
        #expect(data.count == texts.count)
        let othersWithData = data.dropFirst().filter { !$0.isEmpty }
        #expect(othersWithData.isEmpty)
        #expect(texts.indices.map { PassageTexts.part($0, of: data[0]) } == texts)
    }

    @Test func everyResultShowsItsOwnPassage() throws {
        let (_, engine) = try Fixtures.seedIndex()
        let passages = try Self.seedPassages()
        let response = try engine.top("an ninh", limit: 30, perArticle: 30)
        #expect(response.results.count > 2)
        #expect(response.results.contains { $0.passage.index > 0 })
        for hit in response.results {
            #expect(hit.passage.text == passages[hit.passage.index].text)
            #expect(hit.passage.text.lowercased().contains("an ninh"))
        }
        let article = try #require(try engine.article(id: response.results[0].article.id))
        #expect(article.passages.map(\.text) == passages.map(\.text))
    }

    /// Layout 5 kept each passage's text on it: such an index reads the same until rebuilt.
    @Test func anIndexWithATextOnEveryPassageStillShowsThem() throws {
        let folder = try TemporaryFolder()
        let passages = try Self.seedPassages()
        let found = CorpusScanner.Found(path: "seed.txt", url: URL(fileURLWithPath: Fixtures.seedPath))
        guard case .article(let record, let documents, _) = try ArticlePreparer().prepare(found, known: nil) else {
            Issue.record("the seed did not prepare")
            return
        }
        do {
            let writer = try WritableDatabase(path: folder.path + "/index")
            try writer.transaction {
                for (document, passage) in zip(documents, passages) {
                    try document.setData(passage.text)
                    _ = try writer.add(document)
                }
                try writer.setMetadata(MetadataKey.schema, "5")
            }
        }
        let engine = try SearchEngine(databasePath: folder.path + "/index")
        let article = try #require(try engine.article(id: record.id))
        #expect(article.passages.map(\.text) == passages.map(\.text))
        for hit in try engine.top("Khmer", limit: 20, perArticle: 20).results {
            #expect(hit.passage.text == passages[hit.passage.index].text)
        }
    }
}
