import Foundation
import Testing
@testable import VNAnalysis
@testable import VNSearch
import VNTestSupport

/// The native shim: Xapian and ICU through the C header, errors as Swift errors.
@Suite struct ShimTests {
    /// Removed when the test's suite value is gone.
    let temporary: TemporaryFolder
    var folder: URL { temporary.url }

    init() throws {
        temporary = try TemporaryFolder(prefix: "vnshim")
    }

    private var dbPath: String { folder.appendingPathComponent("db").path }

    /// Databases are written in 16 KB blocks, which halve the blocks a search copies out
    /// of the page cache (see shim_database.cpp): a new one and a compacted copy. A table
    /// file is a whole number of blocks; with Xapian's default 8 KB, some of these are not
    /// a multiple of 16 KB.
    @Test func databasesAreWrittenIn16KBBlocks() throws {
        do {
            let writer = try WritableDatabase(path: dbPath)
            try writer.transaction {
                for i in 1...200 {
                    let document = Document()
                    try document.addPosting("an\(i % 7)", position: 1)
                    try document.addBooleanTerm("XA\(i)")
                    try document.setValue(String(i), slot: .passageIndex)
                    try document.setData(String(repeating: "trật tự ", count: 20))
                    try writer.add(document)
                }
            }
        }
        let copy = folder.appendingPathComponent("copy").path
        try Database.compact(dbPath, into: copy)
        for database in [dbPath, copy] {
            let tables = try FileManager.default.contentsOfDirectory(atPath: database).filter { $0.hasSuffix(".glass") }
            #expect(tables.count >= 4)
            for table in tables {
                let size = try #require(try FileManager.default.attributesOfItem(atPath: database + "/" + table)[.size] as? Int)
                #expect(size > 0 && size % 16384 == 0, "\(table): \(size) bytes")
            }
        }
    }

    /// Docids 1-20: `ba` in every third, `hai` in the others.
    private func writeTwentyDocuments() throws {
        let writer = try WritableDatabase(path: dbPath)
        try writer.transaction {
            for i in 1...20 {
                let document = Document()
                try document.addPosting(i % 3 == 0 ? "ba" : "hai", position: 1)
                try writer.add(document)
            }
        }
    }

    /// A docid range under FILTER keeps the matches with docids in it, no others.
    @Test func aDocidRangeKeepsItsPartOfTheMatches() throws {
        try writeTwentyDocuments()
        let reader = try Database(path: dbPath)
        #expect(try reader.lastDocid == 20)
        let enquire = try Enquire(database: reader)
        for range: ClosedRange<UInt32> in [1...20, 1...10, 11...20, 6...6, 7...8, 19...40] {
            try enquire.setQuery(try Query.combine(.filter, [Query.term("ba"), Query.docids(range)]))
            let mset = try enquire.mset(first: 0, maxItems: 100)
            let expected = (UInt32(1)...20).filter { $0 % 3 == 0 && range.contains($0) }
            #expect((0..<mset.count).map { mset.docid($0) }.sorted() == expected, "\(range)")
        }
        #expect(throws: NativeError.self) { try Query.docids(0...5) }
    }

    /// A docid list under FILTER keeps the matches among its docids, no others; a list out
    /// of order is refused (the posting source reads it as ascending).
    @Test func aDocidListKeepsItsMatches() throws {
        try writeTwentyDocuments()
        let enquire = try Enquire(database: try Database(path: dbPath))
        for list: [UInt32] in [[], [3], [1, 2, 3, 4], [3, 9, 10, 18], [6, 12, 30], Array(1...20)] {
            try enquire.setQuery(try Query.combine(.filter, [Query.term("ba"), Query.docids(list)]))
            let mset = try enquire.mset(first: 0, maxItems: 100)
            let expected = list.filter { $0 % 3 == 0 && $0 <= 20 }
            #expect((0..<mset.count).map { mset.docid($0) }.sorted() == expected, "\(list)")
        }
        #expect(throws: NativeError.self) { try Query.docids([4, 3]) }
        #expect(throws: NativeError.self) { try Query.docids([3, 3]) }
        #expect(throws: NativeError.self) { try Query.docids([0, 3]) }
    }

