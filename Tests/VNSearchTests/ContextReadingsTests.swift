import Foundation
import Testing
@testable import VNSearch
import VNAnalysis
import VNTestSupport

/// Readings in context: a query typed without diacritics is read as the index writes its
/// runs of syllables, not syllable by syllable. Small corpora where each syllable's
/// commonest reading alone is the wrong one.
@Suite struct ContextReadingsTests {
    /// `tốc` (speed) is the commonest `toc` here, yet after `dan` the corpus writes `tộc`.
    static let corpus = [
        "a.txt": "Tốc độ\nXe chạy tốc độ cao, tốc độ vượt mức cho phép, tăng tốc trên cao tốc.",
        "b.txt": "Tốc hành\nTàu tốc hành và xe tốc hành chạy tốc độ cao.",
        "c.txt": "Đồng bào\nĐồng bào dân tộc ở vùng sâu được hỗ trợ. Các nhóm thiểu số giữ nghề dệt.",
        "d.txt": "Giấy tờ\nNgười dân ở Cầu Giấy làm giấy tờ nhà đất nhanh hơn.",
        "e.txt": "Lễ hội\nLễ hội của người Giáy ở Lào Cai diễn ra vào mùa xuân.",
        "f.txt": "Xe buýt\nXe đang đi thì hỏng. Xe đang đi chậm, xe đang đi về bến.",
        "g.txt": "Chăm sóc\nNgười Chăm An Giang chăm sóc vườn nho.",
        "h.txt": "Bóng đá\nĐội vẫn quyết thắng. Họ vẫn quyết giữ sức, vẫn quyết tâm. Tiền đạo Văn Quyết ghi bàn.",
    ]

    /// The whole run is in a passage: it is read as written there.
    @Test func aRunIsReadAsThePassagesWriteIt() throws {
        let (folder, engine) = try Fixtures.corpusIndex(Self.corpus)
        _ = folder
        #expect(try engine.top("dan toc").interpreted?.readings == "dân tộc")
        #expect(try engine.top("dan toc").suggestion == "dân tộc")
        #expect(try engine.top("toc do").interpreted?.readings == "tốc độ")
    }

    /// No passage holds the whole run (`dan toc thieu so`): its pairs are read together,
    /// and `tộc` after `dân` wins over the commoner `tốc`.
    @Test func pairsAreReadTogetherWhenNoPassageHoldsTheRun() throws {
        let (folder, engine) = try Fixtures.corpusIndex(Self.corpus)
        _ = folder
        let response = try engine.top("dan toc thieu so")
        #expect(response.interpreted?.readings == "dân tộc thiểu số")
    }

    /// A lower-case syllable without diacritics is no community's name by itself: `cau
    /// giay` is the district (`Cầu Giấy`), `nguoi giay` the Giáy.
    @Test func anUnaccentedSyllableAloneIsNoCommunity() throws {
        let (folder, engine) = try Fixtures.corpusIndex(Self.corpus)
        _ = folder
        let district = try engine.top("cau giay")
        #expect(district.interpreted?.ethnic == [])
        #expect(district.interpreted?.readings == "Cầu Giấy")
        #expect(district.results.first?.article.title == "Giấy tờ")
        let community = try engine.top("nguoi giay")
        #expect(community.interpreted?.ethnic == ["Giáy"])
        #expect(community.interpreted?.readings == "người Giáy")
        #expect(community.results.first?.article.title == "Lễ hội")
        #expect(try engine.top("Giay").interpreted?.ethnic == ["Giáy"])
    }

    /// Two lower-case syllables without diacritics are no community either (`xe dang` is
    /// not the Xê Đăng); a name fixes only its own syllables, not the same syllable
    /// elsewhere in the query (`nguoi cham an giang cham soc`); a capital that starts a
    /// sentence says nothing of a reading.
    @Test func aNameFixesOnlyItsOwnSyllables() throws {
        let (folder, engine) = try Fixtures.corpusIndex(Self.corpus)
        _ = folder
        let bus = try engine.top("xe dang di")
        #expect(bus.interpreted?.ethnic == [])
        #expect(bus.interpreted?.readings == "xe đang đi")
        let care = try engine.top("nguoi cham an giang cham soc")
        #expect(care.interpreted?.ethnic == ["Chăm"])
        #expect(care.interpreted?.readings == "người Chăm An Giang chăm sóc")
    }

    /// A capital typed on a syllable reads it as the passages that capitalise it write it:
    /// `Van Quyet` is the player, `van quyet` the commoner `vẫn quyết`; `Cau Giay` the
    /// district, not the Giáy.
    @Test func capitalsReadSyllablesAsNames() throws {
        let (folder, engine) = try Fixtures.corpusIndex(Self.corpus)
        _ = folder
        #expect(try engine.top("van quyet").interpreted?.readings == "vẫn quyết")
        #expect(try engine.top("Van Quyet").interpreted?.readings == "Văn Quyết")
        let district = try engine.top("Cau Giay")
        #expect(district.interpreted?.ethnic == [])
        #expect(district.interpreted?.readings == "Cầu Giấy")
    }

    /// A comma ends a run: neighbours across it say nothing of each other.
    @Test func runsEndAtPunctuation() throws {
        let analyzer = VietnameseAnalyzer()
        let query = "nguoi dan, toc do cao"
        let runs = ContextReadings.runs(try analyzer.tokens(query), in: query)
        #expect(runs == [0..<2, 2..<5])
    }
}
