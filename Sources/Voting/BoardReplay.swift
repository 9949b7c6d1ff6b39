import CoopCore

/// What can be learnt about one event without the events before it, computed for all events in
/// parallel: whether its hash matches its content, and for a ballot its parsed form and tracker.
/// Signatures are checked apart (see `BoardVerifier`), so `signatureValid` is nil until then.
struct EventFacts: Sendable {
    /// nil for a ballot shown by its tracker only, whose hash cannot be recomputed.
    var hashMatches: Bool?
    var ballot: Ballot?
    /// A secret election's ballot (coop-voting-2), or why it could not be read.
    var secretBallot: SecretBallot?
    var secretBallotError: CoopError?
    var ballotProblem: LocalizedText?
    var tracker: String?
    /// nil: not checked yet, taken as valid by the replay.
    var signatureValid: Bool?
    /// A secret ballot's first unsound answer; nil when sound or not checked.
    var proofFlaw: (question: Int, flaw: EncryptedAnswer.Flaw)?
    var isRedacted: Bool { hashMatches == nil }
    var signed: (any SignedBallot)? { ballot ?? secretBallot }

    /// - Parameter secret: the board is a secret election's, whose ballots are encrypted.
    static func compute(_ event: BoardEvent, secret: Bool = false) -> EventFacts {
        var facts = EventFacts()
        if event.type == .ballot, let tracker = redactedTracker(event.payload) {
            facts.tracker = tracker
            return facts
        }
        let payloadBytes = CanonicalJSON.encode(event.payload)
        facts.hashMatches = BoardEvent.hash(seq: event.seq, type: event.type.rawValue, payloadBytes: payloadBytes, prev: event.prev) == event.hash
        guard event.type == .ballot else { return facts }
        if secret {
            do {
                facts.secretBallot = try SecretBallot(json: event.payload)
                facts.tracker = SHA256.hex(payloadBytes)
            } catch {
                facts.secretBallotError = error as? CoopError ?? .malformedBallot(LocalizedText(fr: "bulletin illisible", en: "unreadable ballot"))
            }
            return facts
        }
        if let problem = Ballot.shapeProblem(event.payload) {
            facts.ballotProblem = problem
            return facts
        }
        do {
            facts.ballot = try Ballot(json: event.payload)
            facts.tracker = SHA256.hex(payloadBytes)
        } catch {
            facts.ballotProblem = LocalizedText(fr: "bulletin illisible", en: "unreadable ballot")
        }
        return facts
    }

    /// The tracker of a ballot event in the public view (`{"tracker": hex}`), or nil.
    static func redactedTracker(_ payload: JSONValue) -> String? {
        guard let object = payload.objectValue, object.keys == ["tracker"],
              let tracker = object["tracker"]?.stringValue, Ballot.isLowerHex(tracker, length: 64) else { return nil }
        return tracker
    }
}

/// The protocol's rules applied to the events in order: which event may follow which, the
/// credential list, revocations, ballots and the result. The verifier and the server's tally share it,
/// so what the server counts is exactly what anyone recounts.
struct BoardReplay {
    enum Phase: Int, Comparable {
        /// `summed`: a secret election's `tally` is on the board, its tellers' decryptions follow.
        case empty, setUp, credentialed, open, closed, summed, resulted
        static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
    }

    /// The ballot a credential last cast: its answers, or in a secret election its encrypted ballot.
    struct Cast {
        let seq: Int
        let answers: [[Int]]
        let tracker: String
        var encrypted: SecretBallot? = nil
    }

    let allowRedacted: Bool
    private(set) var phase = Phase.empty
    private(set) var definition: ElectionDefinition?
    private(set) var electionHash = ""
    private(set) var eligible = 0
    private(set) var active: Set<String> = []
    private(set) var everListed: Set<String> = []
    private(set) var revokedCount = 0
    private(set) var openedAt: Instant?
    private(set) var ballotEvents = 0
    private(set) var redactedBallots = 0
    /// tracker → seq of its ballot event.
    private(set) var trackers: [String: Int] = [:]
    /// credential → its last ballot; a revoked credential's entry is removed, so it is not counted.
    private(set) var latest: [String: Cast] = [:]
    /// A secret election's key and its tellers' shares (index i at i − 1).
    private(set) var electionKey: ECPoint?
    private(set) var tellerShares: [ECPoint] = []
    /// alpha → the credential that cast it, for the copy rule.
    private(set) var alphaOwners: [String: String] = [:]
    private(set) var tally: TallyEvent?
    /// teller index → its checked factors.
    private(set) var decryptions: [Int: DecryptionEvent] = [:]
    var isSecret: Bool { electionKey != nil }

