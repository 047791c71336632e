import Foundation
import Testing
import VNAnalysis
@testable import VNServer

/// The province tile map: both layouts match the gazetteer and keep north above south,
/// and the SVG shades, links and escapes as the search page needs.
@Suite struct ProvinceTileMapTests {
    @Test func everyProvinceOfTheGazetteerHasOneTile() {
        // Against the gazetteer, so renaming a province there fails here.
        #expect(ProvinceTileMap.provinceTiles.map(\.name).sorted() == ProvinceGazetteer.provinces.map(\.name).sorted())
        #expect(ProvinceTileMap.mergedProvinceTiles.map(\.name).sorted() == ProvinceGazetteer.mergedProvinces.keys.sorted())
        #expect(ProvinceTileMap.provinceTiles.count == 63)
        #expect(ProvinceTileMap.mergedProvinceTiles.count == 34)
    }

    @Test(arguments: [false, true]) func noTwoTilesShareACell(merged: Bool) {
        let tiles = merged ? ProvinceTileMap.mergedProvinceTiles : ProvinceTileMap.provinceTiles
        let cells = Set(tiles.map { "\($0.column),\($0.row)" })
        #expect(cells.count == tiles.count)
        #expect(tiles.allSatisfy { $0.column >= 0 && $0.row >= 0 })
    }

    @Test func northIsAboveSouth() {
        let rows = Dictionary(uniqueKeysWithValues: ProvinceTileMap.provinceTiles.map { ($0.name, $0.row) })
        let southward = ["Hà Giang", "Hà Nội", "Thừa Thiên Huế", "TP Hồ Chí Minh", "Cà Mau"].map { rows[$0] ?? -1 }
        #expect(southward == southward.sorted() && Set(southward).count == southward.count && !southward.contains(-1))
        #expect(rows["Hà Giang"] == 0 && rows["Cao Bằng"] == 0 && rows["Lào Cai"] == 0)
        #expect(rows["Cà Mau"] == rows.values.max())

        let mergedRows = Dictionary(uniqueKeysWithValues: ProvinceTileMap.mergedProvinceTiles.map { ($0.name, $0.row) })
        let mergedSouthward = ["Tuyên Quang", "Hà Nội", "Huế", "TP Hồ Chí Minh", "Cà Mau"].map { mergedRows[$0] ?? -1 }
        #expect(mergedSouthward == mergedSouthward.sorted() && Set(mergedSouthward).count == mergedSouthward.count
            && !mergedSouthward.contains(-1))
        #expect(mergedRows["Cà Mau"] == mergedRows.values.max())
    }

    @Test func tilesShowCountsAndLinkToTheFilteredSearch() {
        let svg = ProvinceTileMap.svg(counts: ["Bạc Liêu": 3, "An Giang": 1], merged: false) { "/?q=x&province=\($0)" }
        #expect(svg.hasPrefix("<svg class=\"province-map\" viewBox=\"0 0 "))
        #expect(svg.contains("role=\"img\" aria-label=\"Bản đồ tỉnh thành theo số đoạn khớp\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "<a href=").count - 1 == 63)

        let bacLieu = tile(titled: "Bạc Liêu: 3", in: svg)
        #expect(bacLieu.contains("href=\"/?q=x&amp;province=Bạc Liêu\""))
        #expect(bacLieu.contains("class=\"tile\"") && bacLieu.contains("data-count=\"3\""))
        let anGiang = tile(titled: "An Giang: 1", in: svg)
        let caMau = tile(titled: "Cà Mau: 0", in: svg)
        #expect(anGiang.contains("data-count=\"1\"") && caMau.contains("data-count=\"0\""))
        // The largest count is darkest, one match lighter, none lighter still.
        #expect(Set([fill(bacLieu), fill(anGiang), fill(caMau)]).count == 3)
        #expect(fill(caMau) == fill(tile(titled: "Hà Nội: 0", in: svg)))
    }

    @Test func theMergedMapHas34Tiles() {
        let svg = ProvinceTileMap.svg(counts: ["Huế": 2], merged: true) { "/?province=\($0)" }
        #expect(svg.components(separatedBy: "<a href=").count - 1 == 34)
        #expect(svg.contains("<title>Huế: 2</title>"))
        #expect(!svg.contains("Thừa Thiên Huế"))
    }

    @Test func linksAreEscaped() {
        let svg = ProvinceTileMap.svg(counts: [:], merged: false) { _ in "/?q=a\"b<script>'" }
        #expect(!svg.contains("<script"))
        let hrefs = svg.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(hrefs.count == 63)
        #expect(hrefs.allSatisfy { $0 == "/?q=a&quot;b&lt;script&gt;&#39;" })
    }

    /// The `<a>…</a>` whose title is `title`, or "" when there is none.
    private func tile(titled title: String, in svg: String) -> String {
        svg.components(separatedBy: "<a ").first { $0.contains("<title>\(title)</title>") } ?? ""
    }

    private func fill(_ tile: String) -> String {
        guard let start = tile.range(of: "fill=\"") else { return "" }
        return String(tile[start.upperBound...].prefix { $0 != "\"" })
    }
}
