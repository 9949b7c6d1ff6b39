import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import coop_api

/// `GET /api/v1/coop` is open to anyone; `PATCH /api/v1/coop` needs an administrator's token and
/// refuses a bad tax number with problem+json, changing nothing.
@Suite struct CoopProfileRouteTests {
    @Test func anyoneReadsTheProfileAndOnlyAnAdministratorChangesIt() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/coop", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.object["name"] as? String == "Coop" && response.object["address"] is NSNull)
                #expect(response.object.keys.sorted() == ["address", "gstNumber", "name", "qstNumber"])
            }
            let change = body(#"{"name":"Épicerie Solidaire","address":"12 rue Rachel Est\nMontréal QC","gstNumber":"123456789 RT 0001"}"#)
            try await client.execute(uri: "/api/v1/coop", method: .patch, headers: headers(), body: change) { response in
                #expect(response.status == .unauthorized)
                #expect(response.object["code"] as? String == "auth.unauthenticated")
            }
            for token in [coop.member, coop.staff] {
                try await client.execute(uri: "/api/v1/coop", method: .patch, headers: headers(token: token), body: change) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.object["code"] as? String == "auth.forbidden")
                }
            }
            try await client.execute(uri: "/api/v1/coop", method: .patch, headers: headers(token: coop.admin), body: change) { response in
                #expect(response.status == .ok)
                #expect(response.object["gstNumber"] as? String == "123456789RT0001")
                #expect(response.object["address"] as? String == "12 rue Rachel Est\nMontréal QC")
                #expect(response.object["qstNumber"] is NSNull)
            }
            try await client.execute(uri: "/api/v1/coop", method: .patch, headers: headers(token: coop.admin, language: "en"),
                                     body: body(#"{"name":"Autre","qstNumber":"1234567890TQ001"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.object["code"] as? String == "membership.invalid_qst_number")
                #expect((response.object["detail"] as? String)?.hasPrefix("Invalid QST number: \"1234567890TQ001\"") == true)
            }
            try await client.execute(uri: "/api/v1/coop", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.object["name"] as? String == "Épicerie Solidaire", "the refused change changed nothing")
            }
            try await client.execute(uri: "/api/v1/coop", method: .patch, headers: headers(token: coop.admin),
                                     body: body(#"{"address":""}"#)) { response in
                #expect(response.object["address"] is NSNull && response.object["gstNumber"] as? String == "123456789RT0001")
            }
        }
    }
}
