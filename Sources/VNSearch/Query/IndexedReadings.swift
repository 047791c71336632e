import VNAnalysis

/// The accented spellings of a folded syllable that the index holds, with the passages
/// holding each (`thuy` → `thủy`, `thùy`, `thúy`…): what a syllable typed without
/// diacritics may mean. Used to rank such queries and to suggest their accents.
enum IndexedReadings {
    static func of(_ folded: String, termFrequency: (String) throws -> Int) throws -> [(reading: String, frequency: Int)] {
        try AccentVariants.candidates(of: folded).compactMap { reading in
            let frequency = try termFrequency(TermPrefix.exact + reading)
            return frequency > 0 ? (reading, frequency) : nil
        }
    }

    /// The reading in the most passages; the folded syllable itself when the index holds none.
    static func commonest(_ folded: String, termFrequency: (String) throws -> Int) throws -> String {
        try of(folded, termFrequency: termFrequency).max { $0.frequency < $1.frequency }?.reading ?? folded
    }
}
