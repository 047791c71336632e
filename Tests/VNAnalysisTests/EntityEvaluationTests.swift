import Foundation
import Testing
@testable import VNAnalysis

/// Precision and recall of entity recognition on hand-labelled sets in Fixtures/:
/// sentences written for the traps, and real sentences of ../shared/corpora referred to
/// by byte range (the corpus text itself is never committed).
///
/// - entities-labelled.jsonl: the development set; the rules were tuned on it.
/// - entities-heldout.jsonl: labelled independently by someone who saw neither the
///   development set nor the code; its figures are the honest estimate.
@Suite struct EntityEvaluationTests {
    struct Example: Decodable {
        let text: String?
        let file: String?
        let start: Int?
        let end: Int?
        let province: [String]
        let ethnic: [String]
        let model: [String]
        let note: String?
    }

    struct Score {
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
        var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        mutating func add(expected: [String], found: [String]) {
            let expected = Set(expected), found = Set(found)
            truePositives += expected.intersection(found).count
            falsePositives += found.subtracting(expected).count
            falseNegatives += expected.subtracting(found).count
        }
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The labelled examples with their text; real sentences are cut from their files,
    /// extracted from the corpus archive named by the path (`vnnews-1k/…`, `vnnews-35k/…`).
    static func examples(_ fixture: String) throws -> [(Example, String)] {
        let lines = try String(contentsOf: fixtures.appendingPathComponent(fixture), encoding: .utf8)
            .split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let examples = try lines.map { try JSONDecoder().decode(Example.self, from: Data($0.utf8)) }
        let files = Set(examples.compactMap(\.file))
        let folder = try extract(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try examples.map { example in
            if let text = example.text { return (example, text) }
            let file = try #require(example.file), start = try #require(example.start), end = try #require(example.end)
            let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
            return (example, String(decoding: bytes[start..<end], as: UTF8.self))
        }
    }

    /// Extracts only the named members of each archive into a temporary folder.
    private static func extract(_ files: Set<String>) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vnsearch-entities-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpora")
        for (archive, members) in Dictionary(grouping: files, by: { String($0.prefix { $0 != "/" }) }) {
            let tar = Process()
            tar.executableURL = URL(fileURLWithPath: "/bin/tar")
            tar.arguments = ["-xzf", corpora.appendingPathComponent(archive + ".tar.gz").path, "-C", folder.path] + members.sorted()
            try tar.run()
            tar.waitUntilExit()
            guard tar.terminationStatus == 0 else { throw CocoaError(.fileReadNoSuchFile) }
        }
        return folder
    }

    /// Scores per entity type, and the sentences where the recognizer disagreed.
    static func evaluate(_ fixture: String) throws -> (scores: [String: Score], count: Int, report: String) {
        let recognizer = try EntityRecognizer()
        var scores = ["province": Score(), "ethnic": Score(), "model": Score()]
        var misses: [String] = []
        let examples = try examples(fixture)
        for (example, text) in examples {
            let found = try recognizer.recognize(text)
            scores["province"]!.add(expected: example.province, found: found.province)
            scores["ethnic"]!.add(expected: example.ethnic, found: found.ethnic)
            scores["model"]!.add(expected: example.model, found: found.model)
            if Set(example.province) != Set(found.province) || Set(example.ethnic) != Set(found.ethnic)
                || Set(example.model) != Set(found.model) {
                misses.append("\(text)\n    expected \(example.province) \(example.ethnic) \(example.model)\n    found    \(found.province) \(found.ethnic) \(found.model)")
            }
        }
        var report = "entity recognition on \(examples.count) labelled sentences of \(fixture):\n"
        for kind in ["province", "ethnic", "model"] {
            let s = scores[kind]!
            report += String(format: "  %-8@ P %.3f  R %.3f  F1 %.3f  (tp %d fp %d fn %d)\n", kind as NSString,
                             s.precision, s.recall, s.f1, s.truePositives, s.falsePositives, s.falseNegatives)
        }
        return (scores, examples.count, report + misses.map { "  miss: " + $0 }.joined(separator: "\n"))
    }

    /// The development set (tuned on) and the held-out set (labelled blind) must both
    /// reach the targets.
    @Test(arguments: ["entities-labelled.jsonl", "entities-heldout.jsonl"])
    func meetsTheTargets(fixture: String) throws {
        let (scores, count, report) = try Self.evaluate(fixture)
        print(report)
        #expect(count >= 150)
        #expect(scores["province"]!.f1 >= 0.97)
        #expect(scores["ethnic"]!.f1 >= 0.97)
        #expect(scores["model"]!.f1 >= 0.9)
    }
}
