import CoopCore
import Foundation

extension TellerKey {
    /// This teller's `decryption` of a closed secret election, from the board it downloaded
    /// (`coopctl teller decrypt`). The whole board is verified first, every ballot's signature and
    /// proofs included: a ballot without valid proofs could make a "sum" that is one voter's ciphertext,
    /// and decrypting it would reveal that vote. The verifier also recomputes the `tally` from the
    /// counted ballots and refuses the board if the published one differs, so the teller decrypts only
    /// sums it recomputed itself, never a ciphertext it was handed.
    /// - Parameter progress: (ballots checked, ballots to check), from worker threads.
    public func decryption(of board: Data, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> DecryptionEvent {
        // Read once: a large board's text is most of a verification's reading.
        let events: [BoardEvent], report: VerificationReport
        do {
            events = try BoardVerifier.parse(board)
            report = try BoardVerifier.verify(Board(events: events), progress: progress)
        } catch { throw CoopError.boardCorrupt(error) }
        let definition = try ElectionDefinition(json: events[0].payload)
        guard definition.id == election else { throw CoopError.wrongElection(expected: election, got: definition.id) }
        guard let index = definition.tellers?.firstIndex(where: { $0.key == share.hex }).map({ $0 + 1 }) else {
            throw CoopError.notATeller(definition.id)
        }
        if report.status == .tallied || events.contains(where: { $0.type == .decryption && $0.payload["teller"]?.integerValue == Int64(index) }) {
            throw CoopError.alreadyDecrypted(teller: index)
        }
        guard let tallyEvent = events.last(where: { $0.type == .tally }), let tally = try? TallyEvent(json: tallyEvent.payload) else {
            throw CoopError.tallyPending(definition.id)
        }
        let factors = try decrypt(tally.ciphertexts, index: index, electionHash: Hex.decode(report.electionHash) ?? [])
        return DecryptionEvent(teller: index, computed: factors)
    }
}

extension CoopError {
    static func notATeller(_ id: String) -> CoopError {
        CoopError(.invalid, "voting.not_a_teller", ["id": .text(id)],
                  fr: "Cette clé n’est pas celle d’un scrutateur du scrutin {id}.", en: "This key is not one of election {id}'s tellers.")
    }
}
