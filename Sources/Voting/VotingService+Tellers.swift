import CoopCore
import Foundation

extension VotingService {
    /// Adds a teller to a secret election's draft: the public part of its key file (`TellerKey.publicJSON`,
    /// made on the teller's own machine; the private share never comes here). Refused unless the
    /// election is a secret draft, the share decodes, its proof holds for this election and salt, and no
    /// other teller has the same key. The teller's index is its position, in registration order.
    public func registerTeller(_ id: String, publicKey file: JSONValue) async throws -> [TellerShare] {
        try caller.check(VotingVerb.registerTeller)
        let id = Self.normalizedID(id)
        let (election, share, proof) = try TellerKey.publicPart(file)
        let now = context.now()
        return try await database.write { db in
            let current = try Self.fetchElection(id, counts: false, in: db)
            guard current.secret else { throw CoopError.notSecret(id) }
            guard current.status == .draft else { throw CoopError.notDraft(id, current.status) }
            guard election == id else { throw CoopError.wrongElection(expected: id, got: election) }
            let entry = TellerShare(share: share, proof: proof)
            guard let salt = Hex.decode(current.salt), TellerShare.problem(current.tellers + [entry], election: id, salt: salt) == nil else {
                throw current.tellers.contains(entry) || current.tellers.contains(where: { $0.key == entry.key })
                    ? CoopError.tellerAlreadyRegistered() : CoopError.invalidTellerProof()
            }
            try db.execute("""
                INSERT INTO voting_tellers (election_id, position, share, proof_c, proof_s, registered_at) VALUES (?, ?, ?, ?, ?, ?)
                """, [id, current.tellers.count + 1, entry.key, entry.proof.c, entry.proof.s, now])
            try db.execute("UPDATE voting_elections SET updated_at = ? WHERE id = ?", [now, id])
            return try Self.tellers(id, in: db)
        }
    }
}

extension CoopError {
    static func notSecret(_ id: String) -> CoopError {
        CoopError(.conflict, "voting.not_secret", ["id": .text(id)],
                  fr: "Le scrutin {id} n’est pas secret : il n’a pas de scrutateurs.", en: "Election {id} is not secret: it has no tellers.")
    }

    static func tellerAlreadyRegistered() -> CoopError {
        CoopError(.conflict, "voting.teller_already_registered",
                  fr: "Ce scrutateur est déjà inscrit : chaque scrutateur a sa propre clé.",
                  en: "This teller is already registered: each teller has a key of its own.")
    }

    static func invalidTellerProof() -> CoopError {
        CoopError(.invalid, "voting.invalid_teller_proof",
                  fr: "La preuve de la clé du scrutateur ne tient pas pour ce scrutin : refaites la clé avec « coopctl teller keygen » pour ce scrutin.",
                  en: "The teller key's proof does not hold for this election: make the key again with \"coopctl teller keygen\" for this election.")
    }

    static func noTellers(_ id: String) -> CoopError {
        CoopError(.conflict, "voting.no_tellers", ["id": .text(id)],
                  fr: "Le scrutin secret {id} n’a aucun scrutateur : inscrivez-en au moins un avant d’émettre les codes.",
                  en: "Secret election {id} has no teller: register at least one before issuing credentials.")
    }
}
