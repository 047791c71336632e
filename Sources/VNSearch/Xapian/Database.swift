import VNAnalysis
import VNShim

/// A read-only Xapian database, opened through the generic constructor so that a stub
/// (local or remote shards) works wherever a directory does. Not thread-safe: one per
/// concurrent reader.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    public init(path: String) throws {
        self.path = path
        handle = try native({ vn_database_open(path, $0) }, failed: { $0 == nil })!
    }

    deinit { vn_database_free(handle) }

    /// Picks up the latest revision; true when it changed.
    @discardableResult
    public func reopen() throws -> Bool {
        try native({ vn_database_reopen(handle, $0) }, failed: { $0 < 0 }) == 1
    }

    public var documentCount: Int {
        get throws { Int(try native({ vn_database_doc_count(handle, $0) }, failed: { _ in false })) }
    }

    /// 0 for a stub over several shards, which has no single revision.
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

    /// Document ids indexed by a term, ascending.
    public func postings(_ term: String) throws -> [UInt32] {
        try term.withShimBytes { p, n in
            var array: UnsafeMutablePointer<UInt32>?
            let count = try native({ vn_database_postings(handle, p, n, &array, $0) }, failed: { $0 < 0 })
            defer { vn_free(array) }
            guard let array else { return [] }
            return Array(UnsafeBufferPointer(start: array, count: Int(count)))
        }
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
