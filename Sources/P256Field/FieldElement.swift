/// A number modulo p, P-256's field prime, in Montgomery form (a·2²⁵⁶ mod p) over four 64-bit limbs,
/// little-endian. This module is compiled with -O even in debug builds (Package.swift): unoptimized,
/// its 128-bit products are 600 times slower, and the tests decode thousands of points. OpenSSL decompresses a point through BIGNUM's generic exponentiation (26 µs); a
/// secret tally decompresses a million of them, so the square root is done here in fixed width
/// (docs/PERFORMANCE.md, "Secret ballots"). Only public values pass through it (points on the board),
/// so it need not run in constant time. Every result is fully reduced, below p.
public struct FieldElement: Equatable, Sendable {
    var l0, l1, l2, l3: UInt64

    /// p = 2²⁵⁶ − 2²²⁴ + 2¹⁹² + 2⁹⁶ − 1. Its lowest limb is 2⁶⁴ − 1, so −p⁻¹ mod 2⁶⁴ is 1: each
    /// reduction step multiplies by the lowest limb itself.
    public static let p = FieldElement(l0: 0xffff_ffff_ffff_ffff, l1: 0x0000_0000_ffff_ffff, l2: 0, l3: 0xffff_ffff_0000_0001)
    public static let zero = FieldElement(l0: 0, l1: 0, l2: 0, l3: 0)
    /// 1 in Montgomery form: 2²⁵⁶ mod p.
    public static let one = FieldElement(l0: 1, l1: 0xffff_ffff_0000_0000, l2: 0xffff_ffff_ffff_ffff, l3: 0x0000_0000_ffff_fffe)
    /// 2⁵¹² mod p, which takes a plain number into Montgomery form in one multiplication.
    static let rSquared: FieldElement = {
        var r = one
        for _ in 0..<256 { r = r + r }
        return r
    }()
    /// The curve's b, for y² = x³ − 3x + b (0x5ac635d8…27d2604b).
    static let b = FieldElement(l0: 0x3bce_3c3e_27d2_604b, l1: 0x651d_06b0_cc53_b0f6, l2: 0xb3eb_bd55_7698_86bc, l3: 0x5ac6_35d8_aa3a_93e7)
        * rSquared

