import Coop
import CoopCore
import Foundation
import Membership

/// A co-op on a temporary database, filled through the CSV import (one transaction) so that setting up
/// a benchmark takes a fraction of a second.
struct BenchmarkFixture {
    let coop: Coop
    let path: String

    /// A new database with the schema and nothing else.
    static func empty() async throws -> BenchmarkFixture {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coop-bench-\(UUID().uuidString).sqlite").path
        let (coop, _) = try await Coop.open(CoopConfiguration(databasePath: path, timeZone: TimeZone(identifier: "America/Toronto")!), as: .localOperator("bench"))
        return BenchmarkFixture(coop: coop, path: path)
    }

    static func members(_ count: Int) async throws -> BenchmarkFixture {
        let fixture = try await empty()
        let coop = fixture.coop
        _ = try await coop.membership.addPlan(Plan(name: "Annuel", fee: Money(cents: 4000), months: 12, maxLoans: 5, maxReservations: 3))
        var csv = "first_name,last_name,email,plan\n"
        for i in 1...count { csv += "Prénom\(i),Nom\(i),m\(i)@example.org,Annuel\n" }
        _ = try await coop.membership.importMembers(csv: Data(csv.utf8), source: "bench.csv")
        return fixture
    }

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
