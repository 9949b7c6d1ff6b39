import CoopCore
import CoopHTTP
import Foundation
import HTTPTypes
import Hummingbird
import Voting

/// `/api/v1/elections`: admins define and run elections, any token reads them. Casting, the board and
/// the published result need no token: a ballot's signature is its authority, and the board is public.
///
/// Credentials are issued only by `coopctl election credentials`: the answer would hold every member's code.
struct ElectionController {
    let voting: VotingService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("elections", use: list)
        group.post("elections", use: create)
        group.get("elections/:id", use: show)
        group.patch("elections/:id", use: update)
        group.post("elections/:id/open", use: open)
        group.post("elections/:id/close", use: close)
        group.post("elections/:id/tally", use: tally)
        group.post("elections/:id/ballots", use: cast)
        group.get("elections/:id/board", use: board)
        group.get("elections/:id/result", use: result)
        group.post("elections/:id/tellers", use: registerTeller)
        group.post("elections/:id/decryptions", use: postDecryption)
    }

    /// A draft's changes: fields left out stay; `cutoff: null` removes the cut-off, `quorumPercent: 0`
    /// or `null` the quorum; `questions` replaces every question.
    struct ElectionChanges: Decodable {
        var title: String?
        var questions: [Question]?
        var opens: Instant?
        var closes: Instant?
        /// nil: left out; .some(nil): removed.
        var cutoff: Instant??
        var quorumPercent: Int??

        enum CodingKeys: String, CodingKey { case title, questions, opens, closes, cutoff, quorumPercent }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            questions = try c.decodeIfPresent([Question].self, forKey: .questions)
            opens = try c.decodeIfPresent(Instant.self, forKey: .opens)
            closes = try c.decodeIfPresent(Instant.self, forKey: .closes)
            if c.contains(.cutoff) { cutoff = .some(try c.decodeIfPresent(Instant.self, forKey: .cutoff)) }
            if c.contains(.quorumPercent) { quorumPercent = .some(try c.decodeIfPresent(Int.self, forKey: .quorumPercent)) }
        }

        /// The whole definition the library replaces a draft's with.
        func applied(to e: Election) -> NewElection {
            NewElection(title: title ?? e.title, questions: questions ?? e.questions, opens: opens ?? e.opens,
                        closes: closes ?? e.closes, cutoff: cutoff ?? e.cutoff, quorumPercent: quorumPercent ?? e.quorumPercent)
        }
    }

    /// `NewElection` and, for a secret election (coop-voting-2), `"secret": true`.
    struct ElectionCreation: Decodable {
        let election: NewElection
        let secret: Bool

        enum CodingKeys: String, CodingKey { case secret }

        init(from decoder: any Decoder) throws {
            election = try NewElection(from: decoder)
            secret = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Bool.self, forKey: .secret) ?? false
        }
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let voting = try context.authenticated(self.voting, for: VotingVerb.elections)
        return try JSON.response(try await voting.elections(page: try request.pageRequest()))
    }

    @Sendable func create(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let voting = try context.authenticated(self.voting, for: VotingVerb.createElection)
        let creation = try await JSON.decode(ElectionCreation.self, from: request, context: context)
        let election = try await voting.createElection(creation.election, secret: creation.secret)
        return try JSON.response(election, status: .created, location: "/api/v1/elections/\(election.id)")
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let voting = try context.authenticated(self.voting, for: VotingVerb.election)
        return try JSON.response(try await voting.election(try context.parameters.require("id")))
    }

    @Sendable func update(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let voting = try context.authenticated(self.voting, for: VotingVerb.updateElection)
        let changes = try await JSON.decode(ElectionChanges.self, from: request, context: context)
        let current = try await voting.election(try context.parameters.require("id"))
        return try JSON.response(try await voting.updateElection(current.id, changes.applied(to: current)))
    }

    @Sendable func open(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let voting = try context.authenticated(self.voting, for: VotingVerb.open)
        return try JSON.response(try await voting.open(try context.parameters.require("id")))
    }

    @Sendable func close(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let voting = try context.authenticated(self.voting, for: VotingVerb.close)
        return try JSON.response(try await voting.close(try context.parameters.require("id")))
    }

    @Sendable func tally(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let voting = try context.authenticated(self.voting, for: VotingVerb.tally)
        return try JSON.response(try await voting.tally(try context.parameters.require("id")))
    }

    /// No token: the body is the canonical signed ballot, checked by the library (202 with the receipt).
    @Sendable func cast(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let receipt = try await context.anyone(voting).cast(Data(buffer.readableBytesView), election: try context.parameters.require("id"))
        return try JSON.response(receipt, status: .accepted)
    }

    /// No token: the board as the public sees it, canonical JSON exactly as `coopctl election board` writes it.
    @Sendable func board(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let data = try await context.anyone(voting).boardJSON(try context.parameters.require("id"))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// No token once tallied: the result is the board's last event, public anyway.
    @Sendable func result(_ request: Request, context: CoopRequestContext) async throws -> Response {
        try JSON.response(try await context.anyone(voting).result(try context.parameters.require("id")))
    }

    /// A teller's public key file (`FILE.pub` from `coopctl teller keygen`) added to a secret draft
    /// (admin); 201 with every teller so far, in index order.
    @Sendable func registerTeller(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let voting = try context.authenticated(self.voting, for: VotingVerb.registerTeller)
        let file = try await Self.jsonBody(request, context: context)
        return try JSON.response(try await voting.registerTeller(try context.parameters.require("id"), publicKey: file), status: .created)
    }

    /// A teller's decryption factors (any token: their proofs, which only the teller's key can make, are
    /// the authority); 201 with what remains, and the result once the last teller's are in.
    @Sendable func postDecryption(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let voting = try context.authenticated(self.voting, for: VotingVerb.postDecryption)
        let body = try await Self.jsonBody(request, context: context)
        return try JSON.response(try await voting.postDecryption(try context.parameters.require("id"), body), status: .created)
    }

    /// The body as JSON, read by the same strict reader as the board; a body that is not JSON is refused.
    static func jsonBody(_ request: Request, context: CoopRequestContext) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do { return try CanonicalJSON.parse(Data(buffer.readableBytesView)) } catch {
            throw CoopError(.invalid, "common.invalid_json", fr: "Le corps de la requête n’est pas du JSON valide.",
                            en: "The request body is not valid JSON.")
        }
    }
}
