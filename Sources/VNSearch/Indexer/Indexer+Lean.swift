import Foundation

/// `vnsearch index --lean`: the index is one Xapian database without its termlist table,
/// the table that lists each document's terms (a large share of the index).
///
/// What it costs: Xapian can neither delete nor replace a document without that table,
/// so a changed or removed article's old passages stay in the database, listed as
/// deleted (DeletedDocuments), and every read leaves them out; `--full` writes the index
/// anew without them. `xapian-replicate` cannot copy such a database (it opens the
/// replica as a writable database with a termlist), and `xapian-tcpsrv` would not leave
/// the deleted passages out: a lean index serves one machine. Sharded indexes keep their
/// termlists, and so do a lean index's build shards until they are merged.
extension Indexer {
    /// Whether an index is lean: one database without a termlist, or build shards marked
    /// to merge into one (`leanMark` reads the shards' `MetadataKey.lean`).
    static func isLean(_ layout: ShardLayout, leanMark: () throws -> String) rethrows -> Bool {
        if layout.isSharded { return try leanMark() == "1" }
        return !FileManager.default.fileExists(atPath: layout.root + "/termlist.glass")
    }
}
