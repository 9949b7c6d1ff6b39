import Foundation
import Testing

/// `payment void` and `account show`: a payment typed wrong is reversed, never deleted.
@Suite struct AccountCommandTests {
    @Test func aPaymentTypedWrongIsVoidedOnceAndTheAccountShowsBothEntries() throws {
        let ctl = try CoopCtlRunner.seeded(members: 1)
        defer { ctl.remove() }
        let paid = try ctl.run(["payment", "add", "--member", "M-0001", "--amount", "50.00", "--method", "comptant", "--json"])
        #expect(paid.status == 0, "\(paid.stderr)")
        let id = try #require(paid.object["id"] as? Int)

        let voided = try ctl.run(["payment", "void", String(id), "--reason", "50 tapé au lieu de 5", "--lang", "en"])
        #expect(voided.status == 0, "\(voided.stderr)")
        #expect(voided.stdout == "Payment no. \(id) of $50.00 voided for M-0001 (entry no. \(id + 1)). Balance: $0.00.\n")

        let account = try ctl.run(["account", "show", "M-0001", "--json"]).object
        #expect(account["balance"] as? Int == 0)
        let entries = try #require(account["entries"] as? [[String: Any]])
        #expect(entries.map { $0["kind"] as? String } == ["payment", "payment_void"])
        #expect(entries.map { $0["amount"] as? Int } == [-5_000, 5_000])
        #expect(entries[0]["voidedBy"] as? Int == id + 1)
        #expect(entries[1]["voids"] as? Int == id)
        #expect(entries[1]["description"] as? String == "50 tapé au lieu de 5")
        let table = try ctl.run(["account", "show", "M-0001"]).stdout
        #expect(table.contains("annulé par n° \(id + 1)") && table.contains("annule n° \(id)"))
        // Kinds in words, never codes (the JSON above keeps the codes).
        #expect(table.contains("paiement annulé") && table.contains("paiement ") && !table.contains("payment"))
        #expect(try ctl.run(["account", "show", "M-0001", "--lang", "en"]).stdout.contains("payment voided"))

        let again = try ctl.run(["payment", "void", String(id), "--reason", "encore"])
        #expect(again.status == 1)
        #expect(again.stderr == "Le paiement n° \(id) est déjà annulé (écriture n° \(id + 1)).\n")
        let againEn = try ctl.run(["payment", "void", String(id), "--reason", "encore", "--lang", "en"])
        #expect(againEn.stderr == "Payment no. \(id) is already voided (entry no. \(id + 1)).\n")
        #expect((try ctl.run(["account", "show", "M-0001", "--json"]).object["entries"] as? [Any])?.count == 2, "nothing changed")
    }

    @Test func aVoidNeedsAReasonAndAPayment() throws {
        let ctl = try CoopCtlRunner.seeded(members: 1)
        defer { ctl.remove() }
        let id = try #require(try ctl.run(["payment", "add", "--member", "M-0001", "--amount", "5.00", "--method", "cash", "--json"]).object["id"] as? Int)
        let noReason = try ctl.run(["payment", "void", String(id)])
        #expect(noReason.status == 2, "a usage error: --reason is required")
        let blank = try ctl.run(["payment", "void", String(id), "--reason", "  "])
        #expect(blank.status == 1)
        #expect(blank.stderr == "Le champ « motif » est obligatoire.\n")
        let missing = try ctl.run(["payment", "void", "999", "--reason", "erreur", "--lang", "en"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "Account entry not found: no. 999.\n")
        let balance = try ctl.run(["account", "show", "M-0001", "--json"]).object["balance"] as? Int
        #expect(balance == -500, "nothing changed")
    }
}
