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
        do {
            database = try Database(path: databasePath)
        } catch let error as NativeError {
            throw error.kind == .databaseNotFound ? SearchError.noIndex(databasePath)
                : SearchError.unreadableIndex(databasePath, error.message)
        }
        path = databasePath
        documents = try database.documentCount
        articles = try database.metadataKeys(prefix: MetadataKey.articlePrefix).count
        revision = try database.revision
    }
}
