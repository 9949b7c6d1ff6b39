import CoopCore
import CoopTestSupport
import Foundation
import Membership
import Testing
@testable import Voting

/// A fresh database with the Sequences, Membership and Voting schemas in its own temporary folder,
/// removed when the value is released.
///
/// The clock stands at 2026-03-15T12:00:00Z. Elections made by `createElection` open at
/// 2026-03-20T13:00:00Z and close at 15:00:00Z the same day.
final class VotingTestDatabase: DatabaseFixture {
    static let start = instant("2026-03-15T12:00:00Z")
    static let opens = instant("2026-03-20T13:00:00Z")
    static let closes = instant("2026-03-20T15:00:00Z")
    static let timeZone = TimeZone(identifier: "America/Toronto")!

    let storage: TemporaryDatabase

    var voting: VotingService { VotingService(context: context, caller: .localOperator("test")) }
    var membership: MembershipService { MembershipService(context: context, caller: .localOperator("test")) }

    init() async throws {
        storage = try await TemporaryDatabase("voting", readers: 2, schemas: [Sequences.register, Outbox.register, MembershipSchema.register, VotingSchema.register],
                                              start: Self.start, timeZone: Self.timeZone)
    }

    func setClock(_ iso: String) { clock.set(instant(iso)) }
    func setClock(_ instant: Instant) { clock.set(instant) }

    @discardableResult
    func addMember(_ first: String, plan: String? = nil) async throws -> Member {
        try await membership.addMember(NewMember(firstName: first, lastName: "Test", email: "\(first.lowercased())@example.org", plan: plan))
    }

    /// `count` members named M1, M2…
    @discardableResult
    func addMembers(_ count: Int) async throws -> [Member] {
        var members: [Member] = []
        for i in 1...count { members.append(try await addMember("M\(i)")) }
        return members
    }

    static let resolution = Question(text: "Adopt the 2025 accounts?", kind: .single, choices: ["Pour", "Contre", "Abstention"])

    func createElection(_ questions: [Question] = [resolution], quorum: Int? = nil, cutoff: Instant? = nil,
                        opens: Instant = opens, closes: Instant = closes) async throws -> Election {
        try await voting.createElection(NewElection(title: "General assembly 2026", questions: questions, opens: opens,
                                                    closes: closes, cutoff: cutoff, quorumPercent: quorum))
    }

    /// An election with `members` new members, credentials issued and voting open; returns the codes.
    func openElection(members count: Int, questions: [Question] = [resolution], quorum: Int? = nil) async throws -> (Election, [CredentialCode]) {
        try await addMembers(count)
        let election = try await createElection(questions, quorum: quorum)
        let issue = try await voting.issueCredentials(election.id)
        setClock(Self.opens)
        let opened = try await voting.open(election.id)
        return (opened, try issue.credentials.map { try CredentialCode($0.code) })
    }

    /// Signs locally and casts through the service, as `coopctl vote cast` does.
    @discardableResult
    func cast(_ election: Election, _ code: CredentialCode, _ answers: [[Int]]) async throws -> CastReceipt {
        let ballot = try BallotSigner.sign(answers: answers, code: code, definition: #require(election.definition))
        return try await voting.cast(Data(ballot.canonicalJSON), election: election.id)
    }

    func closeAndTally(_ election: Election) async throws -> ElectionResult {
        setClock(Self.closes)
        _ = try await voting.close(election.id)
        return try await voting.tally(election.id)
    }

    func count(_ table: String, where condition: String = "1") async throws -> Int { try await storage.count(table, where: condition) }

    /// Every text stored in the Voting tables.
    func votingText() async throws -> [String] {
        try await pool.read { db in
            var texts: [String] = []
            for table in ["voting_elections", "voting_eligible", "voting_credentials", "voting_board"] {
                for row in try db.query("SELECT * FROM \(table)") {
                    for value in row.values { if case .text(let t) = value { texts.append(t) } }
                }
            }
            return texts
        }
    }
}

func instant(_ iso: String) -> Instant { Instant.parse(iso, timeZone: .gmt)! }

/// A ballot signed with `code`'s key over whatever answers are given, valid or not (a hostile client).
func rawBallot(_ election: Election, _ code: CredentialCode, _ answers: [[Int]]) throws -> Ballot {
    let definition = try #require(election.definition)
    let key = try code.privateKey(electionID: definition.id, salt: definition.salt)
    let credential = try key.publicKey.hex
    let message = CanonicalJSON.encode(Ballot.unsignedJSON(election: definition.id, electionHash: definition.electionHash,
                                                            credential: credential, answers: answers))
    return Ballot(election: definition.id, electionHash: definition.electionHash, credential: credential, answers: answers,
                  signature: Hex.encode(try key.sign(message)))
}
