import VNAnalysis
import VNShim

/// One search session over a database: query, weighting, collapsing, spies, results.
final class Enquire {
    let handle: OpaquePointer
    /// The enquire references the database internally; keep the Swift owner alive too.
    private let database: Database

    init(database: Database) throws {
        self.database = database
        handle = try native({ vn_enquire_new(database.handle, $0) }, failed: { $0 == nil })!
    }

    deinit { vn_enquire_free(handle) }

    func setQuery(_ query: Query) throws {
        try nativeCheck { vn_enquire_set_query(handle, query.handle, $0) }
    }

    func setBM25(k1: Double, k2: Double = 0, k3: Double = 1, b: Double, minNormalizedLength: Double = 0.5) throws {
        try nativeCheck { vn_enquire_set_bm25(handle, k1, k2, k3, b, minNormalizedLength, $0) }
    }

    /// No ranking: for counting matches only.
    func setBoolWeight() throws {
        try nativeCheck { vn_enquire_set_bool_weight(handle, $0) }
    }

    /// At most `max` results per distinct value of `slot`.
    func setCollapseKey(_ slot: ValueSlot, max: Int) throws {
        try nativeCheck { vn_enquire_set_collapse_key(handle, slot.rawValue, UInt32(max), $0) }
    }

    /// Orders equal weights by the value in `slot`, the same on one database or shards.
    func setTiesByValue(_ slot: ValueSlot) throws {
        try nativeCheck { vn_enquire_set_ties_by_value(handle, slot.rawValue, $0) }
    }

    /// Counts values of `slot` over the documents the next `mset` call examines.
    func addValueSpy(_ slot: ValueSlot) throws -> Int {
        Int(try native({ vn_enquire_add_value_spy(handle, slot.rawValue, $0) }, failed: { $0 < 0 }))
    }

    /// Counts each item of a list slot (items joined by `ValueSlot.listSeparator`).
    func addListSpy(_ slot: ValueSlot) throws -> Int {
        let separator = CChar(ValueSlot.listSeparator.asciiValue!)
        return Int(try native({ vn_enquire_add_list_spy(handle, slot.rawValue, separator, $0) }, failed: { $0 < 0 }))
    }

    func mset(first: Int, maxItems: Int, checkAtLeast: Int = 0) throws -> MSet {
        MSet(handle: try native({ vn_enquire_get_mset(handle, UInt32(first), UInt32(maxItems), UInt32(checkAtLeast), $0) }, failed: { $0 == nil })!)
    }

    func matchingTerms(_ docid: UInt32) throws -> [String] {
        consumeStrings(try native({ vn_enquire_matching_terms(handle, docid, $0) }, failed: { $0 == nil }))
    }

    /// (documents seen, [(value, count)] by descending count).
    func spyCounts(_ spy: Int) throws -> (total: Int, values: [(String, Int)]) {
        let total = Int(try native({ vn_enquire_spy_total(handle, Int32(spy), $0) }, failed: { _ in false }))
        var list: OpaquePointer?
        var frequencies: UnsafeMutablePointer<UInt64>?
        let count = try native({ vn_enquire_spy_values(handle, Int32(spy), &list, &frequencies, $0) }, failed: { $0 < 0 })
        defer { vn_free(frequencies) }
        let values = consumeStrings(list)
        let pairs = (0..<Int(count)).map { (values[$0], Int(frequencies![$0])) }
        return (total, pairs)
    }
}

/// The ranked results of one `Enquire.mset` call.
final class MSet {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { vn_mset_free(handle) }

    var count: Int { vn_mset_size(handle) }
    var matchesEstimated: Int { Int(vn_mset_matches_estimated(handle)) }
    var matchesLowerBound: Int { Int(vn_mset_matches_lower_bound(handle)) }
    var matchesUpperBound: Int { Int(vn_mset_matches_upper_bound(handle)) }

    func docid(_ i: Int) -> UInt32 { vn_mset_docid(handle, i) }
    func weight(_ i: Int) -> Double { vn_mset_weight(handle, i) }
    func collapseCount(_ i: Int) -> Int { Int(vn_mset_collapse_count(handle, i)) }

    /// The value the results were collapsed on, kept from the match (a value read costs a
    /// lookup in the database).
    func collapseKey(_ i: Int) throws -> String {
        try nativeString { length, error in vn_mset_collapse_key(handle, i, length, error) }
    }
}
