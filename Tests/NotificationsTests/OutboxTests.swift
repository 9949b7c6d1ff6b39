import Coop
import CoopCore
import CoopTestSupport
import Foundation
import Inventory
import Lending
import Membership
import Orders
import Testing
import Voting
@testable import Notifications

/// The outbox: written by each domain in the transaction of its cause, one notice per cause, every
/// kind delivered in its member's language, credential codes unreadable in the database.
@Suite(.serialized) struct OutboxTests {
    /// Every row of the outbox: key, kind and member.
    static func rows(_ t: TestNotices) async throws -> [(key: String, kind: String, member: String)] {
        try await t.pool.read { db in
            try db.query("SELECT key, kind, member_number FROM coop_outbox ORDER BY id").map { (try $0.get(0), try $0.get(1), try $0.get(2)) }
        }
    }

    @Test func everyKindReachesItsMemberInTheirLanguage() async throws {
        let server = try await MailServer()
        let t = try await TestNotices(smtp: server.url)
        let coop = t.coop
        _ = try await coop.membership.addPlan(Plan(name: "Mensuel", fee: Money(cents: 500), months: 1, maxLoans: 5, maxReservations: 3))
        let elise = try await t.member("Elise", .fr, plan: "Mensuel")
        let sam = try await t.member("Sam", .en)
        _ = try await coop.lending.setPolicy(LoanPolicyInput(loanDays: 14, maxRenewals: 2, feePerDay: Money(cents: 100), graceDays: 0,
                                                             feeCap: Money(cents: 2_000), holdReadyDays: 3))
        for code in ["PERCEUSE", "SCIE"] {
            _ = try await coop.inventory.addItem(NewItem(code: code, name: code.capitalized, quantity: 1), createPaths: true)
        }
        _ = try await coop.orders.addProducer(NewProducer(name: "Ferme Tournesol"))
        _ = try await coop.orders.addPickupPoint(NewPickupPoint(name: "Centre"))
        _ = try await coop.orders.addProduct(NewProduct(code: "POMMES", name: "Pommes", producer: "Ferme Tournesol", unit: .kilogram,
                                                        price: Money(cents: 450), tax: .zero, stock: nil))

        // Monday 10:00: a cycle opens (every active member hears), Elise borrows the drill, Sam waits
        // for it and books the saw for tomorrow.
        let now = t.clock.now()
        let cycle = try await coop.orders.createCycle(NewCycle(name: "Semaine 12", opens: now.adding(seconds: -3600),
                                                               closes: now.adding(seconds: 3 * 86_400), pickupDate: t.context.today().adding(days: 4)))
        _ = try await coop.orders.openCycle(cycle.id)
        _ = try await coop.lending.checkOut(item: "PERCEUSE", member: elise)
        _ = try await coop.lending.placeHold(item: "PERCEUSE", member: sam)
        _ = try await coop.lending.reserve(item: "SCIE", member: sam, from: t.context.today().adding(days: 1), to: t.context.today().adding(days: 2))
        _ = try await coop.orders.acting(as: .member(elise)).setOrder(cycle: cycle.id, member: elise, pickup: "Centre",
                                                                       lines: [try OrderLineInput(parsing: "POMMES=2")])
        _ = try await t.notifications.runOnce()

        t.set("2026-03-18T22:00")          // less than 24 hours before the close: Sam's basket is empty
        _ = try await t.notifications.runOnce()
        t.set("2026-03-19T10:01")
        let closing = try await coop.orders.closeCycle(cycle.id)
        _ = try await coop.orders.creditNote(invoice: closing.invoices[0], reason: "Pommes abîmées", .everythingLeft)
        t.set("2026-03-29T10:00")          // the drill is due tomorrow
        _ = try await t.notifications.runOnce()
        t.set("2026-03-31T10:00")          // one day late
        _ = try await t.notifications.runOnce()
        _ = try await coop.lending.checkIn(item: "PERCEUSE")       // Sam's hold is ready
        let election = try await coop.voting.createElection(NewElection(
            title: "Assemblée générale", questions: [Question(text: "Adopter les comptes ?", kind: .single, choices: ["Oui", "Non"])],
            opens: t.clock.now().adding(seconds: 86_400), closes: t.clock.now().adding(seconds: 5 * 86_400)))
        _ = try await coop.voting.issueCredentials(election.id)
        _ = try await t.notifications.runOnce()
        t.set("2026-04-18T10:00")          // Elise's month has ended
        _ = try await t.notifications.runOnce()

        let rows = try await Self.rows(t)
        #expect(Set(rows.map(\.kind)) == Set(NoticeKind.allCases.map(\.rawValue)), "\(rows.map(\.kind))")
        #expect(try await t.notifications.counts() == NoticeCounts(queued: 0, sending: 0, sent: rows.count, failed: 0))
        let mail = try await server.waitForMessages(rows.count)
        #expect(mail.count == rows.count, "one message per notice, none twice")
        let byID = Dictionary(mail.map { ($0.messageID, $0) }, uniquingKeysWith: { a, _ in a })
        for row in rows {
            guard let message = byID[MailMessage.messageID(key: row.key, from: t.settings.from)] else {
                Issue.record("no message for \(row.key)")
                continue
            }
            let french = row.member == elise
            #expect(message.to == (french ? "elise@example.org" : "sam@example.org"), "\(row.key)")
            #expect(message.text.hasPrefix(french ? "Bonjour Elise," : "Hello Sam,"), "\(row.key): \(message.text)")
            #expect(message.html.contains(french ? "<html lang=\"fr\">" : "<html lang=\"en\">"), "\(row.key)")
            #expect(message.text.contains("https://outils.coop-exemple.org/"), "\(row.key)")
            #expect(!message.text.contains("{{"), "\(row.key)")
        }
        let overdue = try #require(mail.first { $0.subject.contains("en retard") })
        #expect(overdue.subject == "Coop : Perceuse est en retard de 1 jour")
        #expect(overdue.text.contains("Frais de retard à ce jour : 1,00 $."))
        let hold = try #require(mail.first { $0.subject.contains("waiting for you") })
        #expect(hold.text.contains("until April 2, 2026 inclusive"), "\(hold.text)")
        let invoice = try #require(mail.first { $0.subject.hasPrefix("Coop : votre facture") })
        #expect(invoice.text.contains("- Pommes : 2 kg, 9,00 $"))
        #expect(invoice.text.contains("Voir et imprimer : https://outils.coop-exemple.org/me/invoices/\(closing.invoices[0])?lang=fr"))
    }

