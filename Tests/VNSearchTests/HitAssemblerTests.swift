import Testing
import VNAnalysis
@testable import VNSearch

/// The page's last stage alone, on hits made by hand: no index.
@Suite struct HitAssemblerTests {
    let analyzer = VietnameseAnalyzer()

    private func unit(_ words: String, optional: Bool = false, weight: Double = 1, community: Bool = false) throws -> QueryUnit {
        var unit = QueryUnit(words: words, forms: [try analyzer.tokens(words).map(\.folded)], optional: optional, weight: weight)
        unit.community = community
        return unit
    }

    private func built(_ text: String, article: String? = nil) throws -> HitBuilder.Built {
        let hit = SearchResponse.Hit(rank: 0, score: 1, article: .init(id: text, path: text, title: text, date: nil),
                                     passage: .init(index: 0, text: text, highlighted: text, spans: []),
                                     entities: .init(), relaxed: false)
        return (hit, try analyzer.tokens(text), try article.map { try analyzer.tokens($0).map(\.folded) })
    }

    private func item(_ id: String, partial: Bool = false) -> HitBuilder.Item {
        HitBuilder.Item(rank: 0, docid: 1, articleID: id, weight: 1, relaxed: false, partial: partial)
    }

    /// Each hit says what it lacks; partial matches follow the first tier, ordered by how
    /// much of the query (by rarity) they hold; those holding too little are dropped.
    @Test func partialMatchesAreOrderedByWhatTheyHold() throws {
        let units = [try unit("lúa", weight: 1), try unit("Sóc Trăng", weight: 3), try unit("mùa", weight: 1),
                     try unit("của", optional: true)]
        let hits = [try built("Lúa mùa ở Sóc Trăng"), try built("Mùa lúa", article: "Mùa lúa"),
                    try built("Sóc Trăng mùa khô", article: "Sóc Trăng mùa khô"), try built("Trời mưa", article: "Trời mưa")]
        let items = [item("a"), item("b", partial: true), item("c", partial: true), item("d", partial: true)]
        let (page, matchedAll) = HitAssembler.assemble(hits, items: items, units: units, limit: 10, offset: 0)
        #expect(page.map(\.passage.text) == ["Lúa mùa ở Sóc Trăng", "Sóc Trăng mùa khô"])
        #expect(page.map(\.missing) == [["của"], ["lúa", "của"]])
        #expect(page.map(\.rank) == [1, 2])
        #expect(matchedAll)
    }

    /// Of two partial matches holding the same units, the one holding the units the query
    /// has side by side in a row comes first; a sentence end between them breaks the row.
    @Test func unitsSideBySideOutrankTheSameUnitsApart() throws {
        var units = try ["chùa", "Bà", "Thiên", "Hậu"].map { try unit($0) }
        for k in 1..<units.count { units[k].followsPrevious = true }
        let apart = "Ông là chồng của Á hậu Thiên Lý. Bà có mười người con"
        let split = "Ông thờ Bà. Thiên Hậu là vị thần biển"
        let together = "Bức tượng Bà Thiên Hậu cao 1,8m"
        let hits = [try built(apart, article: apart), try built(split, article: split), try built(together, article: together)]
        let items = [item("a", partial: true), item("b", partial: true), item("c", partial: true)]
        let (page, _) = HitAssembler.assemble(hits, items: items, units: units, limit: 10, offset: 0)
        #expect(page.map(\.passage.text) == [together, split, apart])
    }

    /// A partial match naming the province the query names comes before one that holds
    /// more of its other words.
    @Test func aPassageNamingTheProvinceComesFirst() throws {
        var place = try unit("Sóc Trăng", weight: 2)
        place.province = true
        let units = [try unit("an ninh", weight: 3), try unit("trật tự", weight: 3), place]
        let elsewhere = "Quận giữ an ninh trật tự ở Hà Nội"
        let there = "Công an Sóc Trăng giữ an ninh"
        let hits = [try built(elsewhere, article: elsewhere), try built(there, article: there)]
        let items = [item("a", partial: true), item("b", partial: true)]
        let (page, _) = HitAssembler.assemble(hits, items: items, units: units, limit: 10, offset: 0)
        #expect(page.map(\.passage.text) == [there, elsewhere])
    }

    /// A partial match whose passage holds little of the query is still shown when its
    /// article holds most of it across passages (an over-specified query's answer).
    @Test func anArticleHoldingMostOfTheQueryIsShown() throws {
        let units = [try unit("Izmir", weight: 8), try unit("Plomari", weight: 9), try unit("Lesbos", weight: 9)]
        let passage = "Cách làng Plomari 11 km về phía Nam"
        let hits = [try built(passage, article: "Động đất gần Izmir. " + passage)]
        let (page, _) = HitAssembler.assemble(hits, items: [item("a", partial: true)], units: units, limit: 10, offset: 0)
        #expect(page.map(\.missing) == [["Izmir", "Lesbos"]])
    }

    /// A first-tier passage that names the community but lacks a word does not count as
    /// holding every word; a partial match without the community is not shown.
    @Test func aCommunityPassageLackingWordsIsNoFullMatch() throws {
        let units = [try unit("kinh doanh", weight: 2), try unit("người Hoa", weight: 4, community: true)]
        let hits = [try built("Người Hoa ở Chợ Lớn"), try built("Kinh doanh hoa tươi", article: "Kinh doanh hoa tươi")]
        let items = [item("a"), item("b", partial: true)]
        let (page, matchedAll) = HitAssembler.assemble(hits, items: items, units: units, limit: 10, offset: 0)
        #expect(page.map(\.passage.text) == ["Người Hoa ở Chợ Lớn"])
        #expect(page.first?.missing == ["kinh doanh"])
        #expect(!matchedAll)
    }
}
