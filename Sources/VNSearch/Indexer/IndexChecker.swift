import Foundation
import VNAnalysis

/// `vnsearch check`: is the database sound, and does it hold exactly what the corpus
/// folders hold? Reports what is inconsistent; changes nothing.
public struct IndexChecker {
    public struct Report: Encodable, Sendable {
        public var documents = 0
        public var articles = 0
        /// Errors Xapian's own check found, over every shard.
        public var databaseErrors = 0
        /// Each inconsistency, one line each.
        public var problems: [String] = []
        public var ok: Bool { problems.isEmpty }

        enum CodingKeys: String, CodingKey {
            case documents, articles, databaseErrors = "database_errors", problems, ok
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(documents, forKey: .documents)
            try c.encode(articles, forKey: .articles)
            try c.encode(databaseErrors, forKey: .databaseErrors)
            try c.encode(problems, forKey: .problems)
            try c.encode(ok, forKey: .ok)
        }
    }

    public let databasePath: String

    public init(databasePath: String) {
        self.databasePath = databasePath
    }

    /// Checks the database, the manifest against the documents, and (for `paths`) the
    /// manifest against the files.
    public func check(paths: [String]) throws -> Report {
        var report = Report()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: databasePath, isDirectory: &isDirectory) else {
            throw SearchError.noIndex(databasePath)
        }
        try SearchError.checkBuildFinished(databasePath)
        // The manifest is kept per shard, so check needs the shards themselves, not a
        // stub written by hand (remote shards are checked where they live).
        guard isDirectory.boolValue, let layout = try? ShardLayout.existing(at: databasePath) else {
            throw SearchError.unreadableIndex(databasePath, "check needs an index folder written by `vnsearch index`, not a stub; check each shard where it lives")
        }
        for path in layout.shardPaths {
            let (errors, details) = try Database.check(path: path)
            report.databaseErrors += errors
            if errors > 0 {
                report.problems.append("Xapian check of \(path) found \(errors) error(s): " + details.split(separator: "\n").prefix(3).joined(separator: "; "))
            }
        }

        let database = try Database(path: databasePath)
        report.documents = try database.documentCount
        var manifest: [String: ArticleRecord] = [:]
        var passages = 0
        for (shard, path) in layout.shardPaths.enumerated() {
            let shardDatabase = try Database(path: path)
            for key in try shardDatabase.metadataKeys(prefix: MetadataKey.articlePrefix) {
                guard let record = try? ArticleRecord.decode(try shardDatabase.metadata(key)) else {
                    report.problems.append("unreadable manifest entry \(key)")
                    continue
                }
                manifest[record.path] = record
                passages += record.passages
                if layout.shard(forArticle: record.id) != shard {
                    report.problems.append("\(record.path): in shard \(shard), belongs in shard \(layout.shard(forArticle: record.id))")
                }
                let indexed = try database.documentsIndexed(by: TermPrefix.article + record.id)
                if indexed != record.passages {
                    report.problems.append("\(record.path): \(indexed) passages in the index, the manifest says \(record.passages)")
                }
            }
        }
        report.articles = manifest.count
        if passages != report.documents {
            report.problems.append("\(report.documents) documents in the index, the manifest accounts for \(passages)")
        }

        var seen = Set<String>()
        for file in try CorpusScanner().scan(paths) {
            seen.insert(file.path)
            guard let bytes = try? Data(contentsOf: file.url), ArticlePreparer.unindexable(bytes) == nil else { continue }
            guard let record = manifest[file.path] else {
                report.problems.append("not indexed: \(file.path)")
                continue
            }
            if record.hash != Fingerprint.contentHash(bytes) {
                report.problems.append("changed since indexing: \(file.path)")
            }
        }
        for record in manifest.values.sorted(by: { $0.path < $1.path }) where !seen.contains(record.path)
            && (CorpusScanner.isUnder(record.path, roots: paths) || !FileManager.default.fileExists(atPath: record.path)) {
            report.problems.append("file gone, article still indexed: \(record.path)")
        }
        return report
    }
}
