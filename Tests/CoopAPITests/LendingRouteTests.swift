import Coop
import CoopCore
import CoopHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import Inventory
import Lending
import Membership
import Testing
@testable import coop_api

/// Today plus `days` in the test co-op's zone, as `YYYY-MM-DD`.
private func lendingDay(_ days: Int = 0, in coop: TestCoop) -> String {
    coop.coop.context.today().adding(days: days).iso8601
}

extension TestResponse {
    /// The problem's `code`; nil when the body is not a problem.
    fileprivate var problemCode: String? {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))).flatMap { ($0 as? [String: Any])?["code"] as? String }
    }

    /// `items` of a list answer.
    fileprivate var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
}

/// `/api/v1/loans`, `reservations`, `holds`, `fees`, `policies`, `closures`, `lending/settings` and the
/// lending reports: who may do what, and the codes of refusals.
@Suite struct LendingRouteTests {
    /// The test co-op with a second member (M-0002, Bob) and three items.
    static func library() async throws -> TestCoop {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.membership.addMember(NewMember(firstName: "Bob", lastName: "Tools", email: "bob@example.org", plan: "Annuel"))
        for (code, quantity) in [("T-0001", 1), ("T-0002", 1), ("Q-10", 10)] {
            _ = try await coop.coop.inventory.addItem(NewItem(code: code, name: "Article \(code)", category: "Outils", quantity: quantity, value: Money(cents: 8000)),
                                                      createPaths: true)
        }
        return coop
    }

