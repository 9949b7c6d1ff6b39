import COpenSSL

/// A failure inside OpenSSL, or a key or input of the wrong shape.
public struct CryptoError: Error, Sendable, CustomStringConvertible, Equatable {
    public let operation: String
    /// OpenSSL's reason string, from `ERR_get_error`, when it gave one.
    public let reason: String

    public var description: String { "crypto: \(operation) failed: \(reason)" }

    init(_ operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }

    /// Wraps (and clears) OpenSSL's error queue once, so callers see one error.
    static func openSSL(_ operation: String) -> CryptoError {
        let code = ERR_get_error()
        var reason = "unknown"
        if code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reason = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        ERR_clear_error()
        return CryptoError(operation, reason: reason)
    }
}
