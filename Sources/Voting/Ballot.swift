import CoopCore
import Foundation

/// A signed ballot: the canonical JSON of `{"answers","credential","election","electionHash"}` signed
/// with the credential's Ed25519 key, plus `"signature"` (hex) over exactly those bytes.
///
/// `answers` has one array per question of 0-based choice indexes. The tracker, the voter's receipt,
/// is the hex SHA-256 of the canonical signed ballot (all five fields).
public struct Ballot: SignedBallot, Sendable, Equatable, Codable {
    /// The election's id (`E-0001`).
    public let election: String
    /// Hex SHA-256 of the election's setup payload.
    public let electionHash: String
    /// The credential's public key, hex.
    public let credential: String
    /// One array of 0-based choice indexes per question.
    public let answers: [[Int]]
    /// Hex Ed25519 signature of `signingMessage`.
    public let signature: String

    /// The largest ballot accepted (bytes of JSON as sent).
    public static let maxBytes = 64 * 1024

    /// A ballot from its fields, as given (nothing is checked: see `init(jsonData:)` and `hasValidSignature`).
    public init(election: String, electionHash: String, credential: String, answers: [[Int]], signature: String) {
        self.election = election
        self.electionHash = electionHash
        self.credential = credential
        self.answers = answers
        self.signature = signature
    }

    /// The fields the signature covers, as JSON.
    static func unsignedJSON(election: String, electionHash: String, credential: String, answers: [[Int]]) -> JSONValue {
        [
            "answers": .array(answers.map { .array($0.map { .integer(Int64($0)) }) }),
            "credential": .string(credential),
            "election": .string(election),
            "electionHash": .string(electionHash),
        ]
    }

    /// The canonical bytes that are signed.
    public var signingMessage: [UInt8] {
        CanonicalJSON.encode(Self.unsignedJSON(election: election, electionHash: electionHash, credential: credential, answers: answers))
    }

    /// The ballot as JSON (the `ballot` event's payload).
    public var json: JSONValue {
        Self.signed(Self.unsignedJSON(election: election, electionHash: electionHash, credential: credential, answers: answers), signature)
    }

    // MARK: Reading

    /// Reads a ballot sent as JSON text; refuses anything but the five fields in their exact forms.
    public init(jsonData data: Data) throws {
        guard data.count <= Self.maxBytes else { throw CoopError.ballotTooLarge(max: Self.maxBytes) }
        let value: JSONValue
        do {
            value = try CanonicalJSON.parse(data)
        } catch {
            throw CoopError.malformedBallot(LocalizedText(fr: "JSON invalide, \(error.text.fr) (octet \(error.offset))",
                                                          en: "invalid JSON, \(error.text.en) (byte \(error.offset))"))
        }
        try self.init(json: value)
    }

    /// Reads a ballot from a parsed value, with the same strictness.
    public init(json value: JSONValue) throws {
        if let problem = Self.shapeProblem(value) { throw CoopError.malformedBallot(problem) }
        let object = value.objectValue!
        self.init(election: object["election"]!.stringValue!, electionHash: object["electionHash"]!.stringValue!,
                  credential: object["credential"]!.stringValue!,
                  answers: object["answers"]!.arrayValue!.map { $0.arrayValue!.map { Int($0.integerValue!) } },
                  signature: object["signature"]!.stringValue!)
    }

    static let fieldNames = ["answers", "credential", "election", "electionHash", "signature"]

