import Foundation
import VNAnalysis

/// Answers searches over one index: the single search path behind the CLI and the
/// HTTP server. Holds one Xapian reader, so it is not thread-safe: use one per thread
/// (the server keeps a pool).
public final class SearchEngine {
    public let databasePath: String
    private var database: Database
    /// Which folder (or stub file) is open, and the stub inside a folder: `--full` swaps a
    /// new folder in at the same path, and a replica's stub is replaced when a new copy of
    /// the master arrives.
    private var identity: [FileIdentity?]
    private let analyzer = VietnameseAnalyzer()
    private let interpreter: QueryInterpreter
    private let names: EntityNames
    /// Builds hits (and finds articles) through `database`.
    private var hits: HitBuilder
    private var knownModelKeys: [String]?
    /// The title and lead prior in memory, read at a revision's second search (see
    /// `heldPrior()`), and the searches of this revision so far.
    private var keptPrior: HeldValueWeights?
    private var searchesThisRevision = 0
    private var knownSynonyms: Synonyms?
    /// Counts each search's facets on a second thread, with its own database.
    private var facetCounter: FacetCounter
    /// Whether the facet counter's database is at this one's revision, so that it can
    /// build hits of a page from this one's docids (see `alignRevisions`).
    private var revisionsAligned = false
    /// Articles considered when no single passage matches every word.
    static let defaultRelaxedCandidates = 200
    let relaxedCandidates: Int
    /// Articles a broad query's adjacency bonus is weighed in (see `rankedQuery`).
    static let rescoredArticles = 100
    /// Whether a broad query's first pass is shared with the facet counter's thread. Its
    /// two parts take most of one pass each: sooner when a core is free, more work when
    /// none is, so it is off in a process held to one core, and the server turns it off
    /// while other searches run. (A quoted phrase's two parts are less work than a ranked
    /// pass beside a count, see `PagePart`: always shared.)
    public var sharesFirstPass = AvailableCores.hasSpare
    /// Whether any ranking is shared with the facet counter's thread (tests compare with
    /// one pass on one thread).
    let sharesWork: Bool
    /// Passages each syllable of a query must be in for the query to count as broad.
    let broadPassages: Int

    public convenience init(databasePath: String) throws {
        try self.init(databasePath: databasePath, broadPassages: QueryBuilder.defaultBroadPassages)
    }

    /// `broadPassages` lets tests send small queries down the broad-query path, and
    /// `relaxedCandidates` lets them see the fallback's bound on a small corpus.
    init(databasePath: String, broadPassages: Int, relaxedCandidates: Int = defaultRelaxedCandidates,
         sharesWork: Bool = true) throws {
        self.databasePath = databasePath
        self.broadPassages = broadPassages
        self.relaxedCandidates = relaxedCandidates
        self.sharesWork = sharesWork
        names = try EntityNames()
        interpreter = try QueryInterpreter(analyzer: analyzer)
        // Taken first: a swap after it shows as a change at the next refresh.
        identity = Self.identity(of: databasePath)
        try SearchError.checkBuildFinished(databasePath)
        do {
            database = try Database(path: databasePath)
            hits = HitBuilder(database: database, analyzer: analyzer)
            facetCounter = try FacetCounter(path: databasePath, names: names)
            try alignRevisions()
        } catch let error as NativeError {
            throw SearchError.index(databasePath, error)
        }
    }

    deinit { facetCounter.waitForTaskUnderWay() }

    private static func identity(of path: String) -> [FileIdentity?] {
        [FileIdentity(path: path), FileIdentity(path: path + "/" + ShardLayout.stubName)]
    }

    /// Picks up a newer revision written by the indexer.
    public func refresh() throws {
        try naming {
            let current = Self.identity(of: databasePath)
            if current != identity {
                // A rebuilt index was swapped in, or a stub now lists other databases:
                // a new database, not a new revision.
                database = try Database(path: databasePath)
                hits = HitBuilder(database: database, analyzer: analyzer)
                facetCounter.waitForTaskUnderWay()
                facetCounter = try FacetCounter(path: databasePath, names: names)
                identity = current
                forgetRevision()
                try alignRevisions()
            } else {
                // Called before every request of the server: nothing more when neither moved.
                let counterMoved = try facetCounter.reopen()
                let moved = try database.reopen()
                if moved { forgetRevision() }
                if moved || counterMoved { try alignRevisions() }
            }
        }
    }

