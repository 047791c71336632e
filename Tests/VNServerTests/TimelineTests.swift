import Testing
@testable import VNServer

/// The timeline above the results: inline SVG bars of matches per year (or per month
/// within one year), each a link to the search narrowed to its period.
@Suite struct TimelineTests {
    /// A bar as drawn: its link, position, height and tooltip.
    struct Bar { let href: String; let x: Double; let height: Double; let title: String }

    private func bars(_ svg: String) -> [Bar] {
        let pattern = /<a href="([^"]*)"><rect class="bar" x="([0-9.]+)" y="[0-9.]+" width="[0-9.]+" height="([0-9.]+)"\/><title>([^<]*)<\/title><\/a>/
        return svg.matches(of: pattern).map {
            Bar(href: String($0.1), x: Double($0.2)!, height: Double($0.3)!, title: String($0.4))
        }
    }

    private func labels(_ svg: String) -> [(x: Double, text: String)] {
        svg.matches(of: /<text x="([0-9.]+)" y="[0-9.]+">([^<]*)<\/text>/).map { (Double($0.1)!, String($0.2)) }
    }

    /// Records what the chart asked for, and answers a URL that shows it.
    private final class Links: @unchecked Sendable {
        var asked: [String] = []
        func link(_ from: String, _ to: String) -> String {
            asked.append("\(from)..\(to)")
            return "/?q=voi&from=\(from)&to=\(to)"
        }
    }

    @Test func yearsWithAGapGetAnEmptySlot() throws {
        let links = Links()
        let svg = try #require(Timeline.svg(years: ["2019": 4, "2021": 2], months: [:], link: links.link))
        #expect(svg.hasPrefix("<svg class=\"timeline\" viewBox=\"0 0 400 78\" role=\"img\" aria-label=\"Số đoạn khớp theo năm\">"))
        #expect(!svg.contains(" width=\"400\"") && svg.hasSuffix("</svg>"))
        #expect(labels(svg).map(\.text) == ["2019", "2020", "2021"])
        let drawn = bars(svg)
        #expect(drawn.map(\.title) == ["2019: 4 đoạn", "2021: 2 đoạn"])
        #expect(drawn.map(\.href) == ["/?q=voi&amp;from=2019&amp;to=2019", "/?q=voi&amp;from=2021&amp;to=2021"])
        #expect(Set(links.asked) == ["2019..2019", "2021..2021"])
        // 2020 keeps its place: the two bars are two slots apart, the 2020 label between them.
        let slots = labels(svg).map(\.x)
        #expect(abs((slots[2] - slots[0]) - 2 * (slots[1] - slots[0])) < 0.02)
        #expect(drawn[1].x - drawn[0].x > (slots[2] - slots[0]) * 0.99)
    }

    @Test func oneYearWithMonthsIsDrawnByMonth() throws {
        let links = Links()
        let svg = try #require(Timeline.svg(years: ["2024": 7], months: ["2024-08": 5, "2024-11": 2], link: links.link))
        #expect(svg.contains("aria-label=\"Số đoạn khớp theo tháng\""))
        #expect(labels(svg).map(\.text) == (1...12).map { "T\($0)" })
        let drawn = bars(svg)
        #expect(drawn.map(\.title) == ["08/2024: 5 đoạn", "11/2024: 2 đoạn"])
        #expect(drawn.first?.href == "/?q=voi&amp;from=2024-08&amp;to=2024-08")
        #expect(links.asked == ["2024-08..2024-08", "2024-11..2024-11"])
    }

    @Test func oneYearWithoutMonthsIsOneYearBar() throws {
        let svg = try #require(Timeline.svg(years: ["2024": 7], months: ["2023-05": 3], link: { "/?from=\($0)&to=\($1)" }))
        #expect(svg.contains("theo năm"))
        #expect(bars(svg).map(\.title) == ["2024: 7 đoạn"])
    }

    @Test func theTallestBarIsTheHighestAndFillsTheChart() throws {
        let svg = try #require(Timeline.svg(years: ["2018": 3, "2019": 30, "2020": 12, "2022": 1], months: [:], link: { _, _ in "/" }))
        let heights = Dictionary(uniqueKeysWithValues: bars(svg).map { ($0.title, $0.height) })
        #expect(heights["2019: 30 đoạn"] == 56)
        #expect(heights["2019: 30 đoạn"]! > heights["2020: 12 đoạn"]!)
        #expect(heights["2020: 12 đoạn"]! > heights["2018: 3 đoạn"]!)
        #expect(heights["2022: 1 đoạn"]! > 0)
    }

    @Test func nothingToDrawIsNil() {
        #expect(Timeline.svg(years: [:], months: [:], link: { _, _ in "/" }) == nil)
        #expect(Timeline.svg(years: ["2019": 0, "2020": -1], months: ["2019-03": 4], link: { _, _ in "/" }) == nil)
        #expect(Timeline.svg(years: ["19": 3, "năm": 2], months: [:], link: { _, _ in "/" }) == nil)
    }

    @Test func theLinkIsEscaped() throws {
        let svg = try #require(Timeline.svg(years: ["2019": 1, "2020": 2], months: [:], link: { _, _ in "/?q=a\"b<script>" }))
        #expect(!svg.contains("<script"))
        #expect(bars(svg).map(\.href) == ["/?q=a&quot;b&lt;script&gt;", "/?q=a&quot;b&lt;script&gt;"])
    }

    @Test func malformedKeysAreIgnored() throws {
        let years = ["2019": 3, "2021": 1, "19": 5, "abcd": 2, "2019-01": 4, "20190": 1, " 2020": 9, "２０２０": 6, "1850": 0]
        let svg = try #require(Timeline.svg(years: years, months: ["2019-01": 2], link: { _, _ in "/" }))
        #expect(labels(svg).map(\.text) == ["2019", "2020", "2021"])
        #expect(bars(svg).map(\.title) == ["2019: 3 đoạn", "2021: 1 đoạn"])

        let months = ["2024-08": 5, "2024-8": 2, "2024-13": 1, "2024-00": 1, "2024/09": 3, "24-10": 1, "2024-1x": 1]
        let byMonth = try #require(Timeline.svg(years: ["2024": 5], months: months, link: { _, _ in "/" }))
        #expect(bars(byMonth).map(\.title) == ["08/2024: 5 đoạn"])
        // Months that are all malformed leave the one year as a single year bar.
        let noMonths = try #require(Timeline.svg(years: ["2024": 5], months: ["2024-8": 5, "Aug 2024": 1], link: { _, _ in "/" }))
        #expect(bars(noMonths).map(\.title) == ["2024: 5 đoạn"])
    }

    @Test func manyYearsGetFewLabelsThatNeverTouch() throws {
        for last in 2000...2060 {
            let years = ["1990": 2, String(last): 1]
            let svg = try #require(Timeline.svg(years: years, months: [:], link: { _, _ in "/" }))
            let shown = labels(svg)
            #expect(shown.count <= 12)
            #expect(shown.first?.text == "1990" && shown.last?.text == String(last))
            // A four-digit year at font size 12 is about 28 units wide.
            let gaps = zip(shown.dropFirst(), shown).map { $0.x - $1.x }
            #expect(gaps.allSatisfy { $0 >= 32 }, "\(last): \(gaps)")
            #expect(shown.allSatisfy { $0.x >= 14 && $0.x <= 386 })
        }
    }
}
