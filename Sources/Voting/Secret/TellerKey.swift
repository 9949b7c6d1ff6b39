import CoopCore
import Foundation

/// A teller's key for one secret election, as the file `coopctl teller keygen` writes on the teller's
/// own machine: the public share and its proof in clear, the private share sealed with AES-256-GCM
/// under a key derived from the teller's passphrase by scrypt. The server only ever gets the public
/// part (`TellerKey.publicJSON`, the `.pub` file).
public struct TellerKey: Sendable {
    public let election: String
    public let share: ECPoint
    public let proof: ProofBranch
    let secret: Scalar

    /// The shortest passphrase accepted: the file may be copied, and scrypt only slows guessing.
    public static let minPassphraseLength = 12

    /// A new key share for `election` (its id and the draft's salt, hex), with its proof.
    public static func generate(election: String, salt: String) throws -> TellerKey {
        guard let saltBytes = Hex.decode(salt) else { throw CoopError.invalidTellerFile(LocalizedText(fr: "sel invalide", en: "invalid salt")) }
        let x = try Scalar.random()
        let (share, proof) = try TellerProofs.proveKeyShare(x, election: election, salt: saltBytes)
        return TellerKey(election: election, share: share, proof: proof, secret: x)
    }

    /// Only a secret election has tellers: asked before a teller is made to choose a passphrase.
    public static func requireSecret(_ election: Election) throws {
        guard election.secret else { throw CoopError.notSecret(election.id) }
    }

    /// The public part: what `teller register` sends to the election.
    public var publicJSON: JSONValue {
        ["election": .string(election), "protocol": .string("coop-voting-2"), "proof": proof.json, "share": .string(share.hex)]
    }

    /// The whole file, the private share sealed under the passphrase (bound to the election and share).
    public func fileJSON(passphrase: String) throws -> JSONValue {
        guard passphrase.count >= Self.minPassphraseLength else { throw CoopError.tellerPassphraseTooShort(min: Self.minPassphraseLength) }
        let salt = try SecureRandom.bytes(16)
        let key = try AESGCM.key(passphrase: passphrase, salt: salt)
        let sealed = try AESGCM.seal(secret.bytes, key: key, aad: Array("\(election)\n\(share.hex)".utf8))
        guard case .object(var object) = publicJSON else { return .null }
        object["kdf"] = ["name": .string("scrypt"), "n": .integer(1 << 15), "p": .integer(1), "r": .integer(8), "salt": .string(Hex.encode(salt))]
        object["sealed"] = .string(Hex.encode(sealed))
        return .object(object)
    }

    /// Reads a key file, opening the private share with the passphrase; a wrong passphrase or an
    /// altered file is refused (`voting.teller_key_locked`), and a private share that does not match the
    /// public one (a file pieced together) is refused as invalid.
    public init(file value: JSONValue, passphrase: String) throws {
        let (election, share, proof) = try Self.publicPart(value)
        guard let object = value.objectValue, let kdf = object["kdf"]?.objectValue, kdf["name"]?.stringValue == "scrypt",
              let n = kdf["n"]?.integerValue, let r = kdf["r"]?.integerValue, let p = kdf["p"]?.integerValue,
              n > 1, n <= 1 << 20, r >= 1, r <= 32, p >= 1, p <= 16,
              let salt = kdf["salt"]?.stringValue.flatMap(Hex.decode), let sealed = object["sealed"]?.stringValue.flatMap(Hex.decode)
        else { throw CoopError.invalidTellerFile(LocalizedText(fr: "clé privée absente", en: "no private key in it")) }
        let key = try AESGCM.key(passphrase: passphrase, salt: salt, n: UInt64(n), r: UInt64(r), p: UInt64(p))
        guard let bytes = try? AESGCM.open(sealed, key: key, aad: Array("\(election)\n\(share.hex)".utf8)), let x = Scalar(hex: Hex.encode(bytes)) else {
            throw CoopError.tellerKeyLocked()
        }
        guard ECPoint.base(x) == share else {
            throw CoopError.invalidTellerFile(LocalizedText(fr: "la clé privée ne correspond pas à la clé publique",
                                                            en: "the private key does not match the public one"))
        }
        self.init(election: election, share: share, proof: proof, secret: x)
    }

    /// The public part of a `.pub` file (or of a whole key file), read strictly.
    public static func publicPart(_ value: JSONValue) throws -> (election: String, share: ECPoint, proof: ProofBranch) {
        guard let object = value.objectValue, object["protocol"]?.stringValue == "coop-voting-2",
              let election = object["election"]?.stringValue, !election.isEmpty,
              let shareText = object["share"]?.stringValue, let share = try? ECPoint.decode(hex: shareText),
              let proofJSON = object["proof"], let proof = try? ProofBranch(json: proofJSON, path: "proof")
        else { throw CoopError.invalidTellerFile(LocalizedText(fr: "ce n’est pas une clé de scrutateur coop-voting-2",
                                                               en: "this is not a coop-voting-2 teller key")) }
        return (election, share, proof)
    }

    init(election: String, share: ECPoint, proof: ProofBranch, secret: Scalar) {
        (self.election, self.share, self.proof, self.secret) = (election, share, proof, secret)
    }

    /// This teller's factors for a tally it recomputed itself from the board (never one it was handed).
    public func decrypt(_ tally: [[Ciphertext]], index: Int, electionHash: [UInt8]) throws -> [[(factor: ECPoint, proof: ProofBranch)]] {
        try SecretTally.decrypt(tally, share: secret, index: index, electionHash: electionHash)
    }
}

extension CoopError {
    static func invalidTellerFile(_ reason: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.invalid_teller_file", ["reasonFr": .text(reason.fr), "reasonEn": .text(reason.en)],
                  fr: "Fichier de clé de scrutateur invalide : {reasonFr}.", en: "Invalid teller key file: {reasonEn}.")
    }

    static func tellerKeyLocked() -> CoopError {
        CoopError(.forbidden, "voting.teller_key_locked",
                  fr: "Phrase de passe incorrecte, ou fichier de clé modifié : la clé privée ne s’ouvre pas.",
                  en: "Wrong passphrase, or the key file was altered: the private key does not open.")
    }

    static func tellerPassphraseTooShort(min: Int) -> CoopError {
        CoopError(.invalid, "voting.teller_passphrase_too_short", ["min": .integer(Int64(min))],
                  fr: "La phrase de passe doit compter au moins {min} caractères.",
                  en: "The passphrase must be at least {min} characters long.")
    }
}
