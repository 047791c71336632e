import Foundation

/// The ranking stage of a search: runs what `QueryBuilder` planned against one database
/// and returns the page's items, tier by tier (the passages holding every word, the
/// articles holding them across passages, the best partial matches). Every speed trick of
/// the ranking lives here, out of the other stages' way: a broad query's two passes, the
/// halves a quoted phrase or a first pass shares with the facet counter's thread
/// (`shared`), the fallback's bounded candidates. Reads through one database, so not
/// thread-safe: one per search.
struct TierRanker {
    let database: Database
    /// Articles considered when no single passage matches every word.
    let relaxedCandidates: Int

    /// Articles a broad query's adjacency bonus is weighed in (see `rankedQuery`).
    static let rescoredArticles = 100

    /// The docids this thread ranks, and the facet counter's share of the work under way.
    typealias SharedRanking = (mine: ClosedRange<UInt32>, theirs: FacetCounter.Pending<FacetCounter.SharedWork?>)

    /// What the ranking hands on: the page's items and how to count what matched.
    struct RankedPage {
        var items: [HitBuilder.Item] = []
        /// Set when a quoted phrase's two parts counted the facets as they ranked.
        var partCounts: FacetCounter.Counts?
        /// Set when only the fallback answers: its passages are counted instead.
        var relaxedMatching: Query?
        var matchesNothing = false
    }

    /// The page of a planned query: a quoted phrase ranked in two parts when the facet
    /// counter's thread took the other (`shared`), any other query by `rank`, its first
    /// pass shared when `sharesFirstPass`.
    func rankPage(_ built: QueryBuilder.Built, _ request: SearchRequest, passagesPerPart: Int, shared: SharedRanking?,
                  sharesFirstPass: Bool) throws -> RankedPage {
        if built.isOnePhrase, let shared, let parts = try phraseParts(built, passagesPerPart, request, shared: shared) {
            var page = RankedPage(partCounts: PagePart.counts(parts))
            for item in PagePart.page(parts, offset: request.offset, limit: request.limit, perArticle: request.perArticle) {
                page.items.append(.init(rank: request.offset + page.items.count + 1, docid: item.docid,
                                        articleID: item.articleID, weight: item.weight, relaxed: false))
            }
            return page
        }
        let (items, relaxedMatching, matchesNothing) = try rank(built, request, shared: sharesFirstPass ? shared : nil)
        return RankedPage(items: items, relaxedMatching: relaxedMatching, matchesNothing: matchesNothing)
    }

    /// The page's items: the passages holding every word (or, for a query naming a
    /// community, naming it), then the fallback's articles if they do not fill it, then the
    /// best partial matches; the fallback's query when only it answers; whether nothing can
    /// match.
    func rank(_ built: QueryBuilder.Built, _ request: SearchRequest, shared: SharedRanking?) throws
        -> (items: [HitBuilder.Item], relaxedMatching: Query?, matchesNothing: Bool) {
        var relaxedMatching: Query?
        let mset = try makeEnquire(rankedQuery(built, request, shared: shared), perArticle: request.perArticle)
            .mset(first: request.offset, maxItems: request.limit)
        var pages = [(mset, relaxed: false)]
        // A page the strict passages do not fill goes on with articles that hold every
        // word across their passages (a sentence boundary should not hide an article).
        // A long query (a question) has its partial matches instead: across a whole
        // article its many common words are all somewhere, and finding the articles that
        // hold them all is a pass per word (each over the 200 candidates).
        if mset.count < request.limit, built.relaxed != nil, built.units.filter({ !$0.optional }).count <= Self.fallbackUnits {
            let strict = try built.strict.query()
            let strictCount = mset.count > 0 ? request.offset + mset.count
                : try makeEnquire(strict, perArticle: request.perArticle).mset(first: 0, maxItems: request.offset).count
            let strictArticles = Set(try articleIDs(strict, count: strictCount))
            if let fallback = try articleFallback(built, excluding: strictArticles) {
                let more = try makeEnquire(fallback, perArticle: request.perArticle)
                    .mset(first: max(0, request.offset - strictCount), maxItems: request.limit - mset.count)
                pages.append((more, relaxed: true))
                if strictCount == 0 { relaxedMatching = fallback }
            }
        }

        var items: [HitBuilder.Item] = []
        for (page, isRelaxed) in pages {
            for i in 0..<page.count {
                items.append(.init(rank: request.offset + items.count + 1, docid: page.docid(i),
                                   articleID: try page.collapseKey(i), weight: page.weight(i), relaxed: isRelaxed))
            }
        }
        // Read even when the articles fill the page: they and the partial matches are
        // ordered together (see `withMissing`).
        if mset.count < request.limit, let partial = built.partial {
            items += try partialItems(partial, request, after: items, strict: mset.count)
        }
        return (items, relaxedMatching, mset.matchesUpperBound == 0)
    }

