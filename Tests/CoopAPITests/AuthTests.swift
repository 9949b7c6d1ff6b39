import CoopCore
import CoopHTTP
import CoopTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import coop_api

@Suite struct AuthTests {
    @Test func missingTokenIs401ProblemInFrenchByDefault() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/members", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = response.object
                #expect(problem["code"] as? String == "auth.unauthenticated")
                #expect(problem["status"] as? Int == 401)
                #expect((problem["detail"] as? String)?.contains("Jeton") == true)
            }
        }
    }

    @Test func unknownTokenIs401InEnglishWhenAsked() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            let fake = String(repeating: "A", count: 43)
            try await client.execute(uri: "/api/v1/members", method: .get, headers: headers(token: fake, language: "en-CA,en;q=0.9")) { response in
                #expect(response.status == .unauthorized)
                let problem = response.object
                #expect(problem["detail"] as? String == "Missing, unknown or revoked access token.")
                #expect(problem["title"] as? String == "Unauthenticated")
            }
        }
    }

    @Test func revokedTokenIs401() async throws {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.tokens.revoke(prefix: String(coop.staff.prefix(10)))
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/members", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    /// Identities are cached by token; a revocation is a write, so the very next request is refused,
    /// whether the token was revoked by this process or by `coopctl` on the same file.
    @Test func aCachedTokenStopsWorkingOnceRevoked() async throws {
        let coop = try await TestCoop.make()
        let other = try await coop.coop.tokens.create(role: .staff).token
        try await coop.test { client in
            for token in [coop.staff, other] {
                try await client.execute(uri: "/api/v1/members", method: .get, headers: headers(token: token)) { response in
                    #expect(response.status == .ok)
                }
            }
            _ = try await coop.coop.tokens.revoke(prefix: String(coop.staff.prefix(8)))
            try await client.execute(uri: "/api/v1/members", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .unauthorized)
            }
            // Another process revokes the other token: refused once the change check notices it (within
            // its 50 ms on an idle machine; the wait is on the refusal, not on the time).
            let outside = try DatabasePool(path: coop.path, readerCount: 1)
            try await outside.write { try $0.execute("UPDATE api_tokens SET revoked_at = '2026-01-01T00:00:00Z' WHERE prefix = ?", [String(other.prefix(8))]) }
            let refused = try await eventually {
                try await client.execute(uri: "/api/v1/members", method: .get, headers: headers(token: other)).status == .unauthorized
            }
            #expect(refused)
        }
    }

    @Test func memberTokenCannotListMembers() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/members", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
                #expect(response.object["code"] as? String == "auth.forbidden")
            }
        }
    }

    @Test func memberSeesOwnRecordOnly() async throws {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.membership.addMember(.init(firstName: "Bob", lastName: "B", email: "bob@example.org"))
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/members/M-0001", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.object["email"] as? String == "ada@example.org")
            }
            try await client.execute(uri: "/api/v1/members/M-0002", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
                #expect(response.object["code"] as? String == "auth.not_your_data")
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.object["number"] as? String == "M-0001")
            }
        }
    }

    @Test func meWithoutMemberIs404() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/me", method: .get, headers: headers(token: coop.admin)) { response in
                #expect(response.status == .notFound)
                #expect(response.object["code"] as? String == "auth.no_member_record")
            }
        }
    }

    @Test func staffCannotCreatePlansButAdminCan() async throws {
        let coop = try await TestCoop.make()
        let plan = #"{"name":"Étudiant","fee":1500,"months":6,"maxLoans":2,"maxReservations":1}"#
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/plans", method: .post, headers: headers(token: coop.staff), body: body(plan)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/plans", method: .post, headers: headers(token: coop.admin), body: body(plan)) { response in
                #expect(response.status == .created)
                #expect(response.object["fee"] as? Int == 1500)
            }
            try await client.execute(uri: "/api/v1/plans", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                let items = response.object["items"] as? [[String: Any]]
                #expect(items?.map { $0["name"] as? String } == ["Annuel", "Étudiant"])
            }
        }
    }

    @Test func publicRoutesNeedNoToken() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == #"{"status":"ok"}"#)
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.hasPrefix("openapi: 3.1.0"))
            }
        }
    }

    @Test func repeatedAuthFailuresFromOneAddressAreCutOff() async throws {
        let coop = try await TestCoop.make()
        try await coop.test(authLimiter: AuthFailureLimiter(maxFailures: 3, window: .seconds(60))) { client in
            let wrong = String(repeating: "B", count: 43)
            for _ in 1...3 {
                try await client.execute(uri: "/api/v1/me", method: .get, headers: headers(token: wrong)) { response in
                    #expect(response.status == .unauthorized)
                }
            }
            // Now even the right token is refused from this address until the window ends.
            try await client.execute(uri: "/api/v1/me", method: .get, headers: headers(token: coop.member, language: "en")) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.object["code"] as? String == "auth.rate_limited")
                #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 > 0)
            }
            // Routes that need no token stay open.
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    /// Behind a trusted proxy, failures count against the client the proxy names, so one client
    /// cannot lock out the others; a client's own X-Forwarded-For is never believed.
    @Test func behindATrustedProxyFailuresCountPerForwardedClient() async throws {
        let coop = try await TestCoop.make()
        // In-process tests have no socket: the peer address is "unknown", trusted here as the proxy.
        try await coop.test(authLimiter: AuthFailureLimiter(maxFailures: 3, window: .seconds(60)), trustedProxies: ["unknown"]) { client in
            func status(_ token: String, from forwarded: String) async throws -> HTTPResponse.Status {
                var fields = headers(token: token)
                fields[.xForwardedFor] = forwarded
                return try await client.execute(uri: "/api/v1/me", method: .get, headers: fields) { $0.status }
            }
            let wrong = String(repeating: "B", count: 43)
            // The attacker forges a left-hand entry each time; the proxy appends the address it saw.
            for n in 1...3 {
                let refused = try await status(wrong, from: "10.9.9.\(n), 203.0.113.66")
                #expect(refused == .unauthorized)
            }
            let blocked = try await status(coop.member, from: "203.0.113.66")
            #expect(blocked == .tooManyRequests)
            let neighbour = try await status(coop.member, from: "198.51.100.7")
            #expect(neighbour == .ok)
        }
        // Without trusted proxies the header is ignored: everyone is the same peer.
        let other = try await TestCoop.make()
        try await other.test(authLimiter: AuthFailureLimiter(maxFailures: 3, window: .seconds(60))) { client in
            for n in 1...3 {
                var fields = headers(token: String(repeating: "C", count: 43))
                fields[.xForwardedFor] = "203.0.113.\(n)"
                try await client.execute(uri: "/api/v1/me", method: .get, headers: fields) { #expect($0.status == .unauthorized) }
            }
            var fields = headers(token: other.member)
            fields[.xForwardedFor] = "198.51.100.7"
            try await client.execute(uri: "/api/v1/me", method: .get, headers: fields) { #expect($0.status == .tooManyRequests) }
        }
    }

    @Test func forwardedClientIsTheRightMostUntrustedHop() throws {
        let proxies = try TrustedProxies.parse(" 127.0.0.1, ::1 ,10.0.0.2")
        #expect(proxies == ["127.0.0.1", "::1", "10.0.0.2"])
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 5.6.7.8"], trusted: proxies) == "5.6.7.8")
        // Proxies in a chain are skipped; several header lines read as one list.
        #expect(ClientAddress.resolve(peer: "0:0::1", forwardedFor: ["5.6.7.8", "10.0.0.2"], trusted: proxies) == "5.6.7.8")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: [], trusted: proxies) == "127.0.0.1")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["10.0.0.2"], trusted: proxies) == "10.0.0.2")
        // From anyone else the header means nothing.
        #expect(ClientAddress.resolve(peer: "192.0.2.1", forwardedFor: ["5.6.7.8"], trusted: proxies) == "192.0.2.1")
        #expect(ClientAddress.canonical("2001:DB8:0:0::1") == "2001:db8::1")
        #expect(try TrustedProxies.parse(nil).isEmpty)
        let error = try #require(throws: CoopError.self) { try TrustedProxies.parse("127.0.0.1,localhost") }
        #expect(error.code == "config.invalid_proxy_address")
        #expect(error.message(.en) == "COOP_TRUSTED_PROXIES: \"localhost\" is not an IP address.")
        #expect(error.message(.fr) == "COOP_TRUSTED_PROXIES : « localhost » n’est pas une adresse IP.")
    }

    @Test func limiterWindowEnds() {
        let limiter = AuthFailureLimiter(maxFailures: 2, window: .seconds(60))
        let start = ContinuousClock.now
        limiter.recordFailure("10.0.0.1", now: start)
        #expect(limiter.blockedFor("10.0.0.1", now: start) == nil)
        limiter.recordFailure("10.0.0.1", now: start)
        #expect(limiter.blockedFor("10.0.0.1", now: start + .seconds(1)) == 59)
        #expect(limiter.blockedFor("10.0.0.2", now: start) == nil)
        #expect(limiter.blockedFor("10.0.0.1", now: start + .seconds(61)) == nil)
    }

    @Test func metricsCountRequestsPerRouteTemplateWithoutPersonalData() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/members/M-0001", method: .get, headers: headers(token: coop.staff)) { _ in }
            try await client.execute(uri: "/api/v1/members", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"firstName":"Zoé","lastName":"Z","email":"zoe@example.org"}"#)) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = response.text
                #expect(text.contains(#"coop_http_requests_total{method="GET",route="/api/v1/members/{number}",status="200"} 1"#))
                #expect(text.contains("coop_http_request_duration_seconds_bucket"))
                #expect(text.contains("coop_members_registered_total 1"))
                #expect(!text.contains("M-0001"))
                #expect(!text.contains("zoe@example.org"))
            }
        }
    }

    @Test func responsesCarryNoSniff() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/me", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }
}
