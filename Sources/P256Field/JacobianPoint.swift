/// A point of P-256 in Jacobian coordinates (x = X/Z², y = Y/Z³; Z = 0 is the identity), for running
/// sums: adding an affine point costs 7 multiplications and 4 squarings, no inversion. The formulas
/// are the Explicit-Formulas Database's madd-2007-bl and dbl-2001-b (a = −3).
public struct JacobianPoint: Sendable {
    private var x = FieldElement.one, y = FieldElement.one, z = FieldElement.zero

    /// The identity.
    public init() {}

    public mutating func add(_ q: AffinePoint) {
        guard !z.isZero else {
            (x, y, z) = (q.x, q.y, .one)
            return
        }
        let z1z1 = z.squared
        let u2 = q.x * z1z1, s2 = q.y * z * z1z1
        let h = u2 - x, r = (s2 - y) + (s2 - y)
        guard !h.isZero else {
            // Same x: the same point (double it) or its negation (the sum is the identity).
            if r.isZero { double() } else { z = .zero }
            return
        }
        let hh = h.squared
        let i = hh + hh + hh + hh
        let j = h * i, v = x * i
        let x3 = r.squared - j - v - v
        let yj = y * j
        let y3 = r * (v - x3) - yj - yj
        z = (z + h).squared - z1z1 - hh
        (x, y) = (x3, y3)
    }

    private mutating func double() {
        let delta = z.squared, gamma = y.squared, beta = x * gamma
        let t = (x - delta) * (x + delta)
        let alpha = t + t + t
        let beta4 = beta + beta + beta + beta
        let x3 = alpha.squared - beta4 - beta4
        z = (y + z).squared - gamma - delta
        let gamma2 = gamma.squared
        let gamma4 = gamma2 + gamma2 + gamma2 + gamma2
        y = alpha * (beta4 - x3) - gamma4 - gamma4
        x = x3
    }

    /// The affine coordinates (one inversion); nil for the identity.
    public var affine: AffinePoint? {
        guard !z.isZero else { return nil }
        let zInverse = z.inverse, zInverse2 = zInverse.squared
        return AffinePoint(x: x * zInverse2, y: y * zInverse2 * zInverse)
    }
}
