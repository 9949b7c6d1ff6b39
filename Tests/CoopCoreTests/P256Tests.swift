import CoopCore
import Foundation
import Testing

/// P-256 for coop-voting-2: the point encoding the board uses (compressed only, validated by us before
/// OpenSSL), scalars below n, and RFC 9380's expand_message_xmd, checked against public vectors.
@Suite struct P256Tests {
    struct PointCase: Decodable, Sendable {
        let tcId: Int
        let comment: String
        let flags: [String]
        let `public`: String
        let `private`: String
        let shared: String
        let result: String
    }

    static func wycheproof() throws -> [PointCase] {
        struct File: Decodable {
            struct Group: Decodable { let tests: [PointCase] }
            let testGroups: [Group]
        }
        let url = sharedFolder().appendingPathComponent("testvectors/wycheproof-ecdh_secp256r1_ecpoint_test.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).testGroups.flatMap(\.tests)
    }

    /// Every compressed public point of Wycheproof's ECDH point file: the valid ones decode and give
    /// the expected shared secret (private·P's x), the invalid ones (off the curve, x ≥ p) are refused.
    @Test func wycheproofCompressedPointsDecodeExactlyWhenValid() throws {
        let cases = try Self.wycheproof()
        #expect(cases.count == 355)
        var checked = 0
        for test in cases {
            guard let bytes = Hex.decode(test.public), bytes.count == 33, bytes[0] == 2 || bytes[0] == 3 else { continue }
            checked += 1
            let decoded = try? ECPoint.decode(compressed: bytes)
            if test.result == "invalid" {
                #expect(decoded == nil, "\(test.tcId) \(test.comment)")
                continue
            }
            let point = try #require(decoded, "\(test.tcId) \(test.comment)")
            let secret = Scalar(reducing: Hex.decode(test.private)!)
            #expect(point.times(secret).x.map(Hex.encode) == test.shared, "\(test.tcId) \(test.comment)")
            #expect(point.hex == test.public, "re-encoded as given")
        }
        #expect(checked == 8)
    }

    /// The valid uncompressed points, compressed by OpenSSL and read back by our decoder: the same point,
    /// and private·P gives Wycheproof's shared secret (its edge cases of the multiplication included).
    @Test func wycheproofValidPointsRoundTripAndMultiply() throws {
        var checked = 0
        for test in try Self.wycheproof() where test.result != "invalid" {
            guard let bytes = Hex.decode(test.public), bytes.count == 65, let point = ECPoint.decodeAnySEC1(bytes) else { continue }
            checked += 1
            let again = try ECPoint.decode(hex: point.hex)
            #expect(again == point, "\(test.tcId)")
            #expect(again.times(Scalar(reducing: Hex.decode(test.private)!)).x.map(Hex.encode) == test.shared, "\(test.tcId) \(test.comment)")
        }
        #expect(checked > 100)
    }

    /// The other forms Wycheproof carries (uncompressed, the point at infinity, wrong lengths) are never
    /// accepted as a board's point, even when OpenSSL would read them.
    @Test func onlyTheCompressedFormIsAccepted() throws {
        for test in try Self.wycheproof() {
            guard let bytes = Hex.decode(test.public), !(bytes.count == 33 && (bytes[0] == 2 || bytes[0] == 3)) else { continue }
            #expect(throws: ECPoint.DecodingError.self) { try ECPoint.decode(hex: test.public) }
        }
        #expect(throws: ECPoint.DecodingError.identity) { try ECPoint.decode(hex: "00") }
        #expect(try ECPoint.decode(hex: "00", allowIdentity: true).isIdentity)
        // OpenSSL's own decoder reads `00` as the identity: ours does not, without being asked to.
        #expect(ECPoint.decodeAnySEC1([0]) == nil)
        let g = ECPoint.generator.hex
        #expect(throws: ECPoint.DecodingError.malformed) { try ECPoint.decode(hex: g.uppercased()) }
        #expect(throws: ECPoint.DecodingError.malformed) { try ECPoint.decode(hex: "04" + g.dropFirst(2)) }
        // x = p: the prime itself is outside the field.
        #expect(throws: ECPoint.DecodingError.outOfField) { try ECPoint.decode(hex: "02" + Hex.encode(P256.prime)) }
    }

    @Test func scalarsAreBelowTheOrderAndArithmeticIsModuloIt() throws {
        #expect(Scalar(hex: Hex.encode(P256.order)) == nil, "n itself is refused, never reduced")
        #expect(Scalar(hex: String(repeating: "f", count: 64)) == nil)
        #expect(Scalar(hex: String(repeating: "0", count: 63) + "A") == nil, "lower case only")
        let nMinusOne = Scalar(reducing: Hex.decode(Hex.encode(P256.order))!) - .one
        #expect(nMinusOne + .one == .zero)
        #expect(Scalar(6) * Scalar(7) == Scalar(42))
        let k = try Scalar.random()
        #expect(k != .zero && Scalar(hex: k.hex) == k)
        // Group law: (a + b)·G = a·G + b·G, and a·G + b·P in one call.
        let a = try Scalar.random(), b = try Scalar.random()
        #expect(ECPoint.base(a + b) == ECPoint.base(a) + ECPoint.base(b))
        let p = ECPoint.base(try Scalar.random())
        #expect(ECPoint.combination(a, b, p) == ECPoint.base(a) + p.times(b))
        #expect(ECPoint.base(a) - ECPoint.base(a) == .identity)
        #expect(ECPoint.base(nMinusOne) + ECPoint.generator == .identity, "n·G is the identity")
    }

    /// RFC 9380 appendix K.1 (SHA-256, DST QUUX-V01-CS02-with-expander-SHA256-128, 32 bytes), and one
    /// longer output, 0x80 bytes, from the same appendix.
    @Test func expandMessageXMDMatchesRFC9380() {
        let dst = Array("QUUX-V01-CS02-with-expander-SHA256-128".utf8)
        for (message, expected) in [
            ("", "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235"),
            ("abc", "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615"),
            ("abcdef0123456789", "eff31487c770a893cfb36f912fbfcbff40d5661771ca4b2cb4eafe524333f5c1"),
        ] {
            #expect(Hex.encode(ExpandMessage.xmd(Array(message.utf8), dst: dst, lengthInBytes: 32)) == expected, "\(message)")
        }
        #expect(Hex.encode(ExpandMessage.xmd([], dst: dst, lengthInBytes: 0x80)) ==
            "af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbee0d121587713a3e0dd4d5e69e93eb7cd4f5df4cd103e188cf60cb02edc3edf18eda8576c412b18ffb658e3dd6ec849469b979d444cf7b26911a08e63cf31f9dcc541708d3491184472c2c29bb749d4286b004ceb5ee6b9a7fa5b646c993f0ced")
    }
}