    @Test func documentRoundTrip() throws {
        do {
            let writer = try WritableDatabase(path: dbPath)
            try writer.transaction {
                let document = Document()
                try document.addPosting("an", position: 1)
                try document.addPosting("ninh", position: 2)
                try document.addTerm("XEan")
                try document.addBooleanTerm("XAone")
                try document.setValue("2024-08", slot: .date)
                try document.setData("an ninh \u{0}trật tự")
                try writer.add(document)
                try writer.setMetadata("key", "giá trị")
            }
        }
        let reader = try Database(path: dbPath)
        #expect(try reader.documentCount == 1)
        #expect(try reader.metadata("key") == "giá trị")
        #expect(try reader.metadata("absent") == "")
        #expect(try reader.termFrequency("ninh") == 1)
        #expect(try reader.postings("XAone") == [1])
        #expect(try reader.documentData(1) == "an ninh \u{0}trật tự")
        #expect(try reader.documentValue(1, slot: .date) == "2024-08")

        let enquire = try Enquire(database: reader)
        try enquire.setQuery(try Query.combine(.phrase(window: 2), [Query.term("an"), Query.term("ninh")]))
        let spy = try enquire.addValueSpy(.date)
        let mset = try enquire.mset(first: 0, maxItems: 10)
        #expect(mset.count == 1)
        #expect(try reader.documentData(mset.docid(0)).hasPrefix("an ninh"))
        #expect(try enquire.matchingTerms(mset.docid(0)) == ["an", "ninh"])
        #expect(try enquire.spyCounts(spy).values.map(\.0) == ["2024-08"])

        try enquire.setQuery(try Query.combine(.phrase(window: 2), [Query.term("ninh"), Query.term("an")]))
        #expect(try enquire.mset(first: 0, maxItems: 10).count == 0)
        try enquire.setQuery(try Query.combine(.filter, [Query.term("an"), Query.valueRange(.date, from: "2025", to: nil)]))
        #expect(try enquire.mset(first: 0, maxItems: 10).count == 0)
    }

    /// The weights a value slot gives, held in memory, rank exactly as Xapian's value map
    /// reading the slot: the same documents, the same weights, over candidates a few and
    /// many documents apart (the held source gallops to each one).
    @Test func heldValueWeightsRankAsTheValueMap() throws {
        do {
            let writer = try WritableDatabase(path: dbPath)
            try writer.transaction {
                var seed: UInt32 = 12345
                for docid in 1...3000 {
                    seed = seed &* 1_103_515_245 &+ 12345
                    let document = Document()
                    // Runs of candidates and long gaps between them.
                    try document.addTerm((docid / 200) % 3 == 0 || seed % 5 == 0 ? "match" : "other", wdfIncrement: Int(seed % 3) + 1)
                    let kind = ["title", "lead", "caption", "", "", ""][Int((seed >> 8) % 6)]
                    if !kind.isEmpty { try document.setValue(kind, slot: .kind) }
                    try writer.add(document)
                }
            }
        }
        let reader = try Database(path: dbPath)
        let weights = ["title": 6.0, "lead": 3.0]
        let held = try #require(try HeldValueWeights(database: reader, slot: .kind, weights: weights))
        func ranking(_ prior: Query) throws -> [String] {
            let enquire = try Enquire(database: reader)
            try enquire.setQuery(try Query.combine(.andMaybe, [Query.term("match"), prior]))
            let mset = try enquire.mset(first: 0, maxItems: 3000)
            return (0..<mset.count).map { "\(mset.docid($0)) \(mset.weight($0))" }
        }
        let fromSlot = try ranking(Query.valueWeight(.kind, weights))
        #expect(fromSlot.count > 1000)
        #expect(try ranking(held.query()) == fromSlot)
    }

    /// Without a termlist Xapian cannot delete: the writer lists the documents, and every
    /// search on a reader skips them (a posting source under AND_NOT), wherever they are.
    @Test func documentsDeletedWithoutATermlistAreSkippedBySearches() throws {
        do {
            let writer = try WritableDatabase(path: dbPath, withoutTermlist: true)
            #expect(!writer.hasTermlist)
            try writer.transaction {
                for i in 1...6 {
                    let document = Document()
                    try document.addPosting("an", position: 1)
                    try document.addBooleanTerm(i % 2 == 1 ? "XAodd" : "XAeven")
                    try document.addBooleanTerm("XA\(i)")
                    try writer.add(document)
                }
            }
            try writer.transaction {
                // The first, one in the middle, the last, and one twice.
                for term in ["XA1", "XA4", "XA6", "XA4"] { try writer.deleteDocuments(term: term) }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: dbPath + "/termlist.glass"))
        // Reopened as it is: without a termlist, its deletions listed.
        #expect(try !WritableDatabase(path: dbPath).hasTermlist)
        let reader = try Database(path: dbPath)
        #expect(reader.deleted.encoded == "1,4,6")
        #expect(try reader.documentCount == 3)
        #expect(try reader.postings("XAeven") == [2])
        #expect(try reader.documentsIndexed(by: "XAodd") == 2)
        let enquire = try Enquire(database: reader)
        for (query, expected) in [(try Query.term("an"), [2, 3, 5]),
                                  (try Query.combine(.filter, [Query.term("an"), Query.term("XAodd")]), [3, 5])] {
            try enquire.setQuery(query)
            let mset = try enquire.mset(first: 0, maxItems: 10)
            #expect((0..<mset.count).map { mset.docid($0) }.sorted() == expected.map(UInt32.init))
            #expect(mset.matchesUpperBound == expected.count)
        }
    }

