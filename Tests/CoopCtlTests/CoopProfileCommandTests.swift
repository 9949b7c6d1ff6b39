import Foundation
import Testing

/// `coopctl coop show|set`: the co-op's profile printed on its invoices, in words or as JSON.
@Suite struct CoopProfileCommandTests {
    @Test func theProfileIsSetShownAndRemovedFieldByField() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        let fresh = try ctl.run(["coop", "show", "--json"]).object
        #expect(fresh["name"] as? String == "Coop" && fresh["address"] is NSNull && fresh["gstNumber"] is NSNull)
        let set = try ctl.run(["coop", "set", "--name", "Épicerie Solidaire", "--address", "12 rue Rachel Est\nMontréal QC  H2J 2H1",
                               "--gst-number", "123456789 RT 0001", "--qst-number", "1234567890TQ0001"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == """
            Nom : Épicerie Solidaire
            Adresse :
              12 rue Rachel Est
              Montréal QC  H2J 2H1
            Numéro de TPS/TVH : 123456789RT0001
            Numéro de TVQ : 1234567890TQ0001

            """, "\(set.stdout)")
        let english = try ctl.run(["coop", "show", "--lang", "en"]).stdout
        #expect(english.contains("GST/HST number: 123456789RT0001") && english.contains("QST number: 1234567890TQ0001"))
        // An empty value removes an optional field; the others stay.
        let removed = try ctl.run(["coop", "set", "--qst-number", "", "--json"]).object
        #expect(removed["qstNumber"] is NSNull && removed["gstNumber"] as? String == "123456789RT0001")
        #expect(removed["address"] as? String == "12 rue Rachel Est\nMontréal QC  H2J 2H1")
        #expect(try ctl.run(["coop", "show"]).stdout.contains("Numéro de TVQ : (aucun)"))
    }

    @Test func aBadNumberIsRefusedInWordsAndNothingChanges() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        let refused = try ctl.run(["coop", "set", "--name", "Autre", "--gst-number", "RT0001"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Numéro de TPS/TVH invalide : « RT0001 »"), "\(refused.stderr)")
        let english = try ctl.run(["coop", "set", "--qst-number", "12", "--lang", "en"])
        #expect(english.status == 1 && english.stderr.contains("Invalid QST number: \"12\""))
        #expect(try ctl.run(["coop", "show", "--json"]).object["name"] as? String == "Coop")
        // No option at all is a usage error.
        #expect(try ctl.run(["coop", "set"]).status == 2)
    }
}
