import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Lending
import Orders

/// What a signed-in member does from an item's page: reserve it for dates ahead, or join its waiting
/// list. Lending decides (dates, limits, membership, units left) and its refusal is shown in words on
/// the item's page; on success the member lands on `/me`, where the reservation or hold now shows.
struct ItemActions: Sendable {
    let lending: LendingService
    let pages: WebPages

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.post("catalogue/:code/reserve", use: reserve)
        group.post("catalogue/:code/hold", use: hold)
    }

    @Sendable func reserve(_ request: Request, context: CoopRequestContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request)
        return try await act(request, context: context, done: "reserved") { lending, code, member in
            let from = try Self.date(form, "from"), to = try Self.date(form, "to")
            _ = try await lending.reserve(item: code, member: member, from: from, to: to)
        }
    }

    @Sendable func hold(_ request: Request, context: CoopRequestContext) async throws -> Response {
        try await act(request, context: context, done: "hold") { lending, code, member in
            _ = try await lending.placeHold(item: code, member: member)
        }
    }

    /// A date field as a browser's date picker sends it (`2026-12-12`).
    static func date(_ form: WebForm, _ name: String) throws -> LocalDate {
        guard let text = form[name] else { throw CoopError.required(name) }
        guard let date = LocalDate(iso8601: text) else { throw CoopError.invalidDate(name, text) }
        return date
    }

    func act(
        _ request: Request, context: CoopRequestContext, done: String,
        _ action: (LendingService, String, String) async throws -> Void
    ) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, let member = caller.memberNumber else { return WebPages.signInFirst(request, visit) }
        let code = try context.parameters.require("code")
        do {
            try await action(lending.acting(as: caller), code, member)
            return WebPages.seeOther("/me?done=\(done)")
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit, back: ("/catalogue/\(WebRoutes.pathEscaped(code))", WebText.backToItem))
        }
    }
}

extension LocalDate {
    /// The coming weekend's Saturday (next week's when today is the weekend): what a member reserving a
    /// tool "for the weekend" wants, offered as the form's first dates.
    public static func nextSaturday(after today: LocalDate) -> LocalDate {
        let ahead = (6 - today.weekday + 7) % 7  // weekday: 1 Monday … 7 Sunday
        return today.adding(days: ahead == 0 ? 7 : ahead)
    }
}
