import CoopCore
import Foundation

/// Where an election stands. Only a draft can be edited; every later step appends to the board.
public enum ElectionStatus: String, Sendable, Codable, CaseIterable, Worded {
    case draft
    case credentialsIssued = "credentials_issued"
    case open
    case closed
    case tallied

    /// The status as people read it (« un scrutin », masculine, as the messages call an election).
    public var label: LocalizedText {
        switch self {
        case .draft: LocalizedText(fr: "brouillon", en: "draft")
        case .credentialsIssued: LocalizedText(fr: "codes émis", en: "credentials issued")
        case .open: LocalizedText(fr: "ouvert", en: "open")
        case .closed: LocalizedText(fr: "fermé", en: "closed")
        case .tallied: LocalizedText(fr: "dépouillé", en: "tallied")
        }
    }
}

/// An election as both faces show it (`GET /api/v1/elections/{id}`, `coopctl election show --json`).
public struct Election: Sendable, Codable, Equatable {
    /// `E-0001`: sequential, never reused.
    public let id: String
    /// What members see: the title and the questions, in order.
    public let title: String
    public let questions: [Question]
    /// Ballots are accepted from this instant (once the administrator has opened the election)…
    public let opens: Instant
    /// …until this one (excluded).
    public let closes: Instant
    /// Who may vote is who was active at this instant; nil on a draft means "when credentials are
    /// issued", and the instant actually used is filled in then.
    public let cutoff: Instant?
    /// Percent of eligible members who must cast a ballot for any decision; nil for none.
    public let quorumPercent: Int?
    /// Where the election stands.
    public let status: ElectionStatus
    /// Salt of the credential derivation (hex); public, drawn when the election is created.
    public let salt: String
    /// SHA-256 of the setup event's payload: what every ballot signs. Set when credentials are issued.
    public let electionHash: String?
    /// Credentials issued, which is the number of members eligible at the cut-off.
    public let eligibleCount: Int?
    /// Credentials revoked and replaced (lost codes).
    public let revokedCount: Int
    /// Ballot events on the board, replaced ballots included.
    public let ballotCount: Int
    /// When each step happened.
    public let createdAt: Instant
    public let credentialsIssuedAt: Instant?
    public let openedAt: Instant?
    public let closedAt: Instant?
    public let talliedAt: Instant?
    /// A secret election (coop-voting-2): answers encrypted under its tellers' key.
    public let secret: Bool
    /// A secret election's tellers, in their index order; empty otherwise.
    public let tellers: [TellerShare]
    /// A secret election's booth fingerprint (`BoothScripts.sha256` when credentials were issued), as
    /// in its setup; nil before, and for coop-voting-1.
    public let booth: String?
}

/// What an administrator gives to create an election, or to replace a draft's definition.
public struct NewElection: Sendable, Codable, Equatable {
    /// The title and the questions (1 to 50), in order.
    public var title: String
    public var questions: [Question]
    /// Ballots are accepted from `opens` (once opened) until `closes` (excluded).
    public var opens: Instant
    public var closes: Instant
    /// nil: eligibility is frozen when credentials are issued.
    public var cutoff: Instant?
    /// 1…100, or nil (or 0) for no quorum.
    public var quorumPercent: Int?

    /// A definition to create or to replace a draft's.
    public init(title: String, questions: [Question], opens: Instant, closes: Instant, cutoff: Instant? = nil, quorumPercent: Int? = nil) {
        self.title = title
        self.questions = questions
        self.opens = opens
        self.closes = closes
        self.cutoff = cutoff
        self.quorumPercent = quorumPercent
    }

    /// Limits on a definition.
    public static let maxQuestions = 50
    public static let maxTitleLength = 200