    /// The best partial matches, to go on with a page the passages holding every word do
    /// not fill: passages of other articles that hold some of the query's units. More are
    /// read than the page needs, since those holding too little of the query are dropped
    /// once their text is known (`withMissing`). A page that shows nothing above this tier
    /// starts it at the page's offset, else at its start: deep pages of partial matches
    /// are approximate.
    private func partialItems(_ partial: Ranking, _ request: SearchRequest, after shown: [HitBuilder.Item],
                              strict: Int) throws -> [HitBuilder.Item] {
        let seen = Set(shown.map(\.articleID))
        let wanted = request.limit - strict
        let offset = shown.isEmpty ? request.offset : 0
        let mset = try makeEnquire(partial.query(), perArticle: request.perArticle)
            .mset(first: offset, maxItems: wanted * 2 + 5)
        var items: [HitBuilder.Item] = []
        for i in 0..<mset.count {
            let article = try mset.collapseKey(i)
            if seen.contains(article) { continue }
            items.append(.init(rank: request.offset + shown.count + items.count + 1, docid: mset.docid(i), articleID: article,
                               weight: mset.weight(i), relaxed: false, partial: true))
        }
        return items
    }

    /// The most required units a query may have for the article-level fallback to run.
    static let fallbackUnits = 4

    /// A quoted phrase ranked and counted in two parts, this thread's and the facet
    /// counter's (see `PagePart`); nil if the counter did not take the query for a phrase
    /// (it reads the same revision, so it always does).
    private func phraseParts(_ built: QueryBuilder.Built, _ passages: Int, _ request: SearchRequest,
                             shared: SharedRanking) throws -> [PagePart]? {
        let mine = try PagePart.rank(built.strict, in: shared.mine, maxItems: passages, perArticle: request.perArticle, database: database)
        guard case .page(let theirs)? = try shared.theirs.wait() else { return nil }
        return [mine, theirs]
    }

    /// What ranks the page. A broad query (`đó người`, `cơ quan`: every syllable in
    /// thousands of passages) would read the positions of every match for its adjacency
    /// bonus; instead, the articles that rank best without the bonus are found first, and
    /// the full ranking, bonus included, orders every passage of those articles. The
    /// same answer as the full ranking whenever the first pass finds fewer than
    /// `rescoredArticles` articles; beyond that, an article the bonus alone would lift
    /// from further down is not shown, nor (typed with diacritics) one whose passages
    /// never hold every syllable as typed (see `QueryBuilder.exactLed`): a few top tens
    /// differ from the full ranking's. Deep pages use the full ranking.
    ///
    /// The first pass is most of such a query's time, and the facet counter's thread is
    /// free then: given `shared`, this thread ranks the docids of `mine` while that one
    /// ranks the rest, and the best of the two rankings are the articles one pass finds.
    private func rankedQuery(_ built: QueryBuilder.Built, _ request: SearchRequest, shared: SharedRanking?) throws -> Query {
        guard let firstPass = built.firstPasses.first, Self.firstPassApplies(to: request) else { return try built.strict.query() }
        var merged: [String]?
        if let shared {
            let mine = try Self.rankedArticles(firstPass.query(within: Query.docids(shared.mine)),
                                               count: Self.rescoredArticles, in: database)
            // Not a first pass if the counter did not find the query broad (it reads the same
            // revision, so it always does): then one pass here.
            if case .firstPass(let theirs)? = try shared.theirs.wait() {
                merged = Self.best(Self.rescoredArticles, of: mine + theirs)
            }
        }
        var candidates = try merged ?? articleIDs(firstPass.query(), count: Self.rescoredArticles)
        // Led by syllables as typed with marks nobody writes (`cợ quạn`), the first pass
        // finds few articles; the full ranking would then weigh every folded match,
        // so the next first pass picks, on this thread alone.
        for next in built.firstPasses.dropFirst() where candidates.count < Self.rescoredArticles {
            candidates = try articleIDs(next.query(), count: Self.rescoredArticles)
        }
        if candidates.count < Self.rescoredArticles { return try built.strict.query() }
        return try built.strict.query(within: passages(of: candidates))
    }

    /// Every passage of `articles`, weight 0, to restrict a query to. On one local
    /// database, their docids read from the article terms' postings: Xapian's OR of the
    /// hundred terms prepares each term as a query's (statistics, a posting list in a
    /// tree of ORs), which costs far more than the reading.
    private func passages(of articles: [String]) throws -> Query {
        let terms = articles.map { TermPrefix.article + $0 }
        guard database.isLocalFolder else { return try Query.combine(.or, terms.map { try Query.term($0) }) }
        // An article's passages are its own: no docid comes twice.
        return try Query.docids(terms.flatMap { try database.postings($0) }.sorted())
    }

    private func makeEnquire(_ query: Query, perArticle: Int) throws -> Enquire {
        try Self.rankingEnquire(database, query, perArticle: perArticle)
    }

