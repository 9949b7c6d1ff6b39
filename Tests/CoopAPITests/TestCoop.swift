import Coop
import CoopCore
import CoopHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Membership
import Testing
@testable import coop_api

/// A fresh co-op on a temporary database with one token per role, and the API built over it.
struct TestCoop {
    let coop: Coop
    let path: String
    let admin: String
    let staff: String
    /// A token of member M-0001 (Ada Lovelace).
    let member: String

    /// - Parameter clock: the clock the services read, for a test that moves time; the system's when nil.
    static func make(clock: FixedClock? = nil) async throws -> TestCoop {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coop-api-\(UUID().uuidString).sqlite").path
        let configuration = CoopConfiguration(databasePath: path, timeZone: TimeZone(identifier: "America/Toronto")!)
        let (coop, _) = try await Coop.open(configuration, as: .localOperator("test"), clock: clock)
        _ = try await coop.membership.addPlan(Plan(name: "Annuel", fee: Money(cents: 4000), months: 12, maxLoans: 5, maxReservations: 3))
        let ada = try await coop.membership.addMember(NewMember(firstName: "Ada", lastName: "Lovelace", email: "ada@example.org", plan: "Annuel"))
        return TestCoop(
            coop: coop, path: path,
            admin: try await coop.tokens.create(role: .admin).token,
            staff: try await coop.tokens.create(role: .staff).token,
            member: try await coop.tokens.create(role: .member, member: ada.number).token)
    }

    func remove() {
        for suffix in ["", "-wal", "-shm", ".notices-key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Runs `body` against the router in process (no socket), then removes the database.
    func test(
        authLimiter: AuthFailureLimiter = AuthFailureLimiter(), trustedProxies: Set<String> = [], secureCookies: Bool = false,
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = Application(router: try buildRouter(coop: coop, authLimiter: authLimiter, trustedProxies: trustedProxies,
                                                      secureCookies: secureCookies))
        defer { remove() }
        try await app.test(.router) { client in try await body(client) }
    }

    func memberCount() async throws -> Int64 {
        try await coop.context.database.read { db in try db.scalar("SELECT count(*) FROM members") ?? -1 }
    }
}

/// Headers for a request with a bearer token, a JSON body and a language.
func headers(token: String? = nil, language: String? = nil) -> HTTPFields {
    var fields = HTTPFields()
    if let token { fields[.authorization] = "Bearer \(token)" }
    if let language { fields[.acceptLanguage] = language }
    fields[.contentType] = "application/json"
    return fields
}

func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

extension TestResponse {
    /// The body parsed as a JSON object; records an issue and returns an empty object when it is not one.
    var object: [String: Any] {
        let data = Data(body.readableBytesView)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            Issue.record("body is not a JSON object: \(String(decoding: data, as: UTF8.self))")
            return [:]
        }
        return object
    }

    var text: String { String(buffer: body) }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