    /// Trimmed and checked, defaults filled in. `now` is when the definition is saved; instants in refusals are
    /// written in `timeZone`.
    func validated(now: Instant, timeZone: TimeZone) throws -> NewElection {
        var e = self
        e.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !e.title.isEmpty else { throw CoopError.required("title") }
        guard e.title.count <= Self.maxTitleLength else { throw CoopError.tooLong("title", max: Self.maxTitleLength) }
        guard !questions.isEmpty else { throw CoopError.noQuestions() }
        guard questions.count <= Self.maxQuestions else { throw CoopError.tooManyQuestions(max: Self.maxQuestions) }
        e.questions = try questions.enumerated().map { try $0.element.validated(number: $0.offset + 1) }
        guard opens < closes else { throw CoopError.invalidWindow(opens: opens, closes: closes, timeZone: timeZone) }
        guard now < closes else { throw CoopError.closesInPast(closes, timeZone: timeZone) }
        // Before closing is all that is needed: credentials may be issued late (at the assembly), and
        // the default cut-off is then after the opening time.
        if let cutoff, cutoff >= closes { throw CoopError.invalidCutoff(cutoff: cutoff, closes: closes, timeZone: timeZone) }
        if let quorum = quorumPercent {
            guard (0...100).contains(quorum) else { throw CoopError.invalidQuorum(quorum) }
            e.quorumPercent = quorum == 0 ? nil : quorum
        }
        return e
    }
}

/// The frozen definition of an election: the payload of the board's `setup` event.
///
/// Its canonical JSON's SHA-256 is the `electionHash` every ballot signs, so a server cannot
/// reorder choices or change a threshold under the voters' feet.
public struct ElectionDefinition: Sendable, Codable, Equatable {
    /// The protocol this board follows; verifiers refuse any other.
    public static let currentProtocol = "coop-voting-1"

    /// `coop-voting-1`.
    public let protocolName: String
    /// The election's id, title, questions and voting window, as in `Election`.
    public let id: String
    public let title: String
    public let questions: [Question]
    public let opens: Instant
    public let closes: Instant
    /// The instant eligibility was frozen at.
    public let cutoff: Instant
    /// Percent of eligible members who must vote; nil for none.
    public let quorumPercent: Int?
    /// Hex; salts the credential derivation together with `id`.
    public let salt: String
    /// coop-voting-2 only (absent in coop-voting-1, whose setup is unchanged): `P-256`, the tellers'
    /// key shares with their proofs (teller i is at position i − 1), and the election key, their sum.
    public let group: String?
    public let tellers: [TellerShare]?
    public let publicKey: String?
    /// coop-voting-2 only: the SHA-256 of the web booth's scripts this server offered the election with
    /// (`BoothScripts.sha256`: `p256.js` then `booth.js`), so that anyone can compare what a server serves,
    /// and Coop's published source, with what the board committed to.
    public let booth: String?

    /// The protocol of secret elections (docs/VOTING.md §12).
    public static let secretProtocol = "coop-voting-2"

    enum CodingKeys: String, CodingKey {
        case protocolName = "protocol"
        case id, title, questions, opens, closes, cutoff, quorumPercent, salt, group, tellers, publicKey, booth
    }

    /// A definition from its fields (the server freezes one when it issues credentials); with
    /// `tellers`, a secret election's (coop-voting-2, its tellers' shares and the key they sum to, and
    /// `booth`, its booth's fingerprint).
    public init(id: String, title: String, questions: [Question], opens: Instant, closes: Instant,
                cutoff: Instant, quorumPercent: Int?, salt: String, tellers: [TellerShare]? = nil, booth: String? = nil) {
        protocolName = tellers == nil ? Self.currentProtocol : Self.secretProtocol
        self.id = id
        self.title = title
        self.questions = questions
        self.opens = opens
        self.closes = closes
        self.cutoff = cutoff
        self.quorumPercent = quorumPercent
        self.salt = salt
        group = tellers == nil ? nil : "P-256"
        self.tellers = tellers
        publicKey = tellers.flatMap { TellerShare.electionKey($0)?.hex }
        self.booth = tellers == nil ? nil : booth
    }

