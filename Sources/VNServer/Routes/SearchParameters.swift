import Foundation

import VNSearch

/// Maps `GET /search` parameters (CONTRACT.md) onto a `SearchRequest`. Unknown
/// parameters are ignored; a bad value is a 400 with a message.
enum SearchParameters {
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func request(from parameters: QueryParameters) throws -> SearchRequest {
        guard let q = parameters["q"], !q.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Invalid(description: "missing query parameter 'q'")
        }
        // Also beside filters (which alone would list what they keep): /openapi.json says
        // `q` holds a letter or digit, and the API keeps to it.
        guard q.contains(where: { $0.isLetter || $0.isNumber }) else {
            throw Invalid(description: "empty query: type at least one word (letters or digits)")
        }
        var request = SearchRequest(query: q)
        request.limit = try integer(parameters, "limit") ?? request.limit
        request.offset = try integer(parameters, "offset") ?? request.offset
        request.perArticle = try integer(parameters, "per_article") ?? request.perArticle
        // An empty field is what a form sends for "not set".
        request.provinces = parameters.all("province").filter { !$0.isEmpty }
        request.ethnics = parameters.all("ethnic").filter { !$0.isEmpty }
        request.models = parameters.all("model").filter { !$0.isEmpty }
        request.from = parameters["from"].flatMap { $0.isEmpty ? nil : $0 }
        request.to = parameters["to"].flatMap { $0.isEmpty ? nil : $0 }
        request.merged = try flag(parameters, "merged") ?? false
        request.correct = try flag(parameters, "correct") ?? true
        return request
    }

    /// `format=csv|jsonl`: the results as a download; nil (`json` or not set) for the JSON.
    static func exportFormat(_ parameters: QueryParameters) throws -> ResultExport.Format? {
        guard let text = parameters["format"], !text.isEmpty, text != "json" else { return nil }
        guard let format = ResultExport.Format(rawValue: text) else { throw Invalid(description: "'format' must be json, csv or jsonl") }
        return format
    }

    /// The words a yes/no parameter takes (as /openapi.json lists them); empty is not set.
    static let yes = ["1", "true", "yes"], no = ["0", "false", "no"]

    private static func flag(_ parameters: QueryParameters, _ name: String) throws -> Bool? {
        guard let text = parameters[name], !text.isEmpty else { return nil }
        if yes.contains(text) { return true }
        if no.contains(text) { return false }
        throw Invalid(description: "'\(name)' must be one of \((yes + no).joined(separator: ", "))")
    }

    private static func integer(_ parameters: QueryParameters, _ name: String) throws -> Int? {
        guard let text = parameters[name], !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw Invalid(description: "'\(name)' must be a whole number") }
        return value
    }
}
