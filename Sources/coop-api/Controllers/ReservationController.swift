import CoopCore
import CoopHTTP
import Hummingbird
import Lending
import Membership

/// `/api/v1/reservations` and `/api/v1/items/{code}/availability`: any token reserves, lists, reads and
/// cancels (a member only for themself: the library refuses others' with `auth.not_your_data`); staff
/// hand a reservation over at pickup.
struct ReservationController {
    let lending: LendingService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("reservations", use: list)
        group.post("reservations", use: reserve)
        group.get("reservations/:id", use: show)
        group.post("reservations/:id/cancel", use: cancel)
        group.post("reservations/:id/pickup", use: pickUp)
        group.get("items/:code/availability", use: availability)
    }

    struct PickUpBody: Decodable {
        let at: Instant?
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.reservations)
        let query = request.formQuery
        var status: ReservationStatus?
        if let text = query.get("status") {
            guard let value = ReservationStatus(rawValue: text) else {
                throw CoopError.invalidValue("status", text, expected: .init(fr: "`booked`, `collected`, `cancelled` ou `expired`",
                                                                             en: "`booked`, `collected`, `cancelled` or `expired`"))
            }
            status = value
        }
        let filter = ReservationFilter(member: query.get("member"), item: query.get("item"), status: status,
                                       from: try LendingQuery.date("from", in: query), to: try LendingQuery.date("to", in: query))
        let page = try request.pageRequest()
        return try JSON.response(try await lending.reservations(filter, page: page))
    }

    @Sendable func reserve(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.reserve)
        let body = try await JSON.decode(ReservationRequest.self, from: request, context: context)
        let reservation = try await lending.reserve(item: body.item, member: body.member, units: body.units, from: body.from, to: body.to)
        return try JSON.response(reservation, status: .created, location: "/api/v1/reservations/\(reservation.id)")
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.reservation)
        return try JSON.response(try await lending.reservation(try LendingQuery.id(context, field: "reservation")))
    }

    @Sendable func cancel(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.cancelReservation)
        return try JSON.response(try await lending.cancelReservation(try LendingQuery.id(context, field: "reservation")))
    }

    @Sendable func pickUp(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.pickUp)
        let id = try LendingQuery.id(context, field: "reservation")
        let body = try await JSON.decodeIfPresent(PickUpBody.self, from: request, context: context)
        let loan = try await lending.pickUp(reservation: id, at: body?.at)
        return try JSON.response(loan, status: .created, location: "/api/v1/loans/\(loan.id)")
    }

    @Sendable func availability(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.availability)
        let query = request.formQuery
        guard let from = try LendingQuery.date("from", in: query) else { throw CoopError.required("from") }
        guard let to = try LendingQuery.date("to", in: query) else { throw CoopError.required("to") }
        return try JSON.response(try await lending.availability(item: try context.parameters.require("code"), from: from, to: to))
    }
}
