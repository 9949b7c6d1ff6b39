import CoopHTTP
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import coop_api

@Suite struct MemberRouteTests {
    @Test func createAnswers201WithLocationAndCamelCaseFields() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            let json = #"{"firstName":"Émile","lastName":"Nelligan","email":"emile@example.org","category":"worker","plan":"Annuel","language":"fr"}"#
            try await client.execute(uri: "/api/v1/members", method: .post, headers: headers(token: coop.staff), body: body(json)) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/v1/members/M-0002")
                let member = response.object
                #expect(member["number"] as? String == "M-0002")
                #expect(member["firstName"] as? String == "Émile")
                #expect(member["category"] as? String == "worker")
                #expect(member["status"] as? String == "active")
                #expect(member["plan"] as? String == "Annuel")
                #expect(member["membershipEnds"] is String)
                #expect(member.keys.contains("phone"))  // null, but present
            }
        }
    }

    @Test func badBodiesAre422NamingTheFieldAndChangeNothing() async throws {
        let coop = try await TestCoop.make()
        let before = try await coop.memberCount()
        try await coop.test { client in
            let cases: [(String, String, String)] = [
                (#"{"firstName":"A","lastName":"B","email":"not-an-email"}"#, "membership.invalid_email", "email"),
                (#"{"firstName":"A","lastName":"B"}"#, "common.required", "email"),
                (#"{"firstName":"A","lastName":"B","email":"a@example.org","category":"boss"}"#, "common.invalid_field", "category"),
                (#"{"firstName":"A","lastName":"B","email":"a@example.org","shareCapital":"ten"}"#, "common.invalid_field", "shareCapital"),
                (#"{"firstName":"","lastName":"B","email":"a@example.org"}"#, "common.required", "firstName"),
                (#"{"firstName":"A","#, "common.invalid_json", ""),
            ]
            for (json, code, field) in cases {
                try await client.execute(uri: "/api/v1/members", method: .post, headers: headers(token: coop.staff), body: body(json)) { response in
                    #expect(response.status == .unprocessableContent, "\(json)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let problem = response.object
                    #expect(problem["code"] as? String == code, "\(json)")
                    if !field.isEmpty { #expect(problem["field"] as? String == field, "\(json)") }
                }
            }
        }
        #expect(try await coop.memberCount() == before)
    }

    /// The detail names the field in the reader's words; `field` and the arguments keep the JSON key.
    @Test func aRefusedFieldIsNamedInWordsAndKeepsItsKey() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            for (language, detail) in [("fr", "Le champ « prénom » est obligatoire."), ("en", "The field \"first name\" is required.")] {
                try await client.execute(uri: "/api/v1/members", method: .post, headers: headers(token: coop.staff, language: language),
                                         body: body(#"{"lastName":"B","email":"b@example.org"}"#)) { response in
                    #expect(response.status == .unprocessableContent)
                    let problem = response.object
                    #expect(problem["code"] as? String == "common.required")
                    #expect(problem["field"] as? String == "firstName")
                    #expect(problem["detail"] as? String == detail)
                    #expect((problem["arguments"] as? [String: Any])?["field"] as? String == "firstName")
                }
            }
            // A list element: its position counted from 1 in the detail, from 0 in the field.
            try await client.execute(uri: "/api/v1/items", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"code":"X-1","name":"Scie","tags":["bois",7]}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = response.object
                #expect(problem["field"] as? String == "tags.[1]")
                #expect(problem["detail"] as? String == "Le champ « étiquette 2 » a une valeur invalide (voir /openapi.yaml).")
            }
        }
    }

    @Test func duplicateEmailIs409AndUnknownPlanIs404() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/members", method: .post, headers: headers(token: coop.staff, language: "en"),
                                     body: body(#"{"firstName":"A","lastName":"B","email":"ADA@example.org"}"#)) { response in
                #expect(response.status == .conflict)
                let problem = response.object
                #expect(problem["code"] as? String == "membership.email_taken")
                #expect(problem["detail"] as? String == "The email ADA@example.org already belongs to another member.")
                #expect((problem["arguments"] as? [String: Any])?["email"] as? String == "ADA@example.org")
            }
            try await client.execute(uri: "/api/v1/members", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"firstName":"A","lastName":"B","email":"b@example.org","plan":"Gold"}"#)) { response in
                #expect(response.status == .notFound)
                #expect(response.object["code"] as? String == "membership.plan_not_found")
            }
        }
        #expect(try await coop.memberCount() == 1)
    }

    @Test func unknownMemberIs404() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/members/M-0404", method: .get, headers: headers(token: coop.staff, language: "fr")) { response in
                #expect(response.status == .notFound)
                let problem = response.object
                #expect(problem["code"] as? String == "membership.member_not_found")
                #expect(problem["detail"] as? String == "Membre introuvable : M-0404.")
            }
        }
    }

    @Test func paginationWalksEveryMemberOnce() async throws {
        let coop = try await TestCoop.make()
        for i in 1...6 {
            _ = try await coop.coop.membership.addMember(.init(firstName: "P\(i)", lastName: "X", email: "p\(i)@example.org"))
        }
        try await coop.test { client in
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/api/v1/members?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                cursor = try await client.execute(uri: uri, method: .get, headers: headers(token: coop.staff)) { response in
                    #expect(response.status == .ok)
                    let page = response.object
                    let items = page["items"] as? [[String: Any]] ?? []
                    seen += items.compactMap { $0["number"] as? String }
                    return page["next"] as? String
                }
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == (1...7).map { "M-000\($0)" })
            #expect(pages == 3)
            try await client.execute(uri: "/api/v1/members?cursor=%%%", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["code"] as? String == "common.invalid_cursor")
            }
            try await client.execute(uri: "/api/v1/members?limit=501", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["code"] as? String == "common.invalid_limit")
            }
        }
    }

    @Test func updateRenewSuspendReinstate() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/members/M-0001", method: .patch, headers: headers(token: coop.staff),
                                     body: body(#"{"phone":"514 555-0101"}"#)) { response in
                #expect(response.status == .ok)
                let member = response.object
                #expect(member["phone"] as? String == "514 555-0101")
                #expect(member["email"] as? String == "ada@example.org")
            }
            let ends = try await coop.coop.membership.member("M-0001").membershipEnds!
            try await client.execute(uri: "/api/v1/members/M-0001/renew", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .ok)
                #expect(response.object["membershipEnds"] as? String == ends.adding(months: 12).iso8601)
            }
            try await client.execute(uri: "/api/v1/members/M-0001/suspend", method: .post, headers: headers(token: coop.staff), body: body("{}")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["field"] as? String == "reason")
            }
            try await client.execute(uri: "/api/v1/members/M-0001/suspend", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"reason":"Cotisation impayée"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.object["status"] as? String == "suspended")
            }
            try await client.execute(uri: "/api/v1/members/M-0001/suspend", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"reason":"encore"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.object["code"] as? String == "membership.already_suspended")
            }
            try await client.execute(uri: "/api/v1/members/M-0001/reinstate", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .ok)
                #expect(response.object["status"] as? String == "active")
            }
            try await client.execute(uri: "/api/v1/members/M-0001/renew", method: .post, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func oversizedBodyIs413() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            let big = #"{"firstName":""# + String(repeating: "x", count: 2 << 20) + #"","lastName":"B","email":"x@example.org"}"#
            try await client.execute(uri: "/api/v1/members", method: .post, headers: headers(token: coop.staff), body: body(big)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
        #expect(try await coop.memberCount() == 1)
    }

    @Test func unknownRouteIsProblem404() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/nothing", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .notFound)
                #expect(response.object["code"] as? String == "http.not_found")
            }
        }
    }
}
