import Coop
import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import HummingbirdAuth
import Inventory
import Lending
import Membership
import Voting

/// The web face's public pages: the catalogue, its search, one item with its availability, an
/// election's board (`BoardPage`) and its voting booth (`BoothPage`). A route
/// group beside the JSON API over the same services, for whoever calls (nobody signed in, here):
/// the domains decide what that caller may see, and these routes only read the query and render.
public struct WebRoutes: Sendable {
    /// The services, bound to each request's caller by the routes.
    let coop: Coop
    let pages: WebPages

    /// Session cookies marked `Secure`: set when the pages are served over HTTPS (`COOP_PUBLIC_URL`
    /// starting with `https://`), where a browser must never send the cookie over plain HTTP.
    let secureCookies: Bool

    public init(coop: Coop, pages: WebPages, secureCookies: Bool = false) {
        (self.coop, self.pages, self.secureCookies) = (coop, pages, secureCookies)
    }

    /// How long a sign-in lasts: a day at the desk or on the phone; signing out ends it sooner.
    static let sessionHours = 12

    var inventory: InventoryService { coop.inventory }
    var lending: LendingService { coop.lending }
    var context: CoopContext { coop.context }

    /// The paths this group answers, for tools that list the API's routes apart from the pages'.
    public static func owns(_ path: String) -> Bool {
        ["/", "/catalogue", "/login", "/logout", "/me", "/basket", "/desk", OptOutPage.path].contains(path)
            || ["/catalogue/", "/static/", "/board/", "/me/", "/desk/", "/vote/"].contains { path.hasPrefix($0) }
    }

    /// Results on a page of the catalogue.
    static let pageSize = 50
    /// Days of the availability calendar on an item's page.
    static let calendarDays = 60

