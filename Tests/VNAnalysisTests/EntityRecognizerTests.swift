import Foundation
import Testing
@testable import VNAnalysis

@Suite struct EntityRecognizerTests {
    let recognizer: EntityRecognizer

    init() throws {
        recognizer = try EntityRecognizer()
    }

    private func found(_ text: String) throws -> RecognizedEntities {
        try recognizer.recognize(text)
    }

    /// Offsets index the text as given: an NFD line's spans are its own bytes, not those
    /// of its NFC form (`vnsearch entities --lines` prints them).
    @Test func spansOfTextNotInNFCIndexTheInput() throws {
        let nfd = "Bệnh nhân ở Hà Nội".decomposedStringWithCanonicalMapping
        #expect(nfd.utf8.count == 34)
        let span = try #require(try found(nfd).spans.first)
        #expect(span.value == "Hà Nội")
        #expect((span.start, span.end) == (22, 34))
        #expect(span.text == String(decoding: Array(nfd.utf8)[22..<34], as: UTF8.self))
        // NFC input is unchanged: `Hà Nội` at 17-26.
        let nfc = try #require(try found("Bệnh nhân ở Hà Nội").spans.first)
        #expect((nfc.start, nfc.end) == (17, 26))
    }

    @Test func gazetteersAreComplete() {
        #expect(ProvinceGazetteer.provinces.count == 63)
        #expect(Set(ProvinceGazetteer.provinces.map(\.name)).count == 63)
        #expect(ProvinceGazetteer.mergedProvinces.count == 34)
        #expect(EthnicGazetteer.groups.count == 54)
        #expect(Set(EthnicGazetteer.groups.map(\.name)).count == 54)
    }

    @Test func provincesInTheirUsualForms() throws {
        #expect(try found("tỉnh Bạc Liêu và TP Cần Thơ, thành phố Cần Thơ").province == ["Bạc Liêu", "Cần Thơ"])
        #expect(try found("Người dân TP.HCM, TPHCM và Thành phố Hồ Chí Minh, Sài Gòn").province == ["TP Hồ Chí Minh"])
        #expect(try found("Bà Rịa - Vũng Tàu và Thừa Thiên Huế").province == ["Bà Rịa - Vũng Tàu", "Thừa Thiên Huế"])
        #expect(try found("Du khách đến Huế và Đắc Lắc").province == ["Thừa Thiên Huế", "Đắk Lắk"])
        #expect(try found("Khánh Hoà và Thanh Hoá").province == ["Khánh Hòa", "Thanh Hóa"])
    }

    @Test func provinceLookalikesAreNotProvinces() throws {
        #expect(try found("Tàu đi qua Thái Bình Dương").province.isEmpty)
        #expect(try found("Chị Nguyễn Thị Huế và ông Trần Văn Long An").province.isEmpty)
        #expect(try found("Mọi người mong hòa bình.").province.isEmpty)
        #expect(try found("Học tập tư tưởng Hồ Chí Minh").province.isEmpty)
    }

    @Test func textWithoutDiacriticsIsRecognised() throws {
        let result = try found("nguoi Khmer o Soc Trang va dong bao Hoa o Bac Lieu")
        #expect(result.province == ["Sóc Trăng", "Bạc Liêu"])
        #expect(result.ethnic == ["Khmer", "Hoa"])
    }

    @Test func hoaIsTheCommunityOnlyInContext() throws {
        #expect(try found("người Hoa ở Chợ Lớn").ethnic == ["Hoa"])
        #expect(try found("đồng bào Hoa, dân tộc Hoa, Hoa kiều").ethnic == ["Hoa"])
        for text in ["Quan hệ với Hoa Kỳ", "Cuộc thi hoa hậu", "Chợ hoa mai ngày Tết", "Trung Hoa Dân quốc", "Cố đô Hoa Lư", "người Hoa Kỳ"] {
            #expect(try found(text).ethnic.isEmpty, "\(text)")
        }
    }