    @Test func loansStaffLendMembersSeeAndRenewTheirOwn() async throws {
        let coop = try await Self.library()
        try await coop.test { client in
            let policy = #"{"loanDays":7,"maxRenewals":1,"selfRenew":true,"feePerDay":100,"graceDays":0,"feeCap":2000}"#
            for token in [coop.member, coop.staff] {
                try await client.execute(uri: "/api/v1/policies", method: .put, headers: headers(token: token), body: body(policy)) { response in
                    #expect(response.status == .forbidden)
                }
            }
            try await client.execute(uri: "/api/v1/policies", method: .put, headers: headers(token: coop.admin), body: body(policy)) { response in
                #expect(response.status == .ok)
                #expect(response.object["selfRenew"] as? Bool == true)
                #expect(response.object["category"] is NSNull)
            }
            try await client.execute(uri: "/api/v1/policies", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.items.first?["loanDays"] as? Int == 7)
            }

            let ada = #"{"item":"T-0001","member":"M-0001"}"#
            try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.member), body: body(ada)) { response in
                #expect(response.status == .forbidden)
            }
            let adaLoan = try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff), body: body(ada)) { response in
                #expect(response.status == .created)
                let loan = response.object
                for key in ["id", "item", "member", "units", "outAt", "due", "status"] { #expect(loan[key] != nil, "missing \(key)") }
                #expect(loan["units"] as? Int == 1)
                #expect(loan["status"] as? String == "open")
                #expect(loan["due"] as? String == lendingDay(7, in: coop))
                #expect(response.headers[.location] == "/api/v1/loans/\(loan["id"] as? Int ?? 0)")
                return loan["id"] as? Int ?? 0
            }
            try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"item":"T-0001","member":"M-0002"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.problemCode == "lending.units_unavailable")
                #expect((response.object["arguments"] as? [String: Any])?["available"] as? Int == 0)
            }
            try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"item":"Q-10","member":"M-0002","units":6}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.problemCode == "lending.loan_limit")
            }
            let bobLoan = try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff),
                                                   body: body(#"{"item":"T-0002","member":"M-0002","due":"\#(lendingDay(3, in: coop))"}"#)) { response in
                #expect(response.status == .created)
                #expect(response.object["due"] as? String == lendingDay(3, in: coop))
                return response.object["id"] as? Int ?? 0
            }

            try await client.execute(uri: "/api/v1/loans", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.items.map { $0["member"] as? String } == ["M-0001"])
            }
            try await client.execute(uri: "/api/v1/loans?open=true", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.items.count == 2)
                #expect(response.object["next"] is NSNull)
            }
            try await client.execute(uri: "/api/v1/loans?member=M-0002", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
                #expect(response.problemCode == "auth.not_your_data")
            }
            try await client.execute(uri: "/api/v1/loans/\(bobLoan)", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/loans/\(adaLoan)", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.object["item"] as? String == "T-0001")
            }

            try await client.execute(uri: "/api/v1/loans/\(adaLoan)/renew", method: .post, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.object["renewals"] as? Int == 1)
                #expect(response.object["due"] as? String == lendingDay(14, in: coop))
            }
            try await client.execute(uri: "/api/v1/loans/\(adaLoan)/renew", method: .post, headers: headers(token: coop.member)) { response in
                #expect(response.status == .conflict)
                #expect(response.problemCode == "lending.renewal_limit")
            }
            try await client.execute(uri: "/api/v1/loans/\(bobLoan)/renew", method: .post, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
                #expect(response.problemCode == "auth.not_your_data")
            }

            try await client.execute(uri: "/api/v1/loans/\(adaLoan)/return", method: .post, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/loans/\(adaLoan)/return", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"condition":"Comme neuf"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.object["status"] as? String == "returned")
                #expect(response.object["returnedAt"] is String)
                #expect(response.object["fee"] as? Int == 0)
                #expect(response.object["condition"] as? String == "Comme neuf")
            }
            try await client.execute(uri: "/api/v1/loans/\(bobLoan)/return", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/loans/\(adaLoan)/return", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .conflict)
                #expect(response.problemCode == "lending.loan_closed")
            }
            try await client.execute(uri: "/api/v1/loans/abc", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/loans/999", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .notFound)
                #expect(response.problemCode == "lending.loan_not_found")
            }
            try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff), body: body(#"{"item":"T-0001"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["field"] as? String == "member")
            }
            try await client.execute(uri: "/api/v1/loans", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func lateFeesThresholdAndWaiver() async throws {
        let coop = try await Self.library()
        try await coop.test { client in
            // Out 20 days ago (an offline desk): due 6 days ago under the built-in 14 days, 6.00 at 1.00 a day;
            // a second one takes the balance over the 10.00 threshold.
            let outAt = coop.coop.context.now().adding(seconds: -20 * 86_400).iso8601
            var fees: [Int] = []
            for code in ["T-0001", "T-0002"] {
                let id = try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff),
                                                  body: body(#"{"item":"\#(code)","member":"M-0002","at":"\#(outAt)"}"#)) { response in
                    #expect(response.status == .created)
                    #expect(response.object["status"] as? String == "overdue")
                    return response.object["id"] as? Int ?? 0
                }
                fees.append(try await client.execute(uri: "/api/v1/loans/\(id)/return", method: .post, headers: headers(token: coop.staff)) { response in
                    #expect(response.object["fee"] as? Int == 600)
                    #expect(response.object["daysLate"] as? Int == 6)
                    return response.object["fee"] as? Int ?? 0
                })
            }
            #expect(fees == [600, 600])
            try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff, language: "en"),
                                     body: body(#"{"item":"Q-10","member":"M-0002"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.problemCode == "lending.balance_over_threshold")
                #expect((response.object["detail"] as? String)?.contains("$12.00") == true)
            }
            try await client.execute(uri: "/api/v1/fees", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.items.isEmpty)
            }
            try await client.execute(uri: "/api/v1/fees?member=M-0002", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/fees", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .unprocessableContent)
            }
            let feeID = try await client.execute(uri: "/api/v1/fees?member=M-0002", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.items.map { $0["kind"] as? String } == ["late", "late"])
                return response.items.first?["id"] as? Int ?? 0
            }
            try await client.execute(uri: "/api/v1/fees/\(feeID)/waive", method: .post, headers: headers(token: coop.member),
                                     body: body(#"{"reason":"x"}"#)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/fees/\(feeID)/waive", method: .post, headers: headers(token: coop.staff), body: body("{}")) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/fees/\(feeID)/waive", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"reason":"Première fois"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.object["status"] as? String == "waived")
            }
            try await client.execute(uri: "/api/v1/fees/\(feeID)/waive", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"reason":"Encore"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.problemCode == "lending.fee_already_waived")
            }
            try await client.execute(uri: "/api/v1/fees?member=M-0002&dueOnly=true", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.items.count == 1)
            }
            // 6.00 owed now: under the threshold, the desk lends again.
            try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"item":"Q-10","member":"M-0002"}"#)) { response in
                #expect(response.status == .created)
            }
        }
    }

    @Test func reservationsMembersBookForThemselvesOnly() async throws {
        let coop = try await Self.library()
        try await coop.test { client in
            let (from, to) = (lendingDay(3, in: coop), lendingDay(5, in: coop))
            let own = try await client.execute(uri: "/api/v1/reservations", method: .post, headers: headers(token: coop.member),
                                               body: body(#"{"item":"T-0001","member":"M-0001","from":"\#(from)","to":"\#(to)"}"#)) { response in
                #expect(response.status == .created)
                let r = response.object
                for key in ["id", "item", "member", "units", "from", "to", "status"] { #expect(r[key] != nil, "missing \(key)") }
                #expect(r["status"] as? String == "booked")
                #expect(r["units"] as? Int == 1)
                return r["id"] as? Int ?? 0
            }
            try await client.execute(uri: "/api/v1/reservations", method: .post, headers: headers(token: coop.member),
                                     body: body(#"{"item":"T-0002","member":"M-0002","from":"\#(from)","to":"\#(to)"}"#)) { response in
                #expect(response.status == .forbidden)
                #expect(response.problemCode == "auth.not_your_data")
            }
            // Starting on Ada's last day is refused (she has it that day); the day after is fine (no buffer days).
            try await client.execute(uri: "/api/v1/reservations", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"item":"T-0001","member":"M-0002","from":"\#(to)","to":"\#(lendingDay(6, in: coop))"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.problemCode == "lending.units_unavailable")
                #expect((response.object["arguments"] as? [String: Any])?["date"] as? String == to)
            }
            let boundary = try await client.execute(uri: "/api/v1/reservations", method: .post, headers: headers(token: coop.staff),
                                                    body: body(#"{"item":"T-0001","member":"M-0002","from":"\#(lendingDay(6, in: coop))","to":"\#(lendingDay(7, in: coop))"}"#)) { response in
                #expect(response.status == .created)
                return response.object["id"] as? Int ?? 0
            }
            let bob = try await client.execute(uri: "/api/v1/reservations", method: .post, headers: headers(token: coop.staff),
                                               body: body(#"{"item":"T-0002","member":"M-0002","units":1,"from":"\#(lendingDay(in: coop))","to":"\#(to)"}"#)) { response in
                #expect(response.status == .created)
                return response.object["id"] as? Int ?? 0
            }
            try await client.execute(uri: "/api/v1/reservations", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"item":"T-0002","member":"M-0002","from":"\#(lendingDay(-1, in: coop))","to":"\#(to)"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.problemCode == "lending.reservation_in_past")
            }
            try await client.execute(uri: "/api/v1/reservations", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.items.map { $0["id"] as? Int } == [own])
            }
            try await client.execute(uri: "/api/v1/reservations?status=booked", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.items.map { $0["id"] as? Int } == [own, boundary, bob])
            }
            try await client.execute(uri: "/api/v1/reservations?status=lost", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/reservations/\(bob)", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/reservations/\(bob)/cancel", method: .post, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/items/T-0001/availability?from=\(from)&to=\(to)", method: .get,
                                     headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.object["free"] as? Int == 0)
            }
            try await client.execute(uri: "/api/v1/items/T-0001/availability?from=\(from)", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["field"] as? String == "to")
            }
            try await client.execute(uri: "/api/v1/reservations/\(own)/cancel", method: .post, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.object["status"] as? String == "cancelled")
            }
            try await client.execute(uri: "/api/v1/reservations/\(own)/cancel", method: .post, headers: headers(token: coop.member)) { response in
                #expect(response.status == .conflict)
                #expect(response.problemCode == "lending.reservation_not_active")
            }
            try await client.execute(uri: "/api/v1/reservations/\(bob)/pickup", method: .post, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/reservations/\(bob)/pickup", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .created)
                #expect(response.object["reservation"] as? Int == bob)
                #expect(response.object["due"] as? String == to)
            }
        }
    }

    @Test func holdsQueueStaffReorderMembersJoinForThemselves() async throws {
        let coop = try await Self.library()
        let carol = try await coop.coop.membership.addMember(NewMember(firstName: "Carol", lastName: "Saw", email: "carol@example.org", plan: "Annuel"))
        try await coop.test { client in
            let out = try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff),
                                               body: body(#"{"item":"T-0001","member":"M-0002"}"#)) { response in
                #expect(response.status == .created)
                return response.object["id"] as? Int ?? 0
            }
            let ada = try await client.execute(uri: "/api/v1/holds", method: .post, headers: headers(token: coop.member),
                                               body: body(#"{"item":"T-0001","member":"M-0001"}"#)) { response in
                #expect(response.status == .created)
                #expect(response.object["position"] as? Int == 1)
                return response.object["id"] as? Int ?? 0
            }
            try await client.execute(uri: "/api/v1/holds", method: .post, headers: headers(token: coop.member),
                                     body: body(#"{"item":"T-0001","member":"\#(carol.number)"}"#)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/holds", method: .post, headers: headers(token: coop.member),
                                     body: body(#"{"item":"T-0001","member":"M-0001"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.problemCode == "lending.hold_exists")
            }
            try await client.execute(uri: "/api/v1/holds", method: .post, headers: headers(token: coop.member),
                                     body: body(#"{"item":"T-0002","member":"M-0001"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.problemCode == "lending.hold_not_needed")
            }
            let carolHold = try await client.execute(uri: "/api/v1/holds", method: .post, headers: headers(token: coop.staff),
                                                     body: body(#"{"item":"T-0001","member":"\#(carol.number)"}"#)) { response in
                #expect(response.object["position"] as? Int == 2)
                return response.object["id"] as? Int ?? 0
            }
            try await client.execute(uri: "/api/v1/holds?item=T-0001", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/holds", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.items.map { $0["id"] as? Int } == [ada])
            }
            try await client.execute(uri: "/api/v1/holds/\(carolHold)", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/holds/\(carolHold)/move", method: .post, headers: headers(token: coop.member),
                                     body: body(#"{"position":1}"#)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/holds/\(carolHold)/move", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"position":1}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.items.map { $0["member"] as? String } == [carol.number, "M-0001"])
            }
            try await client.execute(uri: "/api/v1/holds?item=T-0001", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.items.map { $0["position"] as? Int } == [1, 2])
            }
            try await client.execute(uri: "/api/v1/holds/\(ada)/cancel", method: .post, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.object["status"] as? String == "cancelled")
            }
            try await client.execute(uri: "/api/v1/holds?member=M-0001&all=true", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.items.map { $0["status"] as? String } == ["cancelled"])
            }

            // The return answers which hold it made ready; the unit is then kept for that member.
            try await client.execute(uri: "/api/v1/loans/\(out)/return", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .ok)
                let ready = response.object["holdsReady"] as? [[String: Any]]
                #expect(ready?.map { $0["member"] as? String } == [carol.number])
                #expect(ready?.first?["status"] as? String == "ready" && ready?.first?["readyUntil"] is String)
            }
            try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff, language: "en"),
                                     body: body(#"{"item":"T-0001","member":"M-0001"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.problemCode == "lending.unit_held")
                #expect((response.object["detail"] as? String)?.hasPrefix("T-0001 is kept for \(carol.number), who was waiting for it, until ") == true)
            }
            try await client.execute(uri: "/api/v1/loans/\(out)", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.object.keys.contains("holdsReady") == false, "only a check-in's answer carries it")
            }
        }
    }

    @Test func closuresSettingsAndReports() async throws {
        let coop = try await Self.library()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/closures/weekly", method: .put, headers: headers(token: coop.staff),
                                     body: body(#"{"weekdays":[1]}"#)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/closures/weekly", method: .put, headers: headers(token: coop.admin),
                                     body: body(#"{"weekdays":[1,7]}"#)) { response in
                #expect(response.object["weeklyClosedDays"] as? [Int] == [1, 7])
            }
            try await client.execute(uri: "/api/v1/closures/weekly", method: .put, headers: headers(token: coop.admin),
                                     body: body(#"{"weekdays":[1,2,3,4,5,6,7]}"#)) { response in
                #expect(response.problemCode == "lending.all_days_closed")
            }
            let holiday = lendingDay(30, in: coop)
            try await client.execute(uri: "/api/v1/closures", method: .post, headers: headers(token: coop.admin),
                                     body: body(#"{"date":"\#(holiday)","reason":"Fête nationale"}"#)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/closures", method: .get, headers: headers(token: coop.member)) { response in
                #expect((response.object["closures"] as? [[String: Any]])?.first?["date"] as? String == holiday)
            }
            try await client.execute(uri: "/api/v1/closures/\(holiday)", method: .delete, headers: headers(token: coop.admin)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/closures/\(holiday)", method: .delete, headers: headers(token: coop.admin)) { response in
                #expect(response.status == .notFound)
                #expect(response.problemCode == "lending.closure_not_found")
            }
            try await client.execute(uri: "/api/v1/lending/settings", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/lending/settings", method: .put, headers: headers(token: coop.admin),
                                     body: body(#"{"feeThreshold":500}"#)) { response in
                #expect(response.object["feeThreshold"] as? Int == 500)
            }
            try await client.execute(uri: "/api/v1/lending/settings", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.object["feeThreshold"] as? Int == 500)
                #expect(response.object["overdueBlocksLoans"] as? Bool == true)
            }
            try await client.execute(uri: "/api/v1/lending/settings", method: .put, headers: headers(token: coop.admin),
                                     body: body(#"{"overdueBlocksLoans":false}"#)) { response in
                #expect(response.object["overdueBlocksLoans"] as? Bool == false)
                #expect(response.object["feeThreshold"] as? Int == 500, "left out, kept")
            }
            try await client.execute(uri: "/api/v1/lending/settings", method: .put, headers: headers(token: coop.admin),
                                     body: body(#"{}"#)) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/v1/lending/settings", method: .put, headers: headers(token: coop.admin),
                                     body: body(#"{"overdueBlocksLoans":true}"#)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/policies/effective?item=T-0001", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.object["loanDays"] as? Int == 14)
            }

            let outAt = coop.coop.context.now().adding(seconds: -16 * 86_400).iso8601
            try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"item":"T-0001","member":"M-0001","at":"\#(outAt)"}"#)) { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/api/v1/reports/overdue", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/reports/overdue", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .ok)
                #expect(response.object["next"] is NSNull)
                #expect(response.items.first?["item"] as? String == "T-0001")
                #expect(response.items.first?["accruedFee"] as? Int ?? 0 > 0)
            }
            try await client.execute(uri: "/api/v1/reports/never-borrowed?limit=1", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.items.map { $0["item"] as? String } == ["Q-10"])
                #expect(response.object["next"] is String)
            }
            for name in ["due-today", "expected-returns", "to-prepare", "popular"] {
                try await client.execute(uri: "/api/v1/reports/\(name)", method: .get, headers: headers(token: coop.staff)) { response in
                    #expect(response.status == .ok, "\(name)")
                    #expect(response.object["items"] is [Any], "\(name)")
                }
            }
            try await client.execute(uri: "/api/v1/reports/popular?limit=0", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/reports/expected-returns?from=demain", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["field"] as? String == "from")
            }
        }
    }

    @Test func lendingReportsAreListedDocumentedAndDispatched() async throws {
        let names = ReportController.lending.map(\.name)
        #expect(names.sorted() == LendingReport.allCases.map(\.rawValue).sorted())
        let yaml = OpenAPIDocument.yaml
        for name in names { #expect(yaml.contains(name), "\(name) missing from the document") }
        for schema in ["DueLoansReport", "OverdueReport", "PreparationReport", "PopularReport", "NeverBorrowedReport"] {
            #expect(yaml.contains("    \(schema):\n"), "\(schema) missing from the document")
        }
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/reports/OVERDUE", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .ok)
                #expect(response.items.isEmpty)
            }
            try await client.execute(uri: "/api/v1/reports/overdues", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .notFound)
                #expect(response.problemCode == "reports.unknown_report")
            }
        }
    }
}
