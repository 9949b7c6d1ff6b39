import CoopHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import Inventory
import Testing
@testable import coop_api

/// SQL and FTS metacharacters in every text field are stored and found as plain text: every statement
/// binds its parameters.
@Suite struct HostileInputTests {
    static let nasty = [
        "Robert'); DROP TABLE members;--",
        "\" OR 1=1 --",
        "%_\\*",
        "NEAR(a b) AND \"x\" OR -y*",
        "😀 l’été — ß",
    ]

    @Test func metacharactersInMemberFieldsAreStoredVerbatim() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            for (i, text) in Self.nasty.enumerated() {
                let json = try String(decoding: JSONSerialization.data(withJSONObject: [
                    "firstName": text, "lastName": text, "email": "p\(i)@example.org", "phone": nil as String? as Any,
                ].filter { !($0.value is NSNull) }), as: UTF8.self)
                try await client.execute(uri: "/api/v1/members", method: .post, headers: headers(token: coop.staff), body: body(json)) { response in
                    #expect(response.status == .created, "\(text)")
                    #expect(response.object["firstName"] as? String == text)
                }
            }
            try await client.execute(uri: "/api/v1/members?limit=500", method: .get, headers: headers(token: coop.staff)) { response in
                let names = (response.object["items"] as? [[String: Any]])?.compactMap { $0["lastName"] as? String }
                #expect(names == ["Lovelace"] + Self.nasty)
            }
        }
        #expect(try await coop.memberCount() == Int64(Self.nasty.count + 1))
    }

    @Test func metacharactersInItemFieldsAreStoredAndSearchedVerbatim() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            for (i, text) in Self.nasty.enumerated() {
                let json = try String(decoding: JSONSerialization.data(withJSONObject: [
                    "code": "X-\(i)", "name": "Objet \(text)", "description": text, "category": "Cat \(i)", "location": "Lieu \(i)",
                    "tags": [text], "attributes": ["note": text], "notes": text,
                ]), as: UTF8.self)
                try await client.execute(uri: "/api/v1/items?create=true", method: .post, headers: headers(token: coop.staff), body: body(json)) { response in
                    #expect(response.status == .created, "\(text): \(response.text)")
                    #expect(response.object["description"] as? String == text)
                }
                let query = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                try await client.execute(uri: "/api/v1/items?q=\(query)", method: .get, headers: headers(token: coop.member)) { response in
                    #expect(response.status == .ok, "\(text)")
                }
                try await client.execute(uri: "/api/v1/items?attr=note%3D\(query)", method: .get, headers: headers(token: coop.member)) { response in
                    #expect(response.status == .ok, "\(text)")
                    let codes = (response.object["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                    #expect(codes == ["X-\(i)"], "\(text)")
                }
            }
        }
        #expect(try await coop.coop.inventory.search(ItemQuery()).items.count == Self.nasty.count)
    }

    @Test func deeplyNestedJSONIsRefusedNotCrashed() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
            try await client.execute(uri: "/api/v1/members", method: .post, headers: headers(token: coop.staff), body: body(deep)) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
        #expect(try await coop.memberCount() == 1)
    }
}
