/// Counts, over the passages a search examines, how many name each province, ethnic
/// group, model, 2025 province and year: one spy over the passage's facet list.
struct FacetSpies {
    /// Prefixes of the items in the `facets` value slot.
    enum Kind: String, CaseIterable {
        case province = "p:", ethnic = "t:", model = "m:", province2025 = "n:", year = "y:"
    }

    private let spy: Int

    init(_ enquire: Enquire) throws {
        spy = try enquire.addListSpy(.facets)
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
        return (facets, counts.total)
    }
}