    init(allowRedacted: Bool) { self.allowRedacted = allowRedacted }

    /// Applies one event whose chain link and hash were already checked; returns the rule it breaks.
    mutating func apply(_ event: BoardEvent, _ facts: EventFacts) -> CoopError? {
        if phase == .resulted {
            return .verifyOutOfOrder(event.type, LocalizedText(fr: "rien ne suit le résultat", en: "nothing may follow the result"))
        }
        if phase == .empty, event.type != .setup {
            return .verifyOutOfOrder(event.type, LocalizedText(fr: "le registre commence par `setup`", en: "the board starts with `setup`"))
        }
        switch event.type {
        case .setup: return applySetup(event)
        case .credentials: return applyCredentials(event)
        case .open: return applyOpen(event)
        case .ballot: return applyBallot(event, facts)
        case .revoke: return applyRevoke(event)
        case .close: return applyClose(event)
        case .tally: return applyTally(event)
        case .decryption: return applyDecryption(event)
        case .result: return applyResult(event)
        }
    }

    private mutating func applySetup(_ event: BoardEvent) -> CoopError? {
        guard phase == .empty else {
            return .verifyOutOfOrder(.setup, LocalizedText(fr: "une seule fois, en premier", en: "once, as the first event"))
        }
        do {
            definition = try ElectionDefinition(json: event.payload)
        } catch let error as ElectionDefinition.DefinitionError {
            switch error {
            case .notADefinition:
                return .verifyBadSetup(LocalizedText(fr: "champs manquants ou mal formés", en: "missing or malformed fields"))
            case .unknownProtocol(let name):
                return .verifyBadSetup(LocalizedText(fr: "protocole inconnu « \(name) »", en: "unknown protocol \"\(name)\""))
            case .notCanonical:
                return .verifyBadSetup(LocalizedText(fr: "champs inconnus ou valeurs hors de leur forme canonique",
                                                     en: "unknown fields or values not in their canonical form"))
            case .invalid(let reason):
                return .verifyBadSetup(LocalizedText(fr: reason.message(.fr), en: reason.message(.en)))
            case .invalidTellers:
                return .verifyBadSetup(LocalizedText(
                    fr: "scrutateurs invalides (clé illisible, preuve fausse, clé en double, ou clé publique qui n’est pas leur somme)",
                    en: "invalid tellers (an unreadable key, a failing proof, a repeated key, or a public key that is not their sum)"))
            }
        } catch {
            return .verifyBadSetup(LocalizedText(fr: "illisible", en: "unreadable"))
        }
        // The definition's reading checked the tellers' proofs, that their keys differ and sum to the key.
        electionKey = definition?.electionKey
        tellerShares = (definition?.tellers ?? []).compactMap { try? ECPoint.decode(hex: $0.key) }
        electionHash = CanonicalJSON.sha256Hex(event.payload)
        phase = .setUp
        return nil
    }

    private mutating func applyCredentials(_ event: BoardEvent) -> CoopError? {
        guard phase == .setUp else {
            return .verifyOutOfOrder(.credentials, LocalizedText(fr: "une seule fois, juste après `setup`", en: "once, right after `setup`"))
        }
        guard let object = event.payload.objectValue, object.keys == ["count", "credentials", "sha256"],
              let count = object["count"]?.integerValue, let list = object["credentials"]?.arrayValue,
              let fingerprint = object["sha256"]?.stringValue
        else {
            return .verifyBadCredentials(LocalizedText(fr: "les champs doivent être exactement `count`, `credentials`, `sha256`",
                                                       en: "the fields must be exactly count, credentials, sha256"))
        }
        let keys = list.compactMap(\.stringValue).filter { Ballot.isLowerHex($0, length: 64) }
        guard keys.count == list.count else {
            return .verifyBadCredentials(LocalizedText(fr: "chaque justificatif est une clé publique en 64 chiffres hexadécimaux minuscules",
                                                       en: "each credential is a public key in 64 lower-case hex digits"))
        }
        guard count == Int64(keys.count), count >= 1 else {
            return .verifyBadCredentials(LocalizedText(fr: "`count` (\(count)) ne correspond pas au nombre de clés (\(keys.count))",
                                                       en: "count (\(count)) does not match the \(keys.count) keys"))
        }
        let unique = Set(keys)
        guard unique.count == keys.count else {
            return .verifyBadCredentials(LocalizedText(fr: "une clé y figure deux fois", en: "a key appears twice"))
        }
        guard fingerprint == CanonicalJSON.sha256Hex(.array(list)) else { return .verifyCredentialsHash() }
        eligible = keys.count
        active = unique
        everListed = unique
        phase = .credentialed
        return nil
    }

