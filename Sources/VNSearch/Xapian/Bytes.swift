import VNAnalysis
import VNShim

/// Helpers for passing Swift strings to the shim as (pointer, length) and back.
extension String {
    @inline(__always)
    func withShimBytes<T>(_ body: (UnsafePointer<CChar>?, Int) throws -> T) rethrows -> T {
        var copy = self
        return try copy.withUTF8 { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress, $0.count) }
        }
    }
}

/// Copies a shim string list into Swift and frees it.
func consumeStrings(_ list: OpaquePointer?) -> [String] {
    guard let list else { return [] }
    defer { vn_strings_free(list) }
    return (0..<vn_strings_count(list)).map { i in
        var length = 0
        let pointer = vn_strings_get(list, i, &length)!
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
