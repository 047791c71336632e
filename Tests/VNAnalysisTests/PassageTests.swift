import Foundation
import Testing
@testable import VNAnalysis

@Suite struct PassageTests {
    static var seedText: String {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let bytes = try Data(contentsOf: root.appendingPathComponent("corpus/2024-08-toan-dan-bao-ve-an-ninh-tay-nam-bo.txt"))
            return try TextDecoder().decode(bytes).text
        }
    }

    @Test func seedDateHeaderBecomesTheDateAndTheLeadStays() throws {
        let article = try ArticleParser().parse(try Self.seedText)
        #expect(article.date == "2024-08")
        #expect(article.passages[0].kind == .lead)
        #expect(article.passages[0].text.hasPrefix("Qua các mô hình, điển hình Toàn dân"))
        #expect(article.title.hasPrefix("Qua các mô hình"))
        #expect(!article.title.contains("date"))
    }

    @Test func photoCaptionsAreTheirOwnPassages() throws {
        let article = try ArticleParser().parse(try Self.seedText)
        let captions = article.passages.filter { $0.kind == .caption }
        #expect(captions.count == 2)
        #expect(captions.allSatisfy { $0.text.hasSuffix("(Ảnh: Trung Hiếu/TTXVN)") })
        #expect(captions[0].text.hasPrefix("Lãnh đạo Bộ Công an và Tỉnh ủy Sóc Trăng"))
    }

    @Test func theListOfNineModelsIsSplitAtSemicolons() throws {
        let article = try ArticleParser().parse(try Self.seedText)
        let models = article.passages.filter { $0.text.contains("\" của tỉnh") }
        #expect(models.count >= 2)
        let passage = try #require(article.passages.first { $0.text.contains("Tổ tự quản trong người Hoa") })
        #expect(passage.text.split(separator: " ").count <= 80)
        #expect(article.passages.allSatisfy { $0.text.split(separator: " ").count <= 80 })
    }

    @Test func firstShortLineIsTheTitleInNewsFiles() throws {
        let text = "Phó Chủ tịch Quốc hội thăm Hàn Quốc\nĐoàn đại biểu cấp cao đang có chuyến thăm.\nThân bài một. Thân bài hai."
        let article = try ArticleParser().parse(text)
        #expect(article.title == "Phó Chủ tịch Quốc hội thăm Hàn Quốc")
        #expect(article.date == nil)
        #expect(article.passages.map(\.kind) == [.title, .lead, .body])
    }

    @Test func upperCaseDateHeaderIsRead() throws {
        let article = try ArticleParser().parse("Date 2023-05-02\nTiêu đề\nNội dung.")
        #expect(article.date == "2023-05-02")
    }

    @Test func captionInsideABodyTakesTheSentenceBeforeTheCredit() throws {
        let splitter = PassageSplitter(maxSyllables: 12)
        let pieces = try splitter.split(paragraph:
            "Câu thứ nhất dài một chút để không gộp được. Lãnh đạo tỉnh dự lễ. Ảnh: Vũ Toàn. Câu cuối cùng ở đây.")
        #expect(pieces.contains(PassageSplitter.Piece(text: "Lãnh đạo tỉnh dự lễ. Ảnh: Vũ Toàn.", isCaption: true)))
        #expect(pieces.first?.isCaption == false)
    }

    @Test func aSentenceWithoutSemicolonsIsCutByWindow() throws {
        let sentence = Array(repeating: "an ninh", count: 100).joined(separator: " ") + "."
        let pieces = try PassageSplitter(maxSyllables: 80).split(paragraph: sentence)
        #expect(pieces.count == 3)
        #expect(pieces.allSatisfy { $0.text.split(separator: " ").count <= 80 })
        #expect(pieces.map { $0.text.split(separator: " ").count }.reduce(0, +) == 200)
    }
}
