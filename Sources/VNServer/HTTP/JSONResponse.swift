import Foundation
import Hummingbird

/// JSON bodies, and the `{"error", "status"}` body of every failure (CONTRACT.md).
enum JSONResponse {
    struct ErrorBody: Codable {
        let error: String
        let status: Int
    }

    static func make<T: Encodable>(_ status: HTTPResponse.Status, _ value: T, headers: HTTPFields = [:]) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func failure(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        (try? make(status, ErrorBody(error: message, status: status.code), headers: headers))
            ?? Response(status: .internalServerError)
    }
}
