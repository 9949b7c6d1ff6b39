import Foundation
import Testing
@testable import CoopCore

/// Instants in JSON bodies must carry their offset: a bare wall time would be read in a zone the sender
/// cannot see.
@Suite struct InstantCodableTests {
    struct Body: Decodable { let at: Instant }

    func decode(_ text: String) throws -> Instant {
        try JSONDecoder().decode(Body.self, from: Data(#"{"at":"\#(text)"}"#.utf8)).at
    }

    @Test func instantsWithAnOffsetDecode() throws {
        #expect(try decode("2026-03-20T17:00:00Z").iso8601 == "2026-03-20T17:00:00.000Z")
        #expect(try decode("2026-03-20T13:00:00-04:00").iso8601 == "2026-03-20T17:00:00.000Z")
        #expect(try decode("2026-03-20T18:00:00.250+01:00").iso8601 == "2026-03-20T17:00:00.250Z")
    }

    @Test(arguments: ["2026-03-20T17:00:00", "2026-03-20", "2026-03-20T17:00", "hier"])
    func instantsWithoutAnOffsetAreRefused(_ text: String) {
        #expect(throws: DecodingError.self) { try decode(text) }
    }

    @Test func encodingRoundTrips() throws {
        let instant = Instant(milliseconds: 1_774_026_000_123)
        let data = try JSONEncoder().encode(["at": instant])
        #expect(try JSONDecoder().decode(Body.self, from: data).at == instant)
    }
}
