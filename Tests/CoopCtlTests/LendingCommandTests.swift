import Foundation
import Testing

/// `coopctl policy|closure|setting|loan|reserve|reservation|hold|fee|report`, run as the real binary on
/// a temporary database. The clock is the real one, so dates are counted from today in the co-op's
/// default zone (America/Toronto) and past desk operations use `--at`.
@Suite struct LendingCommandTests {
    static let zone = TimeZone(identifier: "America/Toronto")!

    /// Today plus `days`, as `YYYY-MM-DD` in the co-op's zone.
    static func day(_ days: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: days, to: Date())!)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// A seeded database with `members` members (M-0001…), the default policy set to 7 days, one
    /// renewal, 1.00 a day after 2 grace days capped at 20.00, and the given items (code, quantity).
    static func library(members: Int, items: [(String, Int)]) throws -> CoopCtlRunner {
        let ctl = try CoopCtlRunner.seeded(members: members)
        let policy = try ctl.run(["policy", "set", "--loan-days", "7", "--renewals", "1", "--fee-per-day", "1.00", "--grace-days", "2",
                                  "--fee-cap", "20.00"])
        #expect(policy.status == 0, "\(policy.stderr)")
        for (code, quantity) in items {
            let added = try ctl.run(["item", "add", "--code", code, "--name", "Article \(code)", "--category", "Outils",
                                     "--quantity", String(quantity), "--value", "80.00", "--create"])
            #expect(added.status == 0, "\(added.stderr)")
        }
        return ctl
    }

    @Test func policiesClosuresAndSettings() throws {
        let ctl = try Self.library(members: 1, items: [("T-0001", 1)])
        defer { ctl.remove() }
        // A policy for a category that does not exist yet is refused, naming the closest existing one.
        let missing = try ctl.run(["policy", "set", "--category", "Outil", "--loan-days", "3", "--renewals", "0", "--fee-per-day", "0.50",
                                   "--grace-days", "0", "--fee-cap", "5.00", "--lang", "en"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "Category not found: \"Outil\". Closest: Outils.\n")
        #expect(try ctl.run(["category", "add", "Outils/Perceuses"]).status == 0)
        let set = try ctl.run(["policy", "set", "--category", "Outils/Perceuses", "--loan-days", "3", "--renewals", "0", "--self-renew",
                               "--fee-per-day", "0.50", "--grace-days", "0", "--fee-cap", "5.00", "--buffer-days", "1",
                               "--max-reservation-days", "10", "--max-advance-days", "30", "--json"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.object["category"] as? String == "Outils/Perceuses")
        #expect(set.object["feePerDay"] as? Int == 50)
        #expect(set.object["feeCap"] as? Int == 500)
        #expect(set.object["selfRenew"] as? Bool == true)
        #expect(set.object["bufferDays"] as? Int == 1)
        let policies = try ctl.run(["policy", "list", "--json"]).array
        #expect(policies.map { $0["category"] as? String } == [nil, "Outils/Perceuses"])
        #expect(policies.first?["loanDays"] as? Int == 7)
        #expect(try ctl.run(["policy", "show", "--category", "Outils/Perceuses/Sans fil", "--json"]).object["loanDays"] as? Int == 3)
        #expect(try ctl.run(["policy", "show", "--item", "T-0001", "--json"]).object["loanDays"] as? Int == 7)
        let table = try ctl.run(["policy", "list", "--lang", "en"])
        #expect(table.stdout.contains("(default)") && table.stdout.contains("Self-renew"))

        let bad = try ctl.run(["policy", "set", "--loan-days", "0", "--renewals", "1", "--fee-per-day", "1.00", "--grace-days", "0",
                               "--fee-cap", "20.00", "--lang", "en"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "The loan length must be from 1 to 365 days (got 0).\n")
        #expect(try ctl.run(["policy", "set", "--loan-days", "7", "--fee-per-day", "1.00", "--grace-days", "0", "--fee-cap", "1"]).status == 2)
        #expect(try ctl.run(["policy", "remove"]).status == 2)
        #expect(try ctl.run(["policy", "remove", "--category", "Outils/Perceuses", "--json"]).array.count == 1)
        #expect(try ctl.run(["policy", "remove", "--category", "Outils/Perceuses"]).status == 1)

        let weekly = try ctl.run(["closure", "weekly", "monday", "dimanche", "--json"])
        #expect(weekly.status == 0, "\(weekly.stderr)")
        #expect(weekly.object["weeklyClosedDays"] as? [Int] == [1, 7])
        #expect(try ctl.run(["closure", "weekly"]).status == 2)
        let funday = try ctl.run(["closure", "weekly", "funday", "--lang", "en"])
        #expect(funday.status == 1)
        #expect(funday.stderr.contains("Unknown weekday \"funday\""))
        let holiday = Self.day(40)
        let added = try ctl.run(["closure", "add", holiday, "--reason", "Fête nationale", "--json"])
        #expect((added.object["closures"] as? [[String: Any]])?.first?["reason"] as? String == "Fête nationale")
        #expect(try ctl.run(["closure", "add", "24-06-2026", "--reason", "x"]).status == 1)
        // A due date on that day moves, and the desk is told so.
        let moved = try ctl.run(["loan", "out", "T-0001", "--member", "M-0001", "--due", holiday, "--lang", "en"])
        #expect(moved.status == 0, "\(moved.stderr)")
        let lines = moved.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[1].hasPrefix("Due date moved from ") && lines[1].contains(" \(holiday) (closed: Fête nationale) to "), "\(moved.stdout)")
        #expect(try ctl.run(["loan", "in", "T-0001"]).status == 0)
        let people = try ctl.run(["closure", "list", "--lang", "en"]).stdout
        #expect(people.contains("Closed every week: Monday, Sunday") && people.contains(holiday))
        #expect(try ctl.run(["closure", "remove", holiday]).status == 0)
        #expect(try ctl.run(["closure", "remove", holiday]).status == 1)
        #expect(try ctl.run(["closure", "weekly", "--none", "--json"]).object["weeklyClosedDays"] as? [Int] == [])

        #expect(try ctl.run(["setting", "show", "--json"]).object["feeThreshold"] as? Int == 1000)
        #expect(try ctl.run(["setting", "fee-threshold", "5.00", "--json"]).object["feeThreshold"] as? Int == 500)
        #expect(try ctl.run(["setting", "fee-threshold", "dix"]).status == 1)
        #expect(try ctl.run(["setting", "show", "--lang", "en"]).stdout.contains("Fee threshold: $5.00"))
        #expect(try ctl.run(["setting", "show", "--json"]).object["overdueBlocksLoans"] as? Bool == true)
        let off = try ctl.run(["setting", "overdue-blocks", "non"])
        #expect(off.stdout.hasSuffix("Prêt en retard : ne bloque pas les nouveaux prêts.\n"), "\(off.stdout)")
        #expect(try ctl.run(["setting", "overdue-blocks", "on", "--json"]).object["overdueBlocksLoans"] as? Bool == true)
        #expect(try ctl.run(["setting", "overdue-blocks", "peut-être"]).status == 1)
    }

    @Test func dueDatesMoveOffClosedDays() throws {
        let ctl = try Self.library(members: 1, items: [("T-0001", 1)])
        defer { ctl.remove() }
        // Closed on the weekday of the seventh day from now: the 7-day loan is due the day after.
        let weekday = String((Calendar(identifier: .iso8601).dateComponents(in: Self.zone, from: Date()).weekday! + 5) % 7 + 1)
        #expect(try ctl.run(["closure", "weekly", weekday]).status == 0)
        let loan = try ctl.run(["loan", "out", "T-0001", "--member", "M-0001", "--json"])
        #expect(loan.status == 0, "\(loan.stderr)")
        #expect(loan.object["due"] as? String == Self.day(8))
    }

    @Test func checkOutAndInWithLateFeesWaiverAndThreshold() throws {
        let ctl = try Self.library(members: 2, items: [("T-0001", 1), ("T-0002", 2)])
        defer { ctl.remove() }
        // Out 20 days ago at the desk's paper log: due 13 days ago, 13 days late, 2 days of grace → 11.00.
        let out = try ctl.run(["loan", "out", "T-0001", "--member", "M-0001", "--at", "\(Self.day(-20))T10:00", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        for key in ["id", "item", "member", "units", "outAt", "due", "status"] { #expect(out.object[key] != nil, "missing \(key)") }
        #expect(out.object["item"] as? String == "T-0001")
        #expect(out.object["member"] as? String == "M-0001")
        #expect(out.object["units"] as? Int == 1)
        #expect(out.object["due"] as? String == Self.day(-13))
        #expect(out.object["status"] as? String == "overdue")
        let loanID = try #require(out.object["id"] as? Int)

        let taken = try ctl.run(["loan", "out", "T-0001", "--member", "M-0002", "--lang", "en"])
        #expect(taken.status == 1)
        #expect(taken.stderr == "T-0001: 1 unit requested, 0 free on \(Self.day()).\n")
        let future = try ctl.run(["loan", "out", "T-0002", "--member", "M-0002", "--at", "2099-01-01T10:00"])
        #expect(future.status == 1)
        #expect(future.stderr == "Le moment indiqué (1er janvier 2099 à 10 h) est dans le futur : on n’enregistre que ce qui a eu lieu.\n")
        let garbled = try ctl.run(["loan", "out", "T-0002", "--member", "M-0002", "--at", "hier", "--lang", "en"])
        #expect(garbled.status == 1)
        #expect(garbled.stderr.contains("at") && garbled.stderr.contains("hier"))
        #expect(try ctl.run(["loan", "out", "T-0002", "--member", "M-0002", "--units", "deux"]).status == 2)
        #expect(try ctl.run(["loan", "out", "T-0002"]).status == 2)

        let back = try ctl.run(["loan", "in", "T-0001", "--condition", "Mandrin usé", "--maintenance", "Mandrin à changer", "--json"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.object["id"] as? Int == loanID)
        #expect(back.object["status"] as? String == "returned")
        #expect(back.object["returnedAt"] is String)
        #expect(back.object["fee"] as? Int == 1_100)
        #expect(back.object["daysLate"] as? Int == 13)
        #expect(back.object["condition"] as? String == "Mandrin usé")
        let item = try ctl.run(["item", "show", "T-0001", "--json"]).object["item"] as? [String: Any]
        #expect(item?["maintenanceUnits"] as? Int == 1)
        #expect(try ctl.run(["loan", "in", String(loanID)]).status == 1)

        // 11.00 owed is above the 10.00 threshold: no new loan until the fee is settled or waived.
        let owes = try ctl.run(["loan", "out", "T-0002", "--member", "M-0001", "--lang", "en"])
        #expect(owes.status == 1)
        #expect(owes.stderr.contains("M-0001 owes $11.00"))
        let fees = try ctl.run(["fee", "list", "--member", "M-0001", "--json"]).array
        #expect(fees.count == 1)
        #expect(fees.first?["kind"] as? String == "late")
        #expect(fees.first?["amount"] as? Int == 1_100)
        #expect(fees.first?["status"] as? String == "due")
        let feeID = try #require(fees.first?["id"] as? Int)
        #expect(try ctl.run(["fee", "waive", String(feeID)]).status == 2)
        let waived = try ctl.run(["fee", "waive", String(feeID), "--reason", "Première fois", "--json"])
        #expect(waived.status == 0, "\(waived.stderr)")
        #expect(waived.object["status"] as? String == "waived")
        #expect(waived.object["waivedReason"] as? String == "Première fois")
        let again = try ctl.run(["fee", "waive", String(feeID), "--reason", "Encore"])
        #expect(again.status == 1)
        #expect(!again.stderr.isEmpty && again.stdout.isEmpty)
        #expect(try ctl.run(["fee", "list", "--member", "M-0001", "--due-only", "--json"]).array.isEmpty)
        #expect(try ctl.run(["fee", "list", "--member", "M-0001", "--lang", "en"]).stdout.contains("waived"))

        // The cap: 60 days out, 53 late, 51 chargeable at 1.00 → capped at 20.00.
        let long = try ctl.run(["loan", "out", "T-0002", "--member", "M-0001", "--at", "\(Self.day(-60))T09:30", "--json"])
        #expect(long.status == 0, "\(long.stderr)")
        let capped = try ctl.run(["loan", "in", "T-0002", "--member", "M-0001", "--json"])
        #expect(capped.object["fee"] as? Int == 2_000)
        let people = try ctl.run(["loan", "list", "--member", "M-0001", "--lang", "en"]).stdout
        #expect(people.contains("returned") && people.contains("$20.00"))
    }

    @Test func renewalsAndTheRenewalLimit() throws {
        let ctl = try Self.library(members: 1, items: [("T-0001", 1)])
        defer { ctl.remove() }
        let out = try ctl.run(["loan", "out", "T-0001", "--member", "M-0001", "--json"])
        let id = String(try #require(out.object["id"] as? Int))
        let renewed = try ctl.run(["loan", "renew", id, "--json"])
        #expect(renewed.status == 0, "\(renewed.stderr)")
        #expect(renewed.object["renewals"] as? Int == 1)
        #expect(renewed.object["due"] as? String == Self.day(14))
        let refused = try ctl.run(["loan", "renew", id, "--lang", "en"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "Loan \(id) was already renewed 1 time, the maximum.\n")
        let french = try ctl.run(["loan", "renew", id])
        #expect(french.stderr.contains("déjà été renouvelé"))
        #expect(try ctl.run(["loan", "renew", "abc"]).status == 1)
        #expect(try ctl.run(["loan", "renew"]).status == 2)
        #expect(try ctl.run(["loan", "show", id, "--json"]).object["maxRenewals"] as? Int == 1)
        #expect(try ctl.run(["loan", "show", "999"]).status == 1)
        #expect(try ctl.run(["loan", "list", "--open", "--json"]).page.count == 1)
        #expect(try ctl.run(["loan", "list", "--overdue", "--json"]).page.isEmpty)
        #expect(try ctl.run(["loan", "list", "--member", "M-0001", "--item", "T-0001", "--json"]).page.count == 1)
    }

    @Test func reserveThenPickUpOrCancel() throws {
        let ctl = try Self.library(members: 2, items: [("R-1", 1)])
        defer { ctl.remove() }
        let booked = try ctl.run(["reserve", "R-1", "--member", "M-0001", "--from", Self.day(), "--to", Self.day(2), "--json"])
        #expect(booked.status == 0, "\(booked.stderr)")
        for key in ["id", "item", "member", "units", "from", "to", "status"] { #expect(booked.object[key] != nil, "missing \(key)") }
        #expect(booked.object["status"] as? String == "booked")
        #expect(booked.object["from"] as? String == Self.day())
        let first = String(try #require(booked.object["id"] as? Int))

        let clash = try ctl.run(["reserve", "R-1", "--member", "M-0002", "--from", Self.day(1), "--to", Self.day(3), "--lang", "en"])
        #expect(clash.status == 1)
        #expect(clash.stderr == "R-1: 1 unit requested, 0 free on \(Self.day(1)).\n")
        #expect(try ctl.run(["reserve", "R-1", "--member", "M-0002", "--to", Self.day(3)]).status == 2)
        #expect(try ctl.run(["reserve", "R-1", "--member", "M-0002", "--from", "2026-13-01", "--to", Self.day(3)]).status == 1)
        let availability = try ctl.run(["reservation", "availability", "R-1", "--from", Self.day(), "--to", Self.day(5), "--json"])
        #expect(availability.object["free"] as? Int == 0)
        #expect((availability.object["periods"] as? [[String: Any]])?.first?["free"] as? Int == 0)

        let prepare = try ctl.run(["report", "to-prepare", "--json"]).array
        #expect(prepare.map { $0["reservation"] as? Int } == [Int(first)])
        let loan = try ctl.run(["reservation", "pickup", first, "--json"])
        #expect(loan.status == 0, "\(loan.stderr)")
        #expect(loan.object["reservation"] as? Int == Int(first))
        #expect(loan.object["due"] as? String == Self.day(2))
        #expect(try ctl.run(["reservation", "show", first, "--json"]).object["status"] as? String == "collected")
        #expect(try ctl.run(["reservation", "pickup", first]).status == 1)

        let later = try ctl.run(["reserve", "R-1", "--member", "M-0002", "--from", Self.day(5), "--to", Self.day(6), "--units", "1", "--json"])
        #expect(later.status == 0, "\(later.stderr)")
        let second = String(try #require(later.object["id"] as? Int))
        #expect(try ctl.run(["reservation", "pickup", second, "--lang", "en"]).stderr.contains(Self.day(5)))
        #expect(try ctl.run(["reservation", "cancel", second, "--json"]).object["status"] as? String == "cancelled")
        #expect(try ctl.run(["reservation", "cancel", second]).status == 1)
        #expect(try ctl.run(["reservation", "list", "--status", "cancelled", "--json"]).page.count == 1)
        #expect(try ctl.run(["reservation", "list", "--member", "M-0001", "--json"]).page.count == 1)
        #expect(try ctl.run(["reservation", "list", "--status", "perdue"]).status == 1)
        #expect(try ctl.run(["reservation", "list", "--lang", "en"]).stdout.contains("collected"))
    }

    @Test func holdIsACommandAndAGroup() throws {
        let ctl = try Self.library(members: 4, items: [("H-1", 1), ("H-2", 1)])
        defer { ctl.remove() }
        #expect(try ctl.run(["loan", "out", "H-1", "--member", "M-0001"]).status == 0)
        let second = try ctl.run(["hold", "H-1", "--member", "M-0002", "--json"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.object["position"] as? Int == 1)
        let third = try ctl.run(["hold", "place", "H-1", "--member", "M-0003", "--json"])
        #expect(third.object["position"] as? Int == 2)
        let (secondID, thirdID) = (String(try #require(second.object["id"] as? Int)), String(try #require(third.object["id"] as? Int)))
        #expect(try ctl.run(["hold", "list", "H-1", "--json"]).array.map { $0["member"] as? String } == ["M-0002", "M-0003"])
        #expect(try ctl.run(["hold", "H-1", "--member", "M-0003"]).status == 1)
        let notNeeded = try ctl.run(["hold", "H-2", "--member", "M-0002", "--lang", "en"])
        #expect(notNeeded.status == 1)
        #expect(notNeeded.stderr.contains("H-2"))
        #expect(try ctl.run(["hold", "--member", "M-0002"]).status == 2)
        #expect(try ctl.run(["hold", "list"]).status == 2)

        let moved = try ctl.run(["hold", "move", thirdID, "--to", "1", "--json"]).array
        #expect(moved.map { $0["member"] as? String } == ["M-0003", "M-0002"])
        #expect(try ctl.run(["hold", "cancel", secondID, "--json"]).object["status"] as? String == "cancelled")
        #expect(try ctl.run(["hold", "cancel", secondID]).status == 1)
        #expect(try ctl.run(["hold", "list", "H-1", "--json"]).array.count == 1)
        #expect(try ctl.run(["hold", "list", "H-1", "--all", "--json"]).array.count == 2)
        #expect(try ctl.run(["hold", "list", "--member", "M-0003", "--json"]).array.count == 1)

        // The unit comes back: the first in line is offered it, and only they may borrow it.
        // The desk hears it at once: put it aside, for whom, until when.
        let back = try ctl.run(["loan", "in", "H-1"])
        #expect(back.status == 0)
        let holdUntil = Self.day(2)   // the default policy keeps a ready hold three days, today included
        #expect(back.stdout.hasSuffix("À mettre de côté : M-0003 attendait H-1 ; il lui est gardé jusqu’au \(holdUntil) (demande d’attente \(thirdID)).\n"), "\(back.stdout)")
        let queue = try ctl.run(["hold", "list", "H-1", "--json"]).array
        #expect(queue.first?["status"] as? String == "ready")
        let walkIn = try ctl.run(["loan", "out", "H-1", "--member", "M-0004", "--lang", "en"])
        #expect(walkIn.status == 1)
        #expect(walkIn.stderr == "H-1 is kept for M-0003, who was waiting for it, until \(holdUntil) (hold \(thirdID)): it cannot be lent to anyone else before then.\n")
        #expect(try ctl.run(["loan", "out", "H-1", "--member", "M-0003"]).status == 0)
        #expect(try ctl.run(["hold", "list", "--member", "M-0003", "--all", "--json"]).array.first?["status"] as? String == "fulfilled")
        #expect(try ctl.run(["hold", "list", "H-1", "--lang", "en"]).stdout.contains("Position"))
    }

    @Test func reports() throws {
        let ctl = try Self.library(members: 2, items: [("T-0001", 1), ("T-0002", 1), ("T-0003", 1)])
        defer { ctl.remove() }
        #expect(try ctl.run(["loan", "out", "T-0001", "--member", "M-0001", "--at", "\(Self.day(-10))T10:00"]).status == 0)
        #expect(try ctl.run(["loan", "out", "T-0002", "--member", "M-0002", "--due", Self.day()]).status == 0)
        #expect(try ctl.run(["reserve", "T-0003", "--member", "M-0002", "--from", Self.day(2), "--to", Self.day(3)]).status == 0)

        let overdue = try ctl.run(["report", "overdue", "--json"]).array
        #expect(overdue.count == 1)
        #expect(overdue.first?["item"] as? String == "T-0001")
        #expect(overdue.first?["daysLate"] as? Int == 3)
        #expect(overdue.first?["accruedFee"] as? Int == 100)
        #expect(try ctl.run(["report", "overdue", "--lang", "en"]).stdout.contains("$1.00"))
        #expect(try ctl.run(["report", "due-today", "--json"]).array.map { $0["item"] as? String } == ["T-0002"])
        #expect(try ctl.run(["report", "due-today", "--date", Self.day(-3), "--json"]).array.map { $0["item"] as? String } == ["T-0001"])
        #expect(try ctl.run(["report", "expected-returns", "--json"]).array.count == 1)
        #expect(try ctl.run(["report", "expected-returns", "--from", Self.day(-5), "--to", Self.day(), "--json"]).array.count == 2)
        #expect(try ctl.run(["report", "to-prepare", "--json"]).array.first?["item"] as? String == "T-0003")
        let popular = try ctl.run(["report", "popular", "--json"]).array
        #expect(Set(popular.compactMap { $0["item"] as? String }) == ["T-0001", "T-0002"])
        #expect(try ctl.run(["report", "popular", "--limit", "1", "--json"]).array.count == 1)
        #expect(try ctl.run(["report", "never-borrowed", "--json"]).page.map { $0["item"] as? String } == ["T-0003"])
        #expect(try ctl.run(["report", "never-borrowed", "--lang", "en"]).stdout.contains("Since"))
        #expect(try ctl.run(["report", "expected-returns", "--from", Self.day(3), "--to", Self.day()]).status == 1)
        #expect(try ctl.run(["report", "overdue", "--as-of", "demain"]).status == 1)
        #expect(try ctl.run(["report", "nope"]).status == 2)
    }
}
