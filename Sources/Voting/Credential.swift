import CoopCore

/// What `issueCredentials` hands back, once: the caller gives each member their code and keeps nothing.
public struct CredentialIssue: Sendable, Codable, Equatable {
    /// The election, now `credentials_issued`.
    public let election: Election
    /// One per eligible member, in member-number order. The only place the member → credential
    /// mapping ever exists; it is not stored.
    public let credentials: [IssuedCredential]
    /// SHA-256 of the published credential list (also on the board): announce it with the election.
    public let fingerprint: String
}

/// One member's credential as issued.
public struct IssuedCredential: Sendable, Codable, Equatable {
    /// The member number (`M-0001`).
    public let member: String
    /// `XXXX-XXXX-XXXX-XXXX`: the private credential, to type.
    public let code: String
    /// The public key (hex) it derives to, as listed on the board.
    public let credential: String

    /// The member's file (`DIR/M-0001.json`).
    public func file(for election: Election) -> CredentialFile {
        CredentialFile(election: election.id, member: member, code: code, credential: credential, electionHash: election.electionHash ?? "")
    }
}

/// A lost credential's replacement: the old key is revoked on the board and the new one listed.
public struct ReissuedCredential: Sendable, Codable, Equatable {
    /// The election's id.
    public let election: String
    /// The new code to hand to the member.
    public let code: String
    /// The new public key, listed in place of `revoked`.
    public let credential: String
    public let revoked: String
    /// The `revoke` event.
    public let seq: Int
}

/// The file a member receives (`coopctl election credentials ID --out DIR` writes `DIR/M-0001.json`);
/// `coopctl vote cast --credential FILE` reads `code` from it.
public struct CredentialFile: Sendable, Codable, Equatable {
    /// The election's id, the member's number and their code (`XXXX-XXXX-XXXX-XXXX`).
    public let election: String
    public let member: String
    public let code: String
    /// The public key the code derives to, and the election hash it is for.
    public let credential: String
    public let electionHash: String

    /// A member's file.
    public init(election: String, member: String, code: String, credential: String, electionHash: String) {
        self.election = election
        self.member = member
        self.code = code
        self.credential = credential
        self.electionHash = electionHash
    }
}

/// The server's receipt for an accepted ballot.
public struct CastReceipt: Sendable, Codable, Equatable {
    /// The election's id.
    public let election: String
    /// Hex SHA-256 of the canonical signed ballot: look for it on the board.
    public let tracker: String
    /// The ballot's event on the board.
    public let seq: Int
}
