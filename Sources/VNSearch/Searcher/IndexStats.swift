import Foundation
import VNAnalysis

/// Size and revision of an index (`vnsearch stats`, `GET /stats`, `GET /health`).
public struct IndexStats: Codable, Sendable {
    public let path: String
    /// Passages (one Xapian document each).
    public let documents: Int
    public let articles: Int
    public let revision: Int

    public init(databasePath: String) throws {
        let database: Database
        try SearchError.checkBuildFinished(databasePath)
        do {
            database = try Database(path: databasePath)
            path = databasePath
            documents = try database.documentCount
            // Counted from the documents' article terms: a stub's metadata is its first
            // shard's. A removed article's term stays in a database with deletions, which
            // is always a single database: there the manifest counts.
            articles = database.deleted.isEmpty ? try database.terms(prefix: TermPrefix.article).count
                : try database.metadataKeys(prefix: MetadataKey.articlePrefix).count
            revision = try database.revision
        } catch let error as NativeError {
            throw SearchError.index(databasePath, error)
        }
    }
}
