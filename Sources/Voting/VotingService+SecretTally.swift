import CoopCore
import Foundation

/// Where a secret election's count stands after a teller posts its factors.
public struct DecryptionReceipt: Sendable, Codable, Equatable {
    public let election: String
    /// The teller's index and its `decryption` event.
    public let teller: Int
    public let seq: Int
    /// The tellers still to decrypt, by index; empty once the result is published.
    public let remaining: [Int]
    /// The result, once the last teller's factors are in.
    public let result: ElectionResult?
}

extension VotingService {
    /// Appends a closed secret election's `tally` event: per slot, the sum of the counted ballots'
    /// ciphertexts (the last ballot of each active credential). Nothing is decrypted here. Summed
    /// outside the write lock (the ballots cannot change once the board is closed), then appended only
    /// if `close` is still the last event. Does nothing when the tally is already there.
    func appendSecretTally(_ id: String) async throws {
        let events = try await database.read { db in try Self.events(id, in: db) }
        guard events.last?.type == .close else { return }
        let replay = try Self.replay(events)
        guard let definition = replay.definition else { return }
        let counted = replay.countedSecretBallots
        let tally = TallyEvent(ballots: counted.count, ciphertexts: SecretTally.sum(counted, questions: definition.questions))
        let closeSeq = events.count
        try await boardWrite { db in
            let last = try db.scalar("SELECT max(seq) FROM voting_board WHERE election_id = ?", [id], as: Int.self)
            guard last == closeSeq else { return }
            _ = try Self.append(.tally, tally.json, election: id, in: db)
            try db.execute("UPDATE voting_elections SET updated_at = ? WHERE id = ?", [context.now(), id])
        }
    }

    /// The rules replayed over the server's own board, without the costly checks (signatures and
    /// proofs were checked when each ballot was cast; tellers and observers check them again).
    static func replay(_ events: [BoardEvent]) throws -> BoardReplay {
        let secret = events.first?.payload["protocol"]?.stringValue == ElectionDefinition.secretProtocol
        let facts = Parallel.map(count: events.count) { EventFacts.compute(events[$0], secret: secret) }
        var replay = BoardReplay(allowRedacted: false)
        for (event, fact) in zip(events, facts) {
            if let broken = replay.apply(event, fact) { throw CoopError.boardCorrupt(VerificationFailure(seq: event.seq, broken)) }
        }
        return replay
    }

