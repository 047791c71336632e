import Foundation
import Testing
import VNAnalysis
@testable import VNSearch
import VNTestSupport

/// The 1,000-article news sample of ../shared/corpora: real text, real quirks ("quỹ",
/// "Hoa Kỳ" everywhere). Indexed once for the suite.
@Suite(.serialized) struct CorpusIntegrationTests {
    static let shared = Result { try IndexedCorpus() }

    struct IndexedCorpus: Sendable {
        let folder: TemporaryFolder
        let corpus: String
        let db: String
        let summary: IndexSummary

        init() throws {
            folder = try TemporaryFolder()
            corpus = folder.path + "/vnnews-1k"
            try extractSample(into: corpus)
            db = folder.path + "/index"
            summary = try Indexer(databasePath: db).run(paths: [corpus])
        }
    }

    var indexed: IndexedCorpus { get throws { try Self.shared.get() } }

    @Test func everyArticleIsIndexed() throws {
        let summary = try indexed.summary
        #expect(summary.added == 1000)
        #expect(summary.skipped.isEmpty)
        #expect(summary.passages > 5000)
        #expect(try IndexStats(databasePath: indexed.db).articles == 1000)
    }

    /// Titles typed as written, without diacritics and in capitals find their article.
    @Test func titlesFindTheirArticle() throws {
        let indexed = try indexed
        let engine = try SearchEngine(databasePath: indexed.db)
        let files = try FileManager.default.contentsOfDirectory(atPath: indexed.corpus).sorted()
        var tried = 0
        var foundAsWritten = 0, foundFolded = 0
        for name in stride(from: 0, to: files.count, by: 40).map({ files[$0] }) {
            let text = try String(contentsOfFile: indexed.corpus + "/" + name, encoding: .utf8)
            guard let title = text.split(separator: "\n").first.map(String.init), title.split(separator: " ").count >= 4 else { continue }
            tried += 1
            let folded = try DiacriticFolder().fold(title).uppercased()
            if try engine.top(title, limit: 3).results.contains(where: { $0.article.path.hasSuffix(name) }) { foundAsWritten += 1 }
            if try engine.top(folded, limit: 3).results.contains(where: { $0.article.path.hasSuffix(name) }) { foundFolded += 1 }
        }
        #expect(tried >= 20)
        #expect(foundAsWritten == tried)
        #expect(Double(foundFolded) >= 0.9 * Double(tried))
    }

    @Test func quSyllablesKeepTheirToneMark() throws {
        // The sample writes "quỹ" and "quý" often; tone normalisation must not touch them.
        let engine = try SearchEngine(databasePath: try indexed.db)
        let hits = try engine.top("quỹ", limit: 20, perArticle: 20).results
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0.passage.highlighted.lowercased().contains("<mark>quỹ</mark>") || $0.passage.highlighted.lowercased().contains("<mark>quy") })
        #expect(hits.prefix(3).allSatisfy { $0.passage.text.lowercased().contains("quỹ") })
    }

    @Test func hoaKyIsNotTheHoaCommunityButIsFoundAsAPhrase() throws {
        let engine = try SearchEngine(databasePath: try indexed.db)
        let response = try engine.top("\"Hoa Kỳ\"", limit: 5)
        #expect(!response.results.isEmpty)
        #expect(response.results.allSatisfy { $0.passage.highlighted.contains("<mark>Hoa Kỳ</mark>") })
    }
}

