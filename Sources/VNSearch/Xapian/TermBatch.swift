import VNShim

/// Terms for one document, gathered in Swift and handed to Xapian in one call
/// (`Document.add(_:)`): a passage's 80 syllables, each as a folded and an exact term,
/// would otherwise cost 160 crossings into the shim.
struct TermBatch {
    private(set) var bytes: [UInt8] = []
    private(set) var entries: [vn_term_entry] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity * 8)
        entries.reserveCapacity(capacity)
    }

    var isEmpty: Bool { entries.isEmpty }

    /// A term at a 1-based position; nil adds it without positional information.
    /// `prefix` is written in front of it, so `XE` + `hòa` needs no new String.
    mutating func add<Term: StringProtocol>(_ term: Term, prefix: String = "", position: Int? = nil,
                                            wdfIncrement: Int = 1) {
        bytes.append(contentsOf: prefix.utf8)
        bytes.append(contentsOf: term.utf8)
        entries.append(vn_term_entry(end: UInt32(bytes.count), position: UInt32(position ?? 0),
                                     wdf_inc: UInt32(wdfIncrement)))
    }
}
