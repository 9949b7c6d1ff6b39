import CoopCore

/// What coop-voting-1's plaintext ballot and coop-voting-2's encrypted one share: four fields signed
/// with the credential's Ed25519 key, the signature beside them, and the tracker (the hex SHA-256 of
/// the canonical signed ballot).
public protocol SignedBallot: Sendable {
    /// The election's id and the hash of the definition signed.
    var election: String { get }
    var electionHash: String { get }
    /// The credential's public key, hex.
    var credential: String { get }
    /// Hex Ed25519 signature of `signingMessage`.
    var signature: String { get }
    /// The canonical bytes that are signed: the four fields other than the signature.
    var signingMessage: [UInt8] { get }
    /// The ballot as JSON (the `ballot` event's payload).
    var json: JSONValue { get }
}

extension SignedBallot {
    /// The canonical signed ballot: what is sent and what the tracker hashes.
    public var canonicalJSON: [UInt8] { CanonicalJSON.encode(json) }

    /// Hex SHA-256 of the canonical signed ballot.
    public var tracker: String { SHA256.hex(canonicalJSON) }

    /// True when the signature verifies with the credential.
    public var hasValidSignature: Bool {
        guard let key = Hex.decode(credential), let publicKey = try? Ed25519.PublicKey(raw: key),
              let signature = Hex.decode(signature) else { return false }
        return publicKey.isValidSignature(signature, for: signingMessage)
    }

    /// The unsigned fields with `"signature"` added.
    static func signed(_ unsigned: JSONValue, _ signature: String) -> JSONValue {
        guard case .object(var object) = unsigned else { return .null }
        object["signature"] = .string(signature)
        return .object(object)
    }
}
