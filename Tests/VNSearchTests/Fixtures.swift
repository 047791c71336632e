import Foundation
import VNAnalysis
@testable import VNSearch
import VNTestSupport

enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedPath = packageRoot.appendingPathComponent("corpus/2024-08-toan-dan-bao-ve-an-ninh-tay-nam-bo.txt").path

    /// A folder whose `corpus/` holds the seed report.
    static func seedFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("corpus/seed.txt", try Data(contentsOf: URL(fileURLWithPath: seedPath)))
        return folder
    }

    /// A corpus folder of the given files (name → text), indexed into its own database.
    static func corpusIndex(_ files: [String: String]) throws -> (folder: TemporaryFolder, engine: SearchEngine) {
        let folder = try TemporaryFolder()
        for (name, text) in files { try folder.write("corpus/" + name, text) }
        _ = try Indexer(databasePath: folder.path + "/index").run(paths: [folder.path + "/corpus"])
        return (folder, try SearchEngine(databasePath: folder.path + "/index"))
    }

    /// A corpus folder holding the seed report, indexed into its own database.
    static func seedIndex() throws -> (folder: TemporaryFolder, engine: SearchEngine) {
        let folder = try seedFolder()
        _ = try Indexer(databasePath: folder.path + "/index").run(paths: [folder.path + "/corpus"])
        return (folder, try SearchEngine(databasePath: folder.path + "/index"))
    }
}

/// A suite that works in a `Fixtures.seedFolder()`: the corpus and the index's paths.
protocol SeedFolderSuite {
    var folder: TemporaryFolder { get }
}

extension SeedFolderSuite {
    var corpus: String { folder.path + "/corpus" }
    var db: String { folder.path + "/index" }
}

extension SearchEngine {
    func top(_ query: String, limit: Int = 10, perArticle: Int = 1) throws -> SearchResponse {
        var request = SearchRequest(query: query)
        request.limit = limit
        request.perArticle = perArticle
        return try search(request)
    }

    /// A response as JSON without its timing: what two ways of answering must agree on.
    func answer(_ request: SearchRequest) throws -> NSDictionary {
        let data = try JSONEncoder().encode(try search(request))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return object.filter { $0.key != "took_ms" } as NSDictionary
    }
}

/// A request for `query` with `change` applied (`request("Hà Nội") { $0.offset = 10 }`).
func request(_ query: String, _ change: (inout SearchRequest) -> Void = { _ in }) -> SearchRequest {
    var request = SearchRequest(query: query)
    change(&request)
    return request
}

/// `text` as the engine builds it over `database` (no synonyms, no model names).
func builtQuery(_ text: String, database: Database, prior: HeldValueWeights? = nil,
                broadPassages: Int = QueryBuilder.defaultBroadPassages) throws -> QueryBuilder.Built {
    let analyzer = VietnameseAnalyzer()
    return try QueryBuilder(analyzer: analyzer, interpreter: QueryInterpreter(analyzer: analyzer), names: EntityNames(), modelKeys: { [] },
                            termFrequency: { try database.termFrequency($0) }, synonyms: .empty,
                            broadPassages: broadPassages, heldPrior: prior)
        .build(QuerySyntax(parsing: try analyzer.normalizeQuery(text)), request: SearchRequest(query: text))
}

/// Extracts ../shared/corpora/vnnews-1k.tar.gz's articles into `folder`.
func extractSample(into folder: String) throws {
    let archive = Fixtures.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/vnnews-1k.tar.gz")
    guard FileManager.default.fileExists(atPath: archive.path) else {
        throw FixtureProblem("missing \(archive.path): the shared corpora sit beside the project")
    }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let tar = Process()
    tar.executableURL = URL(fileURLWithPath: "/bin/tar")
    tar.arguments = ["-xzf", archive.path, "-C", folder, "--strip-components=1"]
    try tar.run()
    tar.waitUntilExit()
    guard tar.terminationStatus == 0 else { throw FixtureProblem("tar failed on \(archive.path)") }
}

struct FixtureProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
