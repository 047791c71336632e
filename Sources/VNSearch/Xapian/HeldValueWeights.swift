import VNAnalysis
import VNShim

/// Weights by the contents of a value slot (what `Query.valueWeight` gives), read once
/// from one local database and held in memory: a search then finds a candidate's weight
/// there instead of seeking in the value stream. Valid for the revision it was read at
/// (its docids), so its owner drops it when the database moves. Never changed once read,
/// so another thread may build queries from it too (the engine's facet counter does).
final class HeldValueWeights: @unchecked Sendable {
    private let handle: OpaquePointer

    /// nil for a stub, whose searches keep `Query.valueWeight`: a source sees one shard at a
    /// time, in the shard's docids, and a remote database runs the search on its server,
    /// which knows only Xapian's own sources.
    init?(database: Database, slot: ValueSlot, weights: [String: Double]) throws {
        guard database.isLocalFolder else { return nil }
        let read = try withWeightTable(weights) { keys, lengths, values in
            try native({ vn_value_weights_read(database.handle, slot.rawValue, keys, lengths, values, values.count, $0) },
                       failed: { _ in false })
        }
        guard let read else { return nil }
        handle = read
    }

    deinit { vn_value_weights_free(handle) }

    func query() throws -> Query {
        Query(handle: try native({ vn_query_value_weights(handle, $0) }, failed: { $0 == nil })!)
    }
}
