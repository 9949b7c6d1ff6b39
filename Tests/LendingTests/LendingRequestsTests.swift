import CoopCore
import Foundation
import Testing
@testable import Lending

@Suite("Request bodies the API decodes")
struct LendingRequestsTests {
    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test func optionalFieldsTakeTheirDefaults() throws {
        let loan = try decode(CheckOutRequest.self, #"{"item": "T-1", "member": "M-0001"}"#)
        #expect(loan == CheckOutRequest(item: "T-1", member: "M-0001"))
        let full = try decode(CheckOutRequest.self, #"{"item": "T-1", "member": "M-0001", "units": 2, "due": "2026-03-20", "at": "2026-03-16T14:00:00Z"}"#)
        #expect(full.units == 2 && full.due == day("2026-03-20") && full.at == TestLending.start)
        #expect(try decode(CheckInRequest.self, "{}") == CheckInRequest())
        let reservation = try decode(ReservationRequest.self, #"{"item": "T-1", "member": "1", "from": "2026-03-20", "to": "2026-03-22"}"#)
        #expect(reservation.units == 1 && reservation.to == day("2026-03-22"))
        let payment = try decode(PaymentRequest.self, #"{"member": "M-0001", "amount": 500, "method": "cash"}"#)
        #expect(payment.amount == Money(cents: 500) && payment.method == .cash)
    }

    @Test func malformedBodiesAreRefused() {
        #expect(throws: DecodingError.self) { try decode(CheckOutRequest.self, #"{"item": "T-1"}"#) }
        #expect(throws: DecodingError.self) { try decode(ReservationRequest.self, #"{"item": "T-1", "member": "1", "from": "20/03/2026", "to": "2026-03-22"}"#) }
    }
}
