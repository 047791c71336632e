import Foundation
import VNAnalysis

/// Readings in context: for adjacent query syllables typed without diacritics
/// (`nguoi dan toc`), the reading of each as the index writes that run (`người dân tộc`),
/// not each syllable's commonest reading alone (`tộc` after `dân`, not `tốc`).
///
/// The index is the language model. Its folded syllables carry positions, so a phrase
/// query finds the passages that hold the run, whatever its diacritics; a sample of them,
/// cut into tokens, says how the run is written there. When the whole run is in no
/// passage, each adjacent pair is sampled the same way and the readings are chosen
/// together (Viterbi) from the pairs' counts, smoothed by each reading's share of its
/// syllable's passages. Nothing is stored for it at index time, so it holds for every
/// layout, shard and replica, and for whatever was added or deleted a moment ago.
final class ContextReadings {
    /// Passages read per sample: more costs a text lookup and an ICU cut each, and
    /// changed the readings of our dev phrases little past this (bench/relevance/readings.py).
    static let samples = 30

    let database: Database
    let analyzer: VietnameseAnalyzer
    /// A passage's text by docid (HitBuilder.passageText).
    let passageText: (UInt32) throws -> String
    let termFrequency: (String) throws -> Int
    /// Runs read so far: the query builder and "Did you mean" read the same runs.
    private var known: [[String]: [Reading]] = [:]

    init(database: Database, analyzer: VietnameseAnalyzer, passageText: @escaping (UInt32) throws -> String,
         termFrequency: @escaping (String) throws -> Int) {
        self.database = database
        self.analyzer = analyzer
        self.passageText = passageText
        self.termFrequency = termFrequency
    }

    /// One reading of a syllable: as the index writes it, case folded, and whether the
    /// passages that write it so mostly capitalise it (`hoa` → `Hoa` in `nguoi hoa`).
    struct Reading: Equatable {
        var exact: String
        var capitalised: Bool
        /// Whether a passage writes it so beside a neighbour of the run; else it is the
        /// syllable's commonest reading, which says nothing of this query.
        var inContext = true
    }

    /// The reading of each of `run`'s folded syllables, in order; a syllable the index
    /// does not hold keeps its folded form. `names`: which of them were typed as a name
    /// (see `typedAsNames`), read as the passages that capitalise them write them (`Van
    /// Quyet` is `Văn Quyết`, not `vẫn quyết`; `Cau Giay` is `Cầu Giấy`).
    func read(_ run: [String], names: [Bool]? = nil) throws -> [Reading] {
        let names = names ?? Array(repeating: false, count: run.count)
        let key = zip(run, names).map { $1 ? "^" + $0 : $0 }
        if let readings = known[key] { return readings }
        let readings: [Reading]
        if run.count < 2 {
            readings = try run.map { try commonest($0) }
        } else if let best = try sample(run[...], names: names[...]).best {
            readings = best
        } else {
            readings = try chain(run, names: names,
                                 pairs: try (1..<run.count).map { try sample(run[$0 - 1...$0], names: names[$0 - 1...$0]) })
        }
        known[key] = readings
        return readings
    }

    /// Which of a query's syllables were typed as a name: a capital, unless it starts a
    /// query whose next syllable has none (`Kho qua`: a sentence's first word) or every
    /// syllable of a longer query has one (`Người Hoa Ở Sóc Trăng`).
    static func typedAsNames(_ tokens: [Token]) -> [Bool] {
        let capitals = tokens.map(SentenceStarts.isCapitalised)
        if tokens.count >= 3 && !capitals.contains(false) { return capitals.map { _ in false } }
        return capitals.indices.map { i in capitals[i] && (i > 0 || (capitals.count > 1 && capitals[1])) }
    }

