import Foundation

/// The results taken away for a report: `vnsearch search --format csv|jsonl` and
/// `GET /search?…&format=csv|jsonl`. Pages through the ranking (a page holds at most 100
/// hits) up to `maxRows`.
public enum ResultExport {
    public enum Format: String, CaseIterable, Sendable {
        case csv, jsonl

        public var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8; header=present"
            case .jsonl: "application/jsonl; charset=utf-8"
            }
        }
    }

    public static let maxRows = 1000
    static let columns = ["article_id", "date", "title", "path", "passage_index", "passage", "provinces", "ethnic", "models", "score"]

    /// The hits of `request` from its offset on, at most `maxRows`, whatever its limit.
    public static func hits(_ request: SearchRequest, search: (SearchRequest) throws -> SearchResponse) throws -> [SearchResponse.Hit] {
        var hits: [SearchResponse.Hit] = []
        var page = request
        page.limit = SearchRequest.maxLimit
        while hits.count < maxRows {
            page.offset = request.offset + hits.count
            guard page.offset <= SearchRequest.maxOffset else { break }
            let results = try search(page).results
            hits += results.prefix(maxRows - hits.count)
            if results.count < page.limit { break }
        }
        return hits
    }

    public static func render(_ hits: [SearchResponse.Hit], as format: Format) throws -> String {
        switch format {
        case .csv:
            return ([columns] + hits.map(csvFields)).map { $0.map(csvField).joined(separator: ",") + "\r\n" }.joined()
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
            return try hits.map { String(decoding: try encoder.encode(Row($0)), as: UTF8.self) + "\n" }.joined()
        }
    }

    /// One hit as a JSON line: the CSV's columns, lists as arrays.
    struct Row: Encodable {
        let article_id: String
        let date: String?
        let title: String
        let path: String
        let passage_index: Int
        let passage: String
        let provinces: [String]
        let ethnic: [String]
        let models: [String]
        let score: Double

        init(_ hit: SearchResponse.Hit) {
            article_id = hit.article.id
            date = hit.article.date
            title = hit.article.title
            path = hit.article.path
            passage_index = hit.passage.index
            passage = hit.passage.text
            provinces = hit.entities.province
            ethnic = hit.entities.ethnic
            models = hit.entities.model
            score = hit.score
        }
    }

    private static func csvFields(_ hit: SearchResponse.Hit) -> [String] {
        [hit.article.id, hit.article.date ?? "", hit.article.title, hit.article.path, String(hit.passage.index),
         hit.passage.text, hit.entities.province.joined(separator: "; "), hit.entities.ethnic.joined(separator: "; "),
         hit.entities.model.joined(separator: "; "), String(hit.score)]
    }

    /// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