    /// The election key of a secret election, nil for coop-voting-1.
    public var electionKey: ECPoint? { publicKey.flatMap { try? ECPoint.decode(hex: $0) } }

    /// The setup payload.
    public var json: JSONValue {
        // Encoding plain Codable fields (strings, integers, instants as text) cannot fail.
        (try? JSONValue(encoding: self)) ?? .null
    }

    /// Hex SHA-256 of the canonical setup payload.
    public var electionHash: String { CanonicalJSON.sha256Hex(json) }

    /// Reads a setup payload strictly: it must decode, follow this protocol, hold a valid definition,
    /// and re-encode to exactly the same canonical JSON (no unknown keys, instants in canonical form).
    public init(json: JSONValue) throws {
        let decoded: ElectionDefinition
        do {
            decoded = try json.decoded(as: ElectionDefinition.self)
        } catch {
            throw DefinitionError.notADefinition
        }
        switch decoded.protocolName {
        case Self.currentProtocol:
            guard decoded.group == nil, decoded.tellers == nil, decoded.publicKey == nil, decoded.booth == nil else {
                throw DefinitionError.notADefinition
            }
        case Self.secretProtocol:
            guard decoded.group == "P-256", let tellers = decoded.tellers, let salt = Hex.decode(decoded.salt),
                  TellerShare.problem(tellers, election: decoded.id, salt: salt) == nil,
                  let key = TellerShare.electionKey(tellers), decoded.publicKey == key.hex
            else { throw DefinitionError.invalidTellers }
            guard let booth = decoded.booth, Ballot.isLowerHex(booth, length: 64) else { throw DefinitionError.notADefinition }
        default:
            throw DefinitionError.unknownProtocol(decoded.protocolName)
        }
        guard decoded.json == json else { throw DefinitionError.notCanonical }
        let asNew = NewElection(title: decoded.title, questions: decoded.questions, opens: decoded.opens,
                                closes: decoded.closes, cutoff: decoded.cutoff, quorumPercent: decoded.quorumPercent)
        do {
            let valid = try asNew.validated(now: Instant(milliseconds: Int64.min), timeZone: .gmt)
            guard valid == asNew else { throw DefinitionError.notCanonical }
        } catch let error as CoopError {
            throw DefinitionError.invalid(error)
        }
        guard let salt = Hex.decode(decoded.salt), salt.count >= 16, decoded.salt == decoded.salt.lowercased(), !decoded.id.isEmpty else {
            throw DefinitionError.notADefinition
        }
        self = decoded
    }

    /// Why a setup payload was refused.
    enum DefinitionError: Error {
        case notADefinition
        case unknownProtocol(String)
        case notCanonical
        case invalid(CoopError)
        /// A secret election's tellers: a share that does not decode, a proof that fails, two equal
        /// shares, none at all, or a public key that is not their sum.
        case invalidTellers
    }
}

extension Election {
    /// The frozen definition that ballots sign, rebuilt from this election; nil on a draft. A voter's
    /// client (`coopctl vote cast --server`) builds its ballot from it: the hash check makes sure the
    /// fields it was given are the ones the board committed to.
    public var definition: ElectionDefinition? {
        guard status != .draft, let cutoff, let electionHash else { return nil }
        let definition = ElectionDefinition(id: id, title: title, questions: questions, opens: opens, closes: closes,
                                            cutoff: cutoff, quorumPercent: quorumPercent, salt: salt, tellers: secret ? tellers : nil,
                                            booth: booth)
        return definition.electionHash == electionHash ? definition : nil
    }
}

extension Election {
    /// Whether a ballot cast at `now` can be accepted: open by state, and `opens ≤ now < closes` by the
    /// clock (what `VotingService.cast` requires, refusing with `voting.closed` otherwise). The booth
    /// page asks it to choose between the booth and a notice.
    public func acceptsBallots(at now: Instant) -> Bool {
        status == .open && now >= opens && now < closes
    }
}
