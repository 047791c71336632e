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

/// Shim calls returning docids in a malloc'd array (their count, or -1 on failure):
/// copies them into Swift and frees the array.
func nativeDocids(_ call: (UnsafeMutablePointer<UnsafeMutablePointer<UInt32>?>, UnsafeMutablePointer<OpaquePointer?>) -> Int64) throws -> [UInt32] {
    var array: UnsafeMutablePointer<UInt32>?
    let count = try native({ call(&array, $0) }, failed: { $0 < 0 })
    defer { vn_free(array) }
    guard let array else { return [] }
    return Array(UnsafeBufferPointer(start: array, count: Int(count)))
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