    /// How every ranked pass ranks, on this thread or the facet counter's.
    static func rankingEnquire(_ database: Database, _ query: Query, perArticle: Int) throws -> Enquire {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(query)
        // b = 0: passages are short and of similar length, so their length says little,
        // and with b = 0 Xapian does not read each match's length, which is most of a
        // ranked pass's time. A low k1 saturates repeated syllables soon. Neither costs
        // relevance.
        try enquire.setBM25(k1: 0.5, b: 0)
        try enquire.setCollapseKey(.articleID, max: perArticle)
        // Ties go by article id, then passage order (docids keep it within an article,
        // which lives in one shard): the same ranking on one database or on shards.
        try enquire.setTiesByValue(.articleID)
        return enquire
    }

    /// When no passage holds every word, articles that hold every word across their
    /// passages still answer the query (a sentence boundary should not hide an article).
    /// Returns the relaxed query restricted to those articles, or nil if there are none.
    private func articleFallback(_ built: QueryBuilder.Built, excluding shown: Set<String>) throws -> Query? {
        guard let relaxed = built.relaxed else { return nil }
        let (candidates, alreadyHeld) = try fallbackCandidates(built, relaxed: relaxed)
        let ids = candidates.filter { !shown.contains($0) }
        if ids.isEmpty { return nil }

        let inCandidates = try passages(of: ids)
        var qualifying = Set(ids)
        for operand in built.operands where !qualifying.isEmpty && operand !== alreadyHeld {
            qualifying.formIntersection(try articlesHolding(operand, filter: built.filter, within: inCandidates))
        }
        if qualifying.isEmpty { return nil }
        return try Query.combine(.filter, [relaxed, passages(of: qualifying.sorted())])
    }

    /// The articles the fallback weighs. Every one it shows holds the rarest operand: when
    /// that is in at most `relaxedCandidates` passages, their articles are all of them, read
    /// from its postings. Otherwise they are the articles that rank best for any operand,
    /// which ranks every passage of the commonest (`borders và` ranks every passage
    /// of `và` for the few of `borders`). Also returns the operand every candidate is
    /// known to hold, if any, which need not be checked again.
    private func fallbackCandidates(_ built: QueryBuilder.Built, relaxed: Query) throws -> ([String], held: Query?) {
        var rarest: (operand: Query, passages: Int)?
        for operand in built.operands {
            // Xapian's bound from its term statistics: no passage is read for it.
            let estimate = try Enquire(database: database)
            try estimate.setQuery(operand)
            let passages = try estimate.mset(first: 0, maxItems: 0).matchesUpperBound
            if passages < rarest?.passages ?? Int.max { rarest = (operand, passages) }
        }
        if let rarest, rarest.passages <= relaxedCandidates {
            return (try articlesHolding(rarest.operand, filter: built.filter, within: nil), rarest.operand)
        }
        return (try articleIDs(relaxed, count: relaxedCandidates), nil)
    }

    /// The articles with a passage matching `operand` (and the filters), among `within`.
    private func articlesHolding(_ operand: Query, filter: Query?, within articles: Query?) throws -> [String] {
        var query = operand
        if let articles { query = try Query.combine(.filter, [query, articles]) }
        if let filter { query = try Query.combine(.filter, [query, filter]) }
        let check = try Enquire(database: database)
        try check.setQuery(query)
        let spy = try check.addValueSpy(.articleID)
        _ = try check.mset(first: 0, maxItems: 0, checkAtLeast: try database.documentCount)
        return try check.spyCounts(spy).values.map(\.0)
    }

    /// The articles of the first `count` results of `query`, one passage each.
    private func articleIDs(_ query: Query, count: Int) throws -> [String] {
        count == 0 ? [] : try Self.rankedArticles(query, count: count, in: database).map(\.id)
    }

    /// Whether a request ranks a broad query in two passes: its page lies within half of
    /// the articles the first pass keeps. The same pages are the ones a quoted phrase ranks
    /// in two parts (`PagePart`), so each part keeps few passages.
    static func firstPassApplies(to request: SearchRequest) -> Bool {
        request.offset + request.limit <= rescoredArticles / 2
    }

    /// An article and the weight of its best passage in a ranking.
    struct RankedArticle: Sendable {
        let id: String
        let weight: Double
    }

    /// The first `count` articles of `query` in `database`, one passage each, ranked as a
    /// search ranks them.
    static func rankedArticles(_ query: Query, count: Int, in database: Database) throws -> [RankedArticle] {
        let mset = try rankingEnquire(database, query, perArticle: 1).mset(first: 0, maxItems: count)
        return try (0..<mset.count).map { RankedArticle(id: try mset.collapseKey($0), weight: mset.weight($0)) }
    }

    /// The ids of the best `count` articles of rankings of parts of one database, in the
    /// order one ranking of the whole would give: by weight, ties by ascending article id
    /// (`setTiesByValue`; ids are hex, so String order is Xapian's byte order). An article
    /// with passages on both sides of a split is in both rankings; it counts once, at its
    /// best.
    static func best(_ count: Int, of parts: [RankedArticle]) -> [String] {
        var best: [String: Double] = [:]
        for article in parts { best[article.id] = max(best[article.id] ?? -.infinity, article.weight) }
        return best.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count).map(\.key)
    }
}
