import CoopCore
import CoopTestSupport
import Foundation
import Testing
@testable import Membership

/// The co-op's profile printed on its invoices: anyone reads it, an administrator changes it, and a
/// bad name, address or tax number is refused in both languages and changes nothing.
@Suite struct CoopProfileTests {
    let admin = Caller(role: .admin, memberNumber: nil, label: "admin")

    @Test func untilSetTheProfileIsTheNameCoopAndAnyoneReadsIt() async throws {
        let db = try await TestDatabase()
        #expect(try await db.service.acting(as: .anonymous).coopProfile() == .defaults)
        #expect(CoopProfile.defaults.name == "Coop" && CoopProfile.defaults.address == nil)
    }

    @Test func anAdministratorSetsItAndTheNumbersAreStoredNormalized() async throws {
        let db = try await TestDatabase()
        let membership = db.service.acting(as: admin)
        let set = try await membership.updateCoopProfile(CoopProfileChanges(
            name: "  Épicerie Solidaire  ", address: "12 rue Rachel Est\r\n\n  Montréal QC  H2J 2H1 ",
            gstNumber: "123 456 789 rt 0001", qstNumber: "1234567890-TQ-0001"))
        #expect(set == CoopProfile(name: "Épicerie Solidaire", address: "12 rue Rachel Est\nMontréal QC  H2J 2H1",
                                   gstNumber: "123456789RT0001", qstNumber: "1234567890TQ0001"))
        #expect(set.addressLines == ["12 rue Rachel Est", "Montréal QC  H2J 2H1"])
        #expect(try await db.service.acting(as: .member("M-0001")).coopProfile() == set)
        // A field left out stays; an empty one is removed; the name stays.
        let changed = try await membership.updateCoopProfile(CoopProfileChanges(address: "", qstNumber: " "))
        #expect(changed == CoopProfile(name: "Épicerie Solidaire", address: nil, gstNumber: "123456789RT0001", qstNumber: nil))
        #expect(try await db.service.coopProfile() == changed)
        #expect(try await db.count("membership_coop_profile") == 1)
    }

    @Test func badFieldsAreRefusedInWordsAndChangeNothing() async throws {
        let db = try await TestDatabase()
        let membership = db.service.acting(as: admin)
        _ = try await membership.updateCoopProfile(CoopProfileChanges(name: "Épicerie Solidaire", gstNumber: "123456789RT0001"))
        let before = try await db.snapshot()
        let gst = try await expectRefusal("membership.invalid_gst_number") {
            try await membership.updateCoopProfile(CoopProfileChanges(name: "Autre nom", gstNumber: "12345678RT0001"))
        }
        #expect(gst.kind == .invalid && gst.field == "gstNumber")
        #expect(gst.message(.fr) == "Numéro de TPS/TVH invalide : « 12345678RT0001 » (9 chiffres, RT et 4 chiffres, comme 123456789RT0001).")
        #expect(gst.message(.en).hasPrefix("Invalid GST/HST number: \"12345678RT0001\""))
        let qst = try await expectRefusal("membership.invalid_qst_number") {
            try await membership.updateCoopProfile(CoopProfileChanges(qstNumber: "1234567890RT0001"))
        }
        #expect(qst.field == "qstNumber" && qst.message(.fr).contains("10 chiffres, TQ et 4 chiffres"))
        try await expectRefusal("membership.invalid_qst_number") {
            try await membership.updateCoopProfile(CoopProfileChanges(qstNumber: "١٢٣٤٥٦٧٨٩٠TQ0001"))
        }
        let name = try await expectRefusal("common.required") { try await membership.updateCoopProfile(CoopProfileChanges(name: "   ")) }
        #expect(name.field == "name" && name.message(.fr) == "Le champ « nom » est obligatoire.")
        let long = try await expectRefusal("common.too_long") {
            try await membership.updateCoopProfile(CoopProfileChanges(name: String(repeating: "é", count: 101)))
        }
        #expect(long.message(.en) == "The field \"name\" is longer than 100 characters.")
        try await expectRefusal("common.too_long") {
            try await membership.updateCoopProfile(CoopProfileChanges(address: String(repeating: "rue ", count: 80)))
        }
        try await expectRefusal("membership.invalid_coop_name") {
            try await membership.updateCoopProfile(CoopProfileChanges(name: "Épicerie\nSolidaire"))
        }
        try await expectRefusal("common.required") { try await membership.updateCoopProfile(CoopProfileChanges()) }
        #expect(try await db.snapshot() == before)
    }

    @Test func onlyAnAdministratorChangesIt() async throws {
        let db = try await TestDatabase()
        try await db.addMember("Alice")
        let change = CoopProfileChanges(name: "Épicerie Solidaire")
        try await expectRefusal("auth.unauthenticated") { try await db.service.acting(as: .anonymous).updateCoopProfile(change) }
        try await expectRefusal("auth.forbidden") { try await db.service.acting(as: .member("M-0001")).updateCoopProfile(change) }
        try await expectRefusal("auth.forbidden") { try await db.service.acting(as: .staff("desk")).updateCoopProfile(change) }
        #expect(try await db.count("membership_coop_profile") == 0)
        #expect(try await db.service.acting(as: admin).updateCoopProfile(change).name == "Épicerie Solidaire")
    }
}
