import CoopCore
import CoopHTTP
import HTTPTypes
import HummingbirdTesting
import Membership
import Testing
@testable import coop_api

/// `POST /api/v1/payments/{id}/void`: staff reverse a payment typed wrong, once, with a reason.
@Suite struct PaymentVoidRouteTests {
    @Test func staffVoidOnceMembersCannotAndTheAccountShowsBothEntries() async throws {
        let coop = try await TestCoop.make()
        let payment = try await coop.coop.membership.addPayment(member: "M-0001", amount: Money(cents: 5_000), method: .cash)
        let uri = "/api/v1/payments/\(payment.id)/void"
        try await coop.test { client in
            try await client.execute(uri: uri, method: .post, headers: headers(token: coop.member, language: "en"),
                                     body: body(#"{"reason":"mine"}"#)) { response in
                #expect(response.status == .forbidden)
                #expect(response.object["code"] as? String == "auth.forbidden")
            }
            try await client.execute(uri: uri, method: .post, headers: headers(), body: body(#"{"reason":"x"}"#)) { response in
                #expect(response.status == .unauthorized)
            }
            #expect(try await coop.coop.membership.account("M-0001").entries.count == 1, "refusals change nothing")

            try await client.execute(uri: uri, method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"reason":"50 tapé au lieu de 5"}"#)) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/v1/members/M-0001/account")
                let answer = response.object
                #expect(answer["member"] as? String == "M-0001")
                #expect(answer["balance"] as? Int == 0)
                let void = try #require(answer["void"] as? [String: Any])
                #expect(void["kind"] as? String == "payment_void")
                #expect(void["amount"] as? Int == 5_000)
                #expect(void["voids"] as? Int == Int(payment.id))
                #expect(void["description"] as? String == "50 tapé au lieu de 5")
                #expect((answer["payment"] as? [String: Any])?["voidedBy"] as? Int == void["id"] as? Int)
            }
            try await client.execute(uri: uri, method: .post, headers: headers(token: coop.staff, language: "en"),
                                     body: body(#"{"reason":"again"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.object["code"] as? String == "membership.payment_already_voided")
                #expect(response.object["detail"] as? String == "Payment no. \(payment.id) is already voided (entry no. \(payment.id + 1)).")
            }
            try await client.execute(uri: "/api/v1/members/M-0001/account", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                let entries = response.object["entries"] as? [[String: Any]] ?? []
                #expect(entries.map { $0["kind"] as? String } == ["payment", "payment_void"])
                #expect(response.object["balance"] as? Int == 0)
            }
        }
    }

    @Test func refusalsAreProblemsAndChangeNothing() async throws {
        let coop = try await TestCoop.make()
        let payment = try await coop.coop.membership.addPayment(member: "M-0001", amount: Money(cents: 500), method: .card)
        let void = try await coop.coop.membership.voidPayment(payment.id, reason: "erreur").void
        let before = try await coop.coop.membership.account("M-0001")
        try await coop.test { client in
            let cases: [(String, String, HTTPResponse.Status, String, String)] = [
                ("/api/v1/payments/\(payment.id + 50)/void", #"{"reason":"x"}"#, .notFound, "membership.entry_not_found", "fr"),
                ("/api/v1/payments/\(void.id)/void", #"{"reason":"x"}"#, .conflict, "membership.not_a_payment", "fr"),
                ("/api/v1/payments/\(payment.id)/void", "{}", .unprocessableContent, "common.required", "fr"),
                ("/api/v1/payments/abc/void", #"{"reason":"x"}"#, .unprocessableContent, "common.invalid_value", "fr"),
            ]
            for (uri, json, status, code, language) in cases {
                try await client.execute(uri: uri, method: .post, headers: headers(token: coop.staff, language: language), body: body(json)) { response in
                    #expect(response.status == status, "\(uri) \(json)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(response.object["code"] as? String == code, "\(uri) \(json)")
                }
            }
            let fresh = try await coop.coop.membership.addPayment(member: "M-0001", amount: Money(cents: 100), method: .cash)
            try await client.execute(uri: "/api/v1/payments/\(fresh.id)/void", method: .post, headers: headers(token: coop.staff, language: "fr"),
                                     body: body(#"{"reason":"  "}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["field"] as? String == "reason")
                #expect(response.object["detail"] as? String == "Le champ « motif » est obligatoire.")
            }
            try await client.execute(uri: "/api/v1/payments/\(void.id)/void", method: .post, headers: headers(token: coop.staff, language: "en"),
                                     body: body(#"{"reason":"x"}"#)) { response in
                #expect(response.object["detail"] as? String == "Entry no. \(void.id) is not a payment: only a payment can be voided.")
            }
            let after = try await coop.coop.membership.account("M-0001")
            #expect(after.entries.count == before.entries.count + 1, "only the fresh payment was added")
            #expect(after.balance == before.balance - Money(cents: 100))
        }
    }
}
