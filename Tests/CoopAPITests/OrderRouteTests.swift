import CoopCore
import CoopHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Membership
import Orders
import Testing
@testable import coop_api

/// Orders over HTTP: the catalogue, members' baskets and who may touch them, the problem codes, and
/// 50 members racing for the last 10 units.
@Suite struct OrderRouteTests {
    /// A producer, 10 dozen eggs, an on-demand jam, the pickup point "Plateau" and an open cycle
    /// serving it; returns the cycle's id.
    @discardableResult
    static func seed(_ coop: TestCoop, eggs: Int64 = 10) async throws -> Int64 {
        let orders = coop.coop.orders
        _ = try await orders.addProducer(NewProducer(name: "Ferme Tournesol"))
        _ = try await orders.addProduct(NewProduct(code: "OEUFS", name: "Œufs", producer: "Ferme Tournesol", unit: .dozen,
                                                   price: Money(cents: 650), tax: .zero, stock: Quantity(units: eggs)))
        _ = try await orders.addProduct(NewProduct(code: "CONF", name: "Confiture", producer: "Ferme Tournesol", unit: .unit,
                                                   price: Money(cents: 699), tax: .taxable, stock: nil))
        _ = try await orders.addPickupPoint(NewPickupPoint(name: "Plateau"))
        let cycle = try await orders.createCycle(openCycle(coop, name: "Semaine 1", pickupPoints: ["Plateau"]))
        return try await orders.openCycle(cycle.id).id
    }

    /// A cycle taking orders from an hour ago until two days from now.
    static func openCycle(_ coop: TestCoop, name: String, pickupPoints: [String] = [], products: [String] = []) -> NewCycle {
        let now = Instant.now()
        return NewCycle(name: name, opens: now.adding(seconds: -3600), closes: now.adding(seconds: 2 * 86_400),
                        pickupDate: now.adding(seconds: 3 * 86_400).localDate(in: coop.coop.context.timeZone),
                        pickupPoints: pickupPoints, products: products)
    }

    static func member(_ coop: TestCoop, _ first: String) async throws -> (number: String, token: String) {
        let member = try await coop.coop.membership.addMember(NewMember(firstName: first, lastName: "Test", email: "\(first.lowercased())@example.org"))
        return (member.number, try await coop.coop.tokens.create(role: .member, member: member.number).token)
    }

    static func basket(cycle: Int64, member: String? = nil, pickup: String? = "Plateau", _ lines: [(String, String)]) -> ByteBuffer {
        var fields = ["\"cycle\":\(cycle)"]
        if let member { fields.append("\"member\":\"\(member)\"") }
        if let pickup { fields.append("\"pickup\":\"\(pickup)\"") }
        fields.append("\"lines\":[" + lines.map { "{\"product\":\"\($0.0)\",\"quantity\":\($0.1)}" }.joined(separator: ",") + "]")
        return body("{" + fields.joined(separator: ",") + "}")
    }

