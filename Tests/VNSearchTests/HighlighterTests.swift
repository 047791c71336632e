import Testing
@testable import VNSearch
import VNAnalysis

/// Highlighted passages are HTML: what the text holds must show as text, never as markup.
@Suite struct HighlighterTests {
    @Test func markupCharactersAreEscapedAndVietnameseIsKept() {
        #expect(Highlighter.escapeHTML("Người Hoa ở Bạc Liêu") == "Người Hoa ở Bạc Liêu")
        #expect(Highlighter.escapeHTML(#"<b>"Tôm" & 'cá'</b>"#) == "&lt;b&gt;&quot;Tôm&quot; &amp; &#39;cá&#39;&lt;/b&gt;")
        // A combining mark after a quote makes one Character of the two; the quote is
        // still escaped, so it cannot close an attribute.
        #expect(Highlighter.escapeHTML("a\"\u{301}b") == "a&quot;\u{301}b")
        #expect(Highlighter.escapeHTML("") == "")
    }

    @Test func spansAreMarkedInsideEscapedText() {
        let text = "Mô hình \"xóm Chăm\" <mới>"
        let start = text.utf8.count - "xóm Chăm\" <mới>".utf8.count
        let html = Highlighter.html(text, spans: [start..<(start + "xóm Chăm".utf8.count)])
        #expect(html == "Mô hình &quot;<mark>xóm Chăm</mark>&quot; &lt;mới&gt;")
    }

    /// Typed with diacritics, a word is marked as typed: `Hoa`, not `hòa` or `hóa`. Typed
    /// without, any reading is marked.
    @Test func aWordTypedWithDiacriticsIsMarkedAsTyped() throws {
        let text = "Người Hoa hòa giải trong văn hóa"
        let tokens = try VietnameseAnalyzer().tokens(text)
        var terms = Highlighter.Terms()
        terms.syllables = ["nguoi", "hoa"]
        #expect(Highlighter.html(text, spans: Highlighter.spans(in: text, tokens: tokens, terms: terms))
            == "<mark>Người Hoa hòa</mark> giải trong văn <mark>hóa</mark>")
        terms.exact = ["nguoi": ["người"], "hoa": ["hoa"]]
        #expect(Highlighter.html(text, spans: Highlighter.spans(in: text, tokens: tokens, terms: terms))
            == "<mark>Người Hoa</mark> hòa giải trong văn hóa")
    }
}
