import BoothScripts
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
        // It names the booth this build serves, and the election read back (what the API shows) says the same.
        #expect(definition.booth == BoothScripts.current.sha256 && issued.election.booth == BoothScripts.current.sha256)
        #expect(board.events.first?.payload["booth"] == .string(BoothScripts.current.sha256))
        await #expect(throws: CoopError.notDraft(draft.id, .credentialsIssued)) {
            try await db.voting.registerTeller(draft.id, publicKey: try TellerKey.generate(election: draft.id, salt: draft.salt).publicJSON)
        }

        // A ballot in the clear is not an encrypted one: refused, with the reason.
        let code = try CredentialCode(issued.credentials[0].code)
        let ballot = try BallotSigner.sign(answers: [[0]], code: code, definition: definition)
        await #expect(throws: CoopError.self) { try await db.voting.cast(Data(ballot.canonicalJSON), election: draft.id) }
    }

    /// Encrypted ballots cast in an open secret election: accepted once each (a retry answers the same
    /// receipt), a tampered proof refused naming its question, an answer copied under another code refused.
    @Test func encryptedBallotsAreCheckedAndCopiesRefused() async throws {
        let db = try await VotingTestDatabase()
        try await db.addMembers(3)
        let draft = try await Self.secretDraft(db)
        let teller = try TellerKey.generate(election: draft.id, salt: draft.salt)
        _ = try await db.voting.registerTeller(draft.id, publicKey: teller.publicJSON)
        let issued = try await db.voting.issueCredentials(draft.id)
        db.setClock(VotingTestDatabase.opens)
        _ = try await db.voting.open(draft.id)
        let definition = try #require(try await db.voting.election(draft.id).definition)
        let key = try #require(definition.electionKey)
        let codes = try issued.credentials.map { try CredentialCode($0.code) }

        let first = try SecretBallot.cast(answers: [[0]], code: codes[0], definition: definition, key: key)
        let receipt = try await db.voting.cast(Data(first.canonicalJSON), election: draft.id)
        #expect(receipt.tracker == first.tracker)
        #expect(try await db.voting.cast(Data(first.canonicalJSON), election: draft.id) == receipt, "a retry, not a second ballot")

        // The same encrypted answer under another credential (re-signed by its owner): a copy.
        let signer = try codes[1].privateKey(electionID: definition.id, salt: definition.salt)
        let credential = try signer.publicKey.hex
        let copied = SecretBallot(election: first.election, electionHash: first.electionHash, credential: credential,
                                  answers: first.answers, signature: "")
        let signedCopy = SecretBallot(election: copied.election, electionHash: copied.electionHash, credential: credential,
                                      answers: copied.answers, signature: Hex.encode(try signer.sign(copied.signingMessage)))
        await #expect(throws: CoopError.invalidEncryptedAnswer(question: 1, .bitProof(slot: 0))) {
            try await db.voting.cast(Data(signedCopy.canonicalJSON), election: draft.id)
        }

        // A well-formed ballot of the second voter with one answer's proof broken.
        let honest = try SecretBallot.cast(answers: [[1]], code: codes[1], definition: definition, key: key)
        var proofs = honest.answers[0].proofs
        proofs[2] = [proofs[2][1], proofs[2][0]]
        let broken = SecretBallot(election: honest.election, electionHash: honest.electionHash, credential: honest.credential,
                                  answers: [EncryptedAnswer(choices: honest.answers[0].choices, proofs: proofs, sum: honest.answers[0].sum)],
                                  signature: "")
        let brokenSigned = SecretBallot(election: broken.election, electionHash: broken.electionHash, credential: broken.credential,
                                        answers: broken.answers, signature: Hex.encode(try signer.sign(broken.signingMessage)))
        do {
            _ = try await db.voting.cast(Data(brokenSigned.canonicalJSON), election: draft.id)
            Issue.record("a broken proof was accepted")
        } catch let error as CoopError {
            #expect(error.code == "voting.invalid_encrypted_answer")
            #expect(error.message(.fr) == "Bulletin chiffré refusé, question 1 : la preuve de la case 3 ne tient pas.")
        }
        _ = try await db.voting.cast(Data(honest.canonicalJSON), election: draft.id)
        #expect(try await db.voting.election(draft.id).ballotCount == 2)
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