    /// `{"at": instant}` in canonical form.
    private func instantPayload(_ payload: JSONValue) -> Instant? {
        guard let object = payload.objectValue, object.keys == ["at"], let text = object["at"]?.stringValue,
              let instant = Instant.parse(text, timeZone: .gmt), instant.iso8601 == text else { return nil }
        return instant
    }

    private mutating func applyOpen(_ event: BoardEvent) -> CoopError? {
        guard phase == .credentialed, let definition else {
            return .verifyOutOfOrder(.open, LocalizedText(fr: "une seule fois, après la liste des justificatifs",
                                                          en: "once, after the credential list"))
        }
        guard let at = instantPayload(event.payload) else {
            return .verifyBadEvent(LocalizedText(fr: "`open` porte exactement `{\"at\": instant}`", en: "`open` holds exactly `{\"at\": instant}`"))
        }
        guard at >= definition.opens, at < definition.closes else {
            return .verifyBadTime(LocalizedText(fr: "ouverture le \(at.words(in: .gmt, .fr)), hors de la période du \(definition.opens.words(in: .gmt, .fr)) au \(definition.closes.words(in: .gmt, .fr))",
                                                en: "opened on \(at.words(in: .gmt, .en)), outside \(definition.opens.words(in: .gmt, .en)) – \(definition.closes.words(in: .gmt, .en))"))
        }
        openedAt = at
        phase = .open
        return nil
    }

    private mutating func applyRevoke(_ event: BoardEvent) -> CoopError? {
        guard phase == .credentialed || phase == .open else {
            return .verifyOutOfOrder(.revoke, LocalizedText(fr: "entre la liste des justificatifs et la fermeture",
                                                            en: "between the credential list and close"))
        }
        guard let object = event.payload.objectValue, object.keys == ["credential", "replacement"],
              let old = object["credential"]?.stringValue, let new = object["replacement"]?.stringValue,
              Ballot.isLowerHex(old, length: 64), Ballot.isLowerHex(new, length: 64)
        else {
            return .verifyBadRevoke(LocalizedText(fr: "les champs doivent être exactement `credential` et `replacement` (clés hexadécimales)",
                                                  en: "the fields must be exactly credential and replacement (hex keys)"))
        }
        guard active.contains(old) else {
            return .verifyBadRevoke(LocalizedText(fr: "le justificatif révoqué n’est pas actif", en: "the revoked credential is not active"))
        }
        guard !everListed.contains(new) else {
            return .verifyBadRevoke(LocalizedText(fr: "le remplaçant figure déjà sur la liste", en: "the replacement is already listed"))
        }
        active.remove(old)
        active.insert(new)
        everListed.insert(new)
        latest[old] = nil
        revokedCount += 1
        return nil
    }

    private mutating func applyBallot(_ event: BoardEvent, _ facts: EventFacts) -> CoopError? {
        guard phase == .open, let definition else {
            return .verifyOutOfOrder(.ballot, LocalizedText(fr: "les bulletins vont entre `open` et `close`", en: "ballots belong between `open` and `close`"))
        }
        if facts.isRedacted, let tracker = facts.tracker {
            guard allowRedacted else { return .verifyRedactedAfterClose() }
            if let first = trackers[tracker] { return .verifyDuplicateBallot(firstSeq: first) }
            trackers[tracker] = event.seq
            ballotEvents += 1
            redactedBallots += 1
            return nil
        }
        if isSecret { return applySecretBallot(event, facts, definition) }
        if let problem = facts.ballotProblem { return .malformedBallot(problem) }
        guard let ballot = facts.ballot, let tracker = facts.tracker else {
            return .malformedBallot(LocalizedText(fr: "bulletin illisible", en: "unreadable ballot"))
        }
        if let broken = signedBallotProblem(ballot, tracker: tracker, facts, definition) { return broken }
        if let problem = Ballot.answersProblem(ballot.answers, questions: definition.questions) { return problem }
        trackers[tracker] = event.seq
        latest[ballot.credential] = Cast(seq: event.seq, answers: ballot.answers, tracker: tracker)
        ballotEvents += 1
        return nil
    }

