import Foundation
import VNAnalysis

/// Vietnam's provinces as a grid of equal squares, shaded by how many passages match in
/// each, drawn on the server as inline SVG so the page still needs no scripts. Each square
/// links to the same search narrowed to its province.
///
/// Squares rather than borders: real outlines would need outside data, and the small delta
/// provinces would be too small to click. Each square sits roughly where its province lies,
/// so the grid keeps the country's S shape.
enum ProvinceTileMap {
    struct Tile {
        let name: String
        let column: Int
        let row: Int
    }

    /// The 63 provinces before 1 July 2025, named as in `ProvinceGazetteer.provinces`.
    /// 7 columns × 23 rows.
    static let provinceTiles = tiles([
        [(1, "Lai Châu"), (2, "Lào Cai"), (3, "Hà Giang"), (4, "Cao Bằng")],
        [(0, "Điện Biên"), (1, "Sơn La"), (2, "Yên Bái"), (3, "Tuyên Quang"), (4, "Bắc Kạn"), (5, "Lạng Sơn")],
        [(2, "Phú Thọ"), (3, "Vĩnh Phúc"), (4, "Thái Nguyên"), (5, "Bắc Giang"), (6, "Quảng Ninh")],
        [(2, "Hòa Bình"), (3, "Hà Nội"), (4, "Bắc Ninh"), (5, "Hải Dương"), (6, "Hải Phòng")],
        [(3, "Hà Nam"), (4, "Hưng Yên"), (5, "Thái Bình")],
        [(2, "Thanh Hóa"), (3, "Ninh Bình"), (4, "Nam Định")],
        [(2, "Nghệ An")],
        [(3, "Hà Tĩnh")],
        [(4, "Quảng Bình")],
        [(4, "Quảng Trị")],
        [(5, "Thừa Thiên Huế")],
        [(5, "Quảng Nam"), (6, "Đà Nẵng")],
        // Central Highlands in column 5, west of the south-central coast in column 6.
        [(5, "Kon Tum"), (6, "Quảng Ngãi")],
        [(5, "Gia Lai"), (6, "Bình Định")],
        [(5, "Đắk Lắk"), (6, "Phú Yên")],
        [(4, "Đắk Nông"), (5, "Lâm Đồng"), (6, "Khánh Hòa")],
        [(4, "Bình Phước"), (5, "Bình Thuận"), (6, "Ninh Thuận")],
        [(3, "Tây Ninh"), (4, "Bình Dương"), (5, "Đồng Nai")],
        [(3, "Long An"), (4, "TP Hồ Chí Minh"), (5, "Bà Rịa - Vũng Tàu")],
        [(2, "Đồng Tháp"), (3, "Tiền Giang"), (4, "Bến Tre")],
        [(1, "An Giang"), (2, "Cần Thơ"), (3, "Vĩnh Long"), (4, "Trà Vinh")],
        [(1, "Kiên Giang"), (2, "Hậu Giang"), (3, "Sóc Trăng")],
        [(1, "Cà Mau"), (2, "Bạc Liêu")],
    ])

    /// The 34 provinces since 1 July 2025, named as the keys of
    /// `ProvinceGazetteer.mergedProvinces`. 5 columns × 17 rows.
    static let mergedProvinceTiles = tiles([
        [(0, "Lai Châu"), (1, "Lào Cai"), (2, "Tuyên Quang"), (3, "Cao Bằng")],
        [(0, "Điện Biên"), (1, "Sơn La"), (2, "Thái Nguyên"), (3, "Lạng Sơn")],
        [(1, "Phú Thọ"), (2, "Hà Nội"), (3, "Bắc Ninh"), (4, "Quảng Ninh")],
        [(1, "Thanh Hóa"), (2, "Ninh Bình"), (3, "Hưng Yên"), (4, "Hải Phòng")],
        [(1, "Nghệ An")],
        [(2, "Hà Tĩnh")],
        [(2, "Quảng Trị")],
        [(3, "Huế")],
        [(3, "Đà Nẵng")],
        // Each of these now runs from the highlands to the sea, so the band is one square wide.
        [(3, "Quảng Ngãi")],
        [(3, "Gia Lai")],
        [(3, "Đắk Lắk")],
        [(3, "Lâm Đồng"), (4, "Khánh Hòa")],
        [(2, "Tây Ninh"), (3, "Đồng Nai")],
        [(1, "An Giang"), (2, "Đồng Tháp"), (3, "TP Hồ Chí Minh")],
        [(1, "Cần Thơ"), (2, "Vĩnh Long")],
        [(1, "Cà Mau")],
    ])

    /// Rows north to south, each as (column, name): the row number is the position in the
    /// list, so a row cannot be misnumbered.
    private static func tiles(_ rows: [[(column: Int, name: String)]]) -> [Tile] {
        rows.enumerated().flatMap { row, cells in
            cells.map { Tile(name: $0.name, column: $0.column, row: row) }
        }
    }

    // In viewBox units. The unit between `side` and `pitch` is the gap that keeps neighbouring
    // squares apart when they share a shade. At 260 px wide a square of the 63-province map
    // is about 34 px, big enough to hover and tap.
    private static let pitch = 10
    private static let side = 9

    /// Grey for no matches, then four shades of blue (the page's accent hue), light to dark.
    private static let shades = ["#e3e7ea", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]

    /// `counts`: matching passages per province name; a province not in it counts 0, names
    /// not on the map are ignored. `merged`: draw the 34 provinces since 2025 instead of the
    /// 63. `link(name)`: the raw URL of the search narrowed to that province.
    ///
    /// Every square links, including those with 0: facet counts may be estimates
    /// (`facetsExact`), so a 0 does not prove the filtered search finds nothing, and one
    /// rule for all squares is easier to use.
    static func svg(counts: [String: Int], merged: Bool, link: (String) -> String) -> String {
        let tiles = merged ? mergedProvinceTiles : provinceTiles
        let largest = tiles.map { counts[$0.name] ?? 0 }.max() ?? 0
        let width = (tiles.map(\.column).max() ?? 0) * pitch + side
        let height = (tiles.map(\.row).max() ?? 0) * pitch + side
        var svg = "<svg class=\"province-map\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\""
            + " role=\"img\" aria-label=\"Bản đồ tỉnh thành theo số đoạn khớp\">"
        for tile in tiles {
            let count = counts[tile.name] ?? 0
            svg += "<a href=\"\(escape(link(tile.name)))\"><rect class=\"tile\" x=\"\(tile.column * pitch)\" y=\"\(tile.row * pitch)\""
                + " width=\"\(side)\" height=\"\(side)\" rx=\"1\" fill=\"\(shade(count, largest: largest))\" data-count=\"\(count)\"/>"
                + "<title>\(escape(tile.name)): \(count)</title></a>"
        }
        return svg + "</svg>"
    }

    /// Log scale: passages bunch in a few provinces, and on a linear scale every other
    /// province would share the lightest shade. Four discrete shades, because the eye can
    /// tell four apart across a map where it cannot read a continuous ramp.
    private static func shade(_ count: Int, largest: Int) -> String {
        guard count > 0 else { return shades[0] }
        guard largest > 1 else { return shades[shades.count - 1] }
        let fraction = log(Double(count)) / log(Double(largest))  // 1 match: 0; the largest: 1
        return shades[1 + Int((fraction * Double(shades.count - 2)).rounded())]
    }

    /// Kept here rather than shared so this file's output is safe whatever other files do.
    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
