import CoopCore
import P256Field
import Testing

/// The fixed-width field arithmetic behind point decompression and running sums, checked against
/// OpenSSL's own decoder and addition on random and edge-case inputs.
@Suite struct P256FieldTests {
    /// Random x coordinates, both parities: our decompression finds a point exactly when OpenSSL's does,
    /// the same point, and re-encodes it as given.
    @Test func decompressionAgreesWithOpenSSL() throws {
        var found = 0
        let edges: [[UInt8]] = [
            [UInt8](repeating: 0, count: 32),
            [UInt8](repeating: 0, count: 31) + [1],
            [UInt8](repeating: 0, count: 31) + [3],
            Scalar(reducing: P256.prime).bytes,                       // 0 again, through the reduction
            (Scalar(reducing: P256.prime) - .one).bytes,              // p − n − 1
            { var p = P256.prime; p[31] -= 1; return p }(),           // p − 1
        ]
        let randoms = try (0..<400).map { _ in try Scalar.random().bytes }
        for x in edges + randoms {
            for prefix: UInt8 in [2, 3] {
                let bytes = [prefix] + x
                let ours = try? ECPoint.decode(compressed: bytes)
                let openSSL = ECPoint.decodeAnySEC1(bytes)
                #expect((ours == nil) == (openSSL == nil), "\(Hex.encode(bytes))")
                if let ours, let openSSL {
                    found += 1
                    #expect(ours == openSSL)
                    #expect(ours.compressed == bytes)
                }
            }
        }
        #expect(found > 300, "about half of all x are on the curve")
    }

    /// Multiples of G, as OpenSSL encodes them, decode to the same points.
    @Test func multiplesOfGRoundTrip() throws {
        for k in [Scalar.one, Scalar(2), Scalar(3)] + (try (0..<100).map { _ in try Scalar.random() }) {
            let point = ECPoint.base(k)
            let decoded = try ECPoint.decode(compressed: point.compressed)
            #expect(decoded == point)
            #expect(decoded.hex == point.hex)
        }
    }

    /// A running sum equals OpenSSL's additions, through the special cases: a point added to itself
    /// (the doubling), a point and its negation (the identity), the identity, and sums of sums.
    @Test func runningSumAgreesWithOpenSSL() throws {
        let points = try (0..<60).map { _ in try ECPoint.decode(hex: ECPoint.base(try Scalar.random()).hex) }
        var sum = PointSum()
        var expected = ECPoint.identity
        for p in points {
            sum.add(p)
            expected = expected + p
        }
        #expect(sum.point == expected)

        var twice = PointSum()
        twice.add(points[0])
        twice.add(points[0])
        #expect(twice.point == points[0] + points[0])

        var cancelled = PointSum()
        cancelled.add(points[1])
        cancelled.add(ECPoint.identity - points[1])
        #expect(cancelled.point.isIdentity)
        cancelled.add(points[2])
        #expect(cancelled.point == points[2], "after the identity, the next point alone")

        var halves = (PointSum(), PointSum())
        for (i, p) in points.enumerated() { if i % 2 == 0 { halves.0.add(p) } else { halves.1.add(p) } }
        halves.0.add(halves.1)
        halves.0.add(PointSum())
        #expect(halves.0.point == expected)

        // Points OpenSSL made (no coordinates known yet) are read out of it.
        var made = PointSum()
        made.add(ECPoint.generator)
        made.add(ECPoint.generator)
        #expect(made.point == ECPoint.base(Scalar(2)))
        #expect(PointSum().point.isIdentity)
    }

    /// The field's own identities, so that a wrong constant fails here before it fails a sum.
    @Test func fieldArithmetic() throws {
        let a = try #require(FieldElement(bigEndian: try Scalar.random().bytes))
        #expect(a * a.inverse == .one)
        #expect(a - a == .zero)
        #expect(a + a.negated == .zero)
        #expect(FieldElement.one.bigEndian == [UInt8](repeating: 0, count: 31) + [1])
        #expect(FieldElement(bigEndian: P256.prime) == nil, "p itself is not a field element")
        #expect(FieldElement(bigEndian: a.bigEndian) == a)
        let root = try #require(a.squared.squareRoot)
        #expect(root == a || root == a.negated)
    }
}