    /// The rules both protocols' ballots follow, in the server's order (`VotingService.cast`), so both
    /// name the same first broken rule: a new tracker, this election, an active credential, this
    /// definition's hash, a valid signature.
    private func signedBallotProblem(_ ballot: any SignedBallot, tracker: String, _ facts: EventFacts, _ definition: ElectionDefinition) -> CoopError? {
        if let first = trackers[tracker] { return .verifyDuplicateBallot(firstSeq: first) }
        guard ballot.election == definition.id else { return .wrongElection(expected: definition.id, got: ballot.election) }
        guard active.contains(ballot.credential) else {
            return everListed.contains(ballot.credential) ? .revokedCredential() : .unknownCredential()
        }
        guard ballot.electionHash == electionHash else { return .electionHashMismatch() }
        guard facts.signatureValid != false else { return .badSignature() }
        return nil
    }

    /// coop-voting-1's checks in the server's order (`VotingService.castSecret`), then the proofs and
    /// the copy rule: no `alpha` of it was cast under another credential.
    private mutating func applySecretBallot(_ event: BoardEvent, _ facts: EventFacts, _ definition: ElectionDefinition) -> CoopError? {
        if let error = facts.secretBallotError { return error }
        guard let ballot = facts.secretBallot, let tracker = facts.tracker else {
            return .malformedBallot(LocalizedText(fr: "bulletin illisible", en: "unreadable ballot"))
        }
        if let broken = signedBallotProblem(ballot, tracker: tracker, facts, definition) { return broken }
        if let (question, flaw) = facts.proofFlaw { return .invalidEncryptedAnswer(question: question + 1, flaw) }
        let alphas = ballot.alphas
        if alphas.contains(where: { alphaOwners[$0].map { $0 != ballot.credential } ?? false }) { return .copiedBallot() }
        for alpha in alphas { alphaOwners[alpha] = ballot.credential }
        trackers[tracker] = event.seq
        latest[ballot.credential] = Cast(seq: event.seq, answers: [], tracker: tracker, encrypted: ballot)
        ballotEvents += 1
        return nil
    }

    private mutating func applyClose(_ event: BoardEvent) -> CoopError? {
        guard phase == .open, let definition, let openedAt else {
            return .verifyOutOfOrder(.close, LocalizedText(fr: "une seule fois, après `open`", en: "once, after `open`"))
        }
        guard let at = instantPayload(event.payload) else {
            return .verifyBadEvent(LocalizedText(fr: "`close` porte exactement `{\"at\": instant}`", en: "`close` holds exactly `{\"at\": instant}`"))
        }
        guard at >= definition.closes, at >= openedAt else {
            return .verifyBadTime(LocalizedText(fr: "fermeture le \(at.words(in: .gmt, .fr)), avant l’heure prévue (\(definition.closes.words(in: .gmt, .fr)))",
                                                en: "closed on \(at.words(in: .gmt, .en)), before the set time (\(definition.closes.words(in: .gmt, .en)))"))
        }
        phase = .closed
        return nil
    }

    /// The ballots a secret election counts, by seq: the last of each active credential.
    var countedSecretBallots: [SecretBallot] {
        latest.values.sorted { $0.seq < $1.seq }.compactMap(\.encrypted)
    }

    private mutating func applyTally(_ event: BoardEvent) -> CoopError? {
        guard phase == .closed, isSecret, let definition else {
            return .verifyOutOfOrder(.tally, LocalizedText(fr: "une seule fois, juste après `close`, dans un scrutin secret",
                                                           en: "once, right after `close`, in a secret election"))
        }
        let published: TallyEvent
        do { published = try TallyEvent(json: event.payload) } catch {
            return .verifyBadTally(LocalizedText(fr: "champ `\(error.path)` : \(error.reason.words.fr)", en: "field `\(error.path)`: \(error.reason.words.en)"))
        }
        let counted = countedSecretBallots
        guard published.ballots == counted.count else {
            return .verifyBadTally(LocalizedText(fr: "\(published.ballots) bulletins annoncés, \(counted.count) comptés",
                                                 en: "\(published.ballots) ballots announced, \(counted.count) counted"))
        }
        let sums = SecretTally.sum(counted, questions: definition.questions)
        guard published.ciphertexts.count == sums.count else {
            return .verifyBadTally(LocalizedText(fr: "\(published.ciphertexts.count) questions au lieu de \(sums.count)",
                                                 en: "\(published.ciphertexts.count) questions instead of \(sums.count)"))
        }
        for (q, (mine, theirs)) in zip(sums, published.ciphertexts).enumerated() {
            guard mine.count == theirs.count else { return .verifyTallyMismatch(question: q + 1, slot: min(mine.count, theirs.count) + 1) }
            if let j = mine.indices.first(where: { mine[$0] != theirs[$0] }) { return .verifyTallyMismatch(question: q + 1, slot: j + 1) }
        }
        tally = published
        phase = .summed
        return nil
    }

