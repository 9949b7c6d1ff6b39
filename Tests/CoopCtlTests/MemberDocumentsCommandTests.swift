import Foundation
import Testing

/// Statements and invoices are the member's documents: printed in the member's language, one
/// language at a time; the desk's own tables (account show) stay in the reader's.
@Suite struct MemberDocumentsCommandTests {
    @Test func statementsAndInvoicesAreInTheMembersLanguageAndAccountsInTheReaders() throws {
        let ctl = try OrdersCommandTests.catalogue()
        defer { ctl.remove() }
        let year = OrdersCommandTests.today.year, month = OrdersCommandTests.today.month
        #expect(try ctl.run(["member", "update", "M-0002", "--language", "en"]).status == 0)
        #expect(try ctl.run(["cycle", "open", "1"]).status == 0)
        #expect(try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0001", "--pickup", "Plateau", "OEUFS=1"]).status == 0)
        #expect(try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0002", "--pickup", "Plateau", "OEUFS=2"]).status == 0)
        #expect(try ctl.run(["cycle", "close", "1", "--now"]).status == 0)
        #expect(try ctl.run(["payment", "add", "--member", "M-0002", "--amount", "5.00", "--method", "comptant"]).status == 0)

        // The English member's statement is in English with no --lang; the French member's in French.
        let english = try ctl.run(["statement", "--member", "M-0002", "--month", month])
        #expect(english.status == 0, "\(english.stderr)")
        #expect(english.stdout.hasPrefix("Statement of M-0002"))
        #expect(english.stdout.contains("Invoice \(year)-000002") && english.stdout.contains("invoice") && english.stdout.contains("Payment"))
        #expect(!english.stdout.contains("Facture") && !english.stdout.contains("Paiement"))
        let french = try ctl.run(["statement", "--member", "M-0001", "--month", month, "--lang", "en"])
        #expect(french.stdout.hasPrefix("Relevé de M-0001"))
        #expect(french.stdout.contains("Facture \(year)-000001") && french.stdout.contains("facture") && !french.stdout.contains("Invoice"))
        let json = try ctl.run(["statement", "--member", "M-0002", "--month", month, "--json"]).object
        #expect(json["language"] as? String == "en")
        #expect((json["entries"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["invoice", "payment"], "JSON keeps the codes")

        let invoice = try ctl.run(["invoice", "show", "\(year)-000002"])
        #expect(invoice.stdout.hasPrefix("Invoice \(year)-000002 — M-0002") && invoice.stdout.contains("GST"))
        #expect(try ctl.run(["invoice", "show", "\(year)-000001", "--lang", "en"]).stdout.hasPrefix("Facture \(year)-000001 — M-0001"))
        let credit = try ctl.run(["invoice", "credit", "\(year)-000002", "--reason", "Broken", "OEUFS=1"])
        #expect(credit.stdout.contains("Credit note \(year)-000003 — M-0002, on invoice \(year)-000002"))

        // The desk's table: the reader's language, never both at once.
        let desk = try ctl.run(["account", "show", "M-0002"]).stdout
        #expect(desk.contains("Facture \(year)-000002") && desk.contains("Note de crédit \(year)-000003 sur la facture \(year)-000002"))
        #expect(!desk.contains(" / "), "no two-language text")
        #expect(try ctl.run(["account", "show", "M-0002", "--lang", "en"]).stdout.contains("Invoice \(year)-000002"))
    }
}
