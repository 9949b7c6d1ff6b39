import CoopCore
import CoopTestSupport
import Foundation
import Membership
import Testing
@testable import Voting

/// Voting's access table (`VotingVerb`), one case per verb: whom its rule names gets in, everyone else
/// is refused with 401 or 403 before anything is read. The switch is exhaustive, so a new verb cannot
/// be added without a case here.
@Suite struct VotingAccessTests {
    /// Who may call each verb, as the README's "Who may do what" says: the test's copy of the table.
    static func rule(_ verb: VotingVerb) -> AccessRule {
        switch verb {
        case .board, .boardJSON, .result, .cast, .election: .anyone
        case .elections, .postDecryption: .signedIn
        case .createElection, .updateElection, .open, .close, .tally, .issueCredentials, .reissueCredential, .eligibleMembers, .registerTeller: .admin
        }
    }

    @Test(arguments: VotingVerb.allCases)
    func eachVerbLetsInOnlyWhomItsRuleNames(verb: VotingVerb) async throws {
        let db = try await VotingTestDatabase()
        _ = try await db.addMember("Alice")
        let draft = try await db.createElection()
        let (open, codes) = try await db.openElection(members: 2)
        let ballot = try BallotSigner.sign(answers: [[0]], code: codes[0], definition: #require(open.definition))
        try await expectAccess(verb, expected: Self.rule(verb)) { caller in
            let voting = db.voting.acting(as: caller)
            let definition = NewElection(title: "AG \(caller.role?.rawValue ?? "")", questions: [VotingTestDatabase.resolution],
                                         opens: VotingTestDatabase.opens.adding(seconds: 86_400),
                                         closes: VotingTestDatabase.closes.adding(seconds: 86_400), cutoff: nil, quorumPercent: nil)
            switch verb {
            case .board: _ = try await voting.board(open.id)
            case .boardJSON: _ = try await voting.boardJSON(open.id)
            case .result: _ = try await voting.result(open.id)
            case .cast: _ = try await voting.cast(Data(ballot.canonicalJSON), election: open.id)
            case .election: _ = try await voting.election(open.id)
            case .elections: _ = try await voting.elections()
            case .createElection: _ = try await voting.createElection(definition)
            case .updateElection: _ = try await voting.updateElection(draft.id, definition)
            case .open: _ = try await voting.open(draft.id)
            case .close: _ = try await voting.close(draft.id)
            case .tally: _ = try await voting.tally(open.id)
            case .issueCredentials: _ = try await voting.issueCredentials(draft.id)
            case .reissueCredential: _ = try await voting.reissueCredential(open.id, lost: "x")
            case .eligibleMembers: _ = try await voting.eligibleMembers(draft.id)
            case .registerTeller: _ = try await voting.registerTeller(draft.id, publicKey: ["protocol": "coop-voting-1"])
            case .postDecryption: _ = try await voting.postDecryption(open.id, ["teller": 1, "factors": []])
            }
        }
    }
}
