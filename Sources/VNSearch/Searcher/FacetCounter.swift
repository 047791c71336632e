import Foundation
import VNAnalysis

/// Counts a search's facets on a second thread while the engine ranks the search on its
/// own. The facet pass reads up to `depth` passages, a good part of a query's time;
/// beside the ranked pass it costs the answer nothing when a core is free.
///
/// Once the count is done, the same thread helps build the page's hits (`startHits`).
///
/// Xapian objects are not thread-safe, down to a query's reference count, so this side
/// has its own database, analyzer and query, built from the same request. Its queue runs
/// one task at a time; `reopen` and `waitForTaskUnderWay` wait for the one under way.
final class FacetCounter: @unchecked Sendable {
    /// Passages examined for facet counts; beyond this the counts are estimates.
    static let depth = 5_000

    typealias Counts = (facets: SearchResponse.Facets, total: Int, exact: Bool)

    /// A count (or hits) under way.
    final class Pending<Value>: @unchecked Sendable {
        fileprivate let done = DispatchSemaphore(value: 0)
        fileprivate var result: Result<Value, Error>?

        fileprivate func finish(_ result: Result<Value, Error>) {
            self.result = result
            done.signal()
        }

        /// The result, or the failure of the work (a database changed under it, say).
        func wait() throws -> Value {
            done.wait()
            done.signal()  // a second wait returns at once
            return try result!.get()
        }
    }

    private let database: Database
    private let names: EntityNames
    private let analyzer = VietnameseAnalyzer()
    private let interpreter: QueryInterpreter
    private let queue = DispatchQueue(label: "vnsearch.facets")
    /// Builds hits of a page the engine shares (see `SharedPage`). Only touched on `queue`.
    private let hits: HitBuilder
    /// The model names of the open revision (for `model:` filters), read once per
    /// revision as the engine reads its own. Only touched on `queue`.
    private var knownModelKeys: [String]?

    /// Opens its own database at `path`, right after the engine opens its own (which
    /// brings the two to one revision: `SearchEngine.alignRevisions`).
    init(path: String, names: EntityNames) throws {
        database = try Database(path: path)
        self.names = names
        interpreter = try QueryInterpreter(analyzer: analyzer)
        hits = HitBuilder(database: database, analyzer: analyzer)
    }

    /// This thread's part of the engine's ranking, over the docids of `range`: a broad
    /// query's first pass (see `TierRanker.rankedQuery`), or a quoted phrase's page with
    /// its facets (see `PagePart`).
    struct Share: Sendable {
        let range: ClosedRange<UInt32>
        /// Articles a first pass keeps; nil when the engine ranks a broad query's first pass
        /// on its own.
        let articles: Int?
        /// Passages a phrase's part keeps, and how many of an article.
        let passages: Int
        let perArticle: Int
        /// The engine's held title and lead prior, if it holds one: the same weights as the
        /// value map, found sooner.
        let prior: HeldValueWeights?
    }

    /// What this thread did with its share.
    enum SharedWork: Sendable {
        /// The best articles of a broad query's first pass in the range.
        case firstPass([TierRanker.RankedArticle])
        /// A phrase's part, counts included: this thread counts nothing else.
        case page(PagePart)
    }

    /// Starts counting the passages the request matches (its `QueryBuilder.Built.matching`).
    /// Given a share, first does it when the query is broad or one phrase (nil when it is
    /// neither), for the engine waiting on it.
    func start(_ syntax: QuerySyntax, request: SearchRequest, synonyms: Synonyms, broadPassages: Int,
               share: Share? = nil) -> (counts: Pending<Counts>, shared: Pending<SharedWork?>?) {
        let shared = share.map { _ in Pending<SharedWork?>() }
        let counts = run { [self] in
            let built: QueryBuilder.Built
            do {
                built = try build(syntax, request, synonyms, broadPassages, prior: share?.prior, ranks: share != nil)
            } catch {
                shared?.finish(.failure(error))
                throw error
            }
            if let share, let shared {
                if built.isOnePhrase {
                    let part = Result {
                        try PagePart.rank(built.strict, in: share.range, maxItems: share.passages,
                                          perArticle: share.perArticle, database: database)
                    }
                    shared.finish(part.map { .page($0) })
                    return try part.get().counts
                }
                shared.finish(Result {
                    guard let articles = share.articles, let firstPass = built.firstPasses.first else { return nil }
                    return .firstPass(try TierRanker.rankedArticles(
                        firstPass.query(within: Query.docids(share.range)), count: articles, in: database))
                })
            }
            return try Self.count(built.matching, in: database)
        }
        return (counts, shared)
    }

