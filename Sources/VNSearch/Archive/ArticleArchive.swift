import Foundation

/// Archivists' writes through the server: an article file is written into the corpus
/// folder and indexed, or removed from both, so the folder and the index never disagree
/// for long. The corpus folder stays the truth: a later `vnsearch index` run converges
/// to the same state whatever happened here.
///
/// Writes are serialised here; another process writing the index makes them fail with
/// `IndexError.locked`.
public final class ArticleArchive: @unchecked Sendable {
    public let corpus: String
    public let databasePath: String
    private let lock = NSLock()

    public init(corpus: String, databasePath: String) {
        self.corpus = corpus
        self.databasePath = databasePath
    }

    /// Writes `text` to `relativePath` inside the corpus (replacing the file atomically)
    /// and indexes it. If it cannot be indexed, the previous file (or none) is put back.
    public func store(relativePath: String, text: String) throws -> ArticleDetail {
        let name = try Self.validated(relativePath)
        guard text.contains(where: { !$0.isWhitespace }) else { throw ArchiveError.emptyText }
        guard !text.utf8.contains(0) else { throw ArchiveError.rejected(name, reason: "binary content (NUL bytes)") }
        lock.lock()
        defer { lock.unlock() }
        let corpusURL = try corpusFolder()
        let target = corpusURL.appendingPathComponent(name)
        try checkInside(corpusURL, target, name: name)
        let previous = try? Data(contentsOf: target)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.writeAtomically(Data(text.utf8), to: target)
        do {
            let summary = try Indexer(databasePath: databasePath, jobs: 1).run(paths: [target.path])
            if let skipped = summary.skipped.first { throw ArchiveError.rejected(name, reason: skipped.reason) }
        } catch {
            // Put the corpus back as it was, and the index with it.
            if let previous {
                try? Self.writeAtomically(previous, to: target)
                _ = try? Indexer(databasePath: databasePath, jobs: 1).run(paths: [target.path])
            } else {
                try? FileManager.default.removeItem(at: target)
            }
            if case IndexError.nothingIndexed = error { throw ArchiveError.rejected(name, reason: "not a readable report") }
            throw error
        }
        let id = Fingerprint.articleID(path: CorpusScanner.displayPath(target))
        guard let detail = try SearchEngine(databasePath: databasePath).article(id: id) else {
            throw ArchiveError.rejected(name, reason: "the index has no passages for it")
        }
        return detail
    }

    /// Removes an article from the index and its file from the corpus. Returns false when
    /// the index has no such article.
    public func delete(id: String) throws -> Bool {
        guard Fingerprint.isArticleID(id) else { return false }
        lock.lock()
        defer { lock.unlock() }
        // Opening the writer would create a missing index: a delete must not.
        guard FileManager.default.fileExists(atPath: databasePath) else { throw SearchError.noIndex(databasePath) }
        let corpusURL = try corpusFolder()
        // The index may hold articles from other folders (`vnsearch index` takes any
        // path); the server only deletes files in the folder it was given.
        let removed = try Indexer(databasePath: databasePath, jobs: 1).remove(articleID: id) { record in
            let folder = URL(fileURLWithPath: record.path).standardizedFileURL.deletingLastPathComponent()
            guard Self.isInside(corpusURL, folder) else {
                throw ArchiveError.badPath(record.path, reason: "the file is outside the corpus folder '\(corpus)'; delete it there and run `vnsearch index`")
            }
        }
        guard let record = removed else { return false }
        // The index no longer lists it; a file left behind (say, unwritable folder) would
        // come back at the next `vnsearch index`, so that is an error worth reporting.
        if FileManager.default.fileExists(atPath: record.path) {
            try FileManager.default.removeItem(atPath: record.path)
        }
        return true
    }

    private func corpusFolder() throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: corpus, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ArchiveError.missingCorpus(corpus)
        }
        return URL(fileURLWithPath: corpus).standardizedFileURL
    }

    /// Refuses a target whose folder leads out of the corpus through a symbolic link, or
    /// whose path runs through a file, or that names a folder.
    private func checkInside(_ corpusURL: URL, _ target: URL, name: String) throws {
        var folder = target.deletingLastPathComponent()
        // The nearest existing ancestor decides where the new folders would be created.
        while !FileManager.default.fileExists(atPath: folder.path) { folder = folder.deletingLastPathComponent() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { throw ArchiveError.badPath(name, reason: "'\(folder.lastPathComponent)' is a file") }
        guard Self.isInside(corpusURL, folder) else { throw ArchiveError.badPath(name, reason: "it leads out of the corpus folder") }
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ArchiveError.badPath(name, reason: "it is a folder")
        }
    }

    /// Whether `folder`, symbolic links resolved, is the corpus folder or inside it.
    static func isInside(_ corpus: URL, _ folder: URL) -> Bool {
        let root = corpus.resolvingSymlinksInPath().standardizedFileURL.path
        let path = folder.resolvingSymlinksInPath().standardizedFileURL.path
        return path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// A relative path of visible folders ending in a visible `.txt` file: nothing that
    /// leaves the corpus folder, hides from the scanner or is not a report.
    static func validated(_ path: String) throws -> String {
        func refuse(_ reason: String) -> ArchiveError { .badPath(path, reason: reason) }
        guard !path.isEmpty, path.count <= 255 else { throw refuse("give a path of 1 to 255 characters") }
        guard !path.hasPrefix("/") else { throw refuse("absolute paths are not allowed") }
        guard !path.contains("\\"), !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw refuse("backslashes and control characters are not allowed")
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0 == ".." }) else { throw refuse("'..' is not allowed") }
        guard !parts.contains(where: { $0.isEmpty || $0.hasPrefix(".") }) else {
            throw refuse("empty or hidden path components are not allowed")
        }
        // Each part is a file or folder name, which the file system holds to 255 bytes.
        guard !parts.contains(where: { $0.utf8.count > 255 }) else { throw refuse("a folder or file name is over 255 bytes") }
        guard path.lowercased().hasSuffix(".txt"), parts.last!.count > 4 else { throw refuse("reports are .txt files") }
        guard !CorpusScanner.reservedNames.contains(String(parts.last!)) else { throw refuse("that name is reserved") }
        return path
    }

    /// A hidden temporary beside the target, flushed, then renamed over it: readers of
    /// the folder see the old file or the new one, never half of one.
    static func writeAtomically(_ data: Data, to target: URL) throws {
        // Named apart from the target: a name of 255 bytes leaves no room to add to it.
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".vnsearch-\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
