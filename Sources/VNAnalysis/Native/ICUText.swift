import VNShim

/// The ICU text services of the shim: normalisation, folding and boundaries over UTF-8.
/// ICU is reached only through the shim because Foundation bundles its own ICU module
/// (see DESIGN.md).
public enum ICUText {
    /// A boundary segment in UTF-8 byte offsets, with ICU's rule status.
    public struct Segment: Sendable, Equatable {
        public let range: Range<Int>
        public let ruleStatus: Int32

        /// ICU tags words of letters/numbers with a status >= 100; spaces and punctuation 0.
        public var isWord: Bool { ruleStatus >= 100 }
        public var isNumber: Bool { ruleStatus >= 100 && ruleStatus < 200 }
    }

    public static func nfc(_ text: String) throws -> String {
        try transform(text, vn_text_nfc)
    }

    public static func foldCase(_ text: String) throws -> String {
        try transform(text, vn_text_fold_case)
    }

    /// Removes every diacritic and maps `đ` to `d` (case is kept).
    public static func foldDiacritics(_ text: String) throws -> String {
        try transform(text, vn_text_fold_diacritics)
    }

    public static func wordSegments(_ text: String) throws -> [Segment] {
        try segments(text, vn_text_word_segments)
    }

    public static func sentenceSegments(_ text: String) throws -> [Segment] {
        try segments(text, vn_text_sentence_segments)
    }

    private typealias Transform = (UnsafePointer<CChar>?, Int, UnsafeMutablePointer<Int>?, UnsafeMutablePointer<OpaquePointer?>?) -> UnsafeMutablePointer<CChar>?

    private static func transform(_ text: String, _ function: Transform) throws -> String {
        var text = text
        return try text.withUTF8 { bytes in
            try bytes.withMemoryRebound(to: CChar.self) { chars in
                try nativeString { length, error in function(chars.baseAddress, chars.count, length, error) }
            }
        }
    }

    private typealias Segmenter = (UnsafePointer<CChar>?, Int, UnsafeMutablePointer<UnsafeMutablePointer<vn_segment>?>?, UnsafeMutablePointer<OpaquePointer?>?) -> Int64

    private static func segments(_ text: String, _ function: Segmenter) throws -> [Segment] {
        var text = text
        return try text.withUTF8 { bytes in
            try bytes.withMemoryRebound(to: CChar.self) { chars in
                var array: UnsafeMutablePointer<vn_segment>?
                let count = try native({ function(chars.baseAddress, chars.count, &array, $0) }, failed: { $0 < 0 })
                defer { vn_free(array) }
                guard let array, count > 0 else { return [] }
                return (0..<Int(count)).map { i in
                    let s = array[i]
                    return Segment(range: Int(s.start)..<Int(s.end), ruleStatus: s.rule_status)
                }
            }
        }
    }
}