    /// What is wrong with the shape of a ballot, or nil when every field is there in its exact form:
    /// lower-case hex of the right length, an election id, answers as arrays of small integers.
    static func shapeProblem(_ value: JSONValue) -> LocalizedText? {
        guard let object = value.objectValue else {
            return LocalizedText(fr: "un bulletin est un objet JSON", en: "a ballot is a JSON object")
        }
        guard object.keys == fieldNames else {
            return LocalizedText(fr: "les champs doivent être exactement \(fieldNames.map { "`\($0)`" }.joined(separator: ", "))",
                                 en: "the fields must be exactly \(fieldNames.map { "`\($0)`" }.joined(separator: ", "))")
        }
        guard let election = object["election"]?.stringValue, !election.isEmpty, election.utf8.count <= 64 else {
            return LocalizedText(fr: "`election` doit être l’identifiant du scrutin", en: "`election` must be the election id")
        }
        for (field, length) in [("electionHash", 64), ("credential", 64), ("signature", 128)] {
            guard let text = object[field]?.stringValue, isLowerHex(text, length: length) else {
                return LocalizedText(fr: "`\(field)` doit compter \(length) chiffres hexadécimaux minuscules",
                                     en: "`\(field)` must be \(length) lower-case hex digits")
            }
        }
        guard let answers = object["answers"]?.arrayValue, answers.count <= NewElection.maxQuestions,
              answers.allSatisfy({ answer in
                  guard let indexes = answer.arrayValue, indexes.count <= Question.maxChoices else { return false }
                  return indexes.allSatisfy { $0.integerValue.map { $0 >= 0 && $0 <= Int64(Int32.max) } ?? false }
              })
        else {
            return LocalizedText(fr: "`answers` doit être une liste (une par question) de listes de numéros de choix",
                                 en: "`answers` must be a list (one per question) of lists of choice numbers")
        }
        return nil
    }

    static func isLowerHex(_ text: String, length: Int) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    // MARK: Validity against a definition

    /// The first rule this ballot breaks for `definition`, as the server and the verifier both apply it:
    /// election and electionHash, then the signature, then each answer.
    func problem(for definition: ElectionDefinition, electionHash expectedHash: String, checkSignature: Bool = true) -> CoopError? {
        guard election == definition.id else { return .wrongElection(expected: definition.id, got: election) }
        guard electionHash == expectedHash else { return .electionHashMismatch() }
        if checkSignature, !hasValidSignature { return .badSignature() }
        return Self.answersProblem(answers, questions: definition.questions)
    }

    static func answersProblem(_ answers: [[Int]], questions: [Question]) -> CoopError? {
        guard answers.count == questions.count else { return .answerCount(expected: questions.count, got: answers.count) }
        for (i, (question, answer)) in zip(questions, answers).enumerated() {
            if let problem = question.problem(with: answer) { return .invalidAnswer(question: i + 1, problem) }
        }
        return nil
    }
}

/// The voter's side: turns a code and answers into a signed ballot, locally. Used by
/// `coopctl vote cast` both against the local database and against `--server URL`.
public enum BallotSigner {
    /// Signs `answers` (one array per question) with the credential derived from `code`.
    ///
    /// The answers are checked against the definition first, so a voter learns of a mistake before
    /// anything is sent; approval answers are put in increasing order (the order means nothing there).
    public static func sign(answers: [[Int]], code: CredentialCode, definition: ElectionDefinition) throws -> Ballot {
        var answers = answers
        for (i, question) in definition.questions.enumerated() where i < answers.count && question.kind == .approval {
            answers[i].sort()
        }
        if let problem = Ballot.answersProblem(answers, questions: definition.questions) { throw problem }
        let key = try code.privateKey(electionID: definition.id, salt: definition.salt)
        let credential = try key.publicKey.hex
        let hash = definition.electionHash
        let message = CanonicalJSON.encode(Ballot.unsignedJSON(election: definition.id, electionHash: hash,
                                                                credential: credential, answers: answers))
        let signature = try key.sign(message)
        return Ballot(election: definition.id, electionHash: hash, credential: credential, answers: answers,
                      signature: Hex.encode(signature))
    }

    /// Reads the CLI's answers: one text per question, each a comma-separated list of choices, each
    /// given by its number (`0`, `0,2,5`) or its text as `election show` lists it (`Pour`, `Ana,Cy`;
    /// case and accents ignored). An empty text is an empty answer, for an approval question with min 0.
    /// - Parameter questions: the questions answered, in order, whose choices' texts may be typed.
    public static func parseAnswers(_ texts: [String], questions: [Question]) throws -> [[Int]] {
        try texts.enumerated().map { index, text in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return [] }
            let choices = index < questions.count ? questions[index].choices.map(\.folded) : []
            // A choice whose own text holds a comma is found whole before the text is split.
            if let whole = choices.firstIndex(of: trimmed.folded) { return [whole] }
            return try trimmed.split(separator: ",", omittingEmptySubsequences: false).map { part in
                let part = part.trimmingCharacters(in: .whitespaces)
                if let n = Int(part), n >= 0 { return n }
                guard let named = choices.firstIndex(of: part.folded) else { throw CoopError.malformedAnswer(text) }
                return named
            }
        }
    }
}
