import CoopCore
import CoopTestSupport
import Foundation
import Membership
import Testing
@testable import Voting

/// A secret election's draft gathers its tellers' public keys (each made on the teller's machine), and
/// issuing credentials freezes them into a coop-voting-2 setup. Casting waits for the encrypted
/// casting (docs/VOTING.md §12) and says so.
@Suite struct SecretElectionTests {
    static func secretDraft(_ db: VotingTestDatabase) async throws -> Election {
        try await db.voting.createElection(NewElection(title: "AG secrète", questions: [VotingTestDatabase.resolution],
                                                       opens: VotingTestDatabase.opens, closes: VotingTestDatabase.closes), secret: true)
    }

    @Test func tellersRegisterOnTheDraftAndCredentialsFreezeThemIntoTheSetup() async throws {
        let db = try await VotingTestDatabase()
        try await db.addMembers(3)
        let draft = try await Self.secretDraft(db)
        #expect(draft.secret && draft.tellers.isEmpty)
        await #expect(throws: CoopError.noTellers(draft.id)) { try await db.voting.issueCredentials(draft.id) }

        let keys = try (0..<3).map { _ in try TellerKey.generate(election: draft.id, salt: draft.salt) }
        for (i, key) in keys.enumerated() {
            let tellers = try await db.voting.registerTeller(draft.id, publicKey: key.publicJSON)
            #expect(tellers.count == i + 1 && tellers.last?.key == key.share.hex)
        }
        let issued = try await db.voting.issueCredentials(draft.id)
        let definition = try #require(issued.election.definition)
        #expect(definition.protocolName == "coop-voting-2")
        #expect(definition.electionKey == keys.map(\.share).reduce(.identity, +))
        #expect(definition.electionHash == issued.election.electionHash)
        let board = try await db.voting.board(draft.id)
        #expect(board.events.first?.payload == definition.json, "the setup event is the frozen secret definition")
        await #expect(throws: CoopError.notDraft(draft.id, .credentialsIssued)) {
            try await db.voting.registerTeller(draft.id, publicKey: try TellerKey.generate(election: draft.id, salt: draft.salt).publicJSON)
        }

        // No ballot in the clear can be cast in it, and the refusal says why.
        let code = try CredentialCode(issued.credentials[0].code)
        let ballot = try BallotSigner.sign(answers: [[0]], code: code, definition: definition)
        await #expect(throws: CoopError.secretBallotsNotYet(draft.id)) { try await db.voting.cast(Data(ballot.canonicalJSON), election: draft.id) }
        #expect(CoopError.secretBallotsNotYet(draft.id).message(.fr).contains("ne peuvent pas encore être déposés"))
    }

    @Test func aTellerKeyThatDoesNotBelongIsRefusedAndChangesNothing() async throws {
        let db = try await VotingTestDatabase()
        let draft = try await Self.secretDraft(db)
        let plain = try await db.createElection()
        let key = try TellerKey.generate(election: draft.id, salt: draft.salt)
        _ = try await db.voting.registerTeller(draft.id, publicKey: key.publicJSON)
        await #expect(throws: CoopError.tellerAlreadyRegistered()) { try await db.voting.registerTeller(draft.id, publicKey: key.publicJSON) }
        let otherSalt = try TellerKey.generate(election: draft.id, salt: "ffeeddccbbaa99887766554433221100")
        await #expect(throws: CoopError.invalidTellerProof()) { try await db.voting.registerTeller(draft.id, publicKey: otherSalt.publicJSON) }
        let forPlain = try TellerKey.generate(election: plain.id, salt: plain.salt)
        await #expect(throws: CoopError.wrongElection(expected: draft.id, got: plain.id)) {
            try await db.voting.registerTeller(draft.id, publicKey: forPlain.publicJSON)
        }
        await #expect(throws: CoopError.notSecret(plain.id)) { try await db.voting.registerTeller(plain.id, publicKey: forPlain.publicJSON) }
        await #expect(throws: CoopError.self) { try await db.voting.registerTeller(draft.id, publicKey: ["protocol": "coop-voting-2"]) }
        #expect(try await db.voting.election(draft.id).tellers.map(\.key) == [key.share.hex])
        #expect(try await db.voting.election(plain.id).secret == false)
    }
}
