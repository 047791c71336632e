import Foundation
import VNAnalysis

/// Syncs report files into the passage database: new files are added, changed ones
/// (by content hash) re-indexed, vanished ones removed.
///
/// Each article's passages and its manifest entry are written in the same transaction,
/// so an interrupted run never leaves half an article, and the next run picks up where
/// it stopped. Articles are batched into transactions because every commit syncs to disk.
public final class Indexer {
    public let databasePath: String
    private let analyzer = VietnameseAnalyzer()
    private let decoder = TextDecoder()
    private let parser = ArticleParser()
    /// Articles per transaction: bounds the work lost to a crash and the memory held.
    private let batchSize = 500

    public init(databasePath: String) {
        self.databasePath = databasePath
    }

    public func run(paths: [String], full: Bool = false,
                    progress: (IndexProgress) -> Void = { _ in }) throws -> IndexSummary {
        let started = Date()
        let files = try CorpusScanner().scan(paths)
        let database = try openWriter()
        var summary = IndexSummary()

        var manifest: [String: ArticleRecord] = [:]
        for key in try database.metadataKeys(prefix: MetadataKey.articlePrefix) {
            let record = try ArticleRecord.decode(try database.metadata(key))
            manifest[record.path] = record
        }
        try database.setMetadata(MetadataKey.schema, MetadataKey.schemaVersion)

        let builder = PassageDocumentBuilder(analyzer: analyzer)
        var inBatch = 0
        try database.beginTransaction()
        do {
            for (number, file) in files.enumerated() {
                progress(IndexProgress(done: number, total: files.count, path: file.path))
                let known = manifest.removeValue(forKey: file.path)
                let bytes: Data
                do {
                    bytes = try Data(contentsOf: file.url)
                } catch {
                    summary.skipped.append(.init(path: file.path, reason: "unreadable: \(Self.reason(error))"))
                    continue
                }
                if let problem = Self.unindexable(bytes) {
                    summary.skipped.append(.init(path: file.path, reason: problem))
                    if let known { try remove(known, from: database); summary.removed += 1 }
                    continue
                }
                let hash = Fingerprint.hex(bytes) + "-" + String(bytes.count)
                if let known, known.hash == hash, !full {
                    summary.unchanged += 1
                    continue
                }
                let decoded = try decoder.decode(bytes)
                let article = try parser.parse(decoded.text)
                if article.passages.isEmpty {
                    summary.skipped.append(.init(path: file.path, reason: "no text to index"))
                    continue
                }
                if decoded.invalidSequences > 0 {
                    summary.warnings.append(.init(path: file.path, reason: "\(decoded.invalidSequences) invalid UTF-8 sequence(s) replaced by U+FFFD"))
                }
                let record = ArticleRecord(
                    id: Fingerprint.articleID(path: file.path), path: file.path, title: article.title,
                    date: article.date, hash: hash, passages: article.passages.count, bytes: bytes.count)
                if known != nil {
                    try database.deleteDocuments(term: TermPrefix.article + record.id)
                    summary.updated += 1
                } else {
                    summary.added += 1
                }
                for passage in article.passages {
                    try database.add(try builder.document(for: passage, of: record))
                }
                try database.setMetadata(MetadataKey.article(record.id), try record.encoded())
                summary.passages += article.passages.count
                summary.bytes += bytes.count
                inBatch += 1
                if inBatch >= batchSize {
                    try database.commitTransaction()
                    try database.beginTransaction()
                    inBatch = 0
                }
            }
            // Whatever the manifest still lists under the scanned roots, or whose file is
            // gone, was removed from the corpus.
            for record in manifest.values
            where CorpusScanner.isUnder(record.path, roots: paths) || !FileManager.default.fileExists(atPath: record.path) {
                try remove(record, from: database)
                summary.removed += 1
            }
            try database.commitTransaction()
        } catch {
            try? database.cancelTransaction()
            throw error
        }
        progress(IndexProgress(done: files.count, total: files.count, path: ""))
        summary.seconds = Date().timeIntervalSince(started)
        if !files.isEmpty && summary.skipped.count == files.count {
            throw IndexError.nothingIndexed(summary.skipped.count)
        }
        return summary
    }

    private func openWriter() throws -> WritableDatabase {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: databasePath, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw IndexError.databaseIsAFile(databasePath)
        }
        do {
            return try WritableDatabase(path: databasePath)
        } catch let error as NativeError where error.kind == .databaseLock {
            throw IndexError.locked(databasePath)
        } catch let error as NativeError {
            throw IndexError.database(databasePath, error.message)
        }
    }

    private func remove(_ record: ArticleRecord, from database: WritableDatabase) throws {
        try database.deleteDocuments(term: TermPrefix.article + record.id)
        try database.setMetadata(MetadataKey.article(record.id), "")
    }

    /// Empty and binary files are skipped with a reason instead of polluting the index.
    static func unindexable(_ bytes: Data) -> String? {
        if bytes.isEmpty { return "empty file" }
        if bytes.prefix(8192).contains(0) { return "binary file (contains NUL bytes)" }
        return nil
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return nsError.localizedDescription
    }
}
