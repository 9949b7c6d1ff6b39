import ArgumentParser
import CoopCore
import Foundation
import Voting
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `coopctl vote …`: the voter's side. Ballots are signed here, on the voter's machine; the server
/// (or the local database) only ever receives the signed ballot.
struct VoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote", abstract: "Cast a ballot, check that it is counted. / Voter, vérifier son bulletin.",
        subcommands: [Cast.self, Check.self])

    struct Cast: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a ballot with your code and cast it. / Signer et déposer un bulletin.",
            discussion: """
                One --answer per question, in order, with the choice numbers (or texts) `coopctl election show` lists: --answer 0 for a \
                single choice, --answer 0,2,5 for approval, --answer 2,0,1 for a ranking (most preferred first). Casting \
                again replaces your earlier ballot. Keep the tracker printed: `coopctl vote check` finds it on the board. \
                With --dry-run the ballot is signed and printed (the canonical JSON that would be sent) and nothing is cast.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Election id, e.g. E-0001.") var election: String
        @Option(help: "Your credential file (M-0001.json) or your code XXXX-XXXX-XXXX-XXXX.") var credential: String
        @Option(help: "Your answer to the next question; repeat once per question.") var answer: [String] = []
        @Option(help: "Cast through this coop-api (http://host:port) instead of the local database.") var server: String?
        @Flag(help: "Sign the ballot and print it (canonical JSON, exactly the bytes that would be sent) without casting it.")
        var dryRun = false

        func validate() throws {
            guard !answer.isEmpty else { throw UsageError.invalid(.init(fr: "Il faut un --answer par question.", en: "One --answer per question is needed.")) }
            if let server { _ = try VotingClient.serverURL(server) }
        }

        func run() async throws {
            let id = VotingService.normalizedID(election)
            if let server, let url = URL(string: server) {
                return try await global.runWithoutDatabase { out in
                    let (code, file) = try VoteCommand.credential(credential, election: id)
                    let client = VotingClient(server: url, language: out.language)
                    let board = try await client.board(id)
                    let definition = try BoardVerifier.definition(in: board)
                    try VoteCommand.requireSameDefinition(file, definition)
                    let ballot = try VoteCommand.ballot(answer, code: code, definition: definition)
                    if dryRun { return VoteCommand.printBallot(ballot) }
                    try VoteCommand.printReceipt(try await client.cast(ballot, election: id), out)
                }
            }
            try await global.run { session in
                let (code, file) = try VoteCommand.credential(credential, election: id)
                let current = try await session.coop.voting.election(id)
                guard let definition = current.definition else { throw CoopError.notAcceptingBallots(current.id) }
                try VoteCommand.requireSameDefinition(file, definition)
                let ballot = try VoteCommand.ballot(answer, code: code, definition: definition)
                if dryRun { return VoteCommand.printBallot(ballot) }
                try VoteCommand.printReceipt(try await session.coop.voting.cast(Data(ballot.canonicalJSON), election: id), session.output)
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Is my ballot on the board, and counted? No database needed. / Mon bulletin est-il au registre et compté ?")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The board file ({\"events\": [...]}).") var file: String
        @Option(help: "The tracker `vote cast` printed (64 hex digits).") var tracker: String

        func validate() throws {
            let t = tracker.trimmingCharacters(in: .whitespaces)
            guard t.utf8.count == 64, t.allSatisfy(\.isHexDigit) else {
                throw UsageError.invalid(.init(fr: "--tracker prend les 64 chiffres hexadécimaux que « vote cast » a affichés.", en: "--tracker takes the 64 hexadecimal digits that `vote cast` printed."))
            }
        }

        func run() async throws {
            try await global.runWithoutDatabase { out in
                let check = try BoardVerifier.check(tracker: tracker, in: try VotingOutput.read(file))
                if out.json { return try out.printJSON(check) }
                for sentence in check.sentences { out.say(out.text(sentence)) }
            }
        }
    }

    /// A credential given as a file (`M-0001.json`) or as the code itself.
    static func credential(_ text: String, election id: String) throws -> (CredentialCode, CredentialFile?) {
        guard FileManager.default.fileExists(atPath: text) else {
            // A path that names no file is a missing file, not a mistyped code.
            if text.hasSuffix(".json") || text.contains("/") { throw CoopError.credentialFileMissing(text) }
            return (try CredentialCode(text), nil)
        }
        let file = try CredentialFolder.readFile(text)
        guard VotingService.normalizedID(file.election) == id else { throw CoopError.credentialForAnotherElection(file.election, id) }
        return (try CredentialCode(file.code), file)
    }

    /// The definition about to be signed must be the one the credential file was issued for: a server
    /// showing another one would make the voter sign a ballot that no honest count accepts.
    static func requireSameDefinition(_ file: CredentialFile?, _ definition: ElectionDefinition) throws {
        guard let file, !file.electionHash.isEmpty, file.electionHash != definition.electionHash else { return }
        throw CoopError.definitionChanged(file.electionHash, definition.electionHash)
    }

    /// `--dry-run`: the canonical signed ballot, the bytes a cast sends, then a line break (the tracker is
    /// the SHA-256 of the bytes without it).
    /// The signed ballot for these answers: in a secret election (coop-voting-2) each answer is
    /// encrypted under the election key and proved here, on the voter's machine.
    static func ballot(_ answers: [String], code: CredentialCode, definition: ElectionDefinition) throws -> any SignedBallot {
        let parsed = try BallotSigner.parseAnswers(answers, questions: definition.questions)
        guard definition.protocolName == ElectionDefinition.secretProtocol else { return try BallotSigner.sign(answers: parsed, code: code, definition: definition) }
        guard let key = definition.electionKey else { throw CoopError.notAcceptingBallots(definition.id) }
        return try SecretBallot.cast(answers: parsed, code: code, definition: definition, key: key)
    }

    static func printBallot(_ ballot: any SignedBallot) {
        FileHandle.standardOutput.write(Data(ballot.canonicalJSON + [UInt8(ascii: "\n")]))
    }

    static func printReceipt(_ receipt: CastReceipt, _ out: Output) throws {
        if out.json { return try out.printJSON(receipt) }
        out.say(out.text(.init(fr: "Bulletin déposé au registre du scrutin {id} (événement {seq}).",
                               en: "Ballot cast on the board of election {id} (event {seq})."),
                         ["id": .text(receipt.election), "seq": .integer(Int64(receipt.seq))]))
        out.say(out.text(.init(fr: "Numéro de suivi (gardez-le) : {tracker}", en: "Tracker (keep it): {tracker}"),
                         ["tracker": .text(receipt.tracker)]))
    }
}

/// The two calls `vote cast --server` makes to a coop-api: the public board (for the definition to
/// sign) and the signed ballot. Neither sends a token: the ballot's signature is its authority.
struct VotingClient {
    let server: URL
    let language: Language

    /// The `--server` option's address: http or https, with a host.
    static func serverURL(_ server: String) throws -> URL {
        guard let url = URL(string: server), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw UsageError.invalid(.init(fr: "--server prend une adresse http:// ou https://, pas « {server} ».",
                                        en: "--server takes an http:// or https:// address, not '{server}'."), ["server": .text(server)])
        }
        return url
    }

    /// `GET {server}/api/v1/elections/{id}/board`.
    func board(_ id: String) async throws -> Data {
        var request = URLRequest(url: url(id, "board"))
        request.httpMethod = "GET"
        return try await send(request, expecting: 200)
    }

    /// `POST {server}/api/v1/elections/{id}/ballots` with the canonical signed ballot; 202 and a receipt.
    func cast(_ ballot: any SignedBallot, election id: String) async throws -> CastReceipt {
        var request = URLRequest(url: url(id, "ballots"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(ballot.canonicalJSON)
        let data = try await send(request, expecting: 202)
        guard let receipt = try? JSONDecoder().decode(CastReceipt.self, from: data) else {
            throw CoopError.unexpectedAnswer(server.absoluteString, status: 202)
        }
        return receipt
    }

    /// `GET {server}/api/v1/elections/{id}`: the election as the public sees it (a teller's key needs its salt).
    func election(_ id: String) async throws -> Election {
        var request = URLRequest(url: server.appendingPathComponent("api/v1/elections").appendingPathComponent(id))
        request.httpMethod = "GET"
        let data = try await send(request, expecting: 200)
        guard let election = try? JSONDecoder().decode(Election.self, from: data) else {
            throw CoopError.unexpectedAnswer(server.absoluteString, status: 200)
        }
        return election
    }

    /// `POST {server}/api/v1/elections/{id}/decryptions` with a teller's factors, signed in with `token`.
    func postDecryption(_ decryption: DecryptionEvent, election id: String, token: String) async throws -> DecryptionReceipt {
        var request = URLRequest(url: url(id, "decryptions"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = CanonicalJSON.data(decryption.json)
        let data = try await send(request, expecting: 201)
        guard let receipt = try? JSONDecoder().decode(DecryptionReceipt.self, from: data) else {
            throw CoopError.unexpectedAnswer(server.absoluteString, status: 201)
        }
        return receipt
    }

    func url(_ id: String, _ leaf: String) -> URL {
        server.appendingPathComponent("api/v1/elections").appendingPathComponent(id).appendingPathComponent(leaf)
    }

    /// The body of an answer with the expected status; a problem+json refusal becomes the server's own
    /// localized message.
    func send(_ request: URLRequest, expecting expected: Int) async throws -> Data {
        var request = request
        request.setValue(language.rawValue, forHTTPHeaderField: "Accept-Language")
        request.timeoutInterval = 60
        let data: Data, response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw CoopError.serverUnreachable(server.absoluteString, (error as? URLError)?.localizedDescription ?? "\(error)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if status == expected { return data }
        if let problem = try? JSONDecoder().decode(RemoteProblem.self, from: data) {
            throw CoopError(.invalid, problem.code, ["detail": .text(problem.detail)], fr: "{detail}", en: "{detail}")
        }
        throw CoopError.unexpectedAnswer(server.absoluteString, status: status)
    }

    /// The fields of an RFC 9457 answer the voter needs.
    struct RemoteProblem: Decodable {
        let code: String
        let detail: String
    }
}

extension CoopError {
    static func notAcceptingBallots(_ id: String) -> CoopError {
        CoopError(.conflict, "voting.closed", ["id": .text(id)],
                  fr: "Le scrutin {id} ne reçoit pas encore de bulletins : les codes de vote n’ont pas été émis.",
                  en: "Election {id} is not accepting ballots yet: credentials have not been issued.")
    }

    static func credentialFileMissing(_ path: String) -> CoopError {
        CoopError(.notFound, "vote.credential_file_missing", field: "credential", ["path": .text(path)],
                  fr: "Fichier de code de vote introuvable : {path}. Vérifiez le chemin, ou tapez le code (XXXX-XXXX-XXXX-XXXX).",
                  en: "Credential file not found: {path}. Check the path, or type the code (XXXX-XXXX-XXXX-XXXX).")
    }

    static func credentialForAnotherElection(_ fileElection: String, _ id: String) -> CoopError {
        CoopError(.invalid, "vote.credential_for_another_election", field: "credential",
                  ["file": .text(fileElection), "id": .text(id)],
                  fr: "Ce fichier de code de vote est pour le scrutin {file}, pas {id}.",
                  en: "This credential file is for election {file}, not {id}.")
    }

    static func definitionChanged(_ expected: String, _ found: String) -> CoopError {
        CoopError(.conflict, "vote.definition_changed", ["expected": .text(expected), "found": .text(found)],
                  fr: "La définition du scrutin ({found}) n’est pas celle pour laquelle votre code a été émis ({expected}) : rien n’a été envoyé.",
                  en: "The election definition ({found}) is not the one your credential was issued for ({expected}): nothing was sent.")
    }

    static func serverUnreachable(_ server: String, _ reason: String) -> CoopError {
        CoopError(.conflict, "vote.server_unreachable", ["server": .text(server), "reason": .text(reason)],
                  fr: "Impossible de joindre {server} : {reason}", en: "Cannot reach {server}: {reason}")
    }

    static func unexpectedAnswer(_ server: String, status: Int) -> CoopError {
        CoopError(.conflict, "vote.unexpected_answer", ["server": .text(server), "status": .integer(Int64(status))],
                  fr: "Réponse inattendue de {server} (statut {status}).", en: "Unexpected answer from {server} (status {status}).")
    }
}
