import Foundation

/// Parameters of a request's query string, decoded as HTML forms send them (`+` is a
/// space), in order. Invalid percent-encoding or UTF-8 is an error, not a silent guess.
struct QueryParameters: Sendable {
    private(set) var items: [(name: String, value: String)] = []

    static let empty = QueryParameters(items: [])

    struct InvalidEncoding: Error, CustomStringConvertible {
        var description: String { "invalid percent-encoding or UTF-8 in the query string" }
    }

    init(_ query: String?) throws {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw InvalidEncoding()
            }
            items.append((name, value))
        }
    }

    init(items: [(name: String, value: String)]) {
        self.items = items
    }

    subscript(_ name: String) -> String? { items.first { $0.name == name }?.value }

    func all(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    /// These parameters with every `name` replaced by `values` (none: removed).
    func setting(_ name: String, to values: [String]) -> QueryParameters {
        QueryParameters(items: items.filter { $0.name != name } + values.map { (name, $0) })
    }

    /// These parameters without one `name=value` pair.
    func removing(_ name: String, value: String) -> QueryParameters {
        QueryParameters(items: items.filter { !($0.name == name && $0.value == value) })
    }

    func adding(_ name: String, _ value: String) -> QueryParameters {
        items.contains { $0.name == name && $0.value == value } ? self : QueryParameters(items: items + [(name, value)])
    }

    /// `a=1&b=x%20y`, for links.
    var encoded: String {
        items.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