extension SecretElectionTests {
    /// An encrypted answer made with chosen randomness, as two colluding voters could: the same
    /// ciphertexts, each with valid proofs under its own credential.
    static func answer(_ values: [Int], randomness: [Scalar], key: ECPoint, context: [UInt8]) throws -> EncryptedAnswer {
        let choices = zip(values, randomness).map { Ciphertext.encrypt($0, key: key, randomness: $1) }
        let proofs = try choices.enumerated().map { j, c in
            try RangeProof.prove(c, value: values[j], randomness: randomness[j], key: key, range: 0...1, tag: "bit", statement: context + u16(j))
        }
        let total = choices.reduce(Ciphertext.zero, +)
        let sum = try RangeProof.prove(total, value: values.reduce(0, +), randomness: randomness.reduce(Scalar.zero, +), key: key,
                                       range: 1...1, tag: "sum", statement: context + u16(1) + u16(1))
        return EncryptedAnswer(choices: choices, proofs: proofs, sum: sum)
    }

    @Test func theSameCiphertextUnderAnotherCredentialIsRefusedAsACopy() async throws {
        let db = try await VotingTestDatabase()
        try await db.addMembers(2)
        let draft = try await Self.secretDraft(db)
        _ = try await db.voting.registerTeller(draft.id, publicKey: try TellerKey.generate(election: draft.id, salt: draft.salt).publicJSON)
        let issued = try await db.voting.issueCredentials(draft.id)
        db.setClock(VotingTestDatabase.opens)
        _ = try await db.voting.open(draft.id)
        let definition = try #require(try await db.voting.election(draft.id).definition)
        let key = try #require(definition.electionKey)
        let randomness = try (0..<3).map { _ in try Scalar.random() }
        var ballots: [SecretBallot] = []
        for credential in issued.credentials {
            let signer = try CredentialCode(credential.code).privateKey(electionID: definition.id, salt: definition.salt)
            let publicKey = try signer.publicKey.hex
            let context = EncryptedAnswer.context(electionHash: Hex.decode(definition.electionHash)!, key: key,
                                                  credential: Hex.decode(publicKey)!, question: 0)
            let unsigned = SecretBallot(election: definition.id, electionHash: definition.electionHash, credential: publicKey,
                                        answers: [try Self.answer([1, 0, 0], randomness: randomness, key: key, context: context)], signature: "")
            ballots.append(SecretBallot(election: unsigned.election, electionHash: unsigned.electionHash, credential: publicKey,
                                        answers: unsigned.answers, signature: Hex.encode(try signer.sign(unsigned.signingMessage))))
        }
        #expect(ballots[1].flaw(questions: definition.questions, key: key) == nil, "each copy proves out on its own")
        _ = try await db.voting.cast(Data(ballots[0].canonicalJSON), election: draft.id)
        await #expect(throws: CoopError.copiedBallot()) { try await db.voting.cast(Data(ballots[1].canonicalJSON), election: draft.id) }
        #expect(try await db.voting.election(draft.id).ballotCount == 1)
    }

    @Test func aSecretRankingOfMoreThanFourChoicesIsRefusedAtCreationAndUpdate() async throws {
        let db = try await VotingTestDatabase()
        let long = Question(text: "Logo", kind: .ranked, choices: ["A", "B", "C", "D", "E"])
        let input = NewElection(title: "AG secrète", questions: [VotingTestDatabase.resolution, long],
                                opens: VotingTestDatabase.opens, closes: VotingTestDatabase.closes)
        await #expect(throws: CoopError.self) { try await db.voting.createElection(input, secret: true) }
        do { _ = try await db.voting.createElection(input, secret: true) } catch let error as CoopError {
            #expect(error.code == "voting.secret_ranking_too_long" && error.field == "questions[2].choices")
            #expect(error.message(.fr) == "Question 2 : dans un scrutin secret, un classement compte au plus 4 choix.")
        }
        #expect(try await db.count("voting_elections") == 0)
        _ = try await db.voting.createElection(input)
        let draft = try await Self.secretDraft(db)
        await #expect(throws: CoopError.self) { try await db.voting.updateElection(draft.id, input) }
    }
}
