import Foundation
import Testing
@testable import VNAnalysis

@Suite struct TextDecoderTests {
    let decoder = TextDecoder()

    @Test func invalidBytesBecomeReplacementCharactersAndAreCounted() throws {
        let bytes = Array("người ".utf8) + [0xFF, 0xC3] + Array(" Hoa".utf8)
        let decoded = try decoder.decode(bytes)
        #expect(decoded.invalidSequences == 2)
        #expect(decoded.text == "người \u{FFFD}\u{FFFD} Hoa")
    }

    @Test func validTextReportsNothing() throws {
        let decoded = try decoder.decode(Array("Tây Nam Bộ".utf8))
        #expect(decoded.invalidSequences == 0)
        #expect(decoded.text == "Tây Nam Bộ")
    }

    @Test func decomposedTextIsComposed() throws {
        // "Việt" typed as NFD: e + circumflex + dot below.
        let nfd = "Vi\u{0065}\u{0323}\u{0302}t"
        let decoded = try decoder.decode(Array(nfd.utf8))
        #expect(decoded.text == "Việt")
        #expect(decoded.text.utf8.count == "Việt".utf8.count)
    }

    @Test func byteOrderMarkAndCarriageReturnsGo() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("dòng một\r\ndòng hai\rba".utf8)
        #expect(try decoder.decode(bytes).text == "dòng một\ndòng hai\nba")
    }
}

@Suite struct FolderTests {
    @Test func diacriticsFoldAndDBecomesD() throws {
        #expect(try DiacriticFolder().fold("Đồng Tháp hoà thuỷ") == "Dong Thap hoa thuy")
        #expect(try DiacriticFolder().fold("người Chăm") == "nguoi Cham")
    }

    @Test func caseFoldsVietnameseCapitals() throws {
        #expect(try CaseFolder().fold("ĐỒNG BÀO DÂN TỘC") == "đồng bào dân tộc")
        #expect(try CaseFolder().fold("KHMER") == "khmer")
    }
}
