/// Counts, over the passages a search examines, how many name each province, ethnic
/// group, model, 2025 province and year.
struct FacetSpies {
    private let province: Int
    private let ethnic: Int
    private let model: Int
    private let province2025: Int
    private let year: Int

    init(_ enquire: Enquire) throws {
        province = try enquire.addListSpy(.provinces)
        ethnic = try enquire.addListSpy(.ethnicGroups)
        model = try enquire.addListSpy(.models)
        province2025 = try enquire.addListSpy(.provinces2025)
        year = try enquire.addValueSpy(.year)
    }

    /// The facets, and how many passages the spies saw.
    func facets(_ enquire: Enquire) throws -> (SearchResponse.Facets, Int) {
        func counts(_ spy: Int) throws -> [String: Int] {
            Dictionary(try enquire.spyCounts(spy).values, uniquingKeysWith: +)
        }
        var facets = SearchResponse.Facets()
        facets.province = try counts(province)
        facets.ethnic = try counts(ethnic)
        facets.model = try counts(model)
        facets.province2025 = try counts(province2025)
        facets.year = try counts(year)
        return (facets, try enquire.spyCounts(year).total)
    }
}
