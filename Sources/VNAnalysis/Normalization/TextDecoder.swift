/// Turns the raw bytes of a report into clean text: UTF-8 with invalid sequences replaced
/// by U+FFFD (and counted, so the indexer can report the file), no byte-order mark,
/// `\n` line ends, NFC.
public struct TextDecoder: Sendable {
    public struct Decoded: Sendable, Equatable {
        public let text: String
        /// Number of invalid UTF-8 sequences that became U+FFFD.
        public let invalidSequences: Int
    }

    public init() {}

    public func decode<Bytes: Collection>(_ bytes: Bytes) throws -> Decoded where Bytes.Element == UInt8 {
        var text: String
        var invalid = 0
        if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else {
            (text, invalid) = Self.repair(bytes)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.utf8.contains(13) {
            // "\r\n" is a single Character in Swift, so replace it before a lone "\r".
            text = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        }
        return Decoded(text: try ICUText.nfc(text), invalidSequences: invalid)
    }

    private static func repair<Bytes: Collection>(_ bytes: Bytes) -> (String, Int) where Bytes.Element == UInt8 {
        var invalid = 0
        var scalars = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                scalars.append(Unicode.UTF8.decode(encoded))
            case .error:
                invalid += 1
                scalars.append("\u{FFFD}")
            case .emptyInput:
                break loop
            }
        }
        return (String(scalars), invalid)
    }
}
