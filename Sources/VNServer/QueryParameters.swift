import Foundation

/// Parameters of a request's query string, decoded as HTML forms send them (`+` is a
/// space). Invalid percent-encoding is an error, not a silent guess.
struct QueryParameters {
    private var values: [String: [String]] = [:]

    struct InvalidEncoding: Error {}

    init(_ query: String?) throws {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.decode(parts[0]) else { throw InvalidEncoding() }
            guard let value = Self.decode(parts.count > 1 ? parts[1] : "") else { throw InvalidEncoding() }
            values[key, default: []].append(value)
        }
    }

    subscript(_ key: String) -> String? { values[key]?.first }

    func all(_ key: String) -> [String] { values[key] ?? [] }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
