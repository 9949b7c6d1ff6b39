import CoopCore

/// The outcome of an election: the `result` event's payload, `GET /api/v1/elections/{id}/result`, and
/// what `coopctl election verify` recounts. Integers only, so that it hashes the same everywhere.
public struct ElectionResult: Sendable, Codable, Equatable {
    /// The election's id and hash.
    public let election: String
    public let electionHash: String
    /// Credentials issued: the members eligible at the cut-off.
    public let eligible: Int
    /// Credentials whose ballot is counted (one each, the last they cast): turnout is voted / eligible.
    public let voted: Int
    /// Ballot events on the board, replaced ones and those of revoked credentials included.
    public let ballotEvents: Int
    /// The election's quorum, nil for none.
    public let quorumPercent: Int?
    /// Ballots needed for the quorum: ⌈eligible × quorumPercent ÷ 100⌉.
    public let quorumRequired: Int?
    /// True when there is no quorum or it is reached. When false, nothing is decided: every
    /// `winner` is absent, `adopted` false and `winners` empty, though the counts are still given.
    public let quorumMet: Bool
    /// One per question, in order.
    public let questions: [QuestionResult]
}

/// One question's outcome.
public struct QuestionResult: Sendable, Codable, Equatable {
    /// The question's kind.
    public let kind: QuestionKind
    /// Per choice: votes (single), approvals (approval), first preferences (ranked).
    public let counts: [Int]
    /// single: the rule applied.
    public let threshold: Threshold?
    /// single: ballots for a choice named Abstention.
    public let abstentions: Int?
    /// single: ballots for the other choices (the votes expressed).
    public let expressed: Int?
    /// single, majority or two-thirds: the fewest votes that win.
    public let required: Int?
    /// single and ranked: the winning choice, absent when none.
    public let winner: Int?
    /// single: true when the first choice (Pour, For, Yes…) wins, which adopts a resolution.
    public let adopted: Bool?
    /// approval: seats to fill (the question's max).
    public let seats: Int?
    /// approval: elected choices, most approved first.
    public let winners: [Int]?
    /// single plurality, approval: choices tied for the last place to fill, undecided.
    public let tied: [Int]?
    /// ranked: every round of the instant-runoff.
    public let rounds: [RunoffRound]?
    /// ranked, in a secret election: the ballots per possible ranking (`QuestionSlots.rankings`), the
    /// decrypted slot counts the rounds come from. Absent in coop-voting-1, whose ballots are public.
    public var rankingCounts: [Int]?

    init(kind: QuestionKind, counts: [Int], threshold: Threshold? = nil, abstentions: Int? = nil, expressed: Int? = nil,
         required: Int? = nil, winner: Int? = nil, adopted: Bool? = nil, seats: Int? = nil, winners: [Int]? = nil,
         tied: [Int]? = nil, rounds: [RunoffRound]? = nil) {
        self.kind = kind
        self.counts = counts
        self.threshold = threshold
        self.abstentions = abstentions
        self.expressed = expressed
        self.required = required
        self.winner = winner
        self.adopted = adopted
        self.seats = seats
        self.winners = winners
        self.tied = tied
        self.rounds = rounds
    }

    /// The same counts with no decision (quorum not met).
    var undecided: QuestionResult {
        QuestionResult(kind: kind, counts: counts, threshold: threshold, abstentions: abstentions, expressed: expressed,
                       required: required, winner: nil, adopted: adopted == nil ? nil : false, seats: seats,
                       winners: winners == nil ? nil : [], tied: nil, rounds: rounds).with(rankingCounts: rankingCounts)
    }

    func with(rankingCounts: [Int]?) -> QuestionResult {
        var copy = self
        copy.rankingCounts = rankingCounts
        return copy
    }
}

/// One round of an instant-runoff count.
public struct RunoffRound: Sendable, Codable, Equatable {
    /// Per choice, the ballots whose highest continuing preference it is (0 once eliminated).
    public let counts: [Int]
    /// Ballots with no continuing preference left.
    public let exhausted: Int
    /// The choice eliminated after this round; absent in the last round.
    public let eliminated: Int?
    /// How the eliminated choice was picked among several with the fewest votes.
    public let tieBreak: RunoffTieBreak?
}

/// The instant-runoff tie rule's steps (docs/VOTING.md, "Ranked").
public enum RunoffTieBreak: String, Sendable, Codable {
    /// Fewest first preferences among the tied.
    case firstPreferences
    /// Still tied: the one listed first in the election is eliminated.
    case listOrder
}
