import Coop
import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Lending
import Orders

/// The desk's lists, for volunteers to print or keep open: `GET /desk/today` (returns expected,
/// reservations to prepare, holds to keep aside, overdue loans, and the food co-op's pickup lists)
/// and `GET /desk/pickup/{cycle}` (each pickup point's bags, member by member). Lending's and
/// Orders' reports decide who may read them: staff.
struct DeskListsPage: Sendable {
    let coop: Coop
    let pages: WebPages

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("desk/today", use: today)
        group.get("desk/pickup/:cycle", use: pickup)
    }

    @Sendable func today(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, caller.memberNumber != nil else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        let lending = coop.lending.acting(as: caller), orders = coop.orders.acting(as: caller)
        let day = { (date: LocalDate) in WebText.longDay(date, language) }
        let money = { (amount: Money) in MessageArgument.money(amount).formatted(language) }
        do {
            let due = try await lending.dueToday()
            let prepare = try await lending.toPrepare()
            let holds = try await lending.holdsReady()
            let overdue = try await lending.overdue()
            // The cycles whose baskets are being handed out, and the one open now.
            var cycles = try await orders.cycles(state: .closed, page: PageRequest(limit: 20)).items
            cycles += try await orders.cycles(state: .open, page: PageRequest(limit: 20)).items
            let values = present([
                "heading": DeskText.todayHeading.render(language, ["date": .text(day(coop.context.today()))]),
                "itemColumn": DeskText.itemColumn.render(language), "memberColumn": DeskText.memberColumn.render(language),
                "none": DeskText.none.render(language),
                "dueHeading": DeskText.dueToday.render(language), "hasDue": !due.isEmpty,
                "due": due.map { ["item": $0.itemName, "code": $0.item, "member": $0.member] },
                "prepareHeading": DeskText.toPrepare.render(language), "dayColumn": DeskText.dayColumn.render(language), "hasPrepare": !prepare.isEmpty,
                "prepare": prepare.map { ["item": $0.itemName, "code": $0.item, "member": $0.member, "day": day($0.day)] },
                "holdsHeading": DeskText.holdsReady.render(language), "untilColumn": DeskText.untilColumn.render(language), "hasHolds": !holds.isEmpty,
                "holds": holds.map { ["item": $0.itemName, "code": $0.item, "member": $0.member, "until": $0.readyUntil.map(day) ?? ""] },
                "overdueHeading": DeskText.overdue.render(language), "lateColumn": DeskText.lateColumn.render(language),
                "dueColumn": DeskText.dueColumn.render(language), "hasOverdue": !overdue.isEmpty,
                "overdue": overdue.map { row in
                    ["item": row.itemName, "code": row.item, "member": row.member, "due": day(row.due),
                     "late": WebText.lateLine.render(language, ["days": .count(.integer(Int64(row.daysLate)), .days),
                                                                "fee": .text(money(row.accruedFee))])]
                },
                "pickupHeading": DeskText.pickupLists.render(language), "hasCycles": !cycles.isEmpty,
                "cycles": cycles.map { cycle in
                    ["name": cycle.name, "href": WebLinks.href("/desk/pickup/\(cycle.id)", [("lang", language.rawValue)]),
                     "line": DeskText.cycleLine.render(language, ["state": .localized(cycle.state.label, code: cycle.state.rawValue),
                                                                  "date": .text(day(cycle.pickupDate))])]
                },
            ])
            return pages.page("desk-today", title: DeskText.todayTitle.render(language), values: values, visit: visit)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit)
        }
    }

    /// The pickup list: per pickup point, each member's bag with what goes in it.
    @Sendable func pickup(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, caller.memberNumber != nil else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        let orders = coop.orders.acting(as: caller)
        do {
            guard let id = Int64(try context.parameters.require("cycle")) else { throw CoopError.unknownPage() }
            // The packing list first: Orders refuses it to all but staff, before saying whether the cycle exists.
            let slips = try await orders.packingList(cycle: id)
            let cycle = try await orders.cycle(id)
            var points: [(name: String, bags: [[String: Any]])] = []
            for slip in slips {
                let bag: [String: Any] = [
                    "name": slip.memberName, "member": slip.member,
                    "lines": slip.lines.map { ["name": $0.name, "code": $0.product, "quantity": DeskText.quantity($0.quantity, $0.unit, language)] },
                ]
                if points.last?.name == slip.pickup { points[points.count - 1].bags.append(bag) } else { points.append((slip.pickup, [bag])) }
            }
            let values = present([
                "heading": DeskText.pickupHeading.render(language, ["cycle": .text(cycle.name)]),
                "dateLine": DeskText.pickupDate.render(language, ["date": .text(WebText.longDay(cycle.pickupDate, language))]),
                "stateLine": WebText.state.render(language, ["state": .localized(cycle.state.label, code: cycle.state.rawValue)]),
                "hasPoints": !points.isEmpty, "none": DeskText.noBaskets.render(language),
                "points": points.map { point in
                    ["name": point.name, "count": DeskText.bags.render(language, ["count": .count(.integer(Int64(point.bags.count)), DeskText.baskets)]),
                     "bags": point.bags]
                },
                "printHint": DeskText.printHint.render(language),
                "back": DeskText.todayLink.render(language), "backHref": WebLinks.href("/desk/today", [("lang", language.rawValue)]),
            ])
            return pages.page("desk-pickup", title: DeskText.pickupHeading.render(language, ["cycle": .text(cycle.name)]), values: values, visit: visit)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit)
        }
    }
}