    /// The query's syllables in runs of neighbours (only spaces between them): `nguoi
    /// hoa, soc trang` is two runs; a neighbour's reading says nothing across a comma.
    static func runs(_ tokens: [Token], in query: String) -> [Range<Int>] {
        let bytes = Array(query.utf8)
        var runs: [Range<Int>] = []
        var start = 0
        for i in tokens.indices.dropFirst() {
            let between = bytes[tokens[i - 1].range.upperBound..<tokens[i].range.lowerBound]
            if !between.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                runs.append(start..<i)
                start = i
            }
        }
        if !tokens.isEmpty { runs.append(start..<tokens.count) }
        return runs
    }

    /// How the passages that hold `window` write it: each spelling of the whole window
    /// and how often, and how often each syllable of it has a capital.
    struct Sample {
        var counts: [[String]: Int] = [:]
        var capitals: [[String]: [Int]] = [:]
        var total: Int { counts.values.reduce(0, +) }

        /// The commonest spelling (ties: the first in code-point order, for stable answers).
        var best: [Reading]? {
            let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }
            guard let (spelling, count) = ranked.first else { return nil }
            let capitals = capitals[spelling] ?? []
            return spelling.indices.map { Reading(exact: spelling[$0], capitalised: capitals[$0] * 2 > count) }
        }
    }

    /// The sample of `window`; where some of it was typed as a name, of the passages that
    /// capitalise those syllables, if any does.
    private func sample(_ window: ArraySlice<String>, names: ArraySlice<Bool>) throws -> Sample {
        let phrase = try Query.combine(.phrase(window: window.count),
                                       window.enumerated().map { try Query.term($1, position: $0 + 1) })
        let named = try zip(window, names).filter(\.1).map { folded, _ in
            try Query.combine(.or, IndexedReadings.of(folded, termFrequency: termFrequency).map {
                try Query.term(TermPrefix.capitalised + $0.reading)
            })
        }
        if !named.isEmpty {
            let capitalised = try sample(Query.combine(.filter, [phrase, Query.combine(.and, named)]), window,
                                         names: Array(names))
            if capitalised.total > 0 { return capitalised }
        }
        return try sample(phrase, window, names: nil)
    }

    private func sample(_ phrase: Query, _ window: ArraySlice<String>, names: [Bool]?) throws -> Sample {
        let enquire = try Enquire(database: database)
        try enquire.setBoolWeight()
        try enquire.setQuery(phrase)
        let matches = try enquire.mset(first: 0, maxItems: Self.samples)
        var sample = Sample()
        let folded = Array(window)
        for i in 0..<matches.count {
            let text = try passageText(matches.docid(i))
            let tokens = try analyzer.tokens(text)
            guard tokens.count >= folded.count else { continue }
            // A capital that starts a sentence says nothing of a name (`Xe đang đi`).
            let sentenceStarts = SentenceStarts.flags(text, tokens: tokens, colons: true)
            for start in 0...(tokens.count - folded.count) where tokens[start].folded == folded[0] {
                let run = tokens[start..<start + folded.count]
                guard zip(run, folded).allSatisfy({ $0.folded == $1 }) else { continue }
                if let names, zip(run, names).contains(where: { $1 && $0.surface.first?.isUppercase != true }) { continue }
                let spelling = run.map(\.exact)
                sample.counts[spelling, default: 0] += 1
                var capitals = sample.capitals[spelling] ?? Array(repeating: 0, count: folded.count)
                for j in run.indices where run[j].surface.first?.isUppercase == true && !sentenceStarts[j] { capitals[j - start] += 1 }
                sample.capitals[spelling] = capitals
            }
        }
        return sample
    }

    /// The readings chosen together from adjacent pairs: a path's score is the product of
    /// each pair's share of its sample (smoothed by the two readings' shares, so a pair
    /// no passage holds is possible but unlikely) over each inner reading's own share.
    /// A syllable typed as a name weighs its readings by the passages that capitalise
    /// them, when any does.
    private func chain(_ run: [String], names: [Bool], pairs: [Sample]) throws -> [Reading] {
        let candidates = try zip(run, names).map { folded, name -> [(reading: String, share: Double)] in
            var readings = try IndexedReadings.of(folded, termFrequency: termFrequency)
            if readings.isEmpty { return [(folded, 1)] }
            if name {
                let capitalised = try readings.map { ($0.reading, try termFrequency(TermPrefix.capitalised + $0.reading)) }
                if capitalised.contains(where: { $0.1 > 0 }) { readings = capitalised.map { (reading: $0.0, frequency: $0.1) } }
            }
            let total = Double(readings.reduce(0) { $0 + $1.frequency })
            return readings.map { ($0.reading, (Double($0.frequency) + 0.5) / (total + 0.5 * Double(readings.count))) }
        }
        var scores = candidates[0].map { log($0.share) }
        var back: [[Int]] = [[]]
        for i in 1..<run.count {
            let sample = pairs[i - 1]
            let total = Double(sample.total)
            var next: [Double] = []
            var from: [Int] = []
            for b in candidates[i] {
                var best = (score: -Double.infinity, index: 0)
                for (j, a) in candidates[i - 1].enumerated() {
                    let count = Double(sample.counts[[a.reading, b.reading]] ?? 0)
                    let pair = (count + a.share * b.share) / (total + 1)
                    let score = scores[j] + log(pair) - log(a.share)
                    if score > best.score { best = (score, j) }
                }
                next.append(best.score)
                from.append(best.index)
            }
            scores = next
            back.append(from)
        }
        var index = scores.indices.max { scores[$0] < scores[$1] } ?? 0
        var chosen = [candidates[run.count - 1][index].reading]
        for i in stride(from: run.count - 1, to: 0, by: -1) {
            index = back[i][index]
            chosen.append(candidates[i - 1][index].reading)
        }
        chosen.reverse()
        // A capital where the pairs that hold the reading mostly write one.
        return chosen.indices.map { i in
            var capitals = 0, count = 0
            for (k, sample) in pairs.enumerated() where k == i - 1 || k == i {
                let spelling = k == i - 1 ? [chosen[i - 1], chosen[i]] : [chosen[i], chosen[i + 1]]
                let j = k == i - 1 ? 1 : 0
                count += sample.counts[spelling] ?? 0
                capitals += sample.capitals[spelling]?[j] ?? 0
            }
            return Reading(exact: chosen[i], capitalised: count > 0 && capitals * 2 > count, inContext: count > 0)
        }
    }

    private func commonest(_ folded: String) throws -> Reading {
        Reading(exact: try IndexedReadings.commonest(folded, termFrequency: termFrequency), capitalised: false, inContext: false)
    }
}
