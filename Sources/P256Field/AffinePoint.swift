/// A point of P-256 other than the identity, by its affine coordinates, on the curve y² = x³ − 3x + b.
public struct AffinePoint: Sendable, Equatable {
    public let x: FieldElement
    public let y: FieldElement

    /// The coordinates as given: the caller knows the point is on the curve (OpenSSL read them out).
    public init(x: FieldElement, y: FieldElement) {
        self.x = x
        self.y = y
    }

    /// The point whose x is `x` (32 big-endian bytes) and whose y has the parity `odd`; nil when x ≥ p
    /// or x³ − 3x + b has no square root (no point of the curve has this x).
    public static func decompress(x bytes: [UInt8], odd: Bool) -> AffinePoint? {
        guard let x = FieldElement(bigEndian: bytes), let root = FieldElement.curve(x).squareRoot else { return nil }
        return AffinePoint(x: x, y: root.isOdd == odd ? root : root.negated)
    }

    /// SEC1 compressed: `02`/`03` ‖ x.
    public var compressed: [UInt8] { [y.isOdd ? 3 : 2] + x.bigEndian }
}
