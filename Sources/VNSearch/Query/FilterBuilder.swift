import VNAnalysis

/// Builds the boolean part of a search: date ranges on the article date, and the
/// province / ethnic / model filters (from flags or `field:value` syntax).
///
/// Values of one field are alternatives (OR); different fields must all hold (AND).
/// Entity filters keep the passages of articles that mention the entity (anywhere in
/// the article); values are matched with diacritics optional (`bac lieu`, `Khơ-me`).
/// With `merged`, a province is one of the 34 provinces of 2025 and stands for every
/// old province it took in.
struct FilterBuilder {
    let analyzer: VietnameseAnalyzer
    let names: EntityNames
    /// Index keys of every model name in the index (asked for only when a model filter is used).
    let modelKeys: () throws -> [String]

    func filter(_ filters: [QuerySyntax.Filter], request: SearchRequest) throws -> Query? {
        var byField: [QuerySyntax.Field: [Query]] = [:]
        func add(_ field: QuerySyntax.Field, _ value: String) throws {
                byField[field, default: []].append(try query(field, value, merged: request.merged))
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

    /// What a filter ranks first among the passages it keeps: those that name the
    /// province, community or model themselves (`--province X`: the passages that say X
    /// before the other passages of articles that do), one fixed-weight bonus per field.
    func passageBonuses(_ filters: [QuerySyntax.Filter], request: SearchRequest, weight: Double) throws -> [Query] {
        var byField: [QuerySyntax.Field: [String]] = [:]
        func add(_ field: QuerySyntax.Field, _ value: String) throws {
            if field != .date { byField[field, default: []] += try keys(field, value, merged: request.merged) }
        }
        for filter in filters { try add(filter.field, filter.value) }
        for value in request.provinces { try add(.province, value) }
        for value in request.ethnics { try add(.ethnic, value) }
        for value in request.models { try add(.model, value) }
        return try QuerySyntax.Field.allCases.compactMap { field in
            guard let keys = byField[field], !keys.isEmpty else { return nil }
            let prefix = switch field {
            case .province: TermPrefix.passageProvince
            case .ethnic: TermPrefix.passageEthnic
            default: TermPrefix.passageModel
            }
            return try anyTerm(keys.map { PassageDocumentBuilder.termLimited(prefix + $0) }).fixedWeight(weight)
        }
    }

    private func query(_ field: QuerySyntax.Field, _ value: String, merged: Bool) throws -> Query {
        switch field {
        case .date:
            let parts = value.components(separatedBy: "..")
            if parts.count == 2 {
                return try dateRange(from: parts[0].isEmpty ? nil : parts[0], to: parts[1].isEmpty ? nil : parts[1])
            }
            return try dateRange(from: value, to: value)
        case .province:
            return try anyTerm(keys(field, value, merged: merged).map { TermPrefix.articleProvince + $0 })
        case .ethnic:
            return try anyTerm(keys(field, value, merged: merged).map { TermPrefix.articleEthnic + $0 })
        case .model:
            let matching = try keys(field, value, merged: merged)
            if matching.isEmpty { return Query.matchNothing() }
            return try anyTerm(matching.map { PassageDocumentBuilder.termLimited(TermPrefix.articleModel + $0) })
        }
    }

    /// The index keys an entity filter stands for (unprefixed); an unknown name is an error.
    private func keys(_ field: QuerySyntax.Field, _ value: String, merged: Bool) throws -> [String] {
        switch field {
        case .date:
            return []
        case .province:
            guard let name = try names.province(value) else {
                throw SearchError.badParameter("unknown province '\(value)': use a province or city name, e.g. \"Bạc Liêu\"")
            }
            var provinces = [name]
            if merged {
                let now = ProvinceGazetteer.province(named: name)?.merged ?? name
                provinces = ProvinceGazetteer.mergedProvinces[now] ?? [name]
            }
            return try provinces.map { try EntityNames.key($0) }
        case .ethnic:
            guard let name = try names.ethnicGroup(value) else {
                throw SearchError.badParameter("unknown ethnic group '\(value)': use one of the 54 groups, e.g. Khmer, Hoa, Chăm")
            }
            return [try EntityNames.key(name)]
        case .model:
            // Words of a model's name: `model:"xóm Chăm"` finds "Rủ nhau làm tốt xóm Chăm".
            let words = try EntityNames.key(value).split(separator: " ").filter { $0.contains(where: \.isLetter) || $0.contains(where: \.isNumber) }
            guard !words.isEmpty else {
                throw SearchError.badParameter("empty model filter: give words of the model's name, e.g. model:\"xóm Chăm\"")
            }
            return try modelKeys().filter { key in
                let keyWords = Set(key.split(separator: " "))
                return words.allSatisfy(keyWords.contains)
            }
        }
    }

    private func anyTerm(_ terms: [String]) throws -> Query {
        let queries = try terms.map { try Query.term($0) }
        return queries.count == 1 ? queries[0] : try Query.combine(.or, queries)
    }

    /// Inclusive on both ends: `to: 2024-08` keeps every day of August 2024.
    func dateRange(from: String?, to: String?) throws -> Query {
        for value in [from, to].compactMap({ $0 }) {
            guard let match = value.wholeMatch(of: /\d{4}(?:-(\d{2})(?:-(\d{2}))?)?/),
                  match.1.map({ (1...12).contains(Int($0)!) }) ?? true,
                  match.2.map({ (1...31).contains(Int($0)!) }) ?? true else {
                throw SearchError.badDate(value)
            }
        }
        return try Query.valueRange(.date, from: from, to: to.map { $0 + "~" })
    }
}
