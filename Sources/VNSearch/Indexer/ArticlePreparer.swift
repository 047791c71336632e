import Foundation
import VNAnalysis

/// Everything the writer needs to know about one file, worked out away from the writer:
/// read, fingerprint, decode, parse, analyse, build the documents. Not thread-safe (it
/// owns an analyzer): each indexing thread has its own.
final class ArticlePreparer {
    enum Prepared: Sendable {
        /// The file could not be read; it stays in the index as it was.
        case unreadable(String)
        /// Nothing to index (empty, binary, no text, analysis failed): the reason, and
        /// the article leaves the index if it was there.
        case skipped(String)
        case unchanged
        /// The Xapian documents are built here too: only `add_document` is left to the writer.
        case article(ArticleRecord, [Document], warning: String?)
    }

    private let analyzer = VietnameseAnalyzer()
    private let decoder = TextDecoder()
    private let parser = ArticleParser()
    private let recognizer: EntityRecognizer
    private let builder = PassageDocumentBuilder()

    init() throws {
        recognizer = try EntityRecognizer(analyzer: analyzer)
    }

    /// Files larger than this are skipped unread: no report is that long, and reading one
    /// whole would hold it all in memory.
    static let maxFileBytes = 50 * 1_048_576

    func prepare(_ file: CorpusScanner.Found, known: ArticleRecord?) -> Prepared {
        // Foundation lists a name that is not UTF-8 with U+FFFD in it, and then cannot
        // open it by that name.
        if file.url.lastPathComponent.contains("\u{FFFD}") {
            return .unreadable("unreadable: the file name is not valid UTF-8; rename the file to index it")
        }
        let status: FileStatus
        do {
            status = try FileStatus(path: file.url.path)
        } catch {
            return .unreadable("unreadable: \(error)")
        }
        if status.size > Self.maxFileBytes { return .skipped("file over 50 MB (\(status.size) bytes)") }
        // The shortcut: same size and time as when indexed means unchanged, unread.
        if let known, known.bytes == status.size, known.modified == status.modified { return .unchanged }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file.url)
        } catch {
            return .unreadable("unreadable: \(Self.reason(error))")
        }
        if let problem = Self.unindexable(bytes) { return .skipped(problem) }
        let hash = Fingerprint.contentHash(bytes)
        if let known, known.hash == hash { return .unchanged }
        do {
            let decoded = try decoder.decode(bytes)
            let article = try parser.parse(decoded.text)
            if article.passages.isEmpty { return .skipped("no text to index") }
            let analysed = try analyse(article.passages, of: decoded.text)
            var record = ArticleRecord(
                id: Fingerprint.articleID(path: file.path), path: file.path, title: article.title,
                date: article.date, hash: hash, passages: article.passages.count, bytes: bytes.count)
            record.modified = status.modified
            record.provinces = Self.union(analysed.map(\.entities.province))
            record.ethnicGroups = Self.union(analysed.map(\.entities.ethnic))
            record.models = Self.union(analysed.map(\.entities.model))
            let warning = decoded.invalidSequences > 0
                ? "\(decoded.invalidSequences) invalid UTF-8 sequence(s) replaced by U+FFFD" : nil
            return .article(record, try builder.documents(for: analysed, of: record), warning: warning)
        } catch {
            // An analysis failure (an ICU error) is this file's problem, not the run's.
            return .skipped("cannot analyse: \(error)")
        }
    }

    /// Tokens and entities of each passage. The article is analysed once, whole:
    /// entities are recognised over the whole text and given to the passages that hold
    /// them (a list of models cut into several passages keeps every name, though only
    /// the first passage says `mô hình`), and each passage takes its slice of the tokens,
    /// renumbered from position 1.
    private func analyse(_ passages: [Passage], of text: String) throws -> [PassageDocumentBuilder.Analysed] {
        let tokens = try analyzer.tokens(text)
        let spans = recognizer.recognize(text, tokens: tokens).spans
        let bytes = Array(text.utf8)
        var cursor = 0
        var next = 0  // first token not yet given to a passage
        return try passages.map { passage in
            guard let range = Self.find(Array(passage.text.utf8), in: bytes, from: cursor) else {
                // Not found verbatim (should not happen): analyse the passage alone.
                let own = try analyzer.tokens(passage.text)
                return .init(passage: passage, tokens: own, entities: recognizer.recognize(passage.text, tokens: own))
            }
            cursor = range.upperBound
            while next < tokens.count, tokens[next].range.lowerBound < range.lowerBound { next += 1 }
            var slice: [Token] = []
            while next < tokens.count, tokens[next].range.upperBound <= range.upperBound {
                let token = tokens[next]
                slice.append(Token(surface: token.surface,
                                   range: (token.range.lowerBound - range.lowerBound)..<(token.range.upperBound - range.lowerBound),
                                   position: slice.count + 1, isNumber: token.isNumber,
                                   exact: token.exact, folded: token.folded, digits: token.digits))
                next += 1
            }
            var entities = RecognizedEntities()
            for span in spans where span.start >= range.lowerBound && span.end <= range.upperBound {
                entities.add(span)
            }
            return .init(passage: passage, tokens: slice, entities: entities)
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

/// Prepares a chunk of files on several threads while the shards' threads write the
/// chunks before it (`ShardWorker`): reading, analysis and building the documents take
/// a good part of indexing's CPU time, Xapian's writers the rest.
final class ParallelPreparer: @unchecked Sendable {
    private let preparers: [ArticlePreparer]
    private let group = DispatchGroup()
    private var results: [ArticlePreparer.Prepared] = []

    init(jobs: Int) throws {
        preparers = try (0..<max(1, jobs)).map { _ in try ArticlePreparer() }
    }

    /// Starts preparing `files` in the background; `wait()` returns the results in order.
    func start(_ files: [CorpusScanner.Found], known: [ArticleRecord?]) {
        group.enter()
        DispatchQueue.global().async { [self] in
            let slots = ResultSlots(count: files.count)
            DispatchQueue.concurrentPerform(iterations: preparers.count) { worker in
                for i in stride(from: worker, to: files.count, by: preparers.count) {
                    slots.set(i, preparers[worker].prepare(files[i], known: known[i]))
                }
            }
            results = slots.items.map { $0! }
            group.leave()
        }
    }

    func wait() -> [ArticlePreparer.Prepared] {
        group.wait()
        defer { results = [] }
        return results
    }
}

/// Results written by several threads, one slot each.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var items: [ArticlePreparer.Prepared?]

    init(count: Int) {
        items = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: ArticlePreparer.Prepared) {
        lock.lock()
        items[index] = value
        lock.unlock()
    }
}
