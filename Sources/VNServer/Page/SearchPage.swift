import Foundation
import VNSearch

/// The search page (`GET /`), rendered on the server so it works without JavaScript:
/// the search box keeps the query, facet counts are links that add a filter, active
/// filters are links that remove it. Labels are in Vietnamese, for the archivists.
struct SearchPage {
    enum Outcome {
        case start
        case results(SearchResponse, SearchRequest)
        case failed(String)
    }

    let parameters: QueryParameters
    let outcome: Outcome

    /// Filters a facet link can add (`year` becomes a `from`/`to` range).
    private static let facetFilters: [(title: String, parameter: String)] = [
        ("Tỉnh, thành", "province"), ("Dân tộc", "ethnic"), ("Mô hình", "model"), ("Năm", "year"),
    ]
    private static let filterLabels = ["province": "Tỉnh", "ethnic": "Dân tộc", "model": "Mô hình", "from": "Từ", "to": "Đến"]
    private static let facetsShown = 12

    func render() -> String {
        let query = parameters["q"] ?? ""
        let title = query.isEmpty ? "vnsearch" : "\(query) – vnsearch"
        var body = ""
        switch outcome {
        case .start:
            body = "<main class=\"single\"><section>" + help(intro: true) + "</section></main>"
        case .failed(let message):
            body = "<main class=\"single\"><section><p class=\"notice error\">" + Highlighter.escapeHTML(message) + "</p>"
                + help(intro: false) + "</section></main>"
        case .results(let response, let request):
            body = response.results.isEmpty
                ? "<main class=\"single\"><section>" + results(response, request) + "</section></main>"
                : "<main><aside>" + provinceMap(response, merged: request.merged) + facets(response) + "</aside><section>"
                    + results(response, request) + "</section></main>"
        }
        return PageShell.render(
            title: title, query: query, placeholder: "Tìm trong các báo cáo, ví dụ: người Hoa Bạc Liêu", hidden: hiddenFilters(),
            autofocus: true,
            body: body + "\n<footer>Cú pháp: <code>\"cụm từ\"</code>, <code>Khmer OR Chăm</code>, <code>-từ</code>, "
                + "<code>province:\"An Giang\"</code>, <code>date:2018..2024</code> · <a href=\"/openapi.json\">API</a></footer>")
    }

    /// The filter parameters in force (`province=…`, `from=…`), in the order given.
    private var activeFilters: [(name: String, value: String)] {
        parameters.items.filter { Self.filterLabels[$0.name] != nil && !$0.value.isEmpty }
    }

    /// Active filters ride along with a new query typed in the box.
    private func hiddenFilters() -> String {
        activeFilters.map {
            "<input type=\"hidden\" name=\"\(Highlighter.escapeHTML($0.name))\" value=\"\(Highlighter.escapeHTML($0.value))\">\n"
        }.joined()
    }