    @Test func chamIsTheCommunityNotTheVerb() throws {
        #expect(try found("người Chăm ở An Giang").ethnic == ["Chăm"])
        #expect(try found("Rủ nhau làm tốt xóm Chăm").ethnic == ["Chăm"])
        #expect(try found("tháp Chàm Po Klong Garai").ethnic == ["Chăm"])
        for text in ["Bà con chăm sóc cây lúa", "Chăm sóc sức khỏe", "học sinh chăm chỉ", "chăm làm ăn"] {
            #expect(try found(text).ethnic.isEmpty, "\(text)")
        }
    }

    /// Traps found by judging a sample of tags on the 35k news corpus.
    @Test func placesLanguagesAndFestivalsAreNotCommunities() throws {
        for text in [
            "Công an TP Phan Rang - Tháp Chàm cho biết", "TP.Phan Rang - Tháp Chàm (Ninh Thuận)", "du lịch Cù Lao Chàm, Hội An", "Chăm con đừng chơi game.",
            "Cô học tiếng Hoa", "Lễ hội Hoa Phượng đỏ Hải Phòng", "leo lên chùa Hoa Yên", "làng Hoa ngữ", "nhóm Hoa Học Đường",
            "Khmer Đỏ gây tội ác", "hoa Chăm Pa nở", "nghệ sĩ Rơ Chăm Peng",
        ] {
            #expect(try found(text).ethnic.isEmpty, "\(text)")
        }
        #expect(try found("Hội Người Hoa Thái Lan").ethnic == ["Hoa"])
        #expect(try found("làng Chăm Châu Giang, An Giang").ethnic == ["Chăm"])
        #expect(try found("Chính quyền Cộng hòa Khmer vay tiền").ethnic.isEmpty)
        // A capital makes `Tháp Chàm` the town and its railway; a tower is `tháp Chàm`.
        #expect(try found("tuyến đường sắt Tháp Chàm - Đà Lạt").ethnic.isEmpty)
        #expect(try found("Đi thăm tháp Chàm Po Nagar").ethnic == ["Chăm"])
        #expect(try found("Tháp Chàm Po Klong Garai đón khách").ethnic == ["Chăm"])
    }

    /// Cambodia's Khmer and Laos's `Chăm Pa` are not Vietnam's communities; a passage that
    /// also names a place of Vietnam speaks of them.
    @Test func communitiesAbroadAreAnotherCountrysPeople() throws {
        for text in [
            "Cô mang trong mình 3 dòng máu Khmer, Thái Lan và Trung Quốc. Người mẫu lai nổi tiếng ở Phnom Penh.",
            "Đại diện Việt Nam trò chuyện bằng tiếng Việt và tiếng Khmer với khán giả Campuchia.",
            "Công liên tục chuyển nơi sinh sống từ TP. Bắc Xử (Lào) đến Chăm Pa sát khu vực ngã ba Đông Dương.",
        ] {
            #expect(try found(text).ethnic.isEmpty, "\(text)")
            #expect(try found(text).spans.allSatisfy { $0.type != .ethnic }, "\(text)")
        }
        #expect(try found("Người Khmer ở Sóc Trăng có họ hàng bên Campuchia.").ethnic == ["Khmer"])
        #expect(try found("Văn hóa Khmer Nam Bộ gần với văn hóa Angkor.").ethnic == ["Khmer"])
        #expect(try found("Di tích vương quốc Chăm Pa còn nhiều tháp.").ethnic == ["Chăm"])
        #expect(try found("tieng khmer campuchia").ethnic.isEmpty)
    }

