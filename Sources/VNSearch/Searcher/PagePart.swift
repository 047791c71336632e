/// One part of a quoted phrase's page: its ranking within a range of docids, and the
/// facets of its matches counted in the same pass.
///
/// A phrase (`"có mối quan"`) is matched by checking the positions of every passage that
/// holds all its syllables; the ranked pass and the facet count each did that on their own
/// thread, the same work twice (`"cho các đối"`). Ranked with the count's spies attached,
/// one pass does both; the two threads each take half of the docids (see
/// `SearchEngine.searchOnce`), and `page` and `counts` put the halves back together as one
/// pass over all of them gives them.
struct PagePart: Sendable {
    struct Item: Sendable {
        let docid: UInt32
        let articleID: String
        let weight: Double
    }

    /// The part's best passages, as a search ranks them (`TierRanker.rankingEnquire`).
    let items: [Item]
    let counts: FacetCounter.Counts

    /// Ranks `ranking` within `range`, keeping `maxItems`, and counts the facets of up to
    /// `FacetCounter.depth` of its matches. Xapian shows a match spy every match until it
    /// has examined that many (after collapsing), so the counts are exact when the part
    /// has fewer matches, as in `FacetCounter.count`.
    static func rank(_ ranking: Ranking, in range: ClosedRange<UInt32>, maxItems: Int, perArticle: Int,
                     database: Database) throws -> PagePart {
        let enquire = try TierRanker.rankingEnquire(database, ranking.query(within: Query.docids(range)),
                                                      perArticle: perArticle)
        let spies = try FacetSpies(enquire)
        let mset = try enquire.mset(first: 0, maxItems: maxItems, checkAtLeast: FacetCounter.depth)
        let items = try (0..<mset.count).map {
            Item(docid: mset.docid($0), articleID: try mset.collapseKey($0), weight: mset.weight($0))
        }
        return PagePart(items: items, counts: try FacetCounter.counts(spies, of: enquire, mset))
    }

    /// How many passages each part must rank for `page` to be right: an article with
    /// passages on both sides of the split may lose up to `perArticle` of one part's to the
    /// other's when collapsed again.
    static func itemsNeeded(offset: Int, limit: Int, perArticle: Int) -> Int {
        offset + limit + perArticle
    }

    /// The page one ranking of all the docids would give: by weight, ties by ascending
    /// article id, then docid (`TierRanker.rankingEnquire`), at most `perArticle` passages
    /// per article.
    static func page(_ parts: [PagePart], offset: Int, limit: Int, perArticle: Int) -> [Item] {
        let ranked = parts.flatMap(\.items).sorted {
            if $0.weight != $1.weight { return $0.weight > $1.weight }
            if $0.articleID != $1.articleID { return $0.articleID < $1.articleID }
            return $0.docid < $1.docid
        }
        var shown: [String: Int] = [:]
        let collapsed = ranked.filter { item in
            shown[item.articleID, default: 0] += 1
            return shown[item.articleID]! <= perArticle
        }
        return Array(collapsed.dropFirst(offset).prefix(limit))
    }

    /// The parts' counts together: exact when together they saw fewer matches than one
    /// count would examine (each part then saw all of its own).
    static func counts(_ parts: [PagePart]) -> FacetCounter.Counts {
        var facets = SearchResponse.Facets()
        for part in parts { facets.add(part.counts.facets) }
        let total = parts.map(\.counts.total).reduce(0, +)
        return (facets, total, parts.allSatisfy(\.counts.exact) && total < FacetCounter.depth)
    }
}