    /// 32 big-endian bytes below p; nil for p or more.
    public init?(bigEndian bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        func limb(_ i: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(bytes[i * 8 + k]) }
            return v
        }
        let plain = FieldElement(l0: limb(3), l1: limb(2), l2: limb(1), l3: limb(0))
        guard plain.isBelowP else { return nil }
        self = plain * FieldElement.rSquared
    }

    init(l0: UInt64, l1: UInt64, l2: UInt64, l3: UInt64) {
        (self.l0, self.l1, self.l2, self.l3) = (l0, l1, l2, l3)
    }

    /// The plain value's 32 big-endian bytes.
    public var bigEndian: [UInt8] {
        let plain = self * FieldElement(l0: 1, l1: 0, l2: 0, l3: 0)
        var out = [UInt8](repeating: 0, count: 32)
        for (i, limb) in [plain.l3, plain.l2, plain.l1, plain.l0].enumerated() {
            for k in 0..<8 { out[i * 8 + k] = UInt8(truncatingIfNeeded: limb >> (56 - 8 * UInt64(k))) }
        }
        return out
    }

    /// Whether the plain value is odd (a compressed point's `03`).
    public var isOdd: Bool { (self * FieldElement(l0: 1, l1: 0, l2: 0, l3: 0)).l0 & 1 == 1 }
    public var isZero: Bool { l0 | l1 | l2 | l3 == 0 }

    private var isBelowP: Bool {
        let (_, borrow) = FieldElement.subtractingP(self)
        return borrow
    }

    /// self − p and whether it borrowed (self < p).
    private static func subtractingP(_ a: FieldElement) -> (FieldElement, Bool) {
        let (r0, b0) = a.l0.subtractingReportingOverflow(p.l0)
        let (r1, b1) = sub(a.l1, p.l1, b0)
        let (r2, b2) = sub(a.l2, p.l2, b1)
        let (r3, b3) = sub(a.l3, p.l3, b2)
        return (FieldElement(l0: r0, l1: r1, l2: r2, l3: r3), b3)
    }

    @inline(__always) private static func sub(_ a: UInt64, _ b: UInt64, _ borrow: Bool) -> (UInt64, Bool) {
        let (d, o1) = a.subtractingReportingOverflow(b)
        let (e, o2) = d.subtractingReportingOverflow(borrow ? 1 : 0)
        return (e, o1 || o2)
    }

    @inline(__always) private static func add(_ a: UInt64, _ b: UInt64, _ carry: Bool) -> (UInt64, Bool) {
        let (s, o1) = a.addingReportingOverflow(b)
        let (t, o2) = s.addingReportingOverflow(carry ? 1 : 0)
        return (t, o1 || o2)
    }

    /// a + b·c + carry, its low limb returned and its high limb left in carry (it cannot overflow 128 bits).
    @inline(__always) private static func mac(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ carry: inout UInt64) -> UInt64 {
        let wide = UInt128(b) &* UInt128(c) &+ UInt128(a) &+ UInt128(carry)
        carry = UInt64(truncatingIfNeeded: wide >> 64)
        return UInt64(truncatingIfNeeded: wide)
    }

    public static func + (a: FieldElement, b: FieldElement) -> FieldElement {
        let (s0, c0) = a.l0.addingReportingOverflow(b.l0)
        let (s1, c1) = add(a.l1, b.l1, c0)
        let (s2, c2) = add(a.l2, b.l2, c1)
        let (s3, c3) = add(a.l3, b.l3, c2)
        let sum = FieldElement(l0: s0, l1: s1, l2: s2, l3: s3)
        let (reduced, borrow) = subtractingP(sum)
        // Below 2p: subtract p once unless the sum (with its carry) was already below p.
        return c3 || !borrow ? reduced : sum
    }

    public static func - (a: FieldElement, b: FieldElement) -> FieldElement {
        let (d0, b0) = a.l0.subtractingReportingOverflow(b.l0)
        let (d1, b1) = sub(a.l1, b.l1, b0)
        let (d2, b2) = sub(a.l2, b.l2, b1)
        let (d3, b3) = sub(a.l3, b.l3, b2)
        guard b3 else { return FieldElement(l0: d0, l1: d1, l2: d2, l3: d3) }
        // Negative: add p back (the carry out cancels the borrow).
        let (e0, c0) = d0.addingReportingOverflow(p.l0)
        let (e1, c1) = add(d1, p.l1, c0)
        let (e2, c2) = add(d2, p.l2, c1)
        let (e3, _) = add(d3, p.l3, c2)
        return FieldElement(l0: e0, l1: e1, l2: e2, l3: e3)
    }

    /// Montgomery multiplication a·b·2⁻²⁵⁶ mod p, limb by limb (CIOS), each round reduced by one limb.
    public static func * (a: FieldElement, b: FieldElement) -> FieldElement {
        var t = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        // Four rounds written out: a loop over an array of b's limbs would allocate on every product.
        round(&t, a, b.l0)
        round(&t, a, b.l1)
        round(&t, a, b.l2)
        round(&t, a, b.l3)
        let r = FieldElement(l0: t.0, l1: t.1, l2: t.2, l3: t.3)
        let (reduced, borrow) = subtractingP(r)
        return t.4 != 0 || !borrow ? reduced : r
    }

    /// t += a·bi, then t = (t + m·p)/2⁶⁴ with m = t's lowest limb, which clears that limb.
    @inline(__always) private static func round(_ t: inout (UInt64, UInt64, UInt64, UInt64, UInt64), _ a: FieldElement, _ bi: UInt64) {
        var c: UInt64 = 0
        t.0 = mac(t.0, a.l0, bi, &c)
        t.1 = mac(t.1, a.l1, bi, &c)
        t.2 = mac(t.2, a.l2, bi, &c)
        t.3 = mac(t.3, a.l3, bi, &c)
        let (t4, o) = t.4.addingReportingOverflow(c)
        let m = t.0
        c = 0
        _ = mac(t.0, m, 0xffff_ffff_ffff_ffff, &c)      // p's limbs, as literals in the hottest loop
        t.0 = mac(t.1, m, 0x0000_0000_ffff_ffff, &c)
        t.1 = mac(t.2, m, 0, &c)
        t.2 = mac(t.3, m, 0xffff_ffff_0000_0001, &c)
        let (s, o2) = t4.addingReportingOverflow(c)
        t.3 = s
        t.4 = (o ? 1 : 0) &+ (o2 ? 1 : 0)
    }

    public var squared: FieldElement { self * self }

    /// self^(2^k).
    public func squared(times k: Int) -> FieldElement {
        var r = self
        for _ in 0..<k { r = r * r }
        return r
    }

    /// A square root when there is one: self^((p+1)/4), since p ≡ 3 mod 4. (p+1)/4 is
    /// 2²⁵⁴ − 2²²² + 2¹⁹⁰ + 2⁹⁴ = ((((2³² − 1)·2³² + 1)·2⁹⁶ + 1)·2⁹⁴: 253 squarings and 7 multiplications.
    public var squareRoot: FieldElement? {
        let x2 = squared * self                    // 2² − 1
        let x4 = x2.squared(times: 2) * x2         // 2⁴ − 1
        let x8 = x4.squared(times: 4) * x4
        let x16 = x8.squared(times: 8) * x8
        let x32 = x16.squared(times: 16) * x16     // 2³² − 1
        let a = x32.squared(times: 32) * self      // (2³² − 1)·2³² + 1
        let root = (a.squared(times: 96) * self).squared(times: 94)
        return root.squared == self ? root : nil
    }

    /// 1/self (self ≠ 0), by Fermat: self^(p−2).
    public var inverse: FieldElement {
        // p − 2 = 0xffffffff00000001 0000000000000000 00000000ffffffff fffffffffffffffd, high bit first.
        let exponent = [FieldElement.p.l3, FieldElement.p.l2, FieldElement.p.l1, FieldElement.p.l0 - 2]
        var r = FieldElement.one
        for limb in exponent {
            for bit in (0..<64).reversed() {
                r = r.squared
                if limb >> UInt64(bit) & 1 == 1 { r = r * self }
            }
        }
        return r
    }

    /// The curve's right-hand side, x³ − 3x + b.
    public static func curve(_ x: FieldElement) -> FieldElement {
        x.squared * x - (x + x + x) + b
    }

    public var negated: FieldElement { FieldElement.zero - self }
}
