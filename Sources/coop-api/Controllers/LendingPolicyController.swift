import CoopCore
import CoopHTTP
import Hummingbird
import Lending
import Membership

/// Lending's configuration: `/api/v1/policies`, `/api/v1/closures` and `/api/v1/lending/settings`.
/// Any token reads the policies and the closed days (members plan around them); admins change them.
/// The fee threshold is read by staff and set by admins.
struct LendingPolicyController {
    let lending: LendingService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("policies", use: policies)
        group.put("policies", use: setPolicy)
        group.delete("policies", use: removePolicy)
        group.get("policies/effective", use: effectivePolicy)
        group.get("closures", use: closures)
        group.post("closures", use: addClosure)
        group.put("closures/weekly", use: setWeekly)
        group.delete("closures/:date", use: removeClosure)
        group.get("lending/settings", use: settings)
        group.put("lending/settings", use: setSettings)
    }

    /// Either or both settings; those left out keep their value.
    struct SettingsBody: Decodable {
        let feeThreshold: Money?
        let overdueBlocksLoans: Bool?
    }

    @Sendable func policies(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.policies)
        return try JSON.response(ItemList(try await lending.policies()))
    }

    /// Creates or replaces the policy of the scope the body names (`category`, or the default without it).
    @Sendable func setPolicy(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.setPolicy)
        let input = try await JSON.decode(LoanPolicyInput.self, from: request, context: context)
        return try JSON.response(try await lending.setPolicy(input))
    }

    /// `?category=PATH` removes that category's policy; without it, the stored default.
    @Sendable func removePolicy(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.removePolicy)
        let remaining = try await lending.removePolicy(category: request.formQuery.get("category"))
        return try JSON.response(ItemList(remaining))
    }

    /// `?item=CODE` or `?category=PATH` (neither: the default): the policy that applies.
    @Sendable func effectivePolicy(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.policy)
        let query = request.formQuery
        if let item = query.get("item") { return try JSON.response(try await lending.policy(forItem: item)) }
        return try JSON.response(try await lending.policy(forCategory: query.get("category")))
    }

    @Sendable func closures(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.closures)
        return try JSON.response(try await lending.closures(from: try LendingQuery.date("from", in: request.formQuery)))
    }

    @Sendable func addClosure(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.addClosure)
        let body = try await JSON.decode(ClosureRequest.self, from: request, context: context)
        return try JSON.response(try await lending.addClosure(on: body.date, reason: body.reason))
    }

    @Sendable func setWeekly(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.setWeeklyClosures)
        let body = try await JSON.decode(WeeklyClosuresRequest.self, from: request, context: context)
        return try JSON.response(try await lending.setWeeklyClosures(body.weekdays))
    }

    @Sendable func removeClosure(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.removeClosure)
        let date = try LendingInput.date(try context.parameters.require("date"), field: "date")
        return try JSON.response(try await lending.removeClosure(on: date))
    }

    @Sendable func settings(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.settings)
        return try JSON.response(try await lending.settings())
    }

    @Sendable func setSettings(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.updateSettings)
        let body = try await JSON.decode(SettingsBody.self, from: request, context: context)
        return try JSON.response(try await lending.updateSettings(feeThreshold: body.feeThreshold, overdueBlocksLoans: body.overdueBlocksLoans))
    }
}
