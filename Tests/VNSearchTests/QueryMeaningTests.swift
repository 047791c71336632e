import Foundation
import Testing
@testable import VNSearch
import VNTestSupport

/// What a query means, not only its strings: words as units, capitals, the names a query
/// mentions, readings those names fix, filters that rank. Small corpora written so that
/// the strings alone would pick the wrong passage.
@Suite struct QueryMeaningTests {
    /// Flowers, a beauty queen and a grower all hold `người` and `hoa`; only one passage is
    /// about the Hoa, and it comes first however the query is typed.
    @Test func nguoiHoaIsTheCommunityNotFlowers() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Chợ hoa Tết\nNgười dân đổ về chợ hoa, hoa cúc và hoa hồng bán chạy, người bán hoa vui vẻ.",
            "b.txt": "Hoa hậu về quê\nHoa hậu Việt Nam được người dân quê hương chào đón.",
            "c.txt": "Tết của người Hoa\nCộng đồng người Hoa ở Bạc Liêu đón Tết Nguyên tiêu.",
        ])
        _ = folder
        for query in ["người Hoa", "người hoa", "nguoi Hoa", "nguoi hoa", "NGƯỜI HOA"] {
            let response = try engine.top(query)
            #expect(response.results.first?.article.title == "Tết của người Hoa", "\(query)")
            #expect(response.interpreted?.ethnic == ["Hoa"], "\(query)")
        }
        #expect(try engine.top("nguoi Hoa").suggestion == "người Hoa")
        #expect(try engine.top("nguoi Hoa").interpreted?.readings == "người Hoa")
        #expect(try engine.top("người Hoa").interpreted?.readings == nil)
    }

    /// `người chăm sóc` is a carer; `người Chăm`, the community. Typed without diacritics,
    /// the name fixes the reading: `nguoi cham an giang` is not exam marking (`chấm`).
    @Test func nguoiChamAnGiangIsTheChamOfAnGiang() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Chấm thi ở An Giang\nNgười chấm thi ở An Giang làm việc đến khuya, người chấm bài cẩn thận.",
            "b.txt": "Chăm sóc người già\nNgười chăm sóc người già ở An Giang được tập huấn.",
            "c.txt": "Xóm đạo Hồi giáo\nĐồng bào người Chăm ở An Giang giữ gìn an ninh trật tự xóm làng.",
        ])
        _ = folder
        for query in ["người Chăm An Giang", "nguoi cham an giang", "nguoi Cham An Giang", "người chăm an giang"] {
            let response = try engine.top(query)
            #expect(response.results.first?.article.title == "Xóm đạo Hồi giáo", "\(query)")
            #expect(response.interpreted?.ethnic == ["Chăm"], "\(query)")
            #expect(response.interpreted?.province == ["An Giang"], "\(query)")
        }
        #expect(try engine.top("nguoi cham an giang").suggestion == "người Chăm An Giang")
        // Without a community in the query, carers are carers.
        #expect(try engine.top("người chăm sóc").interpreted?.ethnic == [])
    }

    /// Asked about a community, a passage that names it comes before passages that hold
    /// every word in another sense (`chăm sóc cộng đồng`), and says what it lacks; a
    /// passage that names neither is not shown at all.
    @Test func aPassageOnTheCommunityOutranksEveryWordInAnotherSense() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Y tế cơ sở\nNgười chăm sóc sức khỏe cộng đồng được tập huấn ở Ninh Thuận.",
            "b.txt": "Làng gốm Bàu Trúc\nNgười Chăm ở Ninh Thuận giữ nghề gốm của cha ông.",
            "c.txt": "Chợ quê\nNgười dân đi chợ phiên đầu tháng.",
        ])
        _ = folder
        for query in ["cộng đồng người Chăm", "cong dong nguoi cham", "cộng đồng người chăm"] {
            let response = try engine.top(query)
            #expect(response.results.map(\.article.title) == ["Làng gốm Bàu Trúc", "Y tế cơ sở"], "\(query)")
            #expect(response.results.first?.missing?.count == 2, "\(query)")
            #expect(response.results.last?.missing == [], "\(query)")
            #expect(response.matchedAll, "\(query)")
        }
        // Without the community, the words rank as before: every word first.
        #expect(try engine.top("cộng đồng người").results.first?.article.title == "Y tế cơ sở")
    }

    /// A province the query names is its syllables in a row: a passage holding them apart
    /// (`chăm sóc … trang bị`) holds no `Sóc Trăng`, so no passage here holds every word,
    /// and the one naming the province comes first.
    @Test func aProvinceIsNamedNotScattered() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Bệnh viện\nBệnh viện giữ an ninh trật tự, chăm sóc người bệnh và trang bị máy mới.",
            "b.txt": "Công an tỉnh\nCông an tỉnh Sóc Trăng giữ vững an ninh ở nông thôn.",
            "c.txt": "An ninh mạng\nDoanh nghiệp bảo đảm an ninh mạng.",
            "d.txt": "Trật tự đô thị\nPhường lập lại trật tự đô thị.",
            "e.txt": "Tin vắn\nNgười dân an tâm sản xuất, giữ trật tự.",
        ])
        _ = folder
        for query in ["an ninh trật tự Sóc Trăng", "an ninh trat tu soc trang"] {
            let response = try engine.top(query)
            #expect(!response.matchedAll, "\(query)")
            #expect(response.results.first?.article.title == "Công an tỉnh", "\(query)")
            #expect(response.results.allSatisfy { $0.missing?.isEmpty == false }, "\(query)")
        }
    }

    /// A capital in the query means the name: `Chăm` ranks the passage that writes it so
    /// mid-sentence first, `chăm` alone does not ask for it.
    @Test func aCapitalAsksForTheName() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Vườn rau\nBà con chăm chút vườn rau, chăm bón mỗi ngày, chăm lo mùa vụ.",
            "b.txt": "Lễ hội\nLễ hội của bà con Chăm diễn ra vui vẻ.",
        ])
        _ = folder
        #expect(try engine.top("Chăm").results.first?.article.title == "Lễ hội")
        #expect(try engine.top("bà con Chăm").results.first?.article.title == "Lễ hội")
    }

    /// Syllables side by side outweigh the same syllables apart, title prior and repeated
    /// words included.
    @Test func aWordOutranksItsSyllablesApart() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "An toàn ở Ninh Bình\nNinh Bình an toàn, Ninh Bình bình an, người dân Ninh Bình an tâm.",
            "b.txt": "Tin trong tỉnh\nCông an huyện họp bàn việc bảo đảm an ninh nông thôn.",
        ])
        _ = folder
        let response = try engine.top("an ninh")
        #expect(response.results.first?.article.title == "Tin trong tỉnh")
    }

    /// Phrases and synonyms do not reach across a sentence end: `khổ. Mẹ` is not `Khơ-me`.
    @Test func phrasesAndSynonymsStopAtASentenceEnd() throws {
        let (folder, engine) = try Fixtures.corpusIndex([
            "a.txt": "Gia cảnh\nCuộc sống của người dân còn khổ. Mẹ tôi bán rau ngoài chợ.",
            "b.txt": "Chùa Khmer\nĐồng bào Khơ-me đón lễ ở chùa.",
            "synonyms.txt": "Khơ-me = Khmer\n",
        ])
        _ = folder
        #expect(!(try engine.top("\"khổ mẹ\"").results.map(\.article.title).contains("Gia cảnh")))
        #expect(!(try engine.top("khổ mẹ").results.first?.article.title == "Gia cảnh"))
        #expect(try engine.top("Khmer").results.map(\.article.title) == ["Chùa Khmer"])
        // Written with diacritics, the member matches as written, not any folded look-alike.
        try folder.write("corpus/c.txt", "Nghèo\nNhà nghèo khổ mẹ con nương tựa nhau.")
        _ = try Indexer(databasePath: folder.path + "/index").run(paths: [folder.path + "/corpus"])
        try engine.refresh()
        #expect(try engine.top("Khmer").results.map(\.article.title) == ["Chùa Khmer"])
    }
}
