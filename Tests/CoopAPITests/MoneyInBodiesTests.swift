import Coop
import CoopCore
import CoopHTTP
import CoopTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Inventory
import Lending
import Membership
import Testing
@testable import coop_api

/// Money in request bodies is integer cents: `5.00`, `5.5` or `5e2` in any money field is refused with
/// 422 `common.money_not_cents`, in the reader's language, and changes nothing; `500` works as always.
@Suite struct MoneyInBodiesTests {
    /// The refusal's `detail` in French and in English, for a literal in the field `field`.
    /// `label` is how each language names the field.
    static func expectedDetails(label: (fr: String, en: String), literal: String, cents: Int, fr amountFR: String, en amountEN: String) -> [String: String] {
        ["fr": "Le champ « \(label.fr) » est en cents (entier) : \(cents) pour \(amountFR) ; reçu \(literal).",
         "en": "The field \"\(label.en)\" is in cents (a whole number): \(cents) for \(amountEN); got \(literal)."]
    }

    static func expectRefusal(_ response: TestResponse, field: String, literal: String, detail: String) {
        #expect(response.status == .unprocessableContent, "\(field) = \(literal)")
        #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
        let problem = response.object
        #expect(problem["code"] as? String == "common.money_not_cents")
        #expect(problem["field"] as? String == field)
        #expect(problem["detail"] as? String == detail)
        #expect(problem["status"] as? Int == 422)
        #expect((problem["arguments"] as? [String: Any])?["value"] as? String == literal)
    }

    @Test(arguments: [("5.00", 500, "5,00 $", "$5.00"), ("5.5", 550, "5,50 $", "$5.50"), ("5e2", 500, "5,00 $", "$5.00")])
    func aPaymentInDollarsIsRefusedAndChangesNothing(_ literal: String, _ cents: Int, _ amountFR: String, _ amountEN: String) async throws {
        let coop = try await TestCoop.make()
        let before = try await coop.coop.membership.account("M-0001")
        let details = Self.expectedDetails(label: ("montant", "amount"), literal: literal, cents: cents, fr: amountFR, en: amountEN)
        try await coop.test { client in
            for language in ["fr", "en"] {
                try await client.execute(uri: "/api/v1/payments", method: .post, headers: headers(token: coop.staff, language: language),
                                         body: body(#"{"member":"M-0001","amount":\#(literal),"method":"cash"}"#)) { response in
                    Self.expectRefusal(response, field: "amount", literal: literal, detail: details[language]!)
                }
            }
        }
        let after = try await coop.coop.membership.account("M-0001")
        #expect(after.balance == before.balance)
        #expect(after.entries.count == before.entries.count)
    }

    @Test func aPaymentInCentsStillWorks() async throws {
        let coop = try await TestCoop.make()
        let before = try await coop.coop.membership.account("M-0001")
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"member":"M-0001","amount":500,"method":"cash","note":"5.00 en billets"}"#)) { response in
                #expect(response.status == .created)
                #expect(response.object["amount"] as? Int == -500)
            }
        }
        #expect(try await coop.coop.membership.account("M-0001").balance == before.balance - Money(cents: 500))
    }

    @Test func aFeeThresholdInDollarsIsRefusedAndChangesNothing() async throws {
        let coop = try await TestCoop.make()
        let before = try await coop.coop.lending.settings()
        let details = Self.expectedDetails(label: ("seuil de frais", "fee threshold"), literal: "10.00", cents: 1000, fr: "10,00 $", en: "$10.00")
        try await coop.test { client in
            for language in ["fr", "en"] {
                try await client.execute(uri: "/api/v1/lending/settings", method: .put, headers: headers(token: coop.admin, language: language),
                                         body: body(#"{"feeThreshold":10.00}"#)) { response in
                    Self.expectRefusal(response, field: "feeThreshold", literal: "10.00", detail: details[language]!)
                }
            }
            #expect(try await coop.coop.lending.settings() == before)
            try await client.execute(uri: "/api/v1/lending/settings", method: .put, headers: headers(token: coop.admin),
                                     body: body(#"{"feeThreshold":1000}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.object["feeThreshold"] as? Int == 1000)
            }
        }
        #expect(try await coop.coop.lending.settings().feeThreshold == Money(cents: 1000))
    }

    /// One rule for every money field: a plan's fee, an item's value, a policy's fee per day.
    @Test func everyMoneyFieldFollowsTheSameRule() async throws {
        let coop = try await TestCoop.make()
        let policiesBefore = try await coop.coop.lending.policies()
        try await coop.test { client in
            let cases: [(uri: String, method: HTTPRequest.Method, body: String, field: String, literal: String)] = [
                ("/api/v1/plans", .post, #"{"name":"Mensuel","fee":15.00,"months":1,"maxLoans":2,"maxReservations":1}"#, "fee", "15.00"),
                ("/api/v1/items?create=true", .post, #"{"code":"T-0009","name":"Scie","category":"Outils","value":120.5}"#, "value", "120.5"),
                ("/api/v1/policies", .put, #"{"loanDays":7,"maxRenewals":1,"feePerDay":1E2,"graceDays":0,"feeCap":2000}"#, "feePerDay", "1E2"),
            ]
            for c in cases {
                try await client.execute(uri: c.uri, method: c.method, headers: headers(token: coop.admin, language: "en"), body: body(c.body)) { response in
                    #expect(response.status == .unprocessableContent, "\(c.uri)")
                    #expect(response.object["code"] as? String == "common.money_not_cents", "\(c.uri)")
                    #expect(response.object["field"] as? String == c.field, "\(c.uri)")
                    #expect((response.object["detail"] as? String)?.hasSuffix("; got \(c.literal).") == true, "\(c.uri)")
                }
            }
        }
        #expect(try await coop.coop.membership.plans().map(\.name) == ["Annuel"])
        #expect(try await coop.coop.inventory.search(ItemQuery()).items.isEmpty)
        #expect(try await coop.coop.lending.policies() == policiesBefore)
    }
}
