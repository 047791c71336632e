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
    private lazy var recognizer = Result { try EntityRecognizer(analyzer: analyzer) }
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
        var unreadable: [String] = []
        for key in try database.metadataKeys(prefix: MetadataKey.articlePrefix) {
            if let record = try? ArticleRecord.decode(try database.metadata(key)) {
                manifest[record.path] = record
            } else {
                unreadable.append(String(key.dropFirst(MetadataKey.articlePrefix.count)))
            }
        }

        let builder = PassageDocumentBuilder()
        let recognizer = try recognizer.get()
        var inBatch = 0
        try database.beginTransaction()
        do {
            try database.setMetadata(MetadataKey.schema, MetadataKey.schemaVersion)
            // A manifest entry that cannot be read is dropped with its passages: the file,
            // if it still exists, is indexed again as new.
            for id in unreadable {
                try database.deleteDocuments(term: TermPrefix.article + id)
                try database.setMetadata(MetadataKey.article(id), "")
            }
            let previouslyIndexed = Set(manifest.keys)
            if full {
                // A rebuild starts from nothing: every article goes, including those under
                // other roots, and what is found is added again.
                for record in manifest.values { try remove(record, from: database) }
                manifest.removeAll()
            }
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
                if let known, known.hash == hash {
                    summary.unchanged += 1
                    continue
                }
                let decoded: TextDecoder.Decoded
                let article: ArticleParser.Article
                let analysed: [PassageDocumentBuilder.Analysed]
                do {
                    decoded = try decoder.decode(bytes)
                    article = try parser.parse(decoded.text)
                    analysed = try analyse(article.passages, of: decoded.text, recognizer: recognizer)
                } catch {
                    // An analysis failure (an ICU error) is this file's problem, not the run's.
                    summary.skipped.append(.init(path: file.path, reason: "cannot analyse: \(error)"))
                    if let known { try remove(known, from: database); summary.removed += 1 }
                    continue
                }
                if article.passages.isEmpty {
                    summary.skipped.append(.init(path: file.path, reason: "no text to index"))
                    if let known { try remove(known, from: database); summary.removed += 1 }
                    continue
                }
                if decoded.invalidSequences > 0 {
                    summary.warnings.append(.init(path: file.path, reason: "\(decoded.invalidSequences) invalid UTF-8 sequence(s) replaced by U+FFFD"))
                }
                var record = ArticleRecord(
                    id: Fingerprint.articleID(path: file.path), path: file.path, title: article.title,
                    date: article.date, hash: hash, passages: article.passages.count, bytes: bytes.count)
                record.provinces = Self.union(analysed.map(\.entities.province))
                record.ethnicGroups = Self.union(analysed.map(\.entities.ethnic))
                record.models = Self.union(analysed.map(\.entities.model))
                if known != nil {
                    try database.deleteDocuments(term: TermPrefix.article + record.id)
                    summary.updated += 1
                } else if full && previouslyIndexed.contains(file.path) {
                    summary.updated += 1
                } else {
                    summary.added += 1
                }
                for passage in analysed {
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

    /// Tokens and entities of each passage. Entities are recognised over the whole text,
    /// then given to the passages that hold them: a list of models cut into several
    /// passages keeps every name, though only the first passage says `mô hình`.
    private func analyse(_ passages: [Passage], of text: String, recognizer: EntityRecognizer) throws -> [PassageDocumentBuilder.Analysed] {
        let spans = try recognizer.recognize(text).spans
        let bytes = Array(text.utf8)
        var cursor = 0
        return try passages.map { passage in
            let tokens = try analyzer.tokens(passage.text)
            guard let range = Self.find(Array(passage.text.utf8), in: bytes, from: cursor) else {
                // Not found verbatim (should not happen): recognise the passage alone.
                return .init(passage: passage, tokens: tokens, entities: recognizer.recognize(passage.text, tokens: tokens))
            }
            cursor = range.upperBound
            var entities = RecognizedEntities()
            for span in spans where span.start >= range.lowerBound && span.end <= range.upperBound {
                entities.add(span)
            }
            return .init(passage: passage, tokens: tokens, entities: entities)
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) {
                return i..<(i + needle.count)
            }
            i += 1
        }
        return nil
    }

    /// Names in order of first mention across the passages.
    private static func union(_ lists: [[String]]) -> [String] {
        var seen = Set<String>()
        return lists.joined().filter { seen.insert($0).inserted }
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