    @Test func aNoticeExistsOnlyIfItsCauseWasCommitted() async throws {
        let t = try await TestNotices()
        let coop = t.coop
        // Refused: nobody is eligible yet. Nothing is written, no credential notice either.
        let election = try await coop.voting.createElection(NewElection(
            title: "AG", questions: [Question(text: "Oui ?", kind: .single, choices: ["Oui", "Non"])],
            opens: t.clock.now().adding(seconds: 86_400), closes: t.clock.now().adding(seconds: 2 * 86_400)))
        await #expect(throws: CoopError.self) { try await coop.voting.issueCredentials(election.id) }
        #expect(try await t.count("coop_outbox") == 0)

        // A cycle closed too early is refused: no invoice notices.
        let elise = try await t.member("Elise")
        let now = t.clock.now()
        _ = try await coop.orders.addProducer(NewProducer(name: "Ferme"))
        _ = try await coop.orders.addPickupPoint(NewPickupPoint(name: "Centre"))
        _ = try await coop.orders.addProduct(NewProduct(code: "PAIN", name: "Pain", producer: "Ferme", unit: .unit, price: Money(cents: 500), tax: .zero, stock: nil))
        let cycle = try await coop.orders.createCycle(NewCycle(name: "S12", opens: now.adding(seconds: -60), closes: now.adding(seconds: 86_400),
                                                               pickupDate: t.context.today().adding(days: 2)))
        _ = try await coop.orders.openCycle(cycle.id)
        _ = try await coop.orders.acting(as: .member(elise)).setOrder(cycle: cycle.id, member: elise, pickup: "Centre", lines: [try OrderLineInput(parsing: "PAIN=1")])
        await #expect(throws: CoopError.self) { try await coop.orders.closeCycle(cycle.id) }
        #expect(try await Self.rows(t).map(\.kind) == ["cycle_open"])
        _ = try await coop.orders.closeCycle(cycle.id, early: true)
        #expect(try await Self.rows(t).map(\.kind) == ["cycle_open", "invoice_issued"])
    }

