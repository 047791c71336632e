/// A small bar chart of matching passages over time, drawn on the server as inline SVG so
/// the page still needs no scripts: one bar per year, or per month when every match falls
/// in one year. Each bar links to the same search narrowed to its period.
enum Timeline {
    // Sizes in user units. The SVG has a viewBox and no pixel size, so it takes the width
    // CSS gives it; 400 units wide keeps the 12-unit labels near 10 px on a 320 px phone.
    private static let width = 400.0
    private static let sidePadding = 16.0  // room for the first and last labels, centred under their bars
    private static let barsTop = 4.0
    private static let barsHeight = 56.0
    private static let labelBaseline = 74.0
    private static let height = 78.0
    private static let fontSize = 12.0
    private static let maxBarWidth = 36.0  // two years would otherwise be two wide blocks
    private static let minBarHeight = 1.5  // a year with 1 match beside one with 1,000 still shows, and can be clicked
    private static let maxYearLabels = 10  // four-digit years at 12 units stay apart in 368 units

    /// One place on the axis: a year or a month, possibly with no matches (drawn empty).
    private struct Slot {
        let axisLabel: String  // under the bar: `2024`, `T8`
        let title: String      // in the tooltip: `2024`, `08/2024`
        let period: String     // given to `link` as from and to: `2024`, `2024-08`
        let count: Int
    }

    /// `years` counts matching passages per year (`"2019": 12`), `months` per month
    /// (`"2024-08": 5`, may be empty); other keys are ignored. `link(from, to)` gives the
    /// raw URL of the search narrowed to a period. Nil when no year has a match.
    static func svg(years: [String: Int], months: [String: Int], link: (_ from: String, _ to: String) -> String) -> String? {
        var perYear: [Int: Int] = [:]
        for (key, count) in years where count > 0 {
            if let year = yearKey(key) { perYear[year, default: 0] += count }
        }
        guard let first = perYear.keys.min(), let last = perYear.keys.max() else { return nil }

        var perMonth: [Int: Int] = [:]
        for (key, count) in months where count > 0 {
            if let parsed = monthKey(key), parsed.year == first { perMonth[parsed.month, default: 0] += count }
        }
        let byMonth = first == last && !perMonth.isEmpty
        let slots = byMonth
            ? (1...12).map { month in
                Slot(axisLabel: "T\(month)", title: "\(padded(month, 2))/\(padded(first, 4))",
                     period: "\(padded(first, 4))-\(padded(month, 2))", count: perMonth[month] ?? 0)
            }
            : (first...last).map { year in
                Slot(axisLabel: padded(year, 4), title: padded(year, 4), period: padded(year, 4), count: perYear[year] ?? 0)
            }

        let tallest = Double(slots.map(\.count).max() ?? 1)
        let slotWidth = (width - 2 * sidePadding) / Double(slots.count)
        let barWidth = min(slotWidth * 0.7, maxBarWidth)
        let baseline = barsTop + barsHeight
        let labelled = byMonth ? Set(slots.indices) : labelledIndices(count: slots.count)

        var bars = ""
        var labels = ""
        for (index, slot) in slots.enumerated() {
            let centre = sidePadding + slotWidth * (Double(index) + 0.5)
            if slot.count > 0 {
                let barHeight = max(minBarHeight, barsHeight * Double(slot.count) / tallest)
                bars += "<a href=\"\(escape(link(slot.period, slot.period)))\">"
                    + "<rect class=\"bar\" x=\"\(number(centre - barWidth / 2))\" y=\"\(number(baseline - barHeight))\""
                    + " width=\"\(number(barWidth))\" height=\"\(number(barHeight))\"/>"
                    + "<title>\(escape(slot.title)): \(slot.count) đoạn</title></a>"
            }
            if labelled.contains(index) {
                labels += "<text x=\"\(number(centre))\" y=\"\(number(labelBaseline))\">\(escape(slot.axisLabel))</text>"
            }
        }
        // Colours as presentation attributes (the page's accent and muted grey), so the chart
        // reads without a stylesheet and the page's CSS can still restyle it.
        return "<svg class=\"timeline\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\""
            + " aria-label=\"Số đoạn khớp theo \(byMonth ? "tháng" : "năm")\">"
            + "<line class=\"axis\" x1=\"\(number(sidePadding))\" y1=\"\(number(baseline))\" x2=\"\(number(width - sidePadding))\""
            + " y2=\"\(number(baseline))\" stroke=\"#dde3e8\"/>"
            + "<g class=\"bars\" fill=\"#0b5cab\">" + bars + "</g>"
            + "<g class=\"labels\" fill=\"#5f6b73\" font-size=\"\(number(fontSize))\" text-anchor=\"middle\">" + labels + "</g>"
            + "</svg>"
    }

    /// Which year slots get a label: every nth, so at most `maxYearLabels`, always the first
    /// and the last. The last multiple of n before the last slot gives way to it, or the two
    /// labels would touch.
    private static func labelledIndices(count: Int) -> Set<Int> {
        let step = (count + maxYearLabels - 1) / maxYearLabels
        var indices = Set(stride(from: 0, to: count, by: step))
        let last = count - 1
        if last % step != 0 {
            indices.remove(last - last % step)
            indices.insert(last)
        }
        return indices
    }

    /// `2019` → 2019; anything but four ASCII digits → nil.
    private static func yearKey(_ key: String) -> Int? {
        let bytes = Array(key.utf8)
        guard bytes.count == 4, bytes.allSatisfy(isDigit) else { return nil }
        return Int(key)
    }

    /// `2024-08` → (2024, 8); anything but four digits, a hyphen and a month 01-12 → nil.
    private static func monthKey(_ key: String) -> (year: Int, month: Int)? {
        let bytes = Array(key.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              bytes[0..<4].allSatisfy(isDigit), bytes[5..<7].allSatisfy(isDigit),
              let year = Int(key.prefix(4)), let month = Int(key.suffix(2)), (1...12).contains(month)
        else { return nil }
        return (year, month)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// Zero-padded, as the keys and the date filters write them: `padded(8, 2)` is `08`.
    private static func padded(_ value: Int, _ digits: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// A coordinate to two decimals, without a trailing `.0`, to keep the markup short.
    private static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Text and attribute values both go through this: the URL comes from the caller.
    private static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
