import Foundation
import VNAnalysis
import VNShim

/// The one writer of a database (Xapian holds the lock for its lifetime).
final class WritableDatabase {
    let handle: OpaquePointer
    /// Whether the database has Xapian's termlist table. Without it Xapian cannot delete
    /// a document, and `deleteDocuments` lists them as deleted instead (DeletedDocuments).
    let hasTermlist: Bool
    /// The deleted list while a transaction is open (read at its first deletion, written
    /// once at the commit): rewriting it whole for every article would cost a run of k
    /// scattered changes k times the list.
    private var pendingDeleted: DeletedDocuments?
    private var inTransaction = false

    /// Creates the database if needed (`withoutTermlist`: without the termlist table);
    /// throws `.databaseLock` when another writer has it. `withoutSync`: commits do not
    /// wait for the disk (a first build of shards, see UnsyncedBuild).
    init(path: String, withoutTermlist: Bool = false, withoutSync: Bool = false) throws {
        // Xapian opens an existing database without the table only when told so.
        let exists = FileManager.default.fileExists(atPath: path + "/iamglass")
        hasTermlist = exists ? FileManager.default.fileExists(atPath: path + "/termlist.glass") : !withoutTermlist
        let termlistFlag: Int32 = hasTermlist ? 0 : 1
        handle = try native({ vn_writable_open(path, termlistFlag, withoutSync ? 1 : 0, $0) }, failed: { $0 == nil })!
    }

    /// Cancels an open transaction, commits anything else, releases the lock.
    deinit { vn_writable_free(handle) }

    func beginTransaction() throws {
        try nativeCheck { vn_writable_begin_transaction(handle, $0) }
        inTransaction = true
        pendingDeleted = nil
    }

    func commitTransaction() throws {
        try writePendingDeleted()
        try nativeCheck { vn_writable_commit_transaction(handle, $0) }
        inTransaction = false
    }

    func cancelTransaction() throws {
        pendingDeleted = nil
        inTransaction = false
        try nativeCheck { vn_writable_cancel_transaction(handle, $0) }
    }

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

    /// Deletes the documents indexed by `term`; in a database without a termlist, adds
    /// them to the deleted list in its metadata (in the same transaction).
    func deleteDocuments(term: String) throws {
        guard hasTermlist else {
            let docids = try postings(term)
            if docids.isEmpty { return }
            var deleted = try pendingDeleted ?? DeletedDocuments(encoded: metadata(MetadataKey.deleted))
            deleted.insert(contentsOf: docids)
            pendingDeleted = deleted
            if !inTransaction { try writePendingDeleted() }
            return
        }
        try term.withShimBytes { p, n in
            try nativeCheck { vn_writable_delete_documents(handle, p, n, $0) }
        }
    }

    private func writePendingDeleted() throws {
        guard let deleted = pendingDeleted else { return }
        try setMetadata(MetadataKey.deleted, deleted.encoded)
        pendingDeleted = nil
    }

    /// Document ids indexed by a term, ascending, deleted ones included.
    func postings(_ term: String) throws -> [UInt32] {
        try term.withShimBytes { p, n in
            try nativeDocids { vn_writable_postings(handle, p, n, $0, $1) }
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
