import Foundation
import VNAnalysis
import VNShim

/// An immutable Xapian query tree (owned handle). Combining copies the subqueries'
/// references, so the parts may be released independently.
public final class Query: CustomStringConvertible {
    public enum Operator: Sendable {
        case and, or, andNot, xor, andMaybe, filter, synonym, max
        case near(window: Int)
        case phrase(window: Int)
        case eliteSet(size: Int)

        var shim: (vn_query_op, UInt32) {
            switch self {
            case .and: (VN_OP_AND, 0)
            case .or: (VN_OP_OR, 0)
            case .andNot: (VN_OP_AND_NOT, 0)
            case .xor: (VN_OP_XOR, 0)
            case .andMaybe: (VN_OP_AND_MAYBE, 0)
            case .filter: (VN_OP_FILTER, 0)
            case .synonym: (VN_OP_SYNONYM, 0)
            case .max: (VN_OP_MAX, 0)
            case .near(let window): (VN_OP_NEAR, UInt32(window))
            case .phrase(let window): (VN_OP_PHRASE, UInt32(window))
            case .eliteSet(let size): (VN_OP_ELITE_SET, UInt32(size))
            }
        }
    }

    let handle: OpaquePointer

    /// Takes ownership of a query the shim made (`HeldValueWeights` makes one).
    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { vn_query_free(handle) }

    public static func term(_ term: String, wqf: Int = 1, position: Int = 0) throws -> Query {
        try term.withShimBytes { p, n in
            Query(handle: try native({ vn_query_term(p, n, UInt32(wqf), UInt32(position), $0) }, failed: { $0 == nil })!)
        }
    }

    public static func combine(_ op: Operator, _ parts: [Query]) throws -> Query {
        let (code, parameter) = op.shim
        let handles: [OpaquePointer?] = parts.map { $0.handle }
        return try handles.withUnsafeBufferPointer { buffer in
            Query(handle: try native({ vn_query_combine(code, buffer.baseAddress, buffer.count, parameter, $0) }, failed: { $0 == nil })!)
        }
    }

    public func scaled(by factor: Double) throws -> Query {
        Query(handle: try native({ vn_query_scale_weight(handle, factor, $0) }, failed: { $0 == nil })!)
    }

    /// The same matches, each weighing exactly `weight`: a tier that term statistics
    /// cannot outweigh.
    public func fixedWeight(_ weight: Double) throws -> Query {
        Query(handle: try native({ vn_query_fixed_weight(handle, weight, $0) }, failed: { $0 == nil })!)
    }

    /// Every docid in `range`, weight 0: under `.filter`, part of one local database.
    public static func docids(_ range: ClosedRange<UInt32>) throws -> Query {
        Query(handle: try native({ vn_query_docid_range(range.lowerBound, range.upperBound, $0) }, failed: { $0 == nil })!)
    }

    /// The documents `docids` (strictly ascending), weight 0: under `.filter`, a few of one local
    /// database's documents.
    public static func docids(_ docids: [UInt32]) throws -> Query {
        try docids.withUnsafeBufferPointer { buffer in
            Query(handle: try native({ vn_query_docid_list(buffer.baseAddress, buffer.count, $0) }, failed: { $0 == nil })!)
        }
    }

    /// Documents whose value in `slot` lies in [low, high] by string order; nil is open.
    public static func valueRange(_ slot: ValueSlot, from low: String?, to high: String?) throws -> Query {
        try (low ?? "").withShimBytes { lp, ln in
            try (high ?? "").withShimBytes { hp, hn in
                Query(handle: try native({ vn_query_value_range(slot.rawValue, lp, ln, hp, hn, $0) }, failed: { $0 == nil })!)
            }
        }
    }

    /// A weight per document from a table keyed by its value in `slot` (a prior, not a match).
    public static func valueWeight(_ slot: ValueSlot, _ weights: [String: Double], otherwise: Double = 0) throws -> Query {
        try withWeightTable(weights) { keys, lengths, values in
            Query(handle: try native({ vn_query_value_map(slot.rawValue, keys, lengths, values, values.count, otherwise, $0) },
                                     failed: { $0 == nil })!)
        }
    }

    public static func matchAll() -> Query { Query(handle: vn_query_match_all()) }
    public static func matchNothing() -> Query { Query(handle: vn_query_match_nothing()) }

    public var isEmpty: Bool { vn_query_is_empty(handle) != 0 }

    public var description: String {
        var length = 0
        guard let text = vn_query_description(handle, &length) else { return "Query()" }
        defer { vn_free(text) }
        return String(cString: text)
    }
}

/// A table of weights by value as the shim takes one: C strings and their lengths, and
/// the weights, in key order. The strings live until `body` returns.
func withWeightTable<T>(_ weights: [String: Double],
                        _ body: (_ keys: [UnsafePointer<CChar>?], _ lengths: [Int], _ values: [Double]) throws -> T) rethrows -> T {
    let entries = weights.sorted { $0.key < $1.key }
    let keys = entries.map { strdup($0.key) }
    defer { keys.forEach { free($0) } }
    return try body(keys.map { UnsafePointer<CChar>($0) }, entries.map { $0.key.utf8.count }, entries.map(\.value))
}
