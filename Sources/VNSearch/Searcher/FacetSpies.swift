/// Counts, over the passages a search examines, how many name each province, ethnic
/// group, model, 2025 province and year (one spy over the passage's facet list), and how
/// many fall in each month (a spy over the date).
struct FacetSpies {
    /// Prefixes of the items in the `facets` value slot.
    enum Kind: String, CaseIterable {
        case province = "p:", ethnic = "t:", model = "m:", province2025 = "n:", year = "y:"
    }

    private let spy: Int
    /// The article dates (`YYYY-MM[-DD]`), counted into months.
    private let dates: Int

    init(_ enquire: Enquire) throws {
        spy = try enquire.addListSpy(.facets)
        dates = try enquire.addValueSpy(.date)
    }

    /// What one passage names, from its facet list.
    static func entities(_ facetList: String) -> SearchResponse.Hit.Entities {
        var entities = SearchResponse.Hit.Entities()
        for item in facetList.split(separator: ValueSlot.listSeparator) {
            let value = String(item.dropFirst(2))
            switch String(item.prefix(2)) {
            case Kind.province.rawValue: entities.province.append(value)
            case Kind.ethnic.rawValue: entities.ethnic.append(value)
            case Kind.model.rawValue: entities.model.append(value)
            default: break
            }
        }
        return entities
    }

    /// The facets, and how many passages the spy saw.
    func facets(_ enquire: Enquire) throws -> (SearchResponse.Facets, Int) {
        let counts = try enquire.spyCounts(spy)
        var facets = SearchResponse.Facets()
        for (item, count) in counts.values {
            guard let kind = Kind.allCases.first(where: { item.hasPrefix($0.rawValue) }) else { continue }
            let value = String(item.dropFirst(kind.rawValue.count))
            switch kind {
            case .province: facets.province[value] = count
            case .ethnic: facets.ethnic[value] = count
            case .model: facets.model[value] = count
            case .province2025: facets.province2025[value] = count
            case .year: facets.year[value] = count
            }
        }
        for (date, count) in try enquire.spyCounts(dates).values where date.utf8.count >= 7 {
            facets.month[String(date.prefix(7)), default: 0] += count
        }
        return (facets, counts.total)
    }
}
