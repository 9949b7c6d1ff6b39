import Foundation
import Testing

@testable import CoopCore

@Suite struct PageRequestTests {
    @Test func defaults() throws {
        let page = try PageRequest(limit: nil, cursor: nil)
        #expect(page.limit == 50)
        #expect(page.after == nil)
        #expect(page == PageRequest())
        #expect(try PageRequest(limit: nil, cursor: "") == PageRequest())
    }

    @Test(arguments: [("1", 1), ("50", 50), ("500", 500), ("+7", 7)])
    func acceptsLimitsFromOneTo500(_ raw: String, _ limit: Int) throws {
        #expect(try PageRequest(limit: raw, cursor: nil).limit == limit)
    }

    @Test(arguments: ["0", "501", "abc", "-1", "", " 5", "5 ", "1.5", "1e2", "99999999999999999999999"])
    func rejectsOtherLimits(_ raw: String) {
        let error = expectCoopError(code: "common.invalid_limit") { try PageRequest(limit: raw, cursor: nil) }
        #expect(error?.field == "limit")
        #expect(error?.kind == .invalid)
        #expect(error?.arguments["value"] == .text(raw))
    }

    @Test(arguments: ["M-0042", "Robe d’époque|T-0001", "2026-11-29T14:05:00.000Z|17", "a", "𝄞 \u{0}"])
    func cursorRoundTrips(_ key: String) throws {
        let cursor = PageRequest.cursor(for: key)
        #expect(!cursor.contains("+") && !cursor.contains("/") && !cursor.contains("="))
        let page = try PageRequest(limit: "10", cursor: cursor)
        #expect(page.after == key)
        #expect(page.limit == 10)
    }

    @Test(arguments: ["!!!", "A", "YQ==", "a+b/", "é", "%41%42", Base64URL.encode([0xFF, 0xFE]), Base64URL.encode([0xC3])])
    func rejectsCursorsWeDidNotMake(_ cursor: String) {
        let error = expectCoopError(code: "common.invalid_cursor") { try PageRequest(limit: nil, cursor: cursor) }
        #expect(error?.field == "cursor")
    }

    @Test func aLimitGivenInCodeIsBroughtIntoRange() {
        #expect(PageRequest(limit: 0).limit == 1)
        #expect(PageRequest(limit: -5).limit == 1)
        #expect(PageRequest(limit: 20).limit == 20)
        #expect(PageRequest(limit: 10_000).limit == 500)
    }

    @Test func aBadLimitIsReportedEvenWithAGoodCursor() {
        expectCoopError(code: "common.invalid_limit") { try PageRequest(limit: "0", cursor: PageRequest.cursor(for: "x")) }
    }

    @Test func pageEncodesItemsAndNext() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let page = Page(items: [1, 2, 3], next: PageRequest.cursor(for: "3"))
        #expect(String(decoding: try encoder.encode(page), as: UTF8.self) == #"{"items":[1,2,3],"next":"Mw"}"#)
    }

    /// The REST contract (openapi.yaml) makes `next` required and null on the last page.
    @Test func theLastPageHasANullNext() throws {
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(Page<Int>(items: [], next: nil)))
        let object = try #require(json as? [String: Any])
        #expect(object.keys.sorted() == ["items", "next"])
        #expect(object["next"] is NSNull)
        #expect((object["items"] as? [Any])?.isEmpty == true)
    }
}
