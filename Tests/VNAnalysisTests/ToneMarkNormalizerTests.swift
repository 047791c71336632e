import Testing
@testable import VNAnalysis

@Suite struct ToneMarkNormalizerTests {
    let normalizer = ToneMarkNormalizer()

    @Test(arguments: [
        ("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("uý", "úy"), ("tuỳ", "tùy"),
        ("hoá", "hóa"), ("hoạ", "họa"), ("loã", "lõa"), ("huỷ", "hủy"), ("xoè", "xòe"),
    ])
    func oldPlacementMovesToTheFirstVowel(old: String, new: String) {
        #expect(normalizer.normalize(old) == new)
    }

    @Test(arguments: ["hòa", "thủy", "quý", "quỳ", "gìn", "hoàng", "thuyền", "ngoài", "khuya", "an", "181.000", "của"])
    func otherSyllablesStayAsTheyAre(syllable: String) {
        #expect(normalizer.normalize(syllable) == syllable)
    }
}