    public func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        // The static files need no session, no caller and no co-op name: served before those
        // middlewares, so a page's style sheet costs no database read.
        group.get("static/coop.css", use: styleSheet)
        group.get("static/booth.js", use: boothScript)
        group.get("static/p256.js", use: p256Script)
        let cookie = SessionCookieParameters(name: "coop_session", path: "/", secure: secureCookies, sameSite: .lax)
        let group = group
            .add(middleware: SessionMiddleware(
                storage: WebSessionStore(records: WebSessionRecords(context: context)),
                configuration: SessionMiddlewareConfiguration(sessionCookieParameters: cookie, keyPrefix: "",
                                                              defaultSessionExpiration: .seconds(Self.sessionHours * 3600))))
            .add(middleware: WebSessionCaller(signIn: coop.signIn, membership: coop.membership))
            .add(middleware: PageLanguageMiddleware())
        // A message's opt-out link proves itself with its signature, and a mail program's one-click
        // unsubscribe (RFC 8058) posts to it with no session: it sits before the form token.
        OptOutPage(notifications: coop.notifications, pages: pages).addRoutes(to: group)
        let forms = group.add(middleware: FormTokenMiddleware(pages: pages))
        forms.get("/", use: catalogue)
        forms.get("catalogue", use: catalogue)
        forms.get("catalogue/:code", use: item)
        BoardPage(voting: coop.voting, timeZone: context.timeZone, pages: pages).addRoutes(to: forms)
        SignInPage(signIn: coop.signIn, pages: pages).addRoutes(to: forms)
        MemberPage(membership: coop.membership, lending: lending, signIn: coop.signIn, notifications: coop.notifications, pages: pages).addRoutes(to: forms)
        ItemActions(lending: lending, pages: pages).addRoutes(to: forms)
        BasketPage(orders: coop.orders, pages: pages).addRoutes(to: forms)
        InvoicePages(orders: coop.orders, membership: coop.membership, pages: pages).addRoutes(to: forms)
        BoothPage(voting: coop.voting, clock: context.clock, timeZone: context.timeZone, pages: pages).addRoutes(to: forms)
        DeskPage(coop: coop, pages: pages).addRoutes(to: forms)
        DeskListsPage(coop: coop, pages: pages).addRoutes(to: forms)
    }

    @Sendable func catalogue(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let language = context.language
        let query = request.formQuery
        let text = query.get("q").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let category = query.get("category").flatMap { $0.isEmpty ? nil : $0 }
        let available = query.get("available") == "1"
        do {
            let inventory = context.anyone(self.inventory)
            let attributes = try query.getAll("attr").map(AttributeFilter.init(parsing:))
            let page = try await inventory.search(
                ItemQuery(text: text, category: category, available: available, attributes: attributes),
                page: try PageRequest(limit: String(Self.pageSize), cursor: query.get("cursor")))
            let categories = try await inventory.categories()
            let items: [[String: Any]] = page.items.map { item in
                present([
                    "code": item.code, "codePath": Self.pathEscaped(item.code), "name": item.name,
                    "category": item.category, "photo": item.photos.first, "free": item.available > 0,
                    "freeLine": Self.freeLine(item, language),
                ])
            }
            var next: String?
            if let cursor = page.next {
                next = WebLinks.href("/catalogue", [("q", text), ("category", category), ("available", available ? "1" : nil),
                                                ("cursor", cursor), ("lang", language.rawValue)] + attributesPairs(query))
            }
            let values = present([
                "heading": WebText.heading.render(language), "searchLabel": WebText.searchLabel.render(language),
                "categoryLabel": WebText.categoryLabel.render(language), "allCategories": WebText.allCategories.render(language),
                "availableLabel": WebText.availableLabel.render(language), "searchButton": WebText.searchButton.render(language),
                "q": text ?? "", "available": available,
                "categories": categories.map { ["path": $0.path, "selected": $0.path == category] as [String: Any] },
                "hasItems": !items.isEmpty, "items": items,
                "resultLine": items.isEmpty ? WebText.noResult.render(language)
                    : WebText.results.render(language, ["count": .count(.integer(Int64(items.count)), .articles)]),
                "nextHref": next, "nextLabel": WebText.nextPage.render(language),
            ])
            return pages.page("catalogue", title: WebText.heading.render(language), values: values,
                              visit: WebVisit(request: request, context: context))
        } catch let error as CoopError {
            return pages.refusal(error, visit: WebVisit(request: request, context: context))
        }
    }

    @Sendable func item(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let language = context.language
        let code = try context.parameters.require("code")
        do {
            let item = try await context.anyone(inventory).item(code)
            let today = self.context.today()
            let availability = try await context.anyone(lending)
                .availability(item: item.code, from: today, to: today.adding(days: Self.calendarDays - 1))
            let periods: [[String: Any]] = availability.periods.map { period in
                let range = period.from == period.to ? WebText.day(period.from, language)
                    : WebText.dayRange.render(language, ["from": .text(WebText.day(period.from, language)),
                                                         "to": .text(WebText.day(period.to, language))])
                return ["period": range, "free": period.free]
            }
            let attributes = item.attributes.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] }
            let visit = WebVisit(request: request, context: context)
            let saturday = LocalDate.nextSaturday(after: today)
            let values = present([
                "member": visit.memberNumber != nil, "codePath": Self.pathEscaped(item.code),
                "reserveHeading": WebText.reserveHeading.render(language), "fromLabel": WebText.reserveFrom.render(language),
                "toLabel": WebText.reserveTo.render(language), "reserveButton": WebText.reserveButton.render(language),
                "from": saturday.iso8601, "to": saturday.adding(days: 1).iso8601, "today": today.iso8601,
                "holdIntro": WebText.holdIntro.render(language), "holdButton": WebText.holdButton.render(language),
                "signInToReserve": WebText.signInToReserve.render(language),
                "signInHref": WebLinks.href("/login", [("next", request.uri.path), ("lang", language.rawValue)]),
                "back": WebText.back.render(language), "name": item.name, "code": item.code, "category": item.category,
                "status": item.status.label.render(language), "description": item.description,
                "photo": item.photos.first,
                "photoAlt": WebText.photo.render(language, ["name": .text(item.name)]),
                "free": item.available > 0, "freeLine": Self.freeLine(item, language),
                "hasAttributes": !attributes.isEmpty, "attributesHeading": WebText.attributes.render(language), "attributes": attributes,
                "hasCalendar": !periods.isEmpty, "calendarHeading": WebText.calendar.render(language),
                "periodColumn": WebText.period.render(language), "freeColumn": WebText.free.render(language), "periods": periods,
            ])
            return pages.page("item", title: item.name, values: values, visit: visit)
        } catch let error as CoopError {
            return pages.refusal(error, visit: WebVisit(request: request, context: context))
        }
    }

    @Sendable func styleSheet(_ request: Request, context: CoopRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/css; charset=utf-8"
        headers[.cacheControl] = "max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: pages.styleSheet))
    }

    /// The booth's scripts: `booth.js`, and `p256.js` which it imports (coop-voting-2's encryption).
    @Sendable func boothScript(_ request: Request, context: CoopRequestContext) async throws -> Response { Self.script(pages.boothScript) }
    @Sendable func p256Script(_ request: Request, context: CoopRequestContext) async throws -> Response { Self.script(pages.p256Script) }

    /// Revalidated on every use: a ballot must be made by the script that matches the page, whose
    /// hash the page shows.
    static func script(_ bytes: ByteBuffer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/javascript; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
    }

    // MARK: Helpers

    static func freeLine(_ item: Item, _ language: Language) -> String {
        let quantity: MessageArgument = .integer(Int64(item.quantity))
        if item.available == 0 { return WebText.noneFree.render(language, ["quantity": quantity]) }
        return WebText.freeNow.render(language, ["count": .count(.integer(Int64(item.available)), .freeUnits), "quantity": quantity])
    }

    func attributesPairs(_ query: Parameters) -> [(String, String?)] {
        query.getAll("attr").map { ("attr", $0) }
    }

    static func pathEscaped(_ code: String) -> String {
        code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? code
    }
}

/// The values a template gets, without the absent ones: Mustache would print an absent optional as
/// `nil`, where a missing key renders nothing and skips its section.
func present(_ values: [String: Any?]) -> [String: Any] {
    values.compactMapValues { $0 }
}
