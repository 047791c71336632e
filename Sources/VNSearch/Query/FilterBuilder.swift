import VNAnalysis

/// Builds the boolean part of a search: date ranges on the article date, and the
/// province / ethnic / model filters (from flags or `field:value` syntax).
///
/// Values of one field are alternatives (OR); different fields must all hold (AND).
/// Until entity recognition lands (issue 4), an entity filter keeps the passages that
/// mention the name itself, diacritics optional.
struct FilterBuilder {
    let analyzer: VietnameseAnalyzer

    func filter(_ filters: [QuerySyntax.Filter], request: SearchRequest) throws -> Query? {
        var byField: [QuerySyntax.Field: [Query]] = [:]
        func add(_ field: QuerySyntax.Field, _ value: String) throws {
            byField[field, default: []].append(try query(field, value))
        }
        for filter in filters { try add(filter.field, filter.value) }
        for value in request.provinces { try add(.province, value) }
        for value in request.ethnics { try add(.ethnic, value) }
        for value in request.models { try add(.model, value) }
        if request.from != nil || request.to != nil {
            byField[.date, default: []].append(try dateRange(from: request.from, to: request.to))
        }
        let clauses = try QuerySyntax.Field.allCases.compactMap { field in
            try byField[field].map { $0.count == 1 ? $0[0] : try Query.combine(.or, $0) }
        }
        if clauses.isEmpty { return nil }
        return clauses.count == 1 ? clauses[0] : try Query.combine(.and, clauses)
    }

    private func query(_ field: QuerySyntax.Field, _ value: String) throws -> Query {
        if field == .date {
            let parts = value.components(separatedBy: "..")
            if parts.count == 2 {
                return try dateRange(from: parts[0].isEmpty ? nil : parts[0], to: parts[1].isEmpty ? nil : parts[1])
            }
            return try dateRange(from: value, to: value)
        }
        let tokens = try analyzer.tokens(analyzer.normalizeQuery(value))
        guard !tokens.isEmpty else {
            throw SearchError.badParameter("empty \(field.rawValue) filter: give a name, e.g. \(field.rawValue):\"An Giang\"")
        }
        if tokens.count == 1 { return try Query.term(tokens[0].folded) }
        return try Query.combine(.phrase(window: tokens.count), tokens.map { try Query.term($0.folded) })
    }

    /// Inclusive on both ends: `to: 2024-08` keeps every day of August 2024.
    func dateRange(from: String?, to: String?) throws -> Query {
        for value in [from, to].compactMap({ $0 }) where value.wholeMatch(of: /\d{4}(-\d{2}(-\d{2})?)?/) == nil {
            throw SearchError.badDate(value)
        }
        return try Query.valueRange(.date, from: from, to: to.map { $0 + "~" })
    }
}