    @Test func aTermBatchAddsEveryTermWithItsPositionInOneCall() throws {
        do {
            let writer = try WritableDatabase(path: dbPath)
            try writer.transaction {
                let document = Document()
                var batch = TermBatch()
                batch.add("an", position: 1)
                batch.add("hòa", prefix: "XE")
                batch.add("ninh", position: 2)
                batch.add("hoa", position: 5)
                try document.add(batch)
                try writer.add(document)
            }
        }
        let reader = try Database(path: dbPath)
        #expect(try reader.terms(prefix: "") == ["XEhòa", "an", "hoa", "ninh"])
        let enquire = try Enquire(database: reader)
        try enquire.setQuery(try Query.combine(.phrase(window: 2), [Query.term("an"), Query.term("ninh")]))
        #expect(try enquire.mset(first: 0, maxItems: 10).count == 1)
        // `hoa` sits at position 5, three after `ninh`: not adjacent.
        try enquire.setQuery(try Query.combine(.phrase(window: 2), [Query.term("ninh"), Query.term("hoa")]))
        #expect(try enquire.mset(first: 0, maxItems: 10).count == 0)
        // The exact term has no positions, so no phrase can hold it.
        try enquire.setQuery(try Query.combine(.phrase(window: 2), [Query.term("an"), Query.term("XEhòa")]))
        #expect(try enquire.mset(first: 0, maxItems: 10).count == 0)
    }

    @Test func anEmptyTermInABatchIsAnError() throws {
        var batch = TermBatch()
        batch.add("an", position: 1)
        batch.add("", position: 2)
        let error = #expect(throws: NativeError.self) { try Document().add(batch) }
        #expect(error?.kind == .invalidArgument)
    }

    @Test func xapianErrorsArriveAsSwiftErrorsWithTheirMessage() throws {
        let document = Document()
        let error = #expect(throws: NativeError.self) { try document.addPosting("", position: 1) }
        #expect(error?.kind == .invalidArgument)
        #expect(error?.message.contains("InvalidArgumentError") == true)
    }

    @Test func missingDatabaseIsAnErrorNotACrash() throws {
        let error = #expect(throws: NativeError.self) { try Database(path: folder.appendingPathComponent("nowhere").path) }
        #expect(error?.kind == .databaseNotFound || error?.kind == .databaseOpening)
        #expect(error?.message.isEmpty == false)
    }

    @Test func secondWriterGetsALockError() throws {
        let first = try WritableDatabase(path: dbPath)
        let error = #expect(throws: NativeError.self) { try WritableDatabase(path: dbPath) }
        #expect(error?.kind == .databaseLock)
        withExtendedLifetime(first) {}
    }

    @Test func cancelledTransactionLeavesNothing() throws {
        do {
            let writer = try WritableDatabase(path: dbPath)
            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try writer.transaction {
                    let document = Document()
                    try document.addPosting("mất", position: 1)
                    try writer.add(document)
                    throw Stop()
                }
            }
            try writer.commit()
        }
        #expect(try Database(path: dbPath).documentCount == 0)
    }

    @Test func readerSeesNewRevisionsAfterReopen() throws {
        let writer = try WritableDatabase(path: dbPath)
        try writer.commit()
        let reader = try Database(path: dbPath)
        #expect(try reader.documentCount == 0)
        let document = Document()
        try document.addPosting("mới", position: 1)
        try writer.add(document)
        try writer.commit()
        #expect(try reader.reopen())
        #expect(try reader.documentCount == 1)
    }

    @Test func icuBoundariesUseByteOffsets() throws {
        let text = "Ngày 15/8, Bộ Công an."
        let words = try ICUText.wordSegments(text).filter(\.isWord)
        let bytes = Array(text.utf8)
        #expect(words.map { String(decoding: bytes[$0.range], as: UTF8.self) } == ["Ngày", "15", "8", "Bộ", "Công", "an"])
        let sentences = try ICUText.sentenceSegments("Câu một. Câu hai!\nCâu ba")
        #expect(sentences.count == 3)
    }

    @Test func stubFileOpensLikeADatabase() throws {
        do {
            let writer = try WritableDatabase(path: dbPath)
            let document = Document()
            try document.addPosting("một", position: 1)
            try writer.add(document)
        }
        let stub = folder.appendingPathComponent("all.stub")
        try "auto db\n".write(to: stub, atomically: true, encoding: .utf8)
        #expect(try Database(path: stub.path).documentCount == 1)
    }
}