    /// Brings the engine's database and the facet counter's to the same revision: the
    /// indexer can commit between opening (or reopening) one and the other. A stub over
    /// several shards has no single revision to compare (0) and is left as opened.
    private func alignRevisions() throws {
        revisionsAligned = false
        for _ in 0..<5 {
            let revision = try database.revision
            let counterRevision = try facetCounter.revision
            if revision == 0 { return }
            if revision == counterRevision {
                revisionsAligned = true
                return
            }
            try facetCounter.reopen()
            if try database.reopen() { forgetRevision() }
        }
    }

    private func forgetRevision() {
        hits.forgetRevision()
        knownModelKeys = nil
        keptPrior = nil
        searchesThisRevision = 0
        knownSynonyms = nil
    }

    /// Runs `body`, turning a failure of the index itself (a shard down) into a
    /// SearchError that names it.
    private func naming<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as NativeError where error.kind == .network || error.kind == .databaseNotFound {
            throw SearchError.index(databasePath, error)
        }
    }

    public var documentCount: Int { get throws { try database.documentCount } }
    public var revision: Int { get throws { try database.revision } }

    /// Runs a search; if the indexer committed a new revision in the middle of it
    /// (Xapian's DatabaseModifiedError), reopens and runs it once more.
    public func search(_ request: SearchRequest) throws -> SearchResponse {
        try naming {
            do {
                return try searchOnce(request)
            } catch let error as NativeError where error.kind == .databaseModified {
                try refresh()
                return try searchOnce(request)
            }
        }
    }

    /// An article and all its passages, or nil when the index has no such article.
    public func article(id: String) throws -> ArticleDetail? {
        try naming {
            do {
                return try articleOnce(id: id)
            } catch let error as NativeError where error.kind == .databaseModified {
                try refresh()
                return try articleOnce(id: id)
            }
        }
    }

    private func articleOnce(id: String) throws -> ArticleDetail? {
        guard Fingerprint.isArticleID(id), let first = try hits.firstPassage(id), let record = try hits.storedRecord(first) else {
            return nil
        }
        let firstData = try database.documentData(first)
        let passages = try database.postings(TermPrefix.article + id).map { docid in
            let index = Int(try database.documentValue(docid, slot: .passageIndex)) ?? 0
            return ArticleDetail.Passage(
                index: index, kind: try Self.kind(database.documentValue(docid, slot: .kind)),
                text: PassageTexts.text(index: index, ownData: docid == first ? firstData : try database.documentData(docid)) { firstData })
        }
        return ArticleDetail(record: record, passages: passages.sorted { $0.index < $1.index })
    }

    /// Each passage of `article` as HTML with the words of `query` marked, as a search for
    /// it marks its hits (the article page shows the passages a result came from).
    public func highlightedPassages(_ article: ArticleDetail, query: String) throws -> [String] {
        let text = try analyzer.normalizeQuery(query)
        var terms = Highlighter.Terms()
        if text.contains(where: { $0.isLetter || $0.isNumber }) {
            terms = try QueryBuilder(analyzer: analyzer, interpreter: interpreter, names: names, modelKeys: { [unowned self] in try self.modelKeys() },
                                     termFrequency: { [unowned self] in try self.database.termFrequency($0) }, synonyms: try synonyms(),
                                     broadPassages: broadPassages).build(QuerySyntax(parsing: text), request: SearchRequest(query: text)).highlight
        }
        return try article.passages.map { passage in
            Highlighter.html(passage.text, spans: Highlighter.spans(in: passage.text, tokens: try analyzer.tokens(passage.text), terms: terms))
        }
    }

    /// A passage's kind as the `kind` slot holds it (body passages have none).
    private static func kind(_ value: String) -> String { value.isEmpty ? Passage.Kind.body.rawValue : value }

    private func searchOnce(_ request: SearchRequest) throws -> SearchResponse {
        let started = DispatchTime.now()
        // Characters as a person counts them, and bytes: one character can carry any
        // number of combining marks.
        guard request.query.count <= SearchRequest.maxQueryLength,
              request.query.utf8.count <= 4 * SearchRequest.maxQueryLength else {
            throw SearchError.queryTooLong(request.query.count)
        }
        guard (1...SearchRequest.maxLimit).contains(request.limit) else {
            throw SearchError.badParameter("limit must be between 1 and \(SearchRequest.maxLimit)")
        }
        guard (0...SearchRequest.maxOffset).contains(request.offset) else {
            throw SearchError.badParameter("offset must be between 0 and \(SearchRequest.maxOffset)")
        }
        guard (1...100).contains(request.perArticle) else { throw SearchError.badParameter("per-article must be between 1 and 100") }

        let termFrequency = { [unowned self] (term: String) throws -> Int in try self.database.termFrequency(term) }
        let syntaxText = try analyzer.normalizeQuery(request.query)
        let syntax = QuerySyntax(parsing: syntaxText)
        let synonyms = try synonyms()
        let prior = try heldPrior()
        // A broad query's first pass, or a quoted phrase's page and count, is ranked in two
        // parts of the docids, the first here and the second on the facet counter's thread,
        // when its database is this one at this revision (see rankedQuery and PagePart).
        var split: (mine: ClosedRange<UInt32>, theirs: ClosedRange<UInt32>)?
        if sharesWork && revisionsAligned && Self.firstPassApplies(to: request) {
            let last = try database.lastDocid
            if last >= 2 { split = (1...last / 2, last / 2 + 1...last) }
        }
        let passagesPerPart = PagePart.itemsNeeded(offset: request.offset, limit: request.limit, perArticle: request.perArticle)
        // Counted beside the ranking below (FacetCounter), and waited for at the end.
        let (facetCount, theirShare) = facetCounter.start(
            syntax, request: request, synonyms: synonyms, broadPassages: broadPassages,
            share: split.map { .init(range: $0.theirs, articles: sharesFirstPass ? Self.rescoredArticles : nil,
                                     passages: passagesPerPart, perArticle: request.perArticle, prior: prior) })
        let context = ContextReadings(database: database, analyzer: analyzer, passageText: hits.passageText, termFrequency: termFrequency)
        let built = try QueryBuilder(analyzer: analyzer, interpreter: interpreter, names: names, modelKeys: { [unowned self] in try self.modelKeys() },
                                 termFrequency: termFrequency, synonyms: synonyms,
                                 broadPassages: broadPassages, heldPrior: prior, context: context).build(syntax, request: request)
        let shared = split.flatMap { split in theirShare.map { (mine: split.mine, theirs: $0) } }

        var items: [HitBuilder.Item] = []
        // Set when the phrase's two parts counted the facets as they ranked.
        var partCounts: FacetCounter.Counts?
        // Set when only the fallback answers: its facets are counted here instead.
        var relaxedMatching: Query?
        var matchesNothing = false
        if built.isOnePhrase, let shared, let parts = try phraseParts(built, passagesPerPart, request, shared: shared) {
            for item in PagePart.page(parts, offset: request.offset, limit: request.limit, perArticle: request.perArticle) {
                items.append(.init(rank: request.offset + items.count + 1, docid: item.docid,
                                   articleID: item.articleID, weight: item.weight, relaxed: false))
            }
            partCounts = PagePart.counts(parts)
        } else {
            (items, relaxedMatching, matchesNothing) = try rankedItems(built, request, shared: sharesFirstPass ? shared : nil)
        }
        // The facet counter's thread helps once its count is done, when its database is
        // at this one's revision (docids are this database's).
        let pageHits: [HitBuilder.Built]
        if revisionsAligned && items.count > 1 {
            let page = SharedPage(items)
            let helper = facetCounter.startHits(page, terms: built.highlight)
            try page.build(with: hits, terms: built.highlight)
            try helper.wait()
            pageHits = page.hits
        } else {
            pageHits = try hits.build(items, terms: built.highlight)
        }
        let (hits, matchedAll) = withMissing(pageHits, items: items, units: built.units, limit: request.limit, offset: request.offset)
        let passageTokens = pageHits.map(\.tokens)

        // A count that failed (the database changed under it) makes the whole search run
        // again. When only the fallback answers, its passages are counted here instead.
        var (facets, total, exact) = if let partCounts {
            partCounts
        } else if let relaxedMatching {
            try FacetCounter.count(relaxedMatching, in: database)
        } else if hits.isEmpty && matchesNothing {
            (SearchResponse.Facets(), 0, true)
        } else {
            try facetCount.wait()
        }
        // A page past the first holds results the count may not have reached; an empty one
        // says nothing about how many there are.
        if !hits.isEmpty { total = max(total, request.offset + hits.count) }

        // A word in no passage: "Did you mean" corrects it, whatever partial matches show.
        let unknown: Set<String> = matchedAll ? [] : try built.highlight.syllables.filter { try termFrequency($0) == 0 }
        let suggestion = try Suggester(analyzer: analyzer, termFrequency: termFrequency)
            .suggest(query: syntaxText, syllables: built.highlight.syllables,
                     typedWithDiacritics: built.typedWithDiacritics, passages: unknown.isEmpty ? passageTokens : [],
                     fixed: built.interpretation.fixedReadings,
                     context: unknown.isEmpty ? context : nil)
        let interpreted = SearchResponse.Interpreted(
            built.interpretation, readings: built.typedWithDiacritics ? nil : suggestion ?? syntaxText)

        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000
        let response = SearchResponse(
            query: request.query, total: total, tookMs: (elapsed * 100).rounded() / 100,
            relaxed: relaxedMatching != nil && !hits.isEmpty, suggestion: suggestion, interpreted: interpreted,
            matchedAll: matchedAll, results: hits, facets: facets, facetsExact: exact)
        if !unknown.isEmpty && request.correct,
           let corrected = try Suggester(analyzer: analyzer, termFrequency: termFrequency).corrected(query: syntaxText, unknown: unknown) {
            return try searchCorrected(request, corrected, started: started) ?? response
        }
        return response
    }

    /// The corrected query's results, said to be for it (`corrected`), when any passage
    /// holds every word of it; nil otherwise (the query as typed is answered).
    private func searchCorrected(_ request: SearchRequest, _ corrected: String, started: DispatchTime) throws -> SearchResponse? {
        var again = request
        again.query = corrected
        again.correct = false
        let answer = try searchOnce(again)
        guard answer.matchedAll else { return nil }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000
        return SearchResponse(query: request.query, total: answer.total, tookMs: (elapsed * 100).rounded() / 100,
                              relaxed: answer.relaxed, suggestion: nil, interpreted: answer.interpreted, matchedAll: true,
                              corrected: corrected, results: answer.results, facets: answer.facets, facetsExact: answer.facetsExact)
    }

    /// The page's items from one ranking (the strict passages, then the fallback's articles
    /// if they do not fill it); the fallback's query when only it answers; whether nothing
    /// can match.
    private func rankedItems(_ built: QueryBuilder.Built, _ request: SearchRequest, shared: SharedRanking?) throws
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

    /// A partial match is shown when the units its passage and its article hold weigh, on
    /// average, at least this share of the query's (by rarity): `người Khmer Sóc Trăng` shows a passage of `Khmer` and
    /// `Sóc Trăng`, not one of `người` alone.
    static let partialShare = 0.5

    /// The hits of the page with what each lacks. After the passages holding every word,
    /// the articles that hold them across passages and the best partial matches are
    /// ordered by how much of the query (by rarity) the shown passage holds itself and
    /// how much its article holds, half each: a long article that holds a question's
    /// common words here and there does not outrank the passage that holds its rare
    /// words together, and an article that holds all but one of an over-specified query's
    /// words is not lost behind passages holding half. Partial matches that hold too
    /// little, or lack a community the query names, are dropped; the ranks close up.
    /// Also says whether a passage of the first tier holds every required word (a passage
    /// there may hold only the community the query names: see `QueryBuilder.matches`).
    private func withMissing(_ built: [HitBuilder.Built], items: [HitBuilder.Item], units: [QueryUnit], limit: Int,
                             offset: Int) -> (hits: [SearchResponse.Hit], matchedAll: Bool) {
        let required = units.filter { !$0.optional }.reduce(0) { $0 + $1.weight }
        var matchedAll = false
        var strict: [(hit: SearchResponse.Hit, missing: [String])] = []
        var rest: [(hit: SearchResponse.Hit, missing: [String], share: Double)] = []
        for (pair, item) in zip(built, items) {
            let folded = pair.tokens.map(\.folded)
            let held = units.map { $0.isHeld(by: folded) }
            let missing = zip(units, held).filter { !$0.1 }.map(\.0.words)
            if !item.relaxed && !item.partial {
                strict.append((pair.hit, missing))
                if !zip(units, held).contains(where: { !$0.0.optional && !$0.1 }) { matchedAll = true }
                continue
            }
            let share = Self.share(of: units, held: held, required: required)
            let inArticle = pair.article.map { article in Self.share(of: units, held: units.map { $0.isHeld(by: article) }, required: required) } ?? share
            let holds = (share + inArticle) / 2
            if item.partial && (holds < Self.partialShare || zip(units, held).contains { $0.0.community && !$0.1 }) { continue }
            rest.append((pair.hit, missing, holds))
        }
        // Stable: equal shares keep the ranking's order.
        let ordered = strict + rest.enumerated().sorted { ($0.element.share, -$0.offset) > ($1.element.share, -$1.offset) }
            .map { ($0.element.hit, $0.element.missing) }
        let hits = ordered.prefix(limit).enumerated().map { i, entry in
            let hit = entry.0
            return SearchResponse.Hit(rank: offset + i + 1, score: hit.score, article: hit.article, passage: hit.passage,
                                      entities: hit.entities, relaxed: hit.relaxed, missing: entry.1)
        }
        return (hits, matchedAll)
    }

    /// The share of the required units' weight that `held` marks.
    private static func share(of units: [QueryUnit], held: [Bool], required: Double) -> Double {
        guard required > 0 else { return 1 }
        return zip(units, held).filter { !$0.0.optional && $0.1 }.reduce(0) { $0 + $1.0.weight } / required
    }

    /// The docids this thread ranks, and the facet counter's share of the work under way.
    typealias SharedRanking = (mine: ClosedRange<UInt32>, theirs: FacetCounter.Pending<FacetCounter.SharedWork?>)

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

    /// The title and lead prior held in memory, from a revision's second search on. Read
    /// from the index, the prior seeks in a value stream for every candidate passage; held,
    /// a search looks it up in memory, sooner and with the same answers. Reading all of it
    /// takes longer than one search saves, so a one-off CLI search does not, while the
    /// server and `--batch` do. nil for a stub (see `HeldValueWeights`).
    private func heldPrior() throws -> HeldValueWeights? {
        searchesThisRevision += 1
        if searchesThisRevision == 2 {
            keptPrior = try HeldValueWeights(database: database, slot: .kind, weights: QueryBuilder.kindPrior)
        }
        return keptPrior
    }

    /// Every model name in the index, as keys (for `model:` filters), read once per revision.
    private func modelKeys() throws -> [String] {
        if let known = knownModelKeys { return known }
        let keys = try FacetCounter.modelKeys(in: database)
        knownModelKeys = keys
        return keys
    }

    /// The archivists' synonyms stored by the indexer, read once per revision.
    private func synonyms() throws -> Synonyms {
        if let known = knownSynonyms { return known }
        let text = try database.metadata(MetadataKey.synonyms)
        let parsed = text.isEmpty ? Synonyms.empty : try Synonyms(text: text, analyzer: analyzer)
        knownSynonyms = parsed
        return parsed
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
    private static func firstPassApplies(to request: SearchRequest) -> Bool {
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
