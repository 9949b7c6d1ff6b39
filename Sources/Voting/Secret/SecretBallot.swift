import CoopCore
import Foundation

/// A coop-voting-2 ballot: coop-voting-1's signed ballot (election, election hash, credential,
/// signature; the same tracker rule) whose answers are encrypted, one `EncryptedAnswer` per question,
/// under the election key. The signature covers the four other fields, encrypted answers included.
public struct SecretBallot: SignedBallot, Sendable, Equatable {
    public let election: String
    public let electionHash: String
    /// The credential's Ed25519 public key, hex.
    public let credential: String
    public let answers: [EncryptedAnswer]
    public let signature: String

    public init(election: String, electionHash: String, credential: String, answers: [EncryptedAnswer], signature: String) {
        (self.election, self.electionHash, self.credential, self.answers, self.signature) = (election, electionHash, credential, answers, signature)
    }

    static func unsignedJSON(election: String, electionHash: String, credential: String, answers: [EncryptedAnswer]) -> JSONValue {
        ["answers": .array(answers.map(\.json)), "credential": .string(credential), "election": .string(election),
         "electionHash": .string(electionHash)]
    }

    public var signingMessage: [UInt8] {
        CanonicalJSON.encode(Self.unsignedJSON(election: election, electionHash: electionHash, credential: credential, answers: answers))
    }

    public var json: JSONValue {
        Self.signed(Self.unsignedJSON(election: election, electionHash: electionHash, credential: credential, answers: answers), signature)
    }

    /// Reads a ballot's canonical JSON: exactly the five fields; each encrypted answer strictly (see
    /// `EncryptedAnswer.init(json:)`). The signature and the proofs are checked apart.
    public init(json value: JSONValue) throws {
        guard let object = value.objectValue, object.keys == Ballot.fieldNames,
              let election = object["election"]?.stringValue, let electionHash = object["electionHash"]?.stringValue,
              Ballot.isLowerHex(electionHash, length: 64),
              let credential = object["credential"]?.stringValue, Ballot.isLowerHex(credential, length: 64),
              let signature = object["signature"]?.stringValue, Ballot.isLowerHex(signature, length: 128),
              let answers = object["answers"]?.arrayValue, answers.count <= NewElection.maxQuestions
        else {
            throw CoopError.malformedBallot(LocalizedText(fr: "les champs d’un bulletin chiffré ne sont pas ceux attendus",
                                                          en: "the fields of an encrypted ballot are not the expected ones"))
        }
        var encrypted: [EncryptedAnswer] = []
        for (q, answer) in answers.enumerated() {
            do { encrypted.append(try EncryptedAnswer(json: answer)) } catch {
                throw CoopError.malformedBallot(LocalizedText(fr: "question \(q + 1), champ `\(error.path)` : \(error.reason.words.fr)",
                                                              en: "question \(q + 1), field `\(error.path)`: \(error.reason.words.en)"))
            }
        }
        self.init(election: election, electionHash: electionHash, credential: credential, answers: encrypted, signature: signature)
    }

    /// Every slot's `alpha`, for the copy rule: an `alpha` already cast under another credential is refused.
    public var alphas: [String] { answers.flatMap { $0.choices.map(\.alpha.hex) } }

    /// The binding of question `q`'s proofs to this ballot.
    func context(question q: Int, key: ECPoint) -> [UInt8] {
        EncryptedAnswer.context(electionHash: Hex.decode(electionHash) ?? [], key: key, credential: Hex.decode(credential) ?? [], question: q)
    }

    /// The first question (0-based) whose encrypted answer is wrong, and what is wrong; nil when every
    /// answer is sound. The signature and the election are checked apart (coop-voting-1's rules).
    public func flaw(questions: [Question], key: ECPoint) -> (question: Int, flaw: EncryptedAnswer.Flaw)? {
        guard answers.count == questions.count else { return (answers.count, .slotCount(expected: questions.count, got: answers.count)) }
        for (q, (question, answer)) in zip(questions, answers).enumerated() {
            if let flaw = answer.flaw(slots: QuestionSlots(question), key: key, context: context(question: q, key: key)) { return (q, flaw) }
        }
        return nil
    }

    /// Encrypts, proves and signs a voter's answers (coop-voting-1's form: choice indexes, a ranking in
    /// order) under the election key: what `coopctl vote cast` and the booth do on the voter's side.
    public static func cast(answers: [[Int]], code: CredentialCode, definition: ElectionDefinition, key: ECPoint) throws -> SecretBallot {
        if let problem = Ballot.answersProblem(answers, questions: definition.questions) { throw problem }
        let signingKey = try code.privateKey(electionID: definition.id, salt: definition.salt)
        let credential = try signingKey.publicKey.hex
        let hash = definition.electionHash
        var encrypted: [EncryptedAnswer] = []
        for (q, (question, answer)) in zip(definition.questions, answers).enumerated() {
            guard let values = QuestionSlots.values(question, answer: answer) else {
                throw CoopError.invalidAnswer(question: q + 1, LocalizedText(
                    fr: "un classement chiffré compte au plus \(QuestionSlots.maxRankedChoices) choix",
                    en: "an encrypted ranking has at most \(QuestionSlots.maxRankedChoices) choices"))
            }
            let context = EncryptedAnswer.context(electionHash: Hex.decode(hash) ?? [], key: key, credential: Hex.decode(credential) ?? [], question: q)
            encrypted.append(try EncryptedAnswer.encrypt(values, slots: QuestionSlots(question), key: key, context: context))
        }
        let message = CanonicalJSON.encode(unsignedJSON(election: definition.id, electionHash: hash, credential: credential, answers: encrypted))
        return SecretBallot(election: definition.id, electionHash: hash, credential: credential, answers: encrypted,
                            signature: Hex.encode(try signingKey.sign(message)))
    }
}
