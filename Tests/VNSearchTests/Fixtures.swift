import Foundation
@testable import VNSearch
import VNTestSupport

enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedPath = packageRoot.appendingPathComponent("corpus/2024-08-toan-dan-bao-ve-an-ninh-tay-nam-bo.txt").path

    /// A corpus folder holding the seed report, indexed into its own database.
    static func seedIndex() throws -> (folder: TemporaryFolder, engine: SearchEngine) {
        let folder = try TemporaryFolder()
        try folder.write("corpus/seed.txt", try Data(contentsOf: URL(fileURLWithPath: seedPath)))
        _ = try Indexer(databasePath: folder.path + "/index").run(paths: [folder.path + "/corpus"])
        return (folder, try SearchEngine(databasePath: folder.path + "/index"))
    }
}

extension SearchEngine {
    func top(_ query: String, limit: Int = 10, perArticle: Int = 1) throws -> SearchResponse {
        var request = SearchRequest(query: query)
        request.limit = limit
        request.perArticle = perArticle
        return try search(request)
    }
}