    /// Queries as people type them: culture before the name, a province after it, no
    /// diacritics (`hoa` is then also `hóa`, and `Hoa Binh` also Hòa Bình).
    @Test func queriesNameTheCommunityTheyAskAbout() throws {
        #expect(try found("văn hóa Chăm").ethnic == ["Chăm"])
        #expect(try found("van hoa Cham").ethnic == ["Chăm"])
        #expect(try found("văn hóa Chăm Đà Nẵng").ethnic == ["Chăm"])
        #expect(try found("văn hóa Chăm Đà Nẵng").province == ["Đà Nẵng"])
        let hoa = try found("nguoi Hoa Binh Duong")
        #expect(hoa.ethnic == ["Hoa"] && hoa.province == ["Bình Dương"])
        // With diacritics there is no doubt, and a place after `Chăm` is still a place.
        #expect(try found("tỉnh Hòa Bình").province == ["Hòa Bình"])
        #expect(try found("xã Chăm Mát").ethnic.isEmpty)
    }

    @Test func ambiguousNamesNeedAnIntroductionOrAList() throws {
        #expect(try found("đồng bào dân tộc Kinh, Hoa và Khmer").ethnic == ["Kinh", "Hoa", "Khmer"])
        #expect(try found("Khmer, Hoa, Chăm cùng đón Tết").ethnic == ["Khmer", "Hoa", "Chăm"])
        #expect(try found("người Thái ở Sơn La, người Mông ở Hà Giang").ethnic == ["Thái", "Mông"])
        for text in ["Kinh tế phát triển", "Thái Lan và Lào", "Thái độ phục vụ", "Du lịch Mông Cổ", "Mường Tè, Lai Châu"] {
            #expect(try found(text).ethnic.isEmpty, "\(text)")
        }
        #expect(try found("đồng bào Ê Đê, Gia Rai, H'Mông").ethnic == ["Ê Đê", "Gia Rai", "Mông"])
        #expect(try found("Khơ-me, Khơme và Chàm").ethnic == ["Khmer", "Chăm"])
    }

    @Test func modelsAreQuotedNamesAfterMoHinh() throws {
        let text = #"Điển hình như các mô hình: "Rủ nhau làm tốt xóm Chăm" của tỉnh An Giang; "Tổ tự quản trong người Hoa" của tỉnh Bạc Liêu; “Câu lạc bộ người hoàn lương” của tỉnh Đồng Tháp."#
        let result = try found(text)
        #expect(result.model == ["Rủ nhau làm tốt xóm Chăm", "Tổ tự quản trong người Hoa", "Câu lạc bộ người hoàn lương"])
        let models = result.spans.filter { $0.type == .model }
        #expect(models.map(\.province) == ["An Giang", "Bạc Liêu", "Đồng Tháp"])
        #expect(try found(#"Ông nói "làm tốt xóm Chăm" là mục tiêu."#).model.isEmpty)
        #expect(try found("mo hinh \"Dan van kheo\" cua tinh Tra Vinh").model == ["Dan van kheo"])
    }

    @Test func spansAreByteOffsetsOfTheText() throws {
        let text = "Đồng bào Khmer ở Sóc Trăng"
        let bytes = Array(text.utf8)
        let result = try found(text)
        #expect(result.spans.count == 2)
        for span in result.spans {
            #expect(String(decoding: bytes[span.start..<span.end], as: UTF8.self) == span.text)
        }
        #expect(result.spans.map(\.value) == ["Khmer", "Sóc Trăng"])
    }

    @Test func namesFromFilterValues() throws {
        let names = try EntityNames()
        #expect(try names.province("bac lieu") == "Bạc Liêu")
        #expect(try names.province("tỉnh Sóc Trăng") == "Sóc Trăng")
        #expect(try names.province("TP.HCM") == "TP Hồ Chí Minh")
        #expect(try names.province("Atlantis") == nil)
        #expect(try names.ethnicGroup("khơ-me") == "Khmer")
        #expect(try names.ethnicGroup("Chàm") == "Chăm")
        #expect(try EntityNames.key("Bà Rịa - Vũng Tàu") == "ba ria vung tau")
    }
}
