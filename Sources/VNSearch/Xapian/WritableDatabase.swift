import VNAnalysis
import VNShim

/// The one writer of a database (Xapian holds the lock for its lifetime).
final class WritableDatabase {
    let handle: OpaquePointer

    /// Creates the database if needed; throws `.databaseLock` when another writer has it.
    init(path: String) throws {
        handle = try native({ vn_writable_open(path, $0) }, failed: { $0 == nil })!
    }

    /// Cancels an open transaction, commits anything else, releases the lock.
    deinit { vn_writable_free(handle) }

    func beginTransaction() throws { try nativeCheck { vn_writable_begin_transaction(handle, $0) } }
    func commitTransaction() throws { try nativeCheck { vn_writable_commit_transaction(handle, $0) } }
    func cancelTransaction() throws { try nativeCheck { vn_writable_cancel_transaction(handle, $0) } }
    func commit() throws { try nativeCheck { vn_writable_commit(handle, $0) } }

    /// Runs `body` as one transaction: all of it lands, or none of it.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try beginTransaction()
        do {
            let result = try body()
            try commitTransaction()
            return result
        } catch {
            try? cancelTransaction()
            throw error
        }
    }

    @discardableResult
    func add(_ document: Document) throws -> UInt32 {
        try native({ vn_writable_add_document(handle, document.handle, $0) }, failed: { $0 == 0 })
    }

    @discardableResult
    func replace(uniqueTerm: String, with document: Document) throws -> UInt32 {
        try uniqueTerm.withShimBytes { p, n in
            try native({ vn_writable_replace_document(handle, p, n, document.handle, $0) }, failed: { $0 == 0 })
        }
    }

    func deleteDocuments(term: String) throws {
        try term.withShimBytes { p, n in
            try nativeCheck { vn_writable_delete_documents(handle, p, n, $0) }
        }
    }

    func setMetadata(_ key: String, _ value: String) throws {
        try key.withShimBytes { kp, kn in
            try value.withShimBytes { vp, vn in
                try nativeCheck { vn_writable_set_metadata(handle, kp, kn, vp, vn, $0) }
            }
        }
    }

    func metadata(_ key: String) throws -> String {
        try key.withShimBytes { p, n in
            try nativeString { length, error in vn_writable_get_metadata(handle, p, n, length, error) }
        }
    }

    func metadataKeys(prefix: String) throws -> [String] {
        let list = try prefix.withShimBytes { p, n in
            try native({ vn_writable_metadata_keys(handle, p, n, $0) }, failed: { $0 == nil })
        }
        return consumeStrings(list)
    }

    var documentCount: Int {
        get throws { Int(try native({ vn_writable_doc_count(handle, $0) }, failed: { _ in false })) }
    }

    var revision: Int {
        get throws { Int(try native({ vn_writable_revision(handle, $0) }, failed: { _ in false })) }
    }
}
