import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Membership
import Orders
import Testing
@testable import coop_api

/// `/api/v1/notices` for staff, `/api/v1/members/{number}/notice-preferences` for the member, and the
/// outbox gauges on `/metrics`.
@Suite struct NoticeRouteTests {
    /// A cycle opened: one notice to Ada (M-0001) and one to Bob (M-0002).
    static func make() async throws -> TestCoop {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.membership.addMember(NewMember(firstName: "Bob", lastName: "Roy", email: "bob@example.org"))
        let now = coop.coop.context.now()
        let cycle = try await coop.coop.orders.createCycle(NewCycle(name: "Semaine 12", opens: now, closes: now.adding(seconds: 3 * 86_400),
                                                                    pickupDate: coop.coop.context.today().adding(days: 4)))
        _ = try await coop.coop.orders.openCycle(cycle.id)
        return coop
    }

    @Test func staffReadTheOutboxAndNobodyElse() async throws {
        let coop = try await Self.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/notices", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/notices", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
                #expect(response.object["code"] as? String == "auth.forbidden")
            }
            try await client.execute(uri: "/api/v1/notices?member=M-0002", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .ok)
                let items = response.object["items"] as? [[String: Any]] ?? []
                #expect(items.count == 1)
                #expect(items.first?["kind"] as? String == "cycle_open" && items.first?["status"] as? String == "queued")
                #expect(items.first.map { $0.keys.sorted() } == ["attempts", "createdAt", "error", "failedAt", "id", "kind", "member",
                                                                   "nextAttemptAt", "recipient", "sentAt", "status"])
            }
            try await client.execute(uri: "/api/v1/notices?status=perdu", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.object["code"] as? String == "notify.invalid_status")
                #expect((response.object["detail"] as? String)?.hasPrefix("État d’avis inconnu : « perdu »") == true)
            }
            try await client.execute(uri: "/api/v1/notices/1/retry", method: .post, headers: headers(token: coop.staff, language: "en")) { response in
                #expect(response.status == .conflict)
                #expect(response.object["code"] as? String == "notify.notice_not_failed")
                #expect((response.object["detail"] as? String)?.hasPrefix("Notice 1 has not failed") == true)
            }
            try await client.execute(uri: "/api/v1/notices/99", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .notFound)
                #expect(response.object["code"] as? String == "notify.notice_not_found")
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.text.contains(#"coop_outbox_notices{status="queued"} 2"#), "\(response.text)")
                #expect(response.text.contains(#"coop_outbox_notices{status="failed"} 0"#))
            }
        }
    }

    @Test func aMemberTurnsTheirOwnRemindersOffAndOn() async throws {
        let coop = try await Self.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/members/M-0001/notice-preferences", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                let items = response.object["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["topic"] as? String } == ["loans", "cycles", "membership"])
                #expect(items.allSatisfy { $0["enabled"] as? Bool == true })
            }
            try await client.execute(uri: "/api/v1/members/M-0002/notice-preferences", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
                #expect(response.object["code"] as? String == "auth.not_your_data")
            }
            try await client.execute(uri: "/api/v1/members/M-0001/notice-preferences/cycles", method: .put, headers: headers(token: coop.member),
                                     body: body(#"{"enabled":false}"#)) { response in
                #expect(response.status == .ok)
                let items = response.object["items"] as? [[String: Any]] ?? []
                #expect(items.first { $0["topic"] as? String == "cycles" }?["enabled"] as? Bool == false)
            }
            try await client.execute(uri: "/api/v1/members/M-0001/notice-preferences/tout", method: .put, headers: headers(token: coop.member),
                                     body: body(#"{"enabled":false}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["code"] as? String == "notify.invalid_topic")
            }
            try await client.execute(uri: "/api/v1/notices", method: .get, headers: headers(token: coop.staff)) { response in
                let items = response.object["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["member"] as? String } == ["M-0002"], "Ada's queued cycle notice is dropped")
            }
        }
    }
}