    /// Starts building what the engine has not taken of `page`, after the count under
    /// way. Only for a database at the engine's revision: the items' docids are the
    /// engine's.
    func startHits(_ page: SharedPage, terms: Highlighter.Terms) -> Pending<Void> {
        run { [self] in try page.build(with: hits, terms: terms) }
    }

    private func run<Value>(_ work: @escaping @Sendable () throws -> Value) -> Pending<Value> {
        let pending = Pending<Value>()
        queue.async { pending.finish(Result { try work() }) }
        return pending
    }

    /// Waits for the task under way. A search does not wait for a count it has no use
    /// for (the fallback counts its own); that count must still end before the engine
    /// does, or a one-off process may exit with it in Xapian.
    func waitForTaskUnderWay() {
        queue.sync {}
    }

    /// Picks up the latest revision, as the engine's own database does (once the count
    /// under way is done).
    @discardableResult
    func reopen() throws -> Bool {
        try queue.sync {
            let moved = try database.reopen()
            if moved {
                knownModelKeys = nil
                hits.forgetRevision()
            }
            return moved
        }
    }

    var revision: Int {
        get throws { try queue.sync { try database.revision } }
    }

    /// `ranks`: this thread ranks part of the engine's work, so the query must weigh as
    /// the engine's does (readings in context included); a count alone needs no weights,
    /// and no second sampling of the readings.
    private func build(_ syntax: QuerySyntax, _ request: SearchRequest, _ synonyms: Synonyms, _ broadPassages: Int,
                       prior: HeldValueWeights?, ranks: Bool) throws -> QueryBuilder.Built {
        let database = self.database
        return try QueryBuilder(analyzer: analyzer, interpreter: interpreter, names: names, modelKeys: { [self] in try modelKeys() },
                                termFrequency: { try database.termFrequency($0) }, synonyms: synonyms,
                                broadPassages: broadPassages, heldPrior: prior,
                                context: ranks ? ContextReadings(database: database, analyzer: analyzer, passageText: hits.passageText,
                                                                 termFrequency: { try database.termFrequency($0) }) : nil)
            .build(syntax, request: request)
    }

    /// Facet counts and the number of matching passages, by an unranked pass over up to
    /// `depth` passages (ranking and the adjacency bonus cost nothing there). Exact when
    /// that pass saw every match.
    static func count(_ query: Query, in database: Database) throws -> Counts {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(query)
        try enquire.setBoolWeight()
        let spies = try FacetSpies(enquire)
        let mset = try enquire.mset(first: 0, maxItems: 0, checkAtLeast: depth)
        return try counts(spies, of: enquire, mset)
    }

    /// What `spies` counted over a pass run with check_at_least `depth`, which makes
    /// Xapian examine every match up to depth: spies that saw fewer saw them all.
    static func counts(_ spies: FacetSpies, of enquire: Enquire, _ mset: MSet) throws -> Counts {
        let (facets, seen) = try spies.facets(enquire)
        let exact = seen < depth
        return (facets, exact ? seen : max(seen, mset.matchesEstimated), exact)
    }

    private func modelKeys() throws -> [String] {
        if let known = knownModelKeys { return known }
        let keys = try Self.modelKeys(in: database)
        knownModelKeys = keys
        return keys
    }

    /// Every model name in the index, as keys (for `model:` filters).
    static func modelKeys(in database: Database) throws -> [String] {
        try database.terms(prefix: TermPrefix.articleModel).map { String($0.dropFirst(TermPrefix.articleModel.count)) }
    }
}
