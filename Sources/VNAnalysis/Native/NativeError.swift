import VNShim

/// An error reported by the native shim (Xapian or ICU), carried into Swift as a value.
public struct NativeError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        case unknown, databaseOpening, databaseNotFound, databaseLock, databaseCorrupt
        case databaseModified, database, invalidArgument, invalidOperation, range
        case documentNotFound, network, icu, noMemory
    }

    public let kind: Kind
    /// Xapian's or ICU's own message, e.g. "DatabaseLockError: Unable to get write lock ...".
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Takes ownership of a shim error and frees it.
    init(consuming pointer: OpaquePointer) {
        let message = String(cString: vn_error_get_message(pointer))
        let kind: Kind
        switch vn_error_get_code(pointer) {
        case VN_ERR_DATABASE_OPENING: kind = .databaseOpening
        case VN_ERR_DATABASE_NOT_FOUND: kind = .databaseNotFound
        case VN_ERR_DATABASE_LOCK: kind = .databaseLock
        case VN_ERR_DATABASE_CORRUPT: kind = .databaseCorrupt
        case VN_ERR_DATABASE_MODIFIED: kind = .databaseModified
        case VN_ERR_DATABASE: kind = .database
        case VN_ERR_INVALID_ARGUMENT: kind = .invalidArgument
        case VN_ERR_INVALID_OPERATION: kind = .invalidOperation
        case VN_ERR_RANGE: kind = .range
        case VN_ERR_DOC_NOT_FOUND: kind = .documentNotFound
        case VN_ERR_NETWORK: kind = .network
        case VN_ERR_ICU: kind = .icu
        case VN_ERR_NO_MEMORY: kind = .noMemory
        default: kind = .unknown
        }
        vn_error_free(pointer)
        self.kind = kind
        self.message = message
    }
}

/// Runs a shim call that reports failure through a `vn_error **` and throws it as a
/// `NativeError`. `failed` decides from the return value whether the call failed.
@inline(__always)
public func native<T>(_ call: (UnsafeMutablePointer<OpaquePointer?>) -> T, failed: (T) -> Bool) throws -> T {
    var error: OpaquePointer?
    let result = call(&error)
    if let error {
        throw NativeError(consuming: error)
    }
    if failed(result) {
        throw NativeError(kind: .unknown, message: "native call failed without a message")
    }
    return result
}

/// Shim calls returning 1 on success and 0 on failure.
@inline(__always)
public func nativeCheck(_ call: (UnsafeMutablePointer<OpaquePointer?>) -> Int32) throws {
    _ = try native(call, failed: { $0 == 0 })
}

/// Shim calls returning a malloc'd buffer and its length: copies it into a String (or
/// bytes) and frees it.
@inline(__always)
public func nativeString(_ call: (UnsafeMutablePointer<Int>, UnsafeMutablePointer<OpaquePointer?>) -> UnsafeMutablePointer<CChar>?) throws -> String {
    var length = 0
    let buffer = try native({ call(&length, $0) }, failed: { $0 == nil })!
    defer { vn_free(buffer) }
    return buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
}