    @Test func theCredentialCodeIsSealedInTheDatabaseAndErasedOnceSent() async throws {
        let server = try await MailServer()
        let t = try await TestNotices(smtp: server.url)
        try await t.member("Elise")
        try await t.member("Sam", .en)
        let election = try await t.coop.voting.createElection(NewElection(
            title: "AG", questions: [Question(text: "Oui ?", kind: .single, choices: ["Oui", "Non"])],
            opens: t.clock.now().adding(seconds: 86_400), closes: t.clock.now().adding(seconds: 2 * 86_400)))
        let issued = try await t.coop.voting.issueCredentials(election.id)
        try await t.pool.writeWithoutTransaction { try $0.execute("PRAGMA wal_checkpoint(TRUNCATE)") }

        // Anyone reading the database file sees no code, only sealed bytes.
        let file = try Data(contentsOf: t.storage.directory.appendingPathComponent("coop.sqlite"))
        for credential in issued.credentials {
            #expect(file.range(of: Data(credential.code.utf8)) == nil)
            #expect(file.range(of: Data(credential.code.replacingOccurrences(of: "-", with: "").utf8)) == nil)
        }
        #expect(try await t.count("coop_outbox", where: "sealed IS NOT NULL") == 2)

        _ = try await t.notifications.runOnce()
        #expect(try await t.count("coop_outbox", where: "sealed IS NOT NULL") == 0, "erased once sent")
        let mail = try await server.waitForMessages(2)
        for credential in issued.credentials {
            let to = credential.member == "M-0001" ? "elise@example.org" : "sam@example.org"
            let message = try #require(mail.first { $0.to == to })
            #expect(message.text.contains(credential.code))
            #expect(message.text.contains("https://outils.coop-exemple.org/vote/\(election.id)?lang="))
        }
    }

