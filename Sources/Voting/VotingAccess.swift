import Membership

/// Who may call each Voting verb. The board, an election's description and its result are public, so
/// that anyone can verify and recount; casting needs no sign-in because the ballot is signed with an
/// anonymous credential (a sign-in would tie the vote to the voter); members list the elections; the
/// assembly's secretary (an administrator) drafts, opens and closes elections, issues credentials and
/// reads the roll; a secret election's tellers post their decryptions signed in.
public enum VotingVerb: String, DomainVerb {
    case board, boardJSON, result, cast, election
    case elections
    case createElection, updateElection, open, close, tally, issueCredentials, reissueCredential, eligibleMembers, registerTeller
    case postDecryption

    public var rule: AccessRule {
        switch self {
        case .board, .boardJSON, .result, .cast, .election: .anyone
        // A teller need not be an administrator: its factors' proofs, which only its private key can
        // make, are what authorises them.
        case .elections, .postDecryption: .signedIn
        case .createElection, .updateElection, .open, .close, .tally, .issueCredentials, .reissueCredential, .eligibleMembers, .registerTeller: .admin
        }
    }
}
