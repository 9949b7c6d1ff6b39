import CoopCore
import Foundation

/// The web booth's scripts as this build serves them (`/static/p256.js`, `/static/booth.js`), and their
/// fingerprint. The booth's JavaScript is served by the server it protects against (VOTING-2.md §8), so
/// a secret election's setup records the fingerprint when credentials are issued: the board then says,
/// once and for all, which booth the election was offered with, and anyone can compare it with what the
/// server serves and with Coop's published source. They live apart from the web face because Voting
/// writes that fingerprint and must not depend on the web face.
public struct BoothScripts: Sendable {
    public let p256: [UInt8]
    public let booth: [UInt8]
    /// The SHA-256 of the bytes of `p256.js` followed by those of `booth.js`, lower-case hex: the same
    /// as `curl -s …/static/p256.js …/static/booth.js | sha256sum`.
    public let sha256: String

    /// Read once from the target's resources. The scripts are part of the build; without them the
    /// install is broken, and saying so at first use is all that can be done.
    public static let current: BoothScripts = {
        func load(_ name: String) -> [UInt8] {
            guard let url = Bundle.module.url(forResource: "Static/\(name)", withExtension: nil),
                  let data = FileManager.default.contents(atPath: url.path)
            else { fatalError("the booth script Static/\(name) is missing from this build's resources") }
            return Array(data)
        }
        let p256 = load("p256.js"), booth = load("booth.js")
        return BoothScripts(p256: p256, booth: booth, sha256: SHA256.hex(p256 + booth))
    }()
}
