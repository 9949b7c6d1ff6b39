import Foundation
import Testing

/// A food co-op's week through the real `coopctl`: producers, products, pickup points, a cycle,
/// baskets, the close, purchase orders, invoices and a credit note, a statement, a payment, reports.
@Suite struct OrdersCommandTests {
    /// Today's year and month in the co-op's default time zone (America/Toronto): invoice numbers and
    /// statements follow it.
    static let today: (year: String, month: String) = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Toronto")!
        let c = calendar.dateComponents([.year, .month], from: Date())
        return (String(c.year!), String(format: "%04d-%02d", c.year!, c.month!))
    }()

    /// `YYYY-MM-DDTHH:MM:SSZ` for now plus `seconds`.
    static func instant(_ seconds: TimeInterval) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date().addingTimeInterval(seconds))
    }

    static func day(_ days: Int) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "America/Toronto")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }

    /// Three members, two producers, four products (one on demand), two pickup points and an open cycle.
    static func catalogue() throws -> CoopCtlRunner {
        let ctl = try CoopCtlRunner.seeded(members: 3)
        try ctl.ok(["producer", "add", "--name", "Ferme Tournesol", "--member", "M-0001"])
        try ctl.ok(["producer", "add", "--name", "Fromagerie Lavoie", "--contact", "514 555-0150"])
        try ctl.ok(["product", "add", "--code", "POMMES", "--name", "Pommes Cortland", "--producer", "Ferme Tournesol",
                    "--unit", "kg", "--price", "4.50", "--tax", "zero", "--stock", "20"])
        try ctl.ok(["product", "add", "--code", "CONF", "--name", "Confiture", "--producer", "Ferme Tournesol",
                    "--unit", "unité", "--price", "6.99", "--tax", "taxable", "--on-demand"])
        try ctl.ok(["product", "add", "--code", "OEUFS", "--name", "Œufs", "--producer", "Ferme Tournesol",
                    "--unit", "douzaine", "--price", "6.50", "--tax", "zero", "--stock", "10"])
        try ctl.ok(["product", "add", "--code", "FROMAGE", "--name", "Cheddar", "--producer", "Fromagerie Lavoie",
                    "--unit", "kg", "--price", "32.00", "--tax", "taxable", "--stock", "5"])
        try ctl.ok(["pickup", "add", "--name", "Plateau", "--address", "4500 rue Fabre", "--schedule", "jeudi 16 h – 19 h"])
        try ctl.ok(["pickup", "add", "--name", "Rosemont"])
        try ctl.ok(["cycle", "create", "--name", "Semaine 12", "--opens", instant(-3600), "--closes", instant(2 * 86_400),
                    "--pickup-date", day(3), "--pickup", "Plateau", "--pickup", "Rosemont"])
        return ctl
    }

    @Test func producersProductsAndPickupPoints() throws {
        let ctl = try CoopCtlRunner.seeded(members: 1)
        defer { ctl.remove() }
        let producer = try ctl.run(["producer", "add", "--name", "Ferme Tournesol", "--member", "m-1", "--json"])
        #expect(producer.status == 0, "\(producer.stderr)")
        #expect(producer.object["member"] as? String == "M-0001")
        let duplicate = try ctl.run(["producer", "add", "--name", "ferme tournesol", "--lang", "en"])
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr == "The producer \"ferme tournesol\" already exists.\n")
        #expect(try ctl.run(["producer", "list", "--json"]).array.map { $0["name"] as? String } == ["Ferme Tournesol"])

        let stocked = try ctl.run(["product", "add", "--code", "POMMES", "--name", "Pommes Cortland", "--producer", "Ferme Tournesol",
                                   "--unit", "kg", "--price", "4.50", "--tax", "zero", "--stock", "12,5", "--json"])
        #expect(stocked.status == 0, "\(stocked.stderr)")
        #expect(stocked.object["code"] as? String == "POMMES")
        #expect(stocked.object["name"] as? String == "Pommes Cortland")
        #expect(stocked.object["producer"] as? String == "Ferme Tournesol")
        #expect(stocked.object["price"] as? Int == 450)
        #expect(stocked.object["tax"] as? String == "zero")
        #expect(stocked.object["stock"] as? Double == 12.5)
        let onDemand = try ctl.run(["product", "add", "--code", "CONF", "--name", "Confiture", "--producer", "Ferme Tournesol",
                                    "--unit", "unité", "--price", "6.99", "--tax", "taxable", "--on-demand", "--json"])
        #expect(onDemand.status == 0, "\(onDemand.stderr)")
        #expect(onDemand.object["stock"] is NSNull)
        #expect(onDemand.object["price"] as? Int == 699)
        #expect(onDemand.object["tax"] as? String == "taxable")

        let base = ["product", "add", "--code", "X", "--name", "X", "--producer", "Ferme Tournesol", "--price", "1.00", "--tax", "zero"]
        #expect(try ctl.run(base + ["--unit", "kg"]).status == 2, "neither --stock nor --on-demand")
        #expect(try ctl.run(base + ["--unit", "kg", "--stock", "1", "--on-demand"]).status == 2, "both")
        let badUnit = try ctl.run(base + ["--unit", "litre", "--stock", "1", "--lang", "en"])
        #expect(badUnit.status == 1)
        #expect(badUnit.stderr == "Unknown sale unit \"litre\" (unité, kg, douzaine or panier).\n")
        let badTax = try ctl.run(base + ["--unit", "kg", "--stock", "1", "--tax", "luxe"])
        #expect(badTax.status == 1)
        let halfDozen = try ctl.run(base + ["--unit", "douzaine", "--stock", "2.5", "--lang", "en"])
        #expect(halfDozen.status == 1)
        #expect(halfDozen.stderr.contains("whole numbers"))
        let unknownProducer = try ctl.run(base + ["--unit", "kg", "--stock", "1", "--producer", "Personne"])
        #expect(unknownProducer.status == 1)
        #expect(unknownProducer.stderr == "Producteur introuvable : « Personne ».\n")
        #expect(try ctl.run(["product", "list", "--json"]).page.count == 2)

        let stock = try ctl.run(["product", "stock", "POMMES", "20", "--reason", "Livraison", "--json"])
        #expect(stock.object["available"] as? Int == 20)
        #expect(try ctl.run(["product", "stock", "CONF", "3"]).status == 1, "on demand has no stock")
        #expect(try ctl.run(["product", "update", "POMMES", "--price", "4.75", "--json"]).object["price"] as? Int == 475)

        #expect(try ctl.run(["pickup", "add", "--name", "Plateau", "--address", "4500 rue Fabre", "--schedule", "jeudi 16 h – 19 h"]).status == 0)
        #expect(try ctl.run(["pickup", "add", "--name", "plateau"]).status == 1)
        #expect(try ctl.run(["pickup", "add", "--name", "Rosemont"]).status == 0)
        #expect(try ctl.run(["pickup", "deactivate", "Rosemont"]).status == 0)
        let points = try ctl.run(["pickup", "list", "--json"]).array
        #expect(points.map { $0["name"] as? String } == ["Plateau", "Rosemont"])
        #expect(points.first?["schedule"] as? String == "jeudi 16 h – 19 h")
        #expect(try ctl.run(["pickup", "list", "--active", "--json"]).array.count == 1)
    }

    @Test func aWholeWeek() throws {
        let ctl = try Self.catalogue()
        defer { ctl.remove() }
        let year = Self.today.year

        // Planned: no orders yet.
        let early = try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0001", "--pickup", "Plateau", "POMMES=1", "--lang", "en"])
        #expect(early.status == 1)
        #expect(early.stderr == "Cycle 1 is not open yet.\n")
        let opened = try ctl.run(["cycle", "open", "1", "--json"])
        #expect(opened.object["state"] as? String == "open")

        // M-0001 fills a basket, then changes it: CONF=0 removes the line, lines not named stay.
        let first = try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0001", "--pickup", "Plateau",
                                 "POMMES=1.5", "CONF=2", "OEUFS=1", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let orderID = first.object["id"] as? Int ?? 0
        #expect((first.object["lines"] as? [[String: Any]])?.count == 3)
        let second = try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0001", "CONF=0", "FROMAGE=0,25"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.hasPrefix("Commande \(orderID) modifiée."))

        let shown = try ctl.run(["order", "show", String(orderID), "--json"]).object
        for key in ["id", "member", "cycle", "pickup", "status", "lines", "subtotal", "gst", "qst", "total"] {
            #expect(shown[key] != nil, "missing \(key)")
        }
        #expect(shown["member"] as? String == "M-0001")
        #expect(shown["cycle"] as? Int == 1)
        #expect(shown["pickup"] as? String == "Plateau")
        #expect(shown["status"] as? String == "open")
        let lines = shown["lines"] as? [[String: Any]] ?? []
        #expect(lines.map { $0["product"] as? String } == ["FROMAGE", "OEUFS", "POMMES"])
        #expect(lines.map { $0["quantity"] as? Double } == [0.25, 1, 1.5])
        #expect(lines.map { $0["unitPrice"] as? Int } == [3200, 650, 450])
        #expect(lines.map { $0["amount"] as? Int } == [800, 650, 675])
        // Taxes on the taxable line only (800): GST 40, QST 79.8 → 80.
        #expect(shown["subtotal"] as? Int == 2125)
        #expect(shown["gst"] as? Int == 40)
        #expect(shown["qst"] as? Int == 80)
        #expect(shown["total"] as? Int == 2245)

        #expect(try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0002", "--pickup", "Rosemont", "OEUFS=2", "CONF=1"]).status == 0)

        // Refusals change nothing, one localized line, exit 1.
        let dozen = try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0003", "--pickup", "Plateau", "OEUFS=2.5", "--lang", "en"])
        #expect(dozen.status == 1)
        #expect(dozen.stderr == "OEUFS is sold by the dozen, in whole numbers (got 2.5).\n")
        let greedy = try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0003", "--pickup", "Plateau", "OEUFS=20", "--lang", "en"])
        #expect(greedy.status == 1)
        #expect(greedy.stderr == "Not enough OEUFS in stock: 20 requested, 7 available.\n")
        let greedyFr = try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0003", "--pickup", "Plateau", "OEUFS=20"])
        #expect(greedyFr.stderr == "Stock insuffisant pour OEUFS : 20 demandés, 7 disponibles.\n")
        #expect(try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0003", "--pickup", "Ailleurs", "OEUFS=1"]).status == 1)
        #expect(try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0003", "--pickup", "Plateau", "OEUFS=deux"]).status == 1)
        #expect(try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0003", "--pickup", "Plateau", "OEUFS"]).status == 1)
        #expect(try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0003", "--pickup", "Plateau", "OEUFS=-1"]).status == 1)
        #expect(try ctl.run(["order", "list", "--cycle", "1", "--json"]).page.count == 2)
        #expect(try ctl.run(["product", "show", "OEUFS", "--json"]).object["available"] as? Int == 7)

        // M-0003 orders, then cancels: the stock comes back.
        let third = try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0003", "--pickup", "Plateau", "OEUFS=3", "--json"])
        let thirdID = third.object["id"] as? Int ?? 0
        #expect(try ctl.run(["product", "show", "OEUFS", "--json"]).object["available"] as? Int == 4)
        #expect(try ctl.run(["order", "cancel", String(thirdID)]).status == 0)
        #expect(try ctl.run(["product", "show", "OEUFS", "--json"]).object["available"] as? Int == 7)
        let listed = try ctl.run(["order", "list", "--cycle", "1", "--json"]).page
        #expect(listed.map { $0["status"] as? String } == ["open", "open", "cancelled"])
        #expect(try ctl.run(["order", "list", "--cycle", "1", "--status", "cancelled", "--json"]).page.count == 1)
        #expect(try ctl.run(["cycle", "show", "1", "--json"]).object["orderCount"] as? Int == 2)

        // Two days before its closing time the cycle closes only with --now: invoices cannot be taken back.
        let tooEarly = try ctl.run(["cycle", "close", "1", "--lang", "en"])
        #expect(tooEarly.status == 1)
        #expect(tooEarly.stderr.hasPrefix("Cycle 1 closes on "))
        #expect(tooEarly.stderr.hasSuffix("closing it now would issue its invoices early. To close it anyway: --now (API: `\"now\": true`).\n"))
        #expect(try ctl.run(["cycle", "show", "1", "--json"]).object["state"] as? String == "open")

        // The close: two invoices with consecutive numbers, one purchase order per producer.
        let closing = try ctl.run(["cycle", "close", "1", "--now", "--json"])
        #expect(closing.status == 0, "\(closing.stderr)")
        #expect(closing.object["confirmedOrders"] as? Int == 2)
        #expect(closing.object["purchaseOrders"] as? Int == 2)
        #expect(closing.object["invoices"] as? [String] == ["\(year)-000001", "\(year)-000002"])
        let again = try ctl.run(["cycle", "close", "1", "--now"])
        #expect(again.status == 1)
        #expect(again.stderr == "Le cycle 1 est fermé : les commandes ne peuvent plus changer.\n")
        let late = try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0001", "POMMES=3", "--lang", "en"])
        #expect(late.status == 1)
        #expect(late.stderr == "Cycle 1 is closed: orders can no longer change.\n")
        #expect(try ctl.run(["cycle", "list", "--state", "closed", "--json"]).page.count == 1)

        // Purchase orders: the producer gets one list with the summed quantities.
        let purchaseOrders = try ctl.run(["purchase-order", "list", "--cycle", "1", "--json"]).array
        #expect(purchaseOrders.map { $0["producer"] as? String } == ["Ferme Tournesol", "Fromagerie Lavoie"])
        let farmLines = purchaseOrders.first?["lines"] as? [[String: Any]] ?? []
        #expect(farmLines.map { $0["product"] as? String } == ["CONF", "OEUFS", "POMMES"])
        #expect(farmLines.map { $0["quantity"] as? Double } == [1, 3, 1.5])
        #expect(farmLines.map { $0["orders"] as? Int } == [1, 2, 1])
        let csv = try ctl.run(["purchase-order", "export", "--cycle", "1", "--producer", "Ferme Tournesol"])
        #expect(csv.status == 0)
        #expect(csv.stdout == "code,name,unit,quantity,orders,amount\r\nCONF,Confiture,unité,1,1,6.99\r\nOEUFS,Œufs,douzaine,3,2,19.50\r\nPOMMES,Pommes Cortland,kg,1.5,1,6.75\r\n")
        let file = ctl.directory.appendingPathComponent("lavoie.csv").path
        #expect(try ctl.run(["purchase-order", "export", "--cycle", "1", "--producer", "fromagerie lavoie", "--output", file]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("FROMAGE,Cheddar,kg,0.25,1,8.00"))
        #expect(try ctl.run(["purchase-order", "export", "--cycle", "1", "--producer", "Personne"]).status == 1)

        // Invoices: GST and QST lines on the taxable base; totals are the sum of their parts.
        #expect(try ctl.run(["invoice", "list", "--json"]).page.count == 2)
        #expect(try ctl.run(["invoice", "list", "--member", "M-0002", "--cycle", "1", "--json"]).page.count == 1)
        let invoice = try ctl.run(["invoice", "show", "\(year)-000001", "--json"]).object
        #expect(invoice["number"] as? String == "\(year)-000001")
        #expect(invoice["member"] as? String == "M-0001")
        #expect((invoice["lines"] as? [[String: Any]])?.count == 3)
        #expect(invoice["subtotal"] as? Int == 2125)
        #expect(invoice["gst"] as? Int == 40)
        #expect(invoice["qst"] as? Int == 80)
        #expect(invoice["total"] as? Int == 2245)
        let taxes = invoice["taxes"] as? [[String: Any]] ?? []
        #expect(taxes.map { $0["tax"] as? String } == ["gst", "qst"])
        #expect(taxes.map { $0["rate"] as? Int } == [5000, 9975])
        #expect(taxes.map { $0["base"] as? Int } == [800, 800])
        // The invoice is the member's document: in M-0001's language (French), whatever --lang says.
        let people = try ctl.run(["invoice", "show", "\(year)-000001", "--lang", "en"]).stdout
        #expect(people.contains("TVQ 9,975 %"))
        #expect(people.contains("Total 22,45 $"))

        // M-0002's invoice: OEUFS 13.00 + CONF 6.99 (taxable: GST 0.35, QST 0.70) = 21.04.
        let theirs = try ctl.run(["invoice", "show", "\(year)-000002", "--json"]).object
        #expect(theirs["total"] as? Int == 2104)
        let credit = try ctl.run(["invoice", "credit", "\(year)-000002", "--reason", "Pot cassé", "CONF=1", "--json"])
        #expect(credit.status == 0, "\(credit.stderr)")
        #expect(credit.object["number"] as? String == "\(year)-000003")
        #expect(credit.object["kind"] as? String == "credit_note")
        #expect(credit.object["creditedInvoice"] as? String == "\(year)-000002")
        #expect(credit.object["total"] as? Int == 804)
        let over = try ctl.run(["invoice", "credit", "\(year)-000002", "--reason", "Encore", "CONF=1", "--lang", "en"])
        #expect(over.status == 1)
        #expect(over.stderr == "CONF: 1 to credit, but only 0 remains on the invoice.\n")
        #expect(try ctl.run(["invoice", "credit", "\(year)-000003", "--reason", "Non", "--all"]).status == 1, "a credit note is not credited")
        // No line and no --all: nothing is credited, and the volunteer is told what to type.
        let unnamed = try ctl.run(["invoice", "credit", "\(year)-000001", "--reason", "Oups"])
        #expect(unnamed.status == 1)
        #expect(unnamed.stderr == "Indiquez les lignes à créditer (CODE=QTÉ, ex. POMMES=1), ou --all pour créditer tout ce qui reste de la facture.\n")
        #expect(try ctl.run(["invoice", "show", "\(year)-000001", "--json"]).object["creditNotes"] as? [String] == [])
        #expect(try ctl.run(["invoice", "show", "\(year)-000002", "--json"]).object["creditNotes"] as? [String] == ["\(year)-000003"])

        // Statement, payment and the shared account.
        let statement = try ctl.run(["statement", "--member", "M-0002", "--month", Self.today.month, "--json"])
        #expect(statement.status == 0, "\(statement.stderr)")
        #expect(statement.object["invoices"] as? Int == 2104)
        #expect(statement.object["creditNotes"] as? Int == -804)
        #expect(statement.object["closingBalance"] as? Int == 1300)
        #expect(try ctl.run(["statement", "--member", "M-0002", "--month", "2026-13"]).status == 1)
        let paid = try ctl.run(["payment", "add", "--member", "M-0002", "--amount", "5.00", "--method", "comptant", "--json"])
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.object["amount"] as? Int == -500)
        #expect(paid.object["method"] as? String == "cash")
        let bitcoin = try ctl.run(["payment", "add", "--member", "M-0002", "--amount", "5.00", "--method", "bitcoin", "--lang", "en"])
        #expect(bitcoin.status == 1)
        #expect(bitcoin.stderr == "Unknown payment method \"bitcoin\" (cash, card, transfer, Interac or cheque).\n")
        #expect(try ctl.run(["payment", "add", "--member", "M-0002", "--amount", "0", "--method", "cash"]).status == 1)
        #expect(try ctl.run(["payment", "add", "--member", "M-0042", "--amount", "1", "--method", "cash"]).status == 1)
        let account = try ctl.run(["account", "show", "M-0002", "--json"]).object
        #expect(account["balance"] as? Int == 800)
        #expect((account["entries"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["invoice", "credit_note", "payment"])
        #expect(try ctl.run(["account", "show", "M-0002", "--lang", "en"]).stdout.contains("Balance of M-0002: $8.00"))
        let paidStatement = try ctl.run(["statement", "--member", "M-0002", "--month", Self.today.month, "--json"]).object
        #expect(paidStatement["payments"] as? Int == -500)
        #expect(paidStatement["closingBalance"] as? Int == 800)

        // Reports.
        let packing = try ctl.run(["report", "packing", "--cycle", "1", "--json"]).array
        #expect(packing.map { $0["pickup"] as? String } == ["Plateau", "Rosemont"])
        #expect(packing.map { $0["member"] as? String } == ["M-0001", "M-0002"])
        #expect(try ctl.run(["report", "packing", "--cycle", "1", "--pickup", "Rosemont", "--json"]).array.count == 1)
        let picking = try ctl.run(["report", "picking", "--cycle", "1", "--json"]).array
        #expect(picking.map { $0["product"] as? String } == ["CONF", "FROMAGE", "OEUFS", "POMMES"])
        #expect((picking[2]["pickups"] as? [[String: Any]])?.map { $0["pickup"] as? String } == ["Plateau", "Rosemont"])
        let sales = try ctl.run(["report", "sales", "--cycle", "1", "--json"]).object
        #expect((sales["rows"] as? [[String: Any]])?.map { $0["net"] as? Int } == [675 + 650 + 1300, 800])
        #expect(sales["credited"] as? Int == 699)
        #expect(try ctl.run(["report", "sales", "--month", Self.today.month, "--json"]).object["invoiced"] as? Int == 4124)
        let taxReport = try ctl.run(["report", "taxes", "--from", "\(year)-01-01", "--to", "\(year)-12-31", "--json"]).object
        #expect(taxReport["invoiceCount"] as? Int == 2)
        #expect(taxReport["creditNoteCount"] as? Int == 1)
        #expect((taxReport["rows"] as? [[String: Any]])?.map { $0["collected"] as? Int } == [75, 150])
        #expect((taxReport["rows"] as? [[String: Any]])?.map { $0["net"] as? Int } == [40, 80])
        let badDate = try ctl.run(["report", "taxes", "--from", "hier", "--to", "\(year)-12-31", "--lang", "en"])
        #expect(badDate.status == 1)
        #expect(badDate.stderr == "Invalid date for the start date: \"hier\" (YYYY-MM-DD).\n")
        #expect(try ctl.run(["report", "picking", "--cycle", "9"]).status == 1)

        // Pickup: the reserved units leave the stock.
        let pickedUp = try ctl.run(["order", "pickup", String(orderID), "--json"])
        #expect(pickedUp.object["status"] as? String == "picked_up")
        let eggs = try ctl.run(["product", "show", "OEUFS", "--json"]).object
        #expect(eggs["stock"] as? Int == 9)
        #expect(eggs["reserved"] as? Int == 2)
        #expect(try ctl.run(["order", "pickup", String(orderID)]).status == 1)
        #expect(try ctl.run(["cycle", "deliver", "1", "--json"]).object["state"] as? String == "delivered")
    }

    /// Lines for people give instants in the co-op's zone and as people write them: the time alone on
    /// the day itself, with the date on another.
    @Test func openingACycleSaysWhenItClosesInLocalTime() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        let monday = ["COOP_NOW": "2030-12-02T09:00"]  // America/Toronto, the default zone
        for (name, closes) in [("Semaine 49", "2030-12-02T14:26"), ("Semaine 50", "2030-12-04T17:00")] {
            #expect(try ctl.run(["cycle", "create", "--name", name, "--opens", "2030-12-02T08:00", "--closes", closes,
                                 "--pickup-date", "2030-12-06"], environment: monday).status == 0)
        }
        #expect(try ctl.run(["cycle", "open", "1"], environment: monday).stdout == "Cycle 1 ouvert ; il ferme à 14 h 26.\n")
        #expect(try ctl.run(["cycle", "open", "2", "--lang", "en"], environment: monday).stdout
                == "Cycle 2 open; it closes on December 4, 2030 at 5:00 PM.\n")
        let early = try ctl.run(["cycle", "close", "1"], environment: monday)
        #expect(early.status == 1)
        #expect(early.stderr.hasPrefix("Le cycle 1 ferme à 14 h 26 ; le fermer maintenant émettrait ses factures avant l’heure."))
    }

    @Test func cycleInputIsCheckedAndUsageErrorsExit2() throws {
        let ctl = try Self.catalogue()
        defer { ctl.remove() }
        let badDay = try ctl.run(["cycle", "create", "--name", "X", "--opens", Self.instant(0), "--closes", Self.instant(86_400),
                                  "--pickup-date", "2026-13-01", "--lang", "en"])
        #expect(badDay.status == 1)
        #expect(badDay.stderr == "Invalid date for the pickup date: \"2026-13-01\" (YYYY-MM-DD).\n")
        let badOpens = try ctl.run(["cycle", "create", "--name", "X", "--opens", "lundi", "--closes", Self.instant(86_400),
                                    "--pickup-date", Self.day(3), "--lang", "en"])
        #expect(badOpens.status == 1)
        #expect(badOpens.stderr.hasPrefix("Invalid value for the opening time: \"lundi\""))
        let backwards = try ctl.run(["cycle", "create", "--name", "X", "--opens", Self.instant(86_400), "--closes", Self.instant(0),
                                     "--pickup-date", Self.day(3)])
        #expect(backwards.status == 1)
        #expect(try ctl.run(["cycle", "create", "--name", "X", "--opens", Self.instant(0), "--closes", Self.instant(86_400),
                             "--pickup-date", Self.day(3), "--pickup", "Nulle part"]).status == 1)
        #expect(try ctl.run(["cycle", "list", "--json"]).page.count == 1, "nothing was created by the refusals")
        #expect(try ctl.run(["cycle", "show", "7"]).status == 1)
        #expect(try ctl.run(["cycle", "open", "1"]).status == 0)
        #expect(try ctl.run(["cycle", "open", "1"]).status == 1)

        for usage in [["cycle", "open", "un"], ["order", "set", "--member", "M-0001", "POMMES=1"], ["order", "frobnicate"],
                      ["report", "nope"], ["report", "sales"], ["report", "sales", "--cycle", "1", "--month", "2026-03"],
                      ["report", "packing"], ["invoice", "credit", "2026-000001"], ["payment", "add", "--member", "M-0001"],
                      ["account", "show"], ["statement", "--member", "M-0001"], ["purchase-order", "export", "--cycle", "1"]] {
            #expect(try ctl.run(usage).status == 2, "\(usage)")
        }
    }
}

fileprivate extension CoopCtlRunner {
    /// Runs a command that must succeed.
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
    }
}