    private func results(_ response: SearchResponse, _ request: SearchRequest) -> String {
        var html = filterChips()
        if let corrected = response.corrected {
            let asTyped = parameters.setting("correct", to: ["0"]).setting("offset", to: [])
            html += "<p class=\"notice\">Kết quả cho: <strong>" + Highlighter.escapeHTML(corrected) + "</strong>. Tìm đúng như đã gõ: <a href=\"/?"
                + Highlighter.escapeHTML(asTyped.encoded) + "\">" + Highlighter.escapeHTML(response.query) + "</a></p>"
        }
        if let suggestion = response.suggestion {
            let link = parameters.setting("q", to: [suggestion]).setting("offset", to: [])
            html += "<p class=\"notice\">Có phải bạn muốn tìm: <a href=\"/?\(Highlighter.escapeHTML(link.encoded))\"><strong>"
                + Highlighter.escapeHTML(suggestion) + "</strong></a>?</p>"
        }
        if let interpreted = response.interpreted {
            let names = interpreted.ethnic.map { "dân tộc " + $0 } + interpreted.province.map { "tỉnh/thành " + $0 }
                + interpreted.model.map { "mô hình " + $0 }
            if !names.isEmpty {
                html += "<p class=\"interpreted\">Hiểu là: " + names.map { "<strong>" + Highlighter.escapeHTML($0) + "</strong>" }
                    .joined(separator: " · ") + "</p>"
            }
        }
        if response.results.isEmpty {
            return html + "<p class=\"notice\">Không tìm thấy kết quả nào cho <strong>“" + Highlighter.escapeHTML(response.query)
                + "”</strong>.</p>" + emptyHelp()
        }
        let unit = response.results.contains { $0.relaxed } && response.relaxed ? "bài" : "đoạn"
        html += "<p class=\"summary\">Khoảng \(response.total) \(unit) phù hợp · \(response.tookMs) ms</p>"
        html += timeline(response) + exports()
        if response.relaxed {
            html += "<p class=\"notice\">Không đoạn nào có đủ mọi từ; dưới đây là các bài có đủ các từ ở những đoạn khác nhau.</p>"
        } else if !response.matchedAll {
            html += "<p class=\"notice\">Không đoạn nào có đủ mọi từ; dưới đây là những đoạn khớp nhiều nhất.</p>"
        }
        for hit in response.results {
            let reading = "/articles/" + hit.article.id + "?" + QueryParameters(items: [("q", response.query)]).encoded + "#p\(hit.passage.index)"
            html += "<article class=\"result\"><h3><a href=\"\(Highlighter.escapeHTML(reading))\">"
                + Highlighter.escapeHTML(hit.article.title.isEmpty ? hit.article.path : hit.article.title) + "</a></h3>"
                + "<p class=\"meta\">" + [hit.article.date, hit.article.path].compactMap { $0.map(Highlighter.escapeHTML) }.joined(separator: " · ")
                + (hit.relaxed ? " · các từ nằm ở nhiều đoạn" : "") + "</p>"
                + "<p class=\"passage\">" + hit.passage.highlighted + "</p>"
                + missing(hit.missing ?? []) + tags(hit.entities) + "</article>\n"
        }
        return html + pagination(response, request)
    }

    /// When the matches fall: bars by year (by month within one year), each a link to the
    /// same search narrowed to that period.
    private func timeline(_ response: SearchResponse) -> String {
        Timeline.svg(years: response.facets.year, months: response.facets.month) { from, to in
            "/?" + parameters.setting("from", to: [from]).setting("to", to: [to]).setting("offset", to: []).encoded
        } ?? ""
    }

    /// Where the matches fall: a tile per province shaded by its count, each a link to the
    /// search filtered to it (the 34 provinces of 2025 with `merged`).
    private func provinceMap(_ response: SearchResponse, merged: Bool) -> String {
        "<h2>Bản đồ</h2>" + ProvinceTileMap.svg(counts: merged ? response.facets.province2025 : response.facets.province, merged: merged) {
            "/?" + parameters.adding("province", $0).setting("offset", to: []).encoded
        }
    }

    /// The results as files for a report (up to 1,000 rows, from this page on). `/search`
    /// needs words: a page of filters alone offers none.
    private func exports() -> String {
        guard parameters["q"]?.contains(where: { $0.isLetter || $0.isNumber }) == true else { return "" }
        let links = ResultExport.Format.allCases.map { format in
            let link = "/search?" + parameters.setting("format", to: [format.rawValue]).encoded
            return "<a class=\"export-\(format.rawValue)\" href=\"\(Highlighter.escapeHTML(link))\" download>\(format.rawValue.uppercased())</a>"
        }
        return "<p class=\"exports\">Tải kết quả: " + links.joined(separator: " · ") + "</p>"
    }

    /// `Thiếu: ~~đã~~ ~~bao nhiêu~~`: the query's words the passage lacks.
    private func missing(_ words: [String]) -> String {
        if words.isEmpty { return "" }
        return "<p class=\"missing\">Thiếu: " + words.map { "<s>" + Highlighter.escapeHTML($0) + "</s>" }.joined(separator: " ") + "</p>"
    }

    private func tags(_ entities: SearchResponse.Hit.Entities) -> String {
        let names = entities.province + entities.ethnic + entities.model
        if names.isEmpty { return "" }
        return "<p class=\"tags\">" + names.map { "<span class=\"tag\">" + Highlighter.escapeHTML($0) + "</span>" }.joined() + "</p>"
    }

