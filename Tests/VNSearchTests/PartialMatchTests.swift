import Foundation
import Testing
@testable import VNSearch
import VNTestSupport

/// No dead ends: questions and over-specified queries find the passage that answers them,
/// saying which words it lacks; names are never split, and a typo is corrected.
@Suite struct PartialMatchTests {
    private let superBowl = [
        "a.txt": "Date: 2016-02-08\nSuper Bowl 50\nLady Gaga đã biểu diễn quốc ca tại Super Bowl 50 trước hàng chục nghìn khán giả.",
        "b.txt": "Bóng đá\nĐội tuyển thắng trận đấu tại sân vận động trước khán giả nhà.",
        "c.txt": "Ca nhạc\nCa sĩ hát ca khúc mới trong đêm nhạc tại Hà Nội.",
    ]

    /// The answer says "biểu diễn", not "hát", and no `Ai`: it still comes first, lacking them.
    @Test func aQuestionFindsThePassageThatAnswersIt() throws {
        let (folder, engine) = try Fixtures.corpusIndex(superBowl)
        _ = folder
        for query in ["Ai đã hát Quốc Ca tại Super Bowl 50?", "ai da hat quoc ca tai super bowl 50"] {
            let response = try engine.top(query)
            let first = try #require(response.results.first, "\(query)")
            #expect(first.article.title == "Super Bowl 50", "\(query)")
            #expect(first.missing?.contains { $0.lowercased() == "hát" || $0 == "hat" } == true, "\(query)")
            #expect(response.matchedAll == false)
        }
        // The facets count what is shown: the page's map and timeline have something to say.
        let question = try engine.top("Ai đã hát Quốc Ca tại Super Bowl 50?")
        #expect(question.total == question.results.count)
        #expect(question.facets.year == ["2016": 1])
        let whole = try engine.top("quốc ca Super Bowl")
        #expect(whole.matchedAll)
        #expect(whole.results.first?.missing == [])
    }

    /// One word too many (`người`) does not empty the page.
    @Test func anOverSpecifiedQueryFindsItsArticle() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Lễ hội Oóc Om Bóc\nĐồng bào Khmer ở Sóc Trăng tổ chức lễ hội đua ghe ngo.",
            "b.txt": "Mùa lúa\nNgười nông dân ở Sóc Trăng thu hoạch lúa sớm.",
            "c.txt": "Trăng rằm\nNgười Khmer ngắm trăng rằm bên chùa.",
            // `người` is in most passages, as in any news corpus: it weighs little.
            "d.txt": "Tin vắn\nNgười dân đi chợ. Người bán hàng vui vẻ.",
            "e.txt": "Thời tiết\nNgười dân chú ý mưa lớn.",
            "f.txt": "Giao thông\nNgười đi đường cẩn thận.",
        ])
        _ = folder
        let response = try engine.top("người Khmer Sóc Trăng")
        #expect(response.results.first?.article.title == "Lễ hội Oóc Om Bóc")
        #expect(response.results.first?.missing == ["người"])
        // A partial match holds a name whole or lacks it whole: `trăng` alone is the moon.
        let moon = response.results.first { $0.article.title == "Trăng rằm" }
        #expect(moon == nil || moon?.missing == ["Sóc Trăng"])
    }

    /// A partial match never lacks the community the query names: without it a passage
    /// is about something else.
    @Test func aPartialMatchKeepsTheCommunity() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Mùa nước nổi\nNgười dân An Giang đón mùa nước nổi về.",
            "b.txt": "Làng Chăm\nĐồng bào Chăm ở An Giang giữ nghề dệt thổ cẩm.",
            "c.txt": "Tin vắn\nNgười dân đi chợ sớm.",
        ])
        _ = folder
        let response = try engine.top("người Chăm An Giang")
        #expect(response.results.first?.article.title == "Làng Chăm")
        #expect(!response.results.contains { $0.article.title == "Mùa nước nổi" })
    }

    /// A query of one word (two syllables) is never cut to one of them, and a nonsense
    /// word finds nothing.
    @Test func aWordIsNotSplit() throws {
        let (folder, engine) = try Fixtures.seedIndex()
        _ = folder
        #expect(try engine.top("Hoa Kỳ").results.isEmpty)
        #expect(try engine.top("xyzzyq").results.isEmpty)
        #expect(try engine.top("\"an ninh Hoa Kỳ\"").results.isEmpty)
    }

    /// A word in no passage with a correction: the corrected query's results, said so.
    @Test func aTypoIsCorrectedAndSaid() throws {
        let (folder, engine) = try Fixtures.seedIndex()
        _ = folder
        let response = try engine.top("an nnh Tổ quốc")
        #expect(response.corrected == "an ninh Tổ quốc")
        #expect(response.query == "an nnh Tổ quốc")
        #expect(response.results.first?.passage.text.contains("an ninh Tổ quốc") == true)
        var asTyped = SearchRequest(query: "an nnh Tổ quốc")
        asTyped.correct = false
        let exact = try engine.search(asTyped)
        #expect(exact.corrected == nil)
        #expect(exact.results.allSatisfy { $0.missing?.contains("nnh") == true })
        #expect(try engine.top("an ninh Tổ quốc").corrected == nil)
    }
}
