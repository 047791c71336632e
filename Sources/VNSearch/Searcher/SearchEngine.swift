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
        try request.validate()

        // Read the query and plan its tiers (the facet counter's thread counts beside).
        let termFrequency = { [unowned self] (term: String) throws -> Int in try self.database.termFrequency(term) }
        let syntaxText = try analyzer.normalizeQuery(request.query)
        let syntax = QuerySyntax(parsing: syntaxText)
        let synonyms = try synonyms()
        let prior = try heldPrior()
        // A broad query's first pass, or a quoted phrase's page and count, is ranked in two
        // parts of the docids, the first here and the second on the facet counter's thread,
        // when its database is this one at this revision (see `TierRanker` and `PagePart`).
        var split: (mine: ClosedRange<UInt32>, theirs: ClosedRange<UInt32>)?
        if sharesWork && revisionsAligned && TierRanker.firstPassApplies(to: request) {
            let last = try database.lastDocid
            if last >= 2 { split = (1...last / 2, last / 2 + 1...last) }
        }
        let passagesPerPart = PagePart.itemsNeeded(offset: request.offset, limit: request.limit, perArticle: request.perArticle)
        // Counted beside the ranking below (FacetCounter), and waited for at the end.
        let (facetCount, theirShare) = facetCounter.start(
            syntax, request: request, synonyms: synonyms, broadPassages: broadPassages,
            share: split.map { .init(range: $0.theirs, articles: sharesFirstPass ? TierRanker.rescoredArticles : nil,
                                     passages: passagesPerPart, perArticle: request.perArticle, prior: prior) })
        let context = ContextReadings(database: database, analyzer: analyzer, passageText: hits.passageText, termFrequency: termFrequency)
        let built = try QueryBuilder(analyzer: analyzer, interpreter: interpreter, names: names, modelKeys: { [unowned self] in try self.modelKeys() },
                                 termFrequency: termFrequency, synonyms: synonyms,
                                 broadPassages: broadPassages, heldPrior: prior, context: context).build(syntax, request: request)
        let shared = split.flatMap { split in theirShare.map { (mine: split.mine, theirs: $0) } }
        let ranker = TierRanker(database: database, relaxedCandidates: relaxedCandidates)

        // Rank, build the page's hits, say what each lacks.
        let ranked = try ranker.rankPage(built, request, passagesPerPart: passagesPerPart,
                                         shared: shared, sharesFirstPass: sharesFirstPass)
        let pageHits = try buildHits(ranked.items, terms: built.highlight)
        let (hits, matchedAll) = HitAssembler.assemble(pageHits, items: ranked.items, units: built.units,
                                                        limit: request.limit, offset: request.offset)
        let passageTokens = pageHits.map(\.tokens)

        // A count that failed (the database changed under it) makes the whole search run
        // again. When only the fallback answers, its passages are counted here instead.
        // When only partial matches answer (a question), the facets count the passages
        // shown: the partial tier's own matches are most of the index.
        let shownArticles = Set(hits.map(\.article.id))
        let onlyPartial = !hits.isEmpty && ranked.items.allSatisfy(\.partial)
            ? ranked.items.filter { shownArticles.contains($0.articleID) }.map(\.docid).sorted() : nil
        var (facets, total, exact) = if let partCounts = ranked.partCounts {
            partCounts
        } else if let relaxedMatching = ranked.relaxedMatching {
            try FacetCounter.count(relaxedMatching, in: database)
        } else if hits.isEmpty && ranked.matchesNothing {
            (SearchResponse.Facets(), 0, true)
        } else if let shown = onlyPartial {
            try FacetCounter.count(Query.docids(shown), in: database)
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
                     fixed: built.interpretation,
                     context: unknown.isEmpty ? context : nil)
        let interpreted = SearchResponse.Interpreted(
            built.interpretation, readings: built.typedWithDiacritics ? nil : suggestion ?? syntaxText)

        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000
        let response = SearchResponse(
            query: request.query, total: total, tookMs: (elapsed * 100).rounded() / 100,
            relaxed: ranked.relaxedMatching != nil && !hits.isEmpty, suggestion: suggestion, interpreted: interpreted,
            matchedAll: matchedAll, results: hits, facets: facets, facetsExact: exact)
        if !unknown.isEmpty && request.correct,
           let corrected = try Suggester(analyzer: analyzer, termFrequency: termFrequency).corrected(query: syntaxText, unknown: unknown) {
            return try searchCorrected(request, corrected, started: started) ?? response
        }
        return response
    }

    /// The hits of the page's items. The facet counter's thread helps once its count is
    /// done, when its database is at this one's revision (docids are this database's).
    private func buildHits(_ items: [HitBuilder.Item], terms: Highlighter.Terms) throws -> [HitBuilder.Built] {
        guard revisionsAligned && items.count > 1 else { return try hits.build(items, terms: terms) }
        let page = SharedPage(items)
        let helper = facetCounter.startHits(page, terms: terms)
        try page.build(with: hits, terms: terms)
        try helper.wait()
        return page.hits
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
}