    private mutating func applyDecryption(_ event: BoardEvent) -> CoopError? {
        guard phase == .summed, let tally else {
            return .verifyOutOfOrder(.decryption, LocalizedText(fr: "après la somme chiffrée (`tally`), avant le résultat",
                                                                en: "after the encrypted sum (`tally`), before the result"))
        }
        let decryption: DecryptionEvent
        do { decryption = try DecryptionEvent(json: event.payload) } catch {
            return .verifyBadDecryption(LocalizedText(fr: "champ `\(error.path)` : \(error.reason.words.fr)", en: "field `\(error.path)`: \(error.reason.words.en)"))
        }
        let i = decryption.teller
        guard i <= tellerShares.count else {
            return .verifyBadDecryption(LocalizedText(fr: "il n’y a pas de scrutateur n° \(i)", en: "there is no teller \(i)"))
        }
        guard decryptions[i] == nil else {
            return .verifyBadDecryption(LocalizedText(fr: "le scrutateur n° \(i) a déjà déchiffré", en: "teller \(i) already decrypted"))
        }
        if let (q, j) = decryption.flaw(tally: tally.ciphertexts, share: tellerShares[i - 1], electionHash: Hex.decode(electionHash) ?? []) {
            return .verifyBadDecryption(LocalizedText(
                fr: "scrutateur n° \(i), question \(q + 1), case \(j + 1) : le facteur manque ou sa preuve ne tient pas",
                en: "teller \(i), question \(q + 1), slot \(j + 1): the factor is missing or its proof does not hold"))
        }
        decryptions[i] = decryption
        return nil
    }

    private mutating func applyResult(_ event: BoardEvent) -> CoopError? {
        if isSecret {
            guard phase == .summed, decryptions.count == tellerShares.count else {
                return .verifyOutOfOrder(.result, LocalizedText(fr: "une seule fois, après le déchiffrement de chaque scrutateur",
                                                                en: "once, after every teller's decryption"))
            }
            guard let recount = recount() else {
                return .verifyBadDecryption(LocalizedText(fr: "les facteurs ne révèlent aucun décompte possible",
                                                          en: "the factors reveal no possible count"))
            }
            guard let expected = try? JSONValue(encoding: recount), expected == event.payload else { return .verifyResultMismatch() }
            phase = .resulted
            return nil
        }
        guard phase == .closed, let recount = recount() else {
            return .verifyOutOfOrder(.result, LocalizedText(fr: "une seule fois, après `close`", en: "once, after `close`"))
        }
        guard let expected = try? JSONValue(encoding: recount), expected == event.payload else { return .verifyResultMismatch() }
        phase = .resulted
        return nil
    }

    /// The count of the ballots that count, once voting is closed.
    func recount() -> ElectionResult? {
        guard phase >= .closed, let definition else { return nil }
        if isSecret {
            guard let tally, decryptions.count == tellerShares.count,
                  let counts = SecretTally.counts(tally.ciphertexts, factors: decryptions.keys.sorted().map { decryptions[$0]!.factors.map { $0.map(\.factor) } },
                                                  ballots: tally.ballots)
            else { return nil }
            return SecretTally.result(definition: definition, electionHash: electionHash, eligible: eligible, ballotEvents: ballotEvents,
                                      voted: tally.ballots, counts: counts)
        }
        // Sorted by seq so the input order is fixed; the tally does not depend on it anyway.
        let counted = latest.values.sorted { $0.seq < $1.seq }.map(\.answers)
        return Tally.compute(definition: definition, electionHash: electionHash, eligible: eligible,
                             ballotEvents: ballotEvents, answers: counted)
    }

    var status: ElectionStatus {
        switch phase {
        case .empty, .setUp, .credentialed: .credentialsIssued
        case .open: .open
        case .closed, .summed: .closed
        case .resulted: .tallied
        }
    }
}
