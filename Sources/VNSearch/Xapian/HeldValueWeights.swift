import VNAnalysis
import VNShim

/// Weights by the contents of a value slot (what `Query.valueWeight` gives), read once
/// from one local database and held in memory: a search then finds a candidate's weight
/// there instead of seeking in the value stream. Valid for the revision it was read at
/// (its docids), so its owner drops it when the database moves.
final class HeldValueWeights {
    private let handle: OpaquePointer

    /// nil for a stub over several shards, whose searches keep `Query.valueWeight`.
    init?(database: Database, slot: ValueSlot, weights: [String: Double]) throws {
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
