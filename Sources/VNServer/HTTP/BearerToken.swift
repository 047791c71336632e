import Foundation
import Hummingbird

/// The archivists' write token, read from the file given by `--token-file`.
public struct BearerToken: Sendable {
    private let secret: [UInt8]

    public struct Unusable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The file's content without surrounding whitespace; at least 16 bytes.
    public init(file: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw Unusable(description: "cannot read token file '\(file)'")
        }
        self.init(String(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        guard secret.count >= 16 else { throw Unusable(description: "token file '\(file)' must hold a token of at least 16 characters") }
    }

    init(_ token: String) {
        secret = Array(token.utf8)
    }

    /// Whether `Authorization: Bearer <token>` carries this token. The comparison takes
    /// the same time wherever the first difference is.
    func admits(_ request: Request) -> Bool {
        guard let header = request.headers[.authorization], header.count > 7,
              header.prefix(7).lowercased() == "bearer " else { return false }
        let given = Array(header.dropFirst(7).trimmingCharacters(in: .whitespaces).utf8)
        var difference = UInt8(given.count == secret.count ? 0 : 1)
        for i in 0..<secret.count {
            difference |= secret[i] ^ (i < given.count ? given[i] : 0)
        }
        return difference == 0
    }
}
