import CoopHTTP
import HTTPTypes
import HummingbirdTesting
import Membership
import Testing
@testable import coop_api

/// `GET /api/v1/members?q=`: staff find members by name, e-mail or phone, accents and case ignored.
@Suite struct MemberSearchRouteTests {
    static func make() async throws -> TestCoop {
        let coop = try await TestCoop.make()  // M-0001 Ada Lovelace
        _ = try await coop.coop.membership.addMember(NewMember(firstName: "Hélène", lastName: "Côté", email: "helene.cote@example.org",
                                                               phone: "(514) 555-0150"))
        _ = try await coop.coop.membership.addMember(NewMember(firstName: "Émile", lastName: "Nelligan", email: "poete@example.org"))
        return coop
    }

    @Test func staffFindByNameEmailOrPhoneAndNobodyIsAnEmptyPage() async throws {
        let coop = try await Self.make()
        try await coop.test { client in
            let cases: [(String, [String])] = [
                ("helene", ["M-0002"]), ("COTE", ["M-0002"]), ("h%C3%A9l%C3%A8ne%20c%C3%B4t%C3%A9", ["M-0002"]),
                ("514+555", ["M-0002"]), ("514%20555", ["M-0002"]), ("poete%40", ["M-0003"]), ("example.org", ["M-0001", "M-0002", "M-0003"]),
                ("Tremblay", []),
            ]
            for (q, expected) in cases {
                try await client.execute(uri: "/api/v1/members?q=\(q)", method: .get, headers: headers(token: coop.staff)) { response in
                    #expect(response.status == .ok, "\(q)")
                    let page = response.object
                    #expect((page["items"] as? [[String: Any]])?.map { $0["number"] as? String } == expected, "\(q)")
                    #expect(page.keys.contains("next"))
                }
            }
            // Paginated like the list.
            try await client.execute(uri: "/api/v1/members?q=example.org&limit=2", method: .get, headers: headers(token: coop.staff)) { response in
                let page = response.object
                #expect((page["items"] as? [Any])?.count == 2)
                let next = try #require(page["next"] as? String)
                try await client.execute(uri: "/api/v1/members?q=example.org&limit=2&cursor=\(next)", method: .get,
                                         headers: headers(token: coop.staff)) { response in
                    #expect((response.object["items"] as? [[String: Any]])?.map { $0["number"] as? String } == ["M-0003"])
                }
            }
            // An empty box lists everyone, as without q.
            try await client.execute(uri: "/api/v1/members?q=", method: .get, headers: headers(token: coop.staff)) { response in
                #expect((response.object["items"] as? [Any])?.count == 3)
            }
        }
    }

    @Test func aMembersTokenIsRefusedAndATooLongQueryIs422() async throws {
        let coop = try await Self.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/members?q=helene", method: .get, headers: headers(token: coop.member, language: "en")) { response in
                #expect(response.status == .forbidden)
                #expect(response.object["code"] as? String == "auth.forbidden")
                #expect(response.object["detail"] as? String == "This action needs the staff role.")
            }
            try await client.execute(uri: "/api/v1/members?q=" + String(repeating: "a", count: 101), method: .get,
                                     headers: headers(token: coop.staff, language: "fr")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["code"] as? String == "common.too_long")
                #expect(response.object["detail"] as? String == "Le champ « texte recherché » dépasse 100 caractères.")
            }
        }
    }
}
