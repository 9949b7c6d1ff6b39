import CoopCore
import CoopHTTP
import HTTPTypes
import Hummingbird
import Membership
import HummingbirdTesting
import Prometheus
import Testing
@testable import coop_api

/// A second face is a route group on the same `CoopRouter`: it gets the language, the caller and
/// problem+json answers from CoopHTTP, and the JSON API answers exactly as it does alone.
@Suite struct RouteGroupsTests {
    /// A face that is not the API: a greeting in the reader's language, and the member count, which it
    /// asks of Membership for whoever calls, writing no rule: Membership decides who may list members.
    struct GreetingRoutes {
        let membership: MembershipService

        func addRoutes(to group: RouterGroup<CoopRequestContext>) {
            group.get("hello") { _, context in
                LocalizedText(fr: "Bonjour", en: "Hello").render(context.language)
            }
            group.get("desk") { _, context in
                "\(try await context.anyone(membership).members().items.count)"
            }
        }
    }

    @Test func theAPIAndASecondGroupShareOneApplication() async throws {
        let coop = try await TestCoop.make()
        let router = CoopRouter.make(tokens: coop.coop.tokens, authLimiter: AuthFailureLimiter(), trustedProxies: [],
                                     metrics: PrometheusCollectorRegistry(), events: APIRoutes.events)
        APIRoutes(coop: coop.coop).addRoutes(to: router.group("api/v1"))
        GreetingRoutes(membership: coop.coop.membership).addRoutes(to: router.group("web"))
        defer { coop.remove() }
        try await Application(router: router).test(.router) { client in
            #expect(try await client.execute(uri: "/web/hello", method: .get, headers: headers()).text == "Bonjour")
            #expect(try await client.execute(uri: "/web/hello", method: .get, headers: headers(language: "en")).text == "Hello")
            let anonymous = try await client.execute(uri: "/web/desk", method: .get, headers: headers())
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.contentType] == "application/problem+json")
            #expect(anonymous.object["code"] as? String == "auth.unauthenticated")
            #expect(try await client.execute(uri: "/web/desk", method: .get, headers: headers(token: coop.member)).status == .forbidden)
            #expect(try await client.execute(uri: "/web/desk", method: .get, headers: headers(token: coop.staff)).text == "1")

            // The API beside it, unchanged: reads, refusals and writes.
            let members = try await client.execute(uri: "/api/v1/members", method: .get, headers: headers(token: coop.staff))
            #expect(members.status == .ok)
            #expect((members.object["items"] as? [[String: Any]])?.first?["number"] as? String == "M-0001")
            let refused = try await client.execute(uri: "/api/v1/plans", method: .post, headers: headers(token: coop.member),
                                                   body: body(#"{"name":"Mensuel","fee":500,"months":1,"maxLoans":2,"maxReservations":1}"#))
            #expect(refused.status == .forbidden)
            let created = try await client.execute(uri: "/api/v1/plans", method: .post, headers: headers(token: coop.admin),
                                                   body: body(#"{"name":"Mensuel","fee":500,"months":1,"maxLoans":2,"maxReservations":1}"#))
            #expect(created.status == .created)
        }
    }
}
