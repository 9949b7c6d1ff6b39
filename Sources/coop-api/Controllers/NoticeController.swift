import CoopCore
import CoopHTTP
import Hummingbird
import Membership
import Notifications

/// `/api/v1/notices`: staff read the outbox and put a failed notice back in the queue;
/// `/api/v1/members/{number}/notice-preferences`: a member (or staff) turns kinds of reminders off and on.
struct NoticeController {
    let notifications: NotificationService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("notices", use: list)
        group.get("notices/:id", use: show)
        group.post("notices/:id/retry", use: retry)
        group.get("members/:number/notice-preferences", use: preferences)
        group.put("members/:number/notice-preferences/:topic", use: setPreference)
    }

    /// `?status=queued|sending|sent|failed&member=M-0001&limit=100`, newest first.
    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let service = try context.authenticated(notifications, for: NotifyVerb.list)
        let query = request.formQuery
        let status = try query.get("status").map(NoticeStatus.init(parsing:))
        var limit = 100
        if let text = query.get("limit") {
            guard let n = Int(text), (1...1000).contains(n) else {
                throw CoopError.invalidValue("limit", text, expected: .init(fr: "un nombre de 1 à 1000", en: "a number from 1 to 1000"))
            }
            limit = n
        }
        return try JSON.response(ItemList(try await service.list(status: status, member: query.get("member"), limit: limit)))
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let service = try context.authenticated(notifications, for: NotifyVerb.notice)
        return try JSON.response(try await service.notice(try LendingQuery.id(context, field: "notice")))
    }

    @Sendable func retry(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let service = try context.authenticated(notifications, for: NotifyVerb.retry)
        return try JSON.response(try await service.retry(try LendingQuery.id(context, field: "notice")))
    }

    @Sendable func preferences(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let service = try context.authenticated(notifications, for: NotifyVerb.preferences)
        return try JSON.response(ItemList(try await service.preferences(member: try context.parameters.require("number"))))
    }

    struct PreferenceRequest: Decodable {
        let enabled: Bool
    }

    /// Body `{"enabled": false}` turns the kind off (and drops the member's queued reminders of it).
    @Sendable func setPreference(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let service = try context.authenticated(notifications, for: NotifyVerb.setPreference)
        let topic = try NoticeTopic(parsing: try context.parameters.require("topic"))
        let body = try await JSON.decode(PreferenceRequest.self, from: request, context: context)
        return try JSON.response(ItemList(try await service.setPreference(
            member: try context.parameters.require("number"), topic: topic, enabled: body.enabled)))
    }
}
