import Foundation
import Testing
@testable import VNSearch

/// A quoted phrase is ranked and its facets counted in one pass per part of the docids,
/// one part on the facet counter's thread (`PagePart`): its pages must be those of one
/// ranking of all the docids, its facets and totals those of one count.
@Suite(.serialized) struct PhrasePartTests {
    var indexed: CorpusIntegrationTests.IndexedCorpus { get throws { try CorpusIntegrationTests.shared.get() } }

    @Test func aPhraseRankedInTwoPartsAnswersAsOnePass() throws {
        let db = try indexed.db
        let split = try SearchEngine(databasePath: db)
        // As the server runs it beside other searches: the phrase is still split.
        let busy = try SearchEngine(databasePath: db)
        busy.sharesFirstPass = false
        let onePass = try SearchEngine(databasePath: db, broadPassages: QueryBuilder.defaultBroadPassages, sharesWork: false)
        let queries = ["\"công an\"", "\"người dân\"", "\"cong an\"", "\"kinh tế\" -xã", "\"người dân\" province:\"Hà Nội\"",
                       "\"đồng bào\"", "\"có thể\""]
        var compared = 0
        for query in queries {
            #expect(try onePass.top(query, limit: 100).results.count > 20, "'\(query)' matches too few articles in the sample")
            for page in [request(query), request(query) { $0.perArticle = 3 }, request(query) { $0.offset = 20; $0.limit = 30 }] {
                let whole = try onePass.search(request(query) { $0.perArticle = page.perArticle; $0.limit = 100 })
                let reference = try whole.page(offset: page.offset, limit: page.limit)
                if reference != nil { compared += 1 }
                for answer in [try split.search(page), try busy.search(page)] {
                    #expect(try json(answer.facets) == json(whole.facets) && answer.total == whole.total
                            && answer.facetsExact == whole.facetsExact, "'\(query)' counts differ when ranked in two parts")
                    if let reference {
                        #expect(try json(answer.results) == reference, "'\(query)' ranks differently in two parts")
                    }
                }
            }
        }
        #expect(compared >= 12)
    }

    /// A phrase the sample holds nowhere: no hits, no facets, an exact zero.
    @Test func aPhraseNothingHoldsAnswersEmpty() throws {
        let answer = try SearchEngine(databasePath: try indexed.db).search(request("\"Khmer Hà Nội Khmer\""))
        #expect(answer.results.isEmpty)
        #expect(answer.total == 0)
        #expect(answer.facetsExact)
        #expect(answer.facets.province.isEmpty)
    }
}

extension SearchResponse {
    /// The hits of a page cut from these, as JSON; nil when a result past these may belong
    /// on it. Once its page is full, Xapian skips passages that weigh no more than the
    /// page's last, so among passages of the last weight it may keep one that sorts after
    /// another by article id: only results weighing more than the last of a full page of
    /// 100 are surely in their place.
    func page(offset: Int, limit: Int) throws -> NSObject? {
        let hits = Array(results.dropFirst(offset).prefix(limit))
        if results.count == 100, let last = hits.last, last.score <= results[99].score { return nil }
        return try json(hits)
    }
}

/// A value as JSON objects, to compare.
func json<T: Encodable>(_ value: T) throws -> NSObject {
    try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value), options: [.fragmentsAllowed]) as! NSObject
}
