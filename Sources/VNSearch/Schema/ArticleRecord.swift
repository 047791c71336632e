import Foundation

/// What the index remembers about one article file.
public struct ArticleRecord: Codable, Sendable, Equatable {
    public let id: String
    /// As given to the indexer, relative to the working directory when inside it.
    public let path: String
    public let title: String
    public let date: String?
    /// Content hash: a changed file is re-indexed, an unchanged one skipped.
    public let hash: String
    public let passages: Int
    public let bytes: Int
    /// The file's modification time when indexed (seconds since 1970): with `bytes`, a
    /// file whose size and time are unchanged is not read again.
    public var modified: Double? = nil
    /// Entities mentioned anywhere in the article (canonical names; model names as written).
    public var provinces: [String]? = nil
    public var ethnicGroups: [String]? = nil
    public var models: [String]? = nil

    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    static func decode(_ json: String) throws -> ArticleRecord {
        try JSONDecoder().decode(ArticleRecord.self, from: Data(json.utf8))
    }
}

/// Stable identifiers and content fingerprints (FNV-1a, 64 bits): enough to tell files
/// apart and notice edits, no cryptographic claim.
enum Fingerprint {
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// What a file's content is known by: hash and length, so an edit is noticed.
    static func contentHash(_ bytes: Data) -> String {
        // Through a raw buffer: stepping `Data`'s own iterator byte by byte costs more
        // than the hash.
        bytes.withUnsafeBytes { hex($0) } + "-" + String(bytes.count)
    }

    /// An article's id follows its path: the same file keeps its id across edits.
    static func articleID(path: String) -> String { hex(path.utf8) }

    /// Whether `id` could be an article id (hex digits): anything else names no article
    /// and must not reach the term space.
    static func isArticleID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy(\.isHexDigit)
    }
}
