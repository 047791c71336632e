import Foundation
import VNAnalysis
import VNShim

/// A read-only Xapian database, opened through the generic constructor so that a stub
/// (local or remote shards) works wherever a directory does. Not thread-safe: one per
/// concurrent reader.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    /// Passages deleted from a database without a termlist: every search, posting list
    /// and count here leaves them out (see DeletedDocuments).
    private(set) var deleted = DeletedDocuments()

    public init(path: String) throws {
        self.path = path
        handle = try native({ vn_database_open(path, $0) }, failed: { $0 == nil })!
        try readDeleted()
    }

    deinit { vn_database_free(handle) }

    /// Picks up the latest revision; true when it changed.
    @discardableResult
    public func reopen() throws -> Bool {
        let changed = try native({ vn_database_reopen(handle, $0) }, failed: { $0 < 0 }) == 1
        if changed { try readDeleted() }
        return changed
    }

    /// Reads the deleted list of this revision and hands it to the shim's searches.
    private func readDeleted() throws {
        // Only a single database has one: a sharded index keeps its termlists, and a
        // stub's metadata would be its first shard's, in that shard's docids.
        guard isLocalFolder else { return }
        let current = DeletedDocuments(encoded: try metadata(MetadataKey.deleted))
        guard current != deleted else { return }
        let docids = current.docids
        try docids.withUnsafeBufferPointer { buffer in
            try nativeCheck { vn_database_set_deleted(handle, buffer.baseAddress, buffer.count, $0) }
        }
        deleted = current
    }

    /// Whether this is one local database (a folder of Xapian's files), not a stub over
    /// shards or remote databases: only its searches run here, in its own docids.
    var isLocalFolder: Bool { FileManager.default.fileExists(atPath: path + "/iamglass") }

    /// Passages in the index (deleted ones not counted).
    public var documentCount: Int {
        get throws { Int(try native({ vn_database_doc_count(handle, $0) }, failed: { _ in false })) - deleted.count }
    }

    /// The highest docid used so far (0 for an empty database).
    public var lastDocid: UInt32 {
        get throws { try native({ vn_database_last_docid(handle, $0) }, failed: { _ in false }) }
    }

    /// 0 for a stub over several shards or a remote database, which report no revision.
    public var revision: Int {
        get throws { Int(try native({ vn_database_revision(handle, $0) }, failed: { _ in false })) }
    }

    public func metadata(_ key: String) throws -> String {
        try key.withShimBytes { p, n in
            try nativeString { length, error in vn_database_get_metadata(handle, p, n, length, error) }
        }
    }

    public func metadataKeys(prefix: String) throws -> [String] {
        let list = try prefix.withShimBytes { p, n in
            try native({ vn_database_metadata_keys(handle, p, n, $0) }, failed: { $0 == nil })
        }
        return consumeStrings(list)
    }

    public func termFrequency(_ term: String) throws -> Int {
        try term.withShimBytes { p, n in
            Int(try native({ vn_database_term_freq(handle, p, n, $0) }, failed: { _ in false }))
        }
    }

    public func terms(prefix: String) throws -> [String] {
        let list = try prefix.withShimBytes { p, n in
            try native({ vn_database_terms_with_prefix(handle, p, n, $0) }, failed: { $0 == nil })
        }
        return consumeStrings(list)
    }

    /// Xapian's structural check of a database directory: (errors found, report).
    public static func check(path: String) throws -> (errors: Int, report: String) {
        var length = 0
        var report: UnsafeMutablePointer<CChar>?
        let errors = try native({ vn_database_check(path, &report, &length, $0) }, failed: { $0 < 0 })
        defer { vn_free(report) }
        let text = report.map { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            }
        } ?? ""
        return (Int(errors), text)
    }

    /// Writes a compact copy of the database at `source` to the new folder `destination`;
    /// a stub's shards are merged into one database. `tableStarted` is told each table
    /// (`postlist`, `position`, ...) as its turn comes, for a progress bar.
    public static func compact(_ source: String, into destination: String,
                               tableStarted: (String) -> Void = { _ in }) throws {
        try withoutActuallyEscaping(tableStarted) { tableStarted in
            // Called back on this thread, during the call below.
            let box = Unmanaged.passRetained(TableCallback(tableStarted))
            defer { box.release() }
            try nativeCheck {
                vn_compact(source, destination, { context, table in
                    guard let context, let table else { return }
                    Unmanaged<TableCallback>.fromOpaque(context).takeUnretainedValue().call(String(cString: table))
                }, box.toOpaque(), $0)
            }
        }
    }

    /// Document ids indexed by a term, ascending (deleted ones left out).
    public func postings(_ term: String) throws -> [UInt32] {
        let all = try term.withShimBytes { p, n in
            try nativeDocids { vn_database_postings(handle, p, n, $0, $1) }
        }
        return deleted.isEmpty ? all : all.filter { !deleted.contains($0) }
    }

    /// Passages indexed by a term: Xapian's term frequency, which counts deleted
    /// passages too, corrected when there are any (a posting list read).
    public func documentsIndexed(by term: String) throws -> Int {
        deleted.isEmpty ? try termFrequency(term) : try postings(term).count
    }

    public func documentData(_ docid: UInt32) throws -> String {
        try nativeString { length, error in vn_database_document_data(handle, docid, length, error) }
    }

    public func documentValue(_ docid: UInt32, slot: ValueSlot) throws -> String {
        try nativeString { length, error in vn_database_document_value(handle, docid, slot.rawValue, length, error) }
    }
}

/// Carries a Swift closure through the shim's C callback.
private final class TableCallback {
    let call: (String) -> Void
    init(_ call: @escaping (String) -> Void) { self.call = call }
}
