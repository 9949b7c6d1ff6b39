import Coop
import CoopCore
import CoopTestSupport
import Foundation
import Inventory
import Lending
import Membership
import Orders
import Voting
@testable import Notifications

/// Every domain's schema in a temporary database, the co-op assembled over it with its clock standing
/// at 2026-03-16 10:00 in Toronto, and notices delivered (when a test gives a server) to a real SMTP
/// server on 127.0.0.1.
final class TestNotices: DatabaseFixture {
    static let start = Instant.parse("2026-03-16T14:00:00Z", timeZone: .gmt)!
    static let timeZone = TimeZone(identifier: "America/Toronto")!

    let storage: TemporaryDatabase
    let settings: NotificationSettings

    init(smtp: String? = nil, maxAttempts: Int = 10) async throws {
        storage = try await TemporaryDatabase("notices", readers: 2, schemas: [{ $0 = Coop.migrator }], start: Self.start,
                                              timeZone: Self.timeZone)
        settings = NotificationSettings(smtpURL: smtp, from: "outils@coop-exemple.org", publicURL: "https://outils.coop-exemple.org",
                                        maxAttempts: maxAttempts, retrySeconds: 60)
    }

    /// The co-op as its administrator sees it, delivering through the test's server.
    var coop: Coop { Coop(context: context, caller: .localOperator("test"), notifications: settings) }
    var notifications: NotificationService { coop.notifications }

    func set(_ local: String) { clock.set(Instant.parse(local, timeZone: Self.timeZone)!) }

    @discardableResult
    func member(_ first: String, _ language: Language = .fr, email: String? = nil, plan: String? = nil) async throws -> String {
        try await coop.membership.addMember(NewMember(firstName: first, lastName: "Test", email: email ?? "\(first.lowercased().folding(options: .diacriticInsensitive, locale: nil))@example.org",
                                                      language: language, plan: plan)).number
    }

    /// The outbox's rows of one kind.
    func outbox(_ kind: NoticeKind) async throws -> [NoticeRecord] {
        try await notifications.list(limit: 1000).filter { $0.kind == kind }
    }

    func count(_ table: String, where condition: String = "1") async throws -> Int { try await storage.count(table, where: condition) }
}