    @Test func staffBuildTheCatalogueAndAnyTokenReadsIt() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/producers", method: .post, headers: headers(token: coop.member),
                                     body: body(#"{"name":"Ferme Tournesol"}"#)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/producers", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"name":"Ferme Tournesol","member":"M-0001","contact":"514 555-0101"}"#)) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/v1/producers/Ferme%20Tournesol")
                #expect(response.object["member"] as? String == "M-0001")
            }
            try await client.execute(uri: "/api/v1/producers/ferme%20tournesol", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.object["name"] as? String == "Ferme Tournesol")
            }
            try await client.execute(uri: "/api/v1/producers", method: .get, headers: headers(token: coop.member)) { response in
                #expect((response.object["items"] as? [[String: Any]])?.count == 1)
            }
            let eggs = #"{"code":"OEUFS","name":"Œufs","producer":"Ferme Tournesol","unit":"douzaine","price":650,"tax":"zero","stock":10}"#
            try await client.execute(uri: "/api/v1/products", method: .post, headers: headers(token: coop.member), body: body(eggs)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/products", method: .post, headers: headers(token: coop.staff), body: body(eggs)) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/v1/products/OEUFS")
                let product = response.object
                #expect(product["price"] as? Int == 650)
                #expect(product["stock"] as? Int == 10)
                #expect(product["available"] as? Int == 10)
                #expect(product["unit"] as? String == "douzaine")
            }
            try await client.execute(uri: "/api/v1/products", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"code":"CONF","name":"Confiture","producer":"Ferme Tournesol","unit":"unité","price":699,"tax":"taxable"}"#)) { response in
                #expect(response.status == .created)
                #expect(response.object["stock"] is NSNull)
                #expect(response.object["onDemand"] as? Bool == true)
            }
            try await client.execute(uri: "/api/v1/products", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"code":"X","name":"X","producer":"Ferme Tournesol","unit":"litre","price":1,"tax":"zero"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["field"] as? String == "unit")
            }
            try await client.execute(uri: "/api/v1/products/OEUFS", method: .patch, headers: headers(token: coop.staff), body: body(#"{"price":675}"#)) { response in
                #expect(response.object["price"] as? Int == 675)
            }
            try await client.execute(uri: "/api/v1/products/OEUFS/stock", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"stock":12,"reason":"Livraison"}"#)) { response in
                #expect(response.object["stock"] as? Int == 12)
            }
            try await client.execute(uri: "/api/v1/products/CONF/stock", method: .post, headers: headers(token: coop.staff), body: body(#"{"stock":3}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.object["code"] as? String == "orders.product_on_demand")
            }
            try await client.execute(uri: "/api/v1/products?limit=1", method: .get, headers: headers(token: coop.member)) { response in
                #expect((response.object["items"] as? [[String: Any]])?.map { $0["code"] as? String } == ["CONF"])
                #expect(response.object["next"] is String)
            }
            try await client.execute(uri: "/api/v1/products/NOPE", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .notFound)
                #expect(response.object["code"] as? String == "orders.product_not_found")
            }
            try await client.execute(uri: "/api/v1/pickup-points", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"name":"Plateau Mont-Royal","address":"4500 rue Fabre","schedule":"jeudi 16 h – 19 h"}"#)) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/v1/pickup-points/Plateau%20Mont-Royal")
            }
            try await client.execute(uri: "/api/v1/pickup-points/Plateau%20Mont-Royal", method: .patch, headers: headers(token: coop.staff),
                                     body: body(#"{"active":false}"#)) { response in
                #expect(response.object["active"] as? Bool == false)
            }
            try await client.execute(uri: "/api/v1/pickup-points?active=true", method: .get, headers: headers(token: coop.member)) { response in
                #expect((response.object["items"] as? [[String: Any]])?.isEmpty == true)
            }
            let now = Instant.now()
            let cycle = #"{"name":"Semaine 1","opens":"\#(now.iso8601)","closes":"\#(now.adding(seconds: 86_400).iso8601)","pickupDate":"\#(now.adding(seconds: 3 * 86_400).localDate(in: coop.coop.context.timeZone).iso8601)"}"#
            try await client.execute(uri: "/api/v1/cycles", method: .post, headers: headers(token: coop.member), body: body(cycle)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/cycles", method: .post, headers: headers(token: coop.staff), body: body(cycle)) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/v1/cycles/1")
                #expect(response.object["state"] as? String == "planned")
                #expect(response.object["products"] is NSNull)
            }
            try await client.execute(uri: "/api/v1/cycles/1/open", method: .post, headers: headers(token: coop.member)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/cycles/1/open", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.object["state"] as? String == "open")
            }
            try await client.execute(uri: "/api/v1/cycles/1/open", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .conflict)
                #expect(response.object["code"] as? String == "orders.cycle_not_planned")
            }
            try await client.execute(uri: "/api/v1/cycles?state=open", method: .get, headers: headers(token: coop.member)) { response in
                #expect((response.object["items"] as? [[String: Any]])?.count == 1)
            }
            try await client.execute(uri: "/api/v1/cycles/un", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["field"] as? String == "cycle")
            }
            try await client.execute(uri: "/api/v1/cycles/99", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .notFound)
                #expect(response.object["code"] as? String == "orders.cycle_not_found")
            }
        }
    }

    @Test func aMemberOrdersOnlyForThemselfCreatedThenReplaced() async throws {
        let coop = try await TestCoop.make()
        let cycle = try await Self.seed(coop)
        let bob = try await Self.member(coop, "Bob")
        try await coop.test { client in
            var adaOrder = 0
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers(token: coop.member),
                                     body: Self.basket(cycle: cycle, member: "M-0001", [("OEUFS", "2"), ("CONF", "1")])) { response in
                #expect(response.status == .created)
                let order = response.object
                adaOrder = order["id"] as? Int ?? 0
                #expect(response.headers[.location] == "/api/v1/orders/\(adaOrder)")
                #expect(order["member"] as? String == "M-0001")
                #expect(order["status"] as? String == "open")
                #expect((order["lines"] as? [[String: Any]])?.count == 2)
                // 13.00 + 6.99; taxes on 6.99 only: GST 0.35, QST 0.70.
                #expect(order["subtotal"] as? Int == 1999)
                #expect(order["gst"] as? Int == 35)
                #expect(order["qst"] as? Int == 70)
                #expect(order["total"] as? Int == 2104)
            }
            // The same member again: the body is the whole basket, so CONF goes; 200, no Location.
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers(token: coop.member),
                                     body: Self.basket(cycle: cycle, pickup: nil, [("OEUFS", "3")])) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.location] == nil)
                #expect(response.object["id"] as? Int == adaOrder)
                #expect((response.object["lines"] as? [[String: Any]])?.map { $0["product"] as? String } == ["OEUFS"])
                #expect(response.object["total"] as? Int == 1950)
            }
            // For someone else: 403, nothing written.
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers(token: coop.member, language: "en"),
                                     body: Self.basket(cycle: cycle, member: bob.number, [("OEUFS", "1")])) { response in
                #expect(response.status == .forbidden)
                #expect(response.object["code"] as? String == "auth.not_your_data")
            }
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers(token: coop.member),
                                     body: Self.basket(cycle: cycle, member: "2", [("OEUFS", "1")])) { #expect($0.status == .forbidden) }
            #expect(try await coop.coop.orders.order(cycle: cycle, member: bob.number) == nil)
            // Staff order for anyone; a staff token has no member of its own.
            var bobOrder = 0
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers(token: coop.staff),
                                     body: Self.basket(cycle: cycle, member: bob.number, [("OEUFS", "1")])) { response in
                #expect(response.status == .created)
                bobOrder = response.object["id"] as? Int ?? 0
            }
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers(token: coop.staff),
                                     body: Self.basket(cycle: cycle, [("OEUFS", "1")])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["field"] as? String == "member")
            }
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers(token: bob.token),
                                     body: Self.basket(cycle: cycle, pickup: nil, [("OEUFS", "2")])) { response in
                #expect(response.status == .ok, "a member's own order, member left out")
                #expect(response.object["member"] as? String == bob.number)
            }
            // Reading: a member sees only their own; staff see all.
            try await client.execute(uri: "/api/v1/orders", method: .get, headers: headers(token: coop.member)) { response in
                #expect((response.object["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [adaOrder])
            }
            try await client.execute(uri: "/api/v1/orders?member=\(bob.number)", method: .get, headers: headers(token: coop.member)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/orders/\(bobOrder)", method: .get, headers: headers(token: coop.member)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/orders/\(adaOrder)", method: .get, headers: headers(token: coop.member)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/orders?cycle=\(cycle)&status=open", method: .get, headers: headers(token: coop.staff)) { response in
                #expect((response.object["items"] as? [[String: Any]])?.count == 2)
            }
            try await client.execute(uri: "/api/v1/orders?member=\(bob.number)", method: .get, headers: headers(token: coop.staff)) { response in
                #expect((response.object["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [bobOrder])
            }
            // Cancelling and handing out are the desk's.
            try await client.execute(uri: "/api/v1/orders/\(bobOrder)/cancel", method: .post, headers: headers(token: bob.token)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/orders/\(bobOrder)/cancel", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.object["status"] as? String == "cancelled")
            }
            try await client.execute(uri: "/api/v1/orders/\(bobOrder)/pickup", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .conflict)
                #expect(response.object["code"] as? String == "orders.order_not_confirmed")
            }
        }
        #expect(try await coop.coop.orders.product("OEUFS").available == Quantity(units: 7))
    }

    @Test func refusalsCarryTheirProblemCodesAndChangeNothing() async throws {
        let coop = try await TestCoop.make()
        let cycle = try await Self.seed(coop)
        let orders = coop.coop.orders
        _ = try await orders.addPickupPoint(NewPickupPoint(name: "Rosemont"))
        let eggsOnly = try await orders.createCycle(Self.openCycle(coop, name: "Œufs seulement", products: ["OEUFS"]))
        _ = try await orders.openCycle(eggsOnly.id)
        let planned = try await orders.createCycle(Self.openCycle(coop, name: "Plus tard"))
        try await coop.test { client in
            func refused(_ basket: ByteBuffer, _ status: HTTPResponse.Status, _ code: String, language: String? = nil,
                         sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
                try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers(token: coop.member, language: language), body: basket) { response in
                    #expect(response.status == status, sourceLocation: sourceLocation)
                    #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
                    #expect(response.object["code"] as? String == code, sourceLocation: sourceLocation)
                    return response.object
                }
            }
            let short = try await refused(Self.basket(cycle: cycle, [("OEUFS", "11")]), .conflict, "orders.insufficient_stock", language: "en")
            #expect((short["arguments"] as? [String: Any])?["available"] as? String == "10")
            #expect(short["detail"] as? String == "Not enough OEUFS in stock: 11 requested, 10 available.")
            _ = try await refused(Self.basket(cycle: cycle, [("OEUFS", "2.5")]), .unprocessableContent, "orders.quantity_not_allowed")
            _ = try await refused(Self.basket(cycle: cycle, [("OEUFS", "-1")]), .unprocessableContent, "orders.quantity_not_positive")
            _ = try await refused(Self.basket(cycle: cycle, [("OEUFS", "1.2345")]), .unprocessableContent, "common.invalid_field")
            _ = try await refused(Self.basket(cycle: cycle, [("NOPE", "1")]), .unprocessableContent, "orders.unknown_product")
            _ = try await refused(Self.basket(cycle: cycle, pickup: "Rosemont", [("OEUFS", "1")]), .unprocessableContent, "orders.pickup_not_served")
            _ = try await refused(Self.basket(cycle: cycle, pickup: "Nulle part", [("OEUFS", "1")]), .notFound, "orders.pickup_not_found")
            _ = try await refused(Self.basket(cycle: cycle, pickup: nil, [("OEUFS", "1")]), .unprocessableContent, "common.required")
            _ = try await refused(Self.basket(cycle: eggsOnly.id, [("CONF", "1")]), .unprocessableContent, "orders.product_not_offered")
            _ = try await refused(Self.basket(cycle: planned.id, [("OEUFS", "1")]), .conflict, "orders.cycle_not_open")
            _ = try await refused(Self.basket(cycle: 99, [("OEUFS", "1")]), .notFound, "orders.cycle_not_found")
            _ = try await refused(body(#"{"cycle":1,"lines":"OEUFS"}"#), .unprocessableContent, "common.invalid_field")
            _ = try await refused(body(#"{"lines":[]}"#), .unprocessableContent, "common.required")

            // After the close, the basket is frozen.
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers(token: coop.member),
                                     body: Self.basket(cycle: cycle, [("OEUFS", "1")])) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/close", method: .post, headers: headers(token: coop.member)) {
                #expect($0.status == .forbidden)
            }
            // Before its closing time a cycle closes only when asked to: invoices cannot be taken back.
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/close", method: .post, headers: headers(token: coop.staff, language: "en")) { response in
                #expect(response.status == .conflict)
                #expect(response.object["code"] as? String == "orders.cycle_not_yet_closable")
                #expect((response.object["detail"] as? String)?.contains("To close it anyway: --now (API: `\"now\": true`).") == true)
            }
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/close", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"now":false}"#)) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/close", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"now":true}"#)) { response in
                #expect(response.status == .ok)
                #expect((response.object["invoices"] as? [String])?.count == 1)
            }
            _ = try await refused(Self.basket(cycle: cycle, [("OEUFS", "2")]), .conflict, "orders.cycle_closed")
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/close", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .conflict)
                #expect(response.object["code"] as? String == "orders.cycle_closed")
            }
        }
        // Only the one accepted line holds stock; no other order was written.
        #expect(try await orders.product("OEUFS").available == Quantity(units: 9))
        #expect(try await orders.orders().items.count == 1)
    }

    @Test func invoicesStatementsAndAccountsAreTheMembersOwn() async throws {
        let coop = try await TestCoop.make()
        let cycle = try await Self.seed(coop)
        let bob = try await Self.member(coop, "Bob")
        let orders = coop.coop.orders
        _ = try await orders.setOrder(cycle: cycle, member: "M-0001", pickup: "Plateau",
                                      lines: [OrderLineInput(product: "OEUFS", quantity: Quantity(units: 2)), OrderLineInput(product: "CONF", quantity: Quantity(units: 1))])
        _ = try await orders.setOrder(cycle: cycle, member: bob.number, pickup: "Plateau", lines: [OrderLineInput(product: "OEUFS", quantity: Quantity(units: 1))])
        let closing = try await orders.closeCycle(cycle, early: true)
        let ada = closing.invoices[0], bobs = closing.invoices[1]
        let month = Instant.now().localDate(in: coop.coop.context.timeZone).iso8601.prefix(7)
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/invoices", method: .get, headers: headers(token: coop.member)) { response in
                #expect((response.object["items"] as? [[String: Any]])?.map { $0["number"] as? String } == [ada])
            }
            try await client.execute(uri: "/api/v1/invoices?member=\(bob.number)", method: .get, headers: headers(token: coop.member)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/invoices?cycle=\(cycle)", method: .get, headers: headers(token: coop.staff)) { response in
                #expect((response.object["items"] as? [[String: Any]])?.count == 2)
            }
            try await client.execute(uri: "/api/v1/invoices/\(bobs)", method: .get, headers: headers(token: coop.member)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/invoices/\(ada)", method: .get, headers: headers(token: coop.member)) { response in
                let invoice = response.object
                #expect(invoice["number"] as? String == ada)
                #expect(invoice["member"] as? String == "M-0001")
                #expect(invoice["total"] as? Int == 2104)
                #expect((invoice["taxes"] as? [[String: Any]])?.map { $0["amount"] as? Int } == [35, 70])
            }
            try await client.execute(uri: "/api/v1/invoices/\(ada)/credit", method: .post, headers: headers(token: coop.member),
                                     body: body(#"{"reason":"Pot cassé"}"#)) { #expect($0.status == .forbidden) }
            // Neither lines nor "all": refused, so a forgotten list never refunds a whole invoice.
            try await client.execute(uri: "/api/v1/invoices/\(ada)/credit", method: .post, headers: headers(token: coop.staff, language: "en"),
                                     body: body(#"{"reason":"Pot cassé"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["code"] as? String == "orders.credit_scope_required")
            }
            try await client.execute(uri: "/api/v1/invoices/\(ada)/credit", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"reason":"Pot cassé","lines":[{"product":"CONF","quantity":1}]}"#)) { response in
                #expect(response.status == .created)
                #expect(response.object["kind"] as? String == "credit_note")
                #expect(response.object["creditedInvoice"] as? String == ada)
                #expect(response.object["total"] as? Int == 804)
                #expect(response.headers[.location] == "/api/v1/invoices/\(response.object["number"] as? String ?? "")")
            }
            try await client.execute(uri: "/api/v1/invoices/\(ada)/credit", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"reason":"Encore","lines":[{"product":"CONF","quantity":1}]}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.object["code"] as? String == "orders.credit_exceeds_invoice")
            }

            // Statements and accounts: the member's own, or staff.
            try await client.execute(uri: "/api/v1/members/M-0001/statement?month=\(month)", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.object["invoices"] as? Int == 2104)
                #expect(response.object["creditNotes"] as? Int == -804)
                #expect(response.object["closingBalance"] as? Int == 1300)
            }
            // The statement is the member's document, in the member's language (Ada's is French) whatever
            // Accept-Language says, one language at a time.
            try await client.execute(uri: "/api/v1/members/M-0001/statement?month=\(month)", method: .get,
                                     headers: headers(token: coop.member, language: "en")) { response in
                #expect(response.object["language"] as? String == "fr")
                let descriptions = (response.object["entries"] as? [[String: Any]])?.compactMap { $0["description"] as? String }
                #expect(descriptions?.first == "Facture \(ada)")
                #expect(descriptions?.contains { $0.contains("Invoice") } == false)
            }
            _ = try await coop.coop.membership.updateMember("M-0001", MemberChanges(language: .en))
            try await client.execute(uri: "/api/v1/members/M-0001/statement?month=\(month)", method: .get,
                                     headers: headers(token: coop.member, language: "fr")) { response in
                #expect(response.object["language"] as? String == "en")
                let descriptions = (response.object["entries"] as? [[String: Any]])?.compactMap { $0["description"] as? String }
                #expect(descriptions?.first == "Invoice \(ada)")
                #expect(descriptions?.last?.hasPrefix("Credit note ") == true && descriptions?.last?.hasSuffix(" on invoice \(ada)") == true)
            }
            try await client.execute(uri: "/api/v1/members/M-0001/account", method: .get, headers: headers(token: coop.member)) { response in
                #expect((response.object["entries"] as? [[String: Any]])?.first?["description"] as? String == "Invoice \(ada)")
            }
            _ = try await coop.coop.membership.updateMember("M-0001", MemberChanges(language: .fr))
            try await client.execute(uri: "/api/v1/members/\(bob.number)/statement?month=\(month)", method: .get, headers: headers(token: coop.member)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/members/M-0001/statement", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["field"] as? String == "month")
            }
            try await client.execute(uri: "/api/v1/members/M-0001/statement?month=2026-13", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.object["code"] as? String == "orders.invalid_month")
            }
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: headers(token: coop.member),
                                     body: body(#"{"member":"M-0001","amount":500,"method":"cash"}"#)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"member":"m-1","amount":500,"method":"card","note":"Terminal 2"}"#)) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/v1/members/M-0001/account")
                #expect(response.object["amount"] as? Int == -500)
                #expect(response.object["kind"] as? String == "payment")
                #expect(response.object["method"] as? String == "card")
            }
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"member":"M-0001","amount":0,"method":"cash"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["code"] as? String == "membership.payment_not_positive")
            }
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"member":"M-0001","amount":100,"method":"bitcoin"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["field"] as? String == "method")
            }
            try await client.execute(uri: "/api/v1/payments", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"member":"M-0099","amount":100,"method":"cash"}"#)) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/members/M-0001/account", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.object["balance"] as? Int == 800)
                #expect((response.object["entries"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["invoice", "credit_note", "payment"])
            }
            try await client.execute(uri: "/api/v1/members/\(bob.number)/account", method: .get, headers: headers(token: coop.member)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/members/\(bob.number)/account", method: .get, headers: headers(token: bob.token)) { response in
                #expect(response.object["balance"] as? Int == 650)
            }
        }
    }

    @Test func purchaseOrdersAndReportsAreForStaff() async throws {
        let coop = try await TestCoop.make()
        let cycle = try await Self.seed(coop)
        let bob = try await Self.member(coop, "Bob")
        let orders = coop.coop.orders
        _ = try await orders.setOrder(cycle: cycle, member: "M-0001", pickup: "Plateau",
                                      lines: [OrderLineInput(product: "OEUFS", quantity: Quantity(units: 2)), OrderLineInput(product: "CONF", quantity: Quantity(units: 1))])
        _ = try await orders.setOrder(cycle: cycle, member: bob.number, pickup: "Plateau", lines: [OrderLineInput(product: "OEUFS", quantity: Quantity(units: 1))])
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/purchase-orders", method: .get, headers: headers(token: coop.staff)) { response in
                #expect((response.object["items"] as? [[String: Any]])?.isEmpty == true, "none before the close")
            }
            try await client.execute(uri: "/api/v1/reports/packing?cycle=\(cycle)", method: .get, headers: headers(token: coop.staff)) { response in
                #expect((response.object["items"] as? [[String: Any]])?.map { $0["member"] as? String } == ["M-0001", bob.number])
            }
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/close", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"now":true}"#)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/purchase-orders", method: .get, headers: headers(token: coop.member)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/purchase-orders", method: .get, headers: headers(token: coop.staff)) { response in
                let items = response.object["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["producer"] as? String } == ["Ferme Tournesol"])
                #expect((items.first?["lines"] as? [[String: Any]])?.map { $0["quantity"] as? Int } == [1, 3])
            }
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/purchase-orders/Ferme%20Tournesol", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.object["total"] as? Int == 699 + 1950)
            }
            var csv = headers(token: coop.staff)
            csv[.accept] = "text/csv"
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/purchase-orders/Ferme%20Tournesol", method: .get, headers: csv) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.text == "code,name,unit,quantity,orders,amount\r\nCONF,Confiture,unité,1,1,6.99\r\nOEUFS,Œufs,douzaine,3,2,19.50\r\n")
            }
            try await client.execute(uri: "/api/v1/cycles/\(cycle)/purchase-orders/Personne", method: .get, headers: headers(token: coop.staff)) {
                #expect($0.status == .notFound)
            }

            try await client.execute(uri: "/api/v1/reports/packing?cycle=\(cycle)", method: .get, headers: headers(token: coop.member)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/reports/picking?cycle=\(cycle)", method: .get, headers: headers(token: coop.staff)) { response in
                let rows = response.object["items"] as? [[String: Any]] ?? []
                #expect(rows.map { $0["product"] as? String } == ["CONF", "OEUFS"])
                #expect(rows.map { $0["quantity"] as? Int } == [1, 3])
            }
            try await client.execute(uri: "/api/v1/reports/sales?cycle=\(cycle)", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.object["invoiced"] as? Int == 699 + 1950)
            }
            let month = Instant.now().localDate(in: coop.coop.context.timeZone).iso8601.prefix(7)
            try await client.execute(uri: "/api/v1/reports/SALES?month=\(month)", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.object["period"] as? String == String(month))
            }
            try await client.execute(uri: "/api/v1/reports/sales", method: .get, headers: headers(token: coop.staff)) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/api/v1/reports/sales?cycle=1&month=\(month)", method: .get, headers: headers(token: coop.staff)) {
                #expect($0.status == .unprocessableContent)
            }
            let year = month.prefix(4)
            try await client.execute(uri: "/api/v1/reports/taxes?from=\(year)-01-01&to=\(year)-12-31", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.object["invoiceCount"] as? Int == 2)
                #expect((response.object["rows"] as? [[String: Any]])?.map { $0["collected"] as? Int } == [35, 70])
            }
            try await client.execute(uri: "/api/v1/reports/taxes?from=\(year)-12-31&to=\(year)-01-01", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.object["code"] as? String == "orders.invalid_period")
            }
            try await client.execute(uri: "/api/v1/reports/taxes?from=hier", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.object["code"] as? String == "orders.invalid_date")
            }
            try await client.execute(uri: "/api/v1/reports/nope", method: .get, headers: headers(token: coop.staff, language: "en")) { response in
                #expect(response.status == .notFound)
                #expect(response.object["code"] as? String == "reports.unknown_report")
                #expect((response.object["detail"] as? String)?.contains("packing, picking, sales, taxes") == true)
            }
        }
    }

    /// 50 members race for the last 10 dozen eggs: exactly 10 get one, 40 are told none is left, and
    /// the stock is never oversold.
    @Test func fiftyMembersRacingForTheLastTenUnitsBuyExactlyTen() async throws {
        let coop = try await TestCoop.make()
        let cycle = try await Self.seed(coop, eggs: 15)
        // Ada takes 5 first: 10 are left.
        _ = try await coop.coop.orders.setOrder(cycle: cycle, member: "M-0001", pickup: "Plateau",
                                                lines: [OrderLineInput(product: "OEUFS", quantity: Quantity(units: 5))])
        var racers: [(number: String, token: String)] = []
        for i in 0..<50 { racers.append(try await Self.member(coop, "Racer\(i)")) }
        let contenders = racers
        try await coop.test { client in
            let outcomes = try await withThrowingTaskGroup(of: (status: Int, code: String?).self) { group in
                for racer in contenders {
                    group.addTask {
                        let response = try await client.executeRequest(
                            uri: "/api/v1/orders", method: .post, headers: headers(token: racer.token),
                            body: Self.basket(cycle: cycle, member: racer.number, [("OEUFS", "1")]))
                        let object = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]
                        return (Int(response.status.code), object?["code"] as? String)
                    }
                }
                var all: [(status: Int, code: String?)] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.count == 50)
            #expect(outcomes.filter { $0.status == 201 }.count == 10)
            #expect(outcomes.filter { $0.status == 409 && $0.code == "orders.insufficient_stock" }.count == 40)
        }
        let eggs = try await coop.coop.orders.product("OEUFS")
        #expect(eggs.available == .zero)
        #expect(eggs.reserved == Quantity(units: 15))
        let placed = try await coop.coop.orders.orders(cycle: cycle).items
        #expect(placed.count == 11)
        #expect(placed.reduce(Int64(0)) { $0 + $1.lines.reduce(0) { $0 + $1.quantity.thousandths } } == 15_000)
    }
}
