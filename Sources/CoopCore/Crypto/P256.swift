import COpenSSL
import Foundation
import P256Field
import Synchronization

/// NIST P-256 (secp256r1) through OpenSSL's EC_POINT and BIGNUM functions: the group of coop-voting-2's
/// encrypted ballots (docs/VOTING.md). Points are kept as OpenSSL points between operations, so a
/// proof's dozen multiplications pay for one decoding each.
public enum P256 {
    /// The group, made once and never changed (OpenSSL reads it from any thread).
    nonisolated(unsafe) static let group: OpaquePointer = {
        guard let group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1) else { fatalError("OpenSSL has no P-256") }
        return group
    }()

    /// n, the group's order, and p, the field's prime, as 32 big-endian bytes.
    public static let order: [UInt8] = bytes(EC_GROUP_get0_order(group)!)
    public static let prime: [UInt8] = {
        let p = BN_new()!
        defer { BN_free(p) }
        EC_GROUP_get_curve(group, p, nil, nil, nil)
        return bytes(p)
    }()

    static func bytes(_ bn: OpaquePointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        BN_bn2binpad(bn, &out, 32)
        return out
    }
}

/// A number modulo n, the group's order: 32 big-endian bytes, always reduced.
public struct Scalar: Sendable, Hashable {
    public let bytes: [UInt8]

    /// `bytes` as they are; the caller guarantees 32 bytes below n.
    init(reduced bytes: [UInt8]) { self.bytes = bytes }

    public static let zero = Scalar(reduced: [UInt8](repeating: 0, count: 32))
    public static let one = Scalar(UInt64(1))

    public init(_ value: UInt64) {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in 0..<8 { bytes[31 - i] = UInt8((value >> (8 * UInt64(i))) & 0xff) }
        self.bytes = bytes
    }

    /// 64 lower-case hex digits whose value is below n; nil otherwise (a scalar ≥ n is refused, never reduced).
    public init?(hex: String) {
        guard let bytes = Hex.decodeLowercase(hex, byteCount: 32), Self.less(bytes, P256.order) else { return nil }
        self.bytes = bytes
    }

    public var hex: String { Hex.encode(bytes) }

    /// Any number of big-endian bytes, reduced mod n (the hash to scalar's last step).
    public init(reducing input: [UInt8]) {
        self.bytes = Scalar.withContext { ctx in
            let x = BN_bin2bn(input, Int32(input.count), nil)!, n = BN_bin2bn(P256.order, 32, nil)!, r = BN_new()!
            defer { BN_free(x); BN_free(n); BN_free(r) }
            BN_nnmod(r, x, n, ctx)
            return P256.bytes(r)
        }
    }

    /// A uniformly random scalar 1 ≤ k < n from OpenSSL's private generator, redrawn until in range.
    public static func random() throws -> Scalar {
        while true {
            var bytes = [UInt8](repeating: 0, count: 32)
            guard RAND_priv_bytes(&bytes, 32) == 1 else { throw CryptoError.openSSL("RAND_priv_bytes") }
            if less(bytes, P256.order), bytes.contains(where: { $0 != 0 }) { return Scalar(reduced: bytes) }
        }
    }

    public static func + (a: Scalar, b: Scalar) -> Scalar { a.combine(b, BN_mod_add) }
    public static func - (a: Scalar, b: Scalar) -> Scalar { a.combine(b, BN_mod_sub) }
    public static func * (a: Scalar, b: Scalar) -> Scalar { a.combine(b, BN_mod_mul) }

    private func combine(
        _ other: Scalar, _ operation: (OpaquePointer?, OpaquePointer?, OpaquePointer?, OpaquePointer?, OpaquePointer?) -> Int32
    ) -> Scalar {
        Scalar(reduced: Scalar.withContext { ctx in
            let a = BN_bin2bn(bytes, 32, nil)!, b = BN_bin2bn(other.bytes, 32, nil)!, n = BN_bin2bn(P256.order, 32, nil)!, r = BN_new()!
            defer { BN_free(a); BN_free(b); BN_free(n); BN_free(r) }
            _ = operation(r, a, b, n, ctx)
            return P256.bytes(r)
        })
    }

