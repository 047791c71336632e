import Testing
@testable import VNAnalysis

@Suite struct TokenTests {
    let analyzer = VietnameseAnalyzer()

    private func surfaces(_ text: String) throws -> [String] {
        try analyzer.tokens(text).map(\.surface)
    }

    @Test func syllablesAreTokensWithPositions() throws {
        let tokens = try analyzer.tokens("Đồng bào dân tộc Khmer.")
        #expect(tokens.map(\.surface) == ["Đồng", "bào", "dân", "tộc", "Khmer"])
        #expect(tokens.map(\.position) == [1, 2, 3, 4, 5])
        #expect(tokens.map(\.folded) == ["dong", "bao", "dan", "toc", "khmer"])
        #expect(tokens.map(\.exact) == ["đồng", "bào", "dân", "tộc", "khmer"])
    }

    @Test func byteOffsetsPointAtTheSyllable() throws {
        let text = "Tỉnh ủy Sóc Trăng"
        let bytes = Array(text.utf8)
        for token in try analyzer.tokens(text) {
            #expect(String(decoding: bytes[token.range], as: UTF8.self) == token.surface)
        }
    }

    @Test func numbersStayWhole() throws {
        #expect(try surfaces("hơn 181.000 nguồn tin") == ["hơn", "181.000", "nguồn", "tin"])
        #expect(try surfaces("giao nộp 18.565 vũ khí") == ["giao", "nộp", "18.565", "vũ", "khí"])
        #expect(try surfaces("giai đoạn 2018-2024") == ["giai", "đoạn", "2018-2024"])
        #expect(try surfaces("Ngày 15/8, Bộ") == ["Ngày", "15/8", "Bộ"])
        #expect(try surfaces("từ ngày 29/6-1/7") == ["từ", "ngày", "29/6-1/7"])
    }

    @Test func abbreviationsStayWhole() throws {
        #expect(try surfaces("người dân TP.HCM") == ["người", "dân", "TP.HCM"])
        #expect(try analyzer.tokens("TP.HCM")[0].folded == "tp.hcm")
    }

    @Test func groupedNumbersAlsoIndexTheirDigits() throws {
        let tokens = try analyzer.tokens("181.000 và 2018-2024")
        #expect(tokens[0].digits == "181000")
        #expect(tokens[2].digits == nil)
    }

    @Test func oldAndNewTonePlacementGiveTheSameTerms() throws {
        let old = try analyzer.tokens("Hoà giải, thuỷ lợi, sức khoẻ")
        let new = try analyzer.tokens("Hòa giải, thủy lợi, sức khỏe")
        #expect(old.map(\.exact) == new.map(\.exact))
        #expect(old.map(\.folded) == ["hoa", "giai", "thuy", "loi", "suc", "khoe"])
    }

    @Test func punctuationIsNotAToken() throws {
        #expect(try analyzer.tokens("... ; -- “” ()").isEmpty)
    }
}
