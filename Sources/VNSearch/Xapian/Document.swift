import VNAnalysis
import VNShim

/// A Xapian document under construction (owned handle). Built on one thread and handed
/// to the writer's thread, never used by two at once: hence `@unchecked Sendable`.
final class Document: @unchecked Sendable {
    let handle: OpaquePointer

    init() {
        handle = vn_document_new()
    }

    deinit { vn_document_free(handle) }

    /// Every term of the batch, in one call into the shim.
    func add(_ batch: TermBatch) throws {
        guard !batch.isEmpty else { return }
        try batch.bytes.withUnsafeBufferPointer { bytes in
            try bytes.withMemoryRebound(to: CChar.self) { text in
                try batch.entries.withUnsafeBufferPointer { entries in
                    try nativeCheck {
                        vn_document_add_terms(handle, text.baseAddress, text.count, entries.baseAddress, entries.count, $0)
                    }
                }
            }
        }
    }

    func addPosting(_ term: String, position: Int, wdfIncrement: Int = 1) throws {
        var batch = TermBatch()
        batch.add(term, position: position, wdfIncrement: wdfIncrement)
        try add(batch)
    }

    func addTerm(_ term: String, wdfIncrement: Int = 1) throws {
        var batch = TermBatch()
        batch.add(term, wdfIncrement: wdfIncrement)
        try add(batch)
    }

    func addBooleanTerm(_ term: String) throws {
        try term.withShimBytes { p, n in
            try nativeCheck { vn_document_add_boolean_term(handle, p, n, $0) }
        }
    }

    func setValue(_ value: String, slot: ValueSlot) throws {
        try value.withShimBytes { p, n in
            try nativeCheck { vn_document_set_value(handle, slot.rawValue, p, n, $0) }
        }
    }

    func setData(_ data: String) throws {
        try data.withShimBytes { p, n in
            try nativeCheck { vn_document_set_data(handle, p, n, $0) }
        }
    }
}