    @Test func aSealedCodeDoesNotOpenInAnotherRow() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coop-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try OutboxKey.forDatabase(directory.appendingPathComponent("coop.sqlite").path)
        let sealed = try key.seal(Array("ABCD-EFGH".utf8), binding: "election_credential:ag:M-0001")
        #expect(try key.open(sealed, binding: "election_credential:ag:M-0001") == Array("ABCD-EFGH".utf8))
        #expect(throws: CryptoError.self) { try key.open(sealed, binding: "election_credential:ag:M-0002") }
        var tampered = sealed
        tampered[14] ^= 1
        #expect(throws: CryptoError.self) { try key.open(tampered, binding: "election_credential:ag:M-0001") }
        let attributes = try FileManager.default.attributesOfItem(atPath: OutboxKey.path(forDatabase: directory.appendingPathComponent("coop.sqlite").path))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func theSchedulerEnqueuesEachReminderOnce() async throws {
        let t = try await TestNotices()
        let elise = try await t.member("Elise")
        _ = try await t.coop.lending.setPolicy(LoanPolicyInput(loanDays: 7, maxRenewals: 2, feePerDay: Money(cents: 50), graceDays: 0, feeCap: Money(cents: 1_000)))
        _ = try await t.coop.inventory.addItem(NewItem(code: "PERCEUSE", name: "Perceuse", quantity: 1), createPaths: true)
        _ = try await t.coop.lending.checkOut(item: "PERCEUSE", member: elise)
        t.set("2026-03-22T09:00")           // due tomorrow (the 23rd)
        #expect(try await t.notifications.runOnce().scheduled == 1)
        #expect(try await t.notifications.runOnce().scheduled == 0, "the same reminder again: nothing new")
        for (day, expected) in [("24", 1), ("25", 0), ("30", 1), ("31", 0), ("2026-04-06", 1), ("2026-04-20", 0)] {
            t.set(day.count == 2 ? "2026-03-\(day)T09:00" : "\(day)T09:00")
            #expect(try await t.notifications.runOnce().scheduled == expected, "\(day)")
        }
        #expect(try await Self.rows(t).map(\.key) == [
            "loan_due_tomorrow:1:2026-03-23", "loan_overdue:1:2026-03-23:1", "loan_overdue:1:2026-03-23:7", "loan_overdue:1:2026-03-23:14",
        ])
    }

    @Test func aMemberWhoOptsOutGetsNoMoreRemindersOfThatKindButStillTheirInvoices() async throws {
        let t = try await TestNotices()
        let elise = try await t.member("Elise")
        let sam = try await t.member("Sam", .en)
        let member = t.notifications.acting(as: .member(elise))
        #expect(try await member.preferences(member: elise).allSatisfy(\.enabled))
        await #expect(throws: CoopError.notYourData()) { try await member.setPreference(member: sam, topic: .cycles, enabled: false) }

        _ = try await t.coop.orders.addProducer(NewProducer(name: "Ferme"))
        _ = try await t.coop.orders.addPickupPoint(NewPickupPoint(name: "Centre"))
        _ = try await t.coop.orders.addProduct(NewProduct(code: "PAIN", name: "Pain", producer: "Ferme", unit: .unit, price: Money(cents: 500), tax: .zero, stock: nil))
        let now = t.clock.now()
        let first = try await t.coop.orders.createCycle(NewCycle(name: "S12", opens: now, closes: now.adding(seconds: 86_400), pickupDate: t.context.today().adding(days: 2)))
        _ = try await t.coop.orders.openCycle(first.id)
        #expect(try await t.count("coop_outbox", where: "member_number = '\(elise)'") == 1)

        // Turning cycle notices off drops the one queued and stops the next ones; invoices still come.
        let after = try await member.setPreference(member: elise, topic: .cycles, enabled: false)
        #expect(after.first { $0.topic == .cycles }?.enabled == false)
        #expect(try await t.count("coop_outbox", where: "member_number = '\(elise)'") == 0)
        let second = try await t.coop.orders.createCycle(NewCycle(name: "S13", opens: now, closes: now.adding(seconds: 86_400), pickupDate: t.context.today().adding(days: 2)))
        _ = try await t.coop.orders.openCycle(second.id)
        _ = try await t.coop.orders.acting(as: .member(elise)).setOrder(cycle: second.id, member: elise, pickup: "Centre", lines: [try OrderLineInput(parsing: "PAIN=1")])
        _ = try await t.coop.orders.closeCycle(second.id, early: true)
        #expect(try await Self.rows(t).filter { $0.member == elise }.map(\.kind) == ["invoice_issued"])
        #expect(try await Self.rows(t).filter { $0.member == sam }.map(\.kind) == ["cycle_open", "cycle_open"])
    }

    @Test func theSignedLinkTurnsRemindersOffWithoutSigningIn() async throws {
        let t = try await TestNotices()
        let elise = try await t.member("Elise")
        let key = try OutboxKey.forDatabase(t.pool.path)
        let signature = NoticeLinks.signature(member: elise, topic: .loans, key: key)
        let anyone = t.notifications.acting(as: .anonymous)
        await #expect(throws: CoopError.invalidOptOutLink()) { try await anyone.optOut(link: elise, topic: .loans, signature: "forged") }
        await #expect(throws: CoopError.invalidOptOutLink()) { try await anyone.optOut(link: elise, topic: .cycles, signature: signature) }
        #expect(try await t.count("coop_notice_opt_outs") == 0)
        try await anyone.optOut(link: elise, topic: .loans, signature: signature)
        #expect(try await t.notifications.preferences(member: elise).first { $0.topic == .loans }?.enabled == false)
    }
}
