/// RFC 9380 §5.3.1 expand_message_xmd with SHA-256, and the hash to a P-256 scalar built on it
/// (hash_to_field of §5.2 over Z_n with L = 48): coop-voting-2's Fiat–Shamir challenges.
public enum ExpandMessage {
    /// `lengthInBytes` uniform bytes from `message` under the domain separation tag `dst` (≤ 255 bytes).
    public static func xmd(_ message: [UInt8], dst: [UInt8], lengthInBytes: Int) -> [UInt8] {
        precondition(dst.count <= 255 && lengthInBytes > 0 && lengthInBytes <= 255 * 32 && lengthInBytes <= 65_535)
        let ell = (lengthInBytes + 31) / 32
        let dstPrime = dst + [UInt8(dst.count)]
        let zPad = [UInt8](repeating: 0, count: 64)
        let lengthBytes = [UInt8(lengthInBytes >> 8), UInt8(lengthInBytes & 0xff)]
        let b0 = SHA256.hash(zPad + message + lengthBytes + [0] + dstPrime)
        var previous = SHA256.hash(b0 + [1] + dstPrime)
        var output = previous
        if ell > 1 {
            for i in 2...ell {
                previous = SHA256.hash(zip(b0, previous).map { $0 ^ $1 } + [UInt8(i)] + dstPrime)
                output += previous
            }
        }
        return Array(output.prefix(lengthInBytes))
    }

    /// `H(tag, msg) = OS2IP(expand_message_xmd(msg, "coop-voting-2/" ‖ tag, 48)) mod n`.
    public static func scalar(tag: String, _ message: [UInt8]) -> Scalar {
        Scalar(reducing: xmd(message, dst: Array("coop-voting-2/\(tag)".utf8), lengthInBytes: 48))
    }
}