    /// A teller's decryption factors of a closed secret election's tally (`coopctl teller decrypt`,
    /// `POST /api/v1/elections/{id}/decryptions`). Each factor's proof is checked against the share
    /// the teller registered: only the holder of that share's private key can make them, which is what
    /// stands for the teller's signature. When the last teller's factors are in, the counts are found
    /// and the `result` event appended in the same transaction.
    public func postDecryption(_ id: String, _ payload: JSONValue) async throws -> DecryptionReceipt {
        try caller.check(VotingVerb.postDecryption)
        let id = Self.normalizedID(id)
        let decryption: DecryptionEvent
        do { decryption = try DecryptionEvent(json: payload) } catch {
            throw CoopError.invalidDecryption(LocalizedText(fr: "champ `\(error.path)` : \(error.reason.words.fr)",
                                                            en: "field `\(error.path)`: \(error.reason.words.en)"))
        }
        let (election, events) = try await database.read { db in (try Self.fetchElection(id, counts: false, in: db), try Self.events(id, in: db)) }
        guard election.secret else { throw CoopError.notSecret(id) }
        if election.status == .tallied { throw CoopError.alreadyDecrypted(teller: decryption.teller) }
        guard election.status == .closed else { throw CoopError.wrongState(id, election.status, expected: .closed) }
        guard events.last?.type != .close else { throw CoopError.tallyPending(id) }
        let replay = try Self.replay(events)
        guard let definition = replay.definition, let tally = replay.tally else { throw CoopError.tallyPending(id) }
        let i = decryption.teller
        guard i <= replay.tellerShares.count else { throw CoopError.unknownTeller(i, count: replay.tellerShares.count) }
        guard replay.decryptions[i] == nil else { throw CoopError.alreadyDecrypted(teller: i) }
        if let (q, j) = decryption.flaw(tally: tally.ciphertexts, share: replay.tellerShares[i - 1], electionHash: Hex.decode(replay.electionHash) ?? []) {
            throw CoopError.invalidDecryption(LocalizedText(
                fr: "question \(q + 1), case \(j + 1) : le facteur manque ou sa preuve ne tient pas pour la clé du scrutateur n° \(i)",
                en: "question \(q + 1), slot \(j + 1): the factor is missing or its proof does not hold for teller \(i)'s key"))
        }
        let tellers = replay.tellerShares.count
        let (eligible, ballotEvents, hash) = (replay.eligible, replay.ballotEvents, replay.electionHash)
        return try await boardWrite { db in
            // Other tellers may have posted since the read: only decryptions can have been appended.
            var posted: [Int: DecryptionEvent] = [:]
            try db.forEach("SELECT payload FROM voting_board WHERE election_id = ? AND type = 'decryption'", [id]) { row in
                let other = try DecryptionEvent(json: try CanonicalJSON.parse(try row.get(0, as: String.self)))
                posted[other.teller] = other
            }
            guard try Self.status(id, in: db) == .closed, posted[i] == nil else { throw CoopError.alreadyDecrypted(teller: i) }
            let event = try Self.append(.decryption, decryption.json, election: id, in: db)
            posted[i] = decryption
            let remaining = (1...tellers).filter { posted[$0] == nil }
            let now = context.now()
            guard remaining.isEmpty else {
                try db.execute("UPDATE voting_elections SET updated_at = ? WHERE id = ?", [now, id])
                return DecryptionReceipt(election: id, teller: i, seq: event.seq, remaining: remaining, result: nil)
            }
            let factors = (1...tellers).map { posted[$0]!.factors.map { $0.map(\.factor) } }
            guard let counts = SecretTally.counts(tally.ciphertexts, factors: factors, ballots: tally.ballots) else {
                throw CoopError.invalidDecryption(LocalizedText(fr: "les facteurs ne révèlent aucun décompte possible",
                                                                en: "the factors reveal no possible count"))
            }
            let result = SecretTally.result(definition: definition, electionHash: hash, eligible: eligible, ballotEvents: ballotEvents,
                                            voted: tally.ballots, counts: counts)
            _ = try Self.append(.result, try JSONValue(encoding: result), election: id, in: db)
            try db.execute("UPDATE voting_elections SET status = 'tallied', tallied_at = ?, updated_at = ? WHERE id = ?", [now, now, id])
            return DecryptionReceipt(election: id, teller: i, seq: event.seq, remaining: [], result: result)
        }
    }
}

extension CoopError {
    static func invalidDecryption(_ what: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.invalid_decryption", ["whatFr": .text(what.fr), "whatEn": .text(what.en)],
                  fr: "Déchiffrement refusé : {whatFr}.", en: "Decryption refused: {whatEn}.")
    }

    static func alreadyDecrypted(teller: Int) -> CoopError {
        CoopError(.conflict, "voting.already_decrypted", ["teller": .integer(Int64(teller))],
                  fr: "Le scrutateur n° {teller} a déjà déchiffré ce scrutin.", en: "Teller {teller} has already decrypted this election.")
    }

    static func unknownTeller(_ index: Int, count: Int) -> CoopError {
        CoopError(.invalid, "voting.unknown_teller", ["teller": .integer(Int64(index)), "count": .integer(Int64(count))],
                  fr: "Il n’y a pas de scrutateur n° {teller} : ce scrutin en compte {count}.",
                  en: "There is no teller {teller}: this election has {count}.")
    }

    static func tallyPending(_ id: String) -> CoopError {
        CoopError(.conflict, "voting.tally_pending", ["id": .text(id)],
                  fr: "La somme chiffrée du scrutin {id} n’est pas encore au registre : relancez « coopctl election tally {id} ».",
                  en: "Election {id}'s encrypted sum is not on the board yet: run \"coopctl election tally {id}\" again.")
    }

    static func awaitingTellers(_ id: String, remaining: [Int]) -> CoopError {
        CoopError(.conflict, "voting.awaiting_tellers",
                  ["id": .text(id), "tellers": .text(remaining.map(String.init).joined(separator: ", ")), "count": .integer(Int64(remaining.count))],
                  fr: "Le scrutin {id} attend encore le déchiffrement des scrutateurs n° {tellers} : chacun lance « coopctl teller decrypt {id} --key FICHIER ».",
                  en: "Election {id} is still waiting for tellers {tellers} to decrypt: each runs \"coopctl teller decrypt {id} --key FILE\".")
    }
}
