import Foundation
import Testing
import VNAnalysis
@testable import VNSearch

/// Random input through the analysis and the query side: no crash, no hang, and a failure
/// only as one of our errors. Seeded, so a failure can be replayed; `scripts/sanitize.sh`
/// runs this suite under AddressSanitizer and LeakSanitizer.
@Suite struct FuzzTests {
    /// Inputs per test; `FUZZ_INPUTS` raises it for a longer run.
    static let inputs = Int(ProcessInfo.processInfo.environment["FUZZ_INPUTS"] ?? "") ?? 1_000

    @Test func analysisTakesAnyText() throws {
        var random = SplitMix64(seed: 2026)
        let analyzer = VietnameseAnalyzer()
        let decoder = TextDecoder()
        let parser = ArticleParser()
        let recognizer = try EntityRecognizer(analyzer: analyzer)
        for _ in 0..<Self.inputs {
            let bytes = Self.bytes(&random)
            let decoded = try decoder.decode(bytes)
            let tokens = try analyzer.tokens(decoded.text)
            // Tokens stay inside the text, in order.
            #expect(tokens.allSatisfy { $0.range.upperBound <= decoded.text.utf8.count })
            _ = try parser.parse(decoded.text)
            _ = try recognizer.recognize(decoded.text)
            _ = try analyzer.normalizeQuery(decoded.text)
        }
    }

    @Test func queriesEitherAnswerOrSayWhatIsWrong() throws {
        var random = SplitMix64(seed: 7)
        let (folder, engine) = try Fixtures.seedIndex()
        for _ in 0..<Self.inputs / 2 {
            let query = Self.text(&random, maxLength: 60)
            do {
                _ = try engine.top(query)
            } catch let error as SearchError {
                #expect(error.isUsage, "\(error) for \(query.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        withExtendedLifetime(folder) {}
    }

    // MARK: generators

    /// Pieces a report or a query is made of, and the things that break parsers.
    static let pieces = ["người", "Hoa", "Chăm", "Khmer", "hoà", "thuỷ", "Đà Nẵng", "TP.HCM", "OR", "NOT", "-", "\"", "“", "”",
                         "province:", "ethnic:", "model:", "date:", "2024", "2018..2024-08", "..", ":", "(", ")", "*", "\\",
                         " ", "  ", "\n", "\r\n", "\t", "\u{FEFF}", "\u{200B}", "\u{0}", "\u{FFFD}", "ﬁ", "İ", "ß", "ǅ",
                         "date 2024-08 ", "(Ảnh: TTXVN)", "mô hình \"Rủ nhau\"", "www.bigbb.vn", "1.000.000", "15/8"]

    /// Text of pieces, combining marks, random scalars (no surrogates) and long runs.
    static func text(_ random: inout SplitMix64, maxLength: Int) -> String {
        var text = ""
        for _ in 0..<random.below(maxLength + 1) {
            switch random.below(10) {
            case 0...4: text += pieces[random.below(pieces.count)]
            case 5, 6: text.unicodeScalars.append(Unicode.Scalar(0x300 + UInt32(random.below(0x70)))!)  // combining marks
            case 7, 8:
                let value = UInt32(random.below(0x110000))
                if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
            default: text += String(repeating: random.below(2) == 0 ? "a" : "ệ", count: 1 + random.below(5_000))
            }
        }
        return text
    }

    /// Mostly text, sometimes raw bytes (invalid UTF-8, lone continuation bytes).
    static func bytes(_ random: inout SplitMix64) -> [UInt8] {
        var bytes = Array(text(&random, maxLength: 80).utf8)
        if random.below(3) == 0 {
            for _ in 0..<random.below(20) { bytes.insert(UInt8(random.below(256)), at: random.below(bytes.count + 1)) }
        }
        return bytes
    }
}

/// A small seeded generator (SplitMix64): the same seed gives the same inputs everywhere.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
