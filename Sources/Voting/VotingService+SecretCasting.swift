import CoopCore
import Foundation

extension VotingService {
    /// Accepts an encrypted ballot in a secret election (coop-voting-2), with coop-voting-1's checks
    /// (open, active credential, election hash, signature, replay, last ballot counts) and its own:
    /// every point and proof of every answer (`voting.invalid_encrypted_answer`, naming the question and
    /// what failed), and no `alpha` already cast under another credential (`voting.copied_ballot`).
    func castSecret(_ data: Data, election id: String) async throws -> CastReceipt {
        guard data.count <= Ballot.maxBytes * 16 else { throw CoopError.ballotTooLarge(max: Ballot.maxBytes * 16) }
        let json: JSONValue
        do { json = try CanonicalJSON.parse(data) } catch {
            throw CoopError.malformedBallot(LocalizedText(fr: "JSON invalide", en: "invalid JSON"))
        }
        let ballot = try SecretBallot(json: json)
        guard ballot.election == id else { throw CoopError.wrongElection(expected: id, got: ballot.election) }
        let now = context.now()
        let definition = try await database.read { db in
            let election = try Self.fetchElection(id, counts: false, in: db)
            try Self.requireOpen(election, at: now, timeZone: context.timeZone)
            try Self.requireActive(ballot.credential, election: id, in: db)
            guard let definition = election.definition else {
                throw CoopError.closed(id, opens: election.opens, closes: election.closes, timeZone: context.timeZone)
            }
            return definition
        }
        guard ballot.electionHash == definition.electionHash else { throw CoopError.electionHashMismatch() }
        guard ballot.hasValidSignature else { throw CoopError.badSignature() }
        guard let key = definition.electionKey else { throw CoopError.electionHashMismatch() }
        // The proofs, the costly part (~1 ms a question), before the write lock.
        if let (question, flaw) = ballot.flaw(questions: definition.questions, key: key) {
            throw CoopError.invalidEncryptedAnswer(question: question + 1, flaw)
        }
        let tracker = ballot.tracker, alphas = ballot.alphas
        return try await boardWrite { db in
            let election = try Self.fetchElection(id, counts: false, in: db)
            try Self.requireOpen(election, at: context.now(), timeZone: context.timeZone)
            try Self.requireActive(ballot.credential, election: id, in: db)
            if let receipt = try Self.earlierReceipt(tracker: tracker, credential: ballot.credential, election: id, in: db) { return receipt }
            for alpha in alphas {
                if let owner = try db.scalar("SELECT credential FROM voting_alphas WHERE election_id = ? AND alpha = ?", [id, alpha], as: String.self),
                   owner != ballot.credential {
                    throw CoopError.copiedBallot()
                }
            }
            for alpha in alphas {
                try db.execute("INSERT INTO voting_alphas (election_id, alpha, credential) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                               [id, alpha, ballot.credential])
            }
            let event = try Self.append(.ballot, ballot.json, election: id, tracker: tracker, credential: ballot.credential, in: db)
            return CastReceipt(election: id, tracker: tracker, seq: event.seq)
        }
    }
}

extension CoopError {
    static func invalidEncryptedAnswer(question: Int, _ flaw: EncryptedAnswer.Flaw) -> CoopError {
        let what: LocalizedText = switch flaw {
        case .slotCount(let expected, let got):
            LocalizedText(fr: "\(got) cases chiffrées au lieu de \(expected)", en: "\(got) encrypted slots instead of \(expected)")
        case .bitProof(let slot):
            LocalizedText(fr: "la preuve de la case \(slot + 1) ne tient pas", en: "the proof of slot \(slot + 1) does not hold")
        case .sumProof:
            LocalizedText(fr: "la preuve du nombre de choix ne tient pas", en: "the proof of the number of choices does not hold")
        }
        return CoopError(.invalid, "voting.invalid_encrypted_answer",
                         ["question": .integer(Int64(question)), "whatFr": .text(what.fr), "whatEn": .text(what.en)],
                         fr: "Bulletin chiffré refusé, question {question} : {whatFr}.",
                         en: "Encrypted ballot refused, question {question}: {whatEn}.")
    }

    static func copiedBallot() -> CoopError {
        CoopError(.conflict, "voting.copied_ballot",
                  fr: "Bulletin refusé : une de ses réponses chiffrées a déjà été déposée avec un autre code (bulletin copié).",
                  en: "Ballot refused: one of its encrypted answers was already cast with another code (a copied ballot).")
    }
}