    private func filterChips() -> String {
        if activeFilters.isEmpty { return "" }
        return "<p class=\"chips\">" + activeFilters.map { item in
            let link = parameters.removing(item.name, value: item.value).setting("offset", to: [])
            return "<a class=\"chip\" title=\"Bỏ bộ lọc\" href=\"/?\(Highlighter.escapeHTML(link.encoded))\">"
                + Highlighter.escapeHTML("\(Self.filterLabels[item.name]!): \(item.value)") + " ×</a>"
        }.joined() + "</p>"
    }

    private func facets(_ response: SearchResponse) -> String {
        var html = ""
        for facet in Self.facetFilters {
            let counts = switch facet.parameter {
            case "province": response.facets.province
            case "ethnic": response.facets.ethnic
            case "model": response.facets.model
            default: response.facets.year
            }
            if counts.isEmpty { continue }
            let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(Self.facetsShown)
            let ordered = facet.parameter == "year" ? top.sorted { $0.key > $1.key } : Array(top)
            html += "<h2>\(facet.title)</h2><ul>"
            for (name, count) in ordered {
                let link = facet.parameter == "year"
                    ? parameters.setting("from", to: [name]).setting("to", to: [name])
                    : parameters.adding(facet.parameter, name)
                html += "<li><a href=\"/?\(Highlighter.escapeHTML(link.setting("offset", to: []).encoded))\">" + Highlighter.escapeHTML(name)
                    + "</a><span class=\"count\">\(count)</span></li>"
            }
            html += "</ul>"
        }
        if !response.facetsExact { html += "<p class=\"help\">Số đếm là ước lượng.</p>" }
        return html
    }

    private func pagination(_ response: SearchResponse, _ request: SearchRequest) -> String {
        let (limit, offset) = (request.limit, request.offset)
        var links: [String] = []
        if offset > 0 {
            let previous = parameters.setting("offset", to: offset - limit > 0 ? [String(offset - limit)] : [])
            links.append("<a rel=\"prev\" href=\"/?\(Highlighter.escapeHTML(previous.encoded))\">« Trang trước</a>")
        }
        links.append("<span>Trang \(offset / max(1, limit) + 1)</span>")
        if response.results.count == limit && offset + limit < response.total && offset + limit <= 10_000 {
            let next = parameters.setting("offset", to: [String(offset + limit)])
            links.append("<a rel=\"next\" href=\"/?\(Highlighter.escapeHTML(next.encoded))\">Trang sau »</a>")
        }
        return "<nav class=\"pages\">" + links.joined() + "</nav>"
    }

    private func emptyHelp() -> String {
        var tips = ["dùng ít từ hơn, hoặc từ khác cùng nghĩa",
                    "gõ không dấu (<code>dan toc</code>) nếu không chắc dấu",
                    "nối các cách viết bằng OR: <code>Khmer OR Khơ-me</code>"]
        if !activeFilters.isEmpty {
            let unfiltered = QueryParameters(items: parameters.items.filter { Self.filterLabels[$0.name] == nil && $0.name != "offset" })
            tips.insert("<a href=\"/?\(Highlighter.escapeHTML(unfiltered.encoded))\">bỏ các bộ lọc</a>", at: 0)
        }
        return "<div class=\"help\"><p>Thử:</p><ul>" + tips.map { "<li>\($0)</li>" }.joined() + "</ul></div>"
    }

    private func help(intro: Bool) -> String {
        (intro ? "<p>Tìm các đoạn văn trong báo cáo về phong trào, mô hình, tỉnh thành và cộng đồng dân tộc (Khmer, Hoa, Chăm). Có dấu hay không dấu đều được.</p>" : "")
            + """
            <div class="help"><p>Ví dụ:</p><ul>
            <li><a href="/?q=ng%C6%B0%E1%BB%9Di%20Hoa%20B%E1%BA%A1c%20Li%C3%AAu">người Hoa Bạc Liêu</a></li>
            <li><a href="/?q=dan%20toc%20thieu%20so">dan toc thieu so</a> (không dấu)</li>
            <li><a href="/?q=%22an%20ninh%20T%E1%BB%95%20qu%E1%BB%91c%22%20ethnic%3AKhmer">"an ninh Tổ quốc" ethnic:Khmer</a></li>
            </ul></div>
            """
    }
}