    static func withContext<T>(_ body: (OpaquePointer) -> T) -> T {
        let ctx = BN_CTX_new()!
        defer { BN_CTX_free(ctx) }
        return body(ctx)
    }

    /// a < b for two big-endian byte strings of the same length.
    static func less(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return x < y }
        return false
    }
}

/// A point of P-256, or the identity. Immutable once made.
public final class ECPoint: @unchecked Sendable, Equatable, CustomStringConvertible {
    /// The OpenSSL point's address, 0 until it is made. A decoded point makes it only when a
    /// multiplication or OpenSSL's addition first needs it: a tally reads a million points and only
    /// sums them, in `PointSum`, which never does. Published once by compare-and-exchange.
    private let made: Atomic<UInt>
    /// The affine coordinates when the point was made from them (decoded, or a sum): sums, encodings
    /// and comparisons then need no call into OpenSSL.
    private let knownAffine: AffinePoint?

    private init(taking raw: OpaquePointer) {
        made = Atomic(UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(raw))))
        knownAffine = nil
    }

    /// The point (x, y), already known to be on the curve.
    init(affine: AffinePoint) {
        made = Atomic(0)
        knownAffine = affine
    }

    deinit {
        if let raw = OpaquePointer(bitPattern: made.load(ordering: .acquiring)) { EC_POINT_free(raw) }
    }

    /// The OpenSSL point, made from the affine coordinates on first use (OpenSSL checks again that it
    /// is on the curve). Two threads may both make it; one copy is kept.
    var raw: OpaquePointer {
        if let raw = OpaquePointer(bitPattern: made.load(ordering: .acquiring)) { return raw }
        let fresh = EC_POINT_new(P256.group)!, affine = knownAffine!
        let x = BN_bin2bn(affine.x.bigEndian, 32, nil)!, y = BN_bin2bn(affine.y.bigEndian, 32, nil)!
        defer { BN_free(x); BN_free(y) }
        precondition(EC_POINT_set_affine_coordinates(P256.group, fresh, x, y, nil) == 1, "a decompressed point is on the curve")
        let (exchanged, original) = made.compareExchange(expected: 0, desired: UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(fresh))),
                                                         ordering: .acquiringAndReleasing)
        if exchanged { return fresh }
        EC_POINT_free(fresh)
        return OpaquePointer(bitPattern: original)!
    }

    /// The affine coordinates; nil for the identity.
    var affine: AffinePoint? {
        if let knownAffine { return knownAffine }
        guard !isIdentity else { return nil }
        let x = BN_new()!, y = BN_new()!
        defer { BN_free(x); BN_free(y) }
        EC_POINT_get_affine_coordinates(P256.group, raw, x, y, nil)
        return AffinePoint(x: FieldElement(bigEndian: P256.bytes(x))!, y: FieldElement(bigEndian: P256.bytes(y))!)
    }

    public static let generator = ECPoint(taking: EC_POINT_dup(EC_GROUP_get0_generator(P256.group), P256.group)!)
    public static let identity: ECPoint = {
        let point = EC_POINT_new(P256.group)!
        EC_POINT_set_to_infinity(P256.group, point)
        return ECPoint(taking: point)
    }()

    public var isIdentity: Bool { knownAffine == nil && EC_POINT_is_at_infinity(P256.group, raw) == 1 }

    /// Why a point's text was refused.
    public enum DecodingError: Error, Equatable, Sendable {
        /// Not 66 lower-case hex digits starting `02` or `03`.
        case malformed
        /// x ≥ p.
        case outOfField
        /// No y on the curve for this x.
        case notOnCurve
        /// `00` where the identity is not allowed.
        case identity
    }

    /// The JSON form: 66 lower-case hex digits, SEC1 compressed. `00` (the identity) only when
    /// `allowIdentity` (a tally's or a factor's field); every other form is refused.
    public static func decode(hex: String, allowIdentity: Bool = false) throws(DecodingError) -> ECPoint {
        if hex == "00" {
            guard allowIdentity else { throw .identity }
            return .identity
        }
        guard let bytes = Hex.decodeLowercase(hex, byteCount: 33) else { throw .malformed }
        return try decode(compressed: bytes)
    }

    /// 33 bytes, `02`/`03` ‖ x. OpenSSL's decoder also takes other forms (and `00`): they are refused
    /// here first.
    public static func decode(compressed bytes: [UInt8]) throws(DecodingError) -> ECPoint {
        guard bytes.count == 33, bytes[0] == 2 || bytes[0] == 3 else { throw .malformed }
        let x = Array(bytes[1...])
        guard Scalar.less(x, P256.prime) else { throw .outOfField }
        guard let affine = AffinePoint.decompress(x: x, odd: bytes[0] == 3) else { throw .notOnCurve }
        return ECPoint(affine: affine)
    }

    /// OpenSSL's reading of any SEC1 form (uncompressed too), for tests and vectors that carry them.
    public static func decodeAnySEC1(_ bytes: [UInt8]) -> ECPoint? {
        let point = EC_POINT_new(P256.group)!
        guard !bytes.isEmpty, bytes != [0], EC_POINT_oct2point(P256.group, point, bytes, bytes.count, nil) == 1 else {
            EC_POINT_free(point)
            ERR_clear_error()
            return nil
        }
        return ECPoint(taking: point)
    }

    /// `pt(P)`: the 33 compressed bytes, or 33 zeros for the identity (inside hashes).
    public var compressed: [UInt8] {
        if let knownAffine { return knownAffine.compressed }
        guard !isIdentity else { return [UInt8](repeating: 0, count: 33) }
        var out = [UInt8](repeating: 0, count: 33)
        EC_POINT_point2oct(P256.group, raw, POINT_CONVERSION_COMPRESSED, &out, 33, nil)
        return out
    }

    /// The JSON form; `00` for the identity.
    public var hex: String { isIdentity ? "00" : Hex.encode(compressed) }
    public var description: String { hex }

    /// The x coordinate, 32 bytes (ECDH's shared secret), nil for the identity.
    public var x: [UInt8]? {
        guard !isIdentity else { return nil }
        return Array(compressed.dropFirst())
    }

    /// a·G + b·P in one OpenSSL call (its simultaneous multiplication).
    public static func combination(_ a: Scalar?, _ b: Scalar, _ p: ECPoint) -> ECPoint {
        Scalar.withContext { ctx in
            let r = EC_POINT_new(P256.group)!
            let bb = BN_bin2bn(b.bytes, 32, nil)!
            defer { BN_free(bb) }
            if let a {
                let ab = BN_bin2bn(a.bytes, 32, nil)!
                defer { BN_free(ab) }
                EC_POINT_mul(P256.group, r, ab, p.raw, bb, ctx)
            } else {
                EC_POINT_mul(P256.group, r, nil, p.raw, bb, ctx)
            }
            return ECPoint(taking: r)
        }
    }

    /// k·G.
    public static func base(_ k: Scalar) -> ECPoint {
        Scalar.withContext { ctx in
            let r = EC_POINT_new(P256.group)!
            let kb = BN_bin2bn(k.bytes, 32, nil)!
            defer { BN_free(kb) }
            EC_POINT_mul(P256.group, r, kb, nil, nil, ctx)
            return ECPoint(taking: r)
        }
    }

    /// k·self.
    public func times(_ k: Scalar) -> ECPoint { ECPoint.combination(nil, k, self) }

    public static func + (a: ECPoint, b: ECPoint) -> ECPoint {
        Scalar.withContext { ctx in
            let r = EC_POINT_new(P256.group)!
            EC_POINT_add(P256.group, r, a.raw, b.raw, ctx)
            return ECPoint(taking: r)
        }
    }

    public static func - (a: ECPoint, b: ECPoint) -> ECPoint {
        Scalar.withContext { ctx in
            let negated = EC_POINT_dup(b.raw, P256.group)!
            defer { EC_POINT_free(negated) }
            EC_POINT_invert(P256.group, negated, ctx)
            let r = EC_POINT_new(P256.group)!
            EC_POINT_add(P256.group, r, a.raw, negated, ctx)
            return ECPoint(taking: r)
        }
    }

    public static func == (a: ECPoint, b: ECPoint) -> Bool {
        if let x = a.knownAffine, let y = b.knownAffine { return x == y }
        return EC_POINT_cmp(P256.group, a.raw, b.raw, nil) == 0
    }
}
