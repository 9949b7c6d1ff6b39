import CoopCore
import Foundation
import Lending
import Membership
import Orders

/// Finds the time-based notices (due tomorrow, overdue on days 1, 7 and 14, reservation tomorrow,
/// membership ending or ended, cycle closing within 24 hours) and enqueues each once: every notice's
/// key names its cause, so running it every few minutes, or from two processes, adds nothing twice.
enum NoticeScheduler {
    /// One write transaction: each domain's due notices, enqueued. Returns how many were new.
    static func enqueueDue(_ context: CoopContext) async throws -> Int {
        let now = context.now(), today = context.today(), zone = context.timeZone
        return try await context.database.write { db in
            let due = try LendingNotices.due(today: today, in: db)
                + MembershipNotices.due(today: today, in: db)
                + OrdersNotices.due(now: now, timeZone: zone, in: db)
            var added = 0
            for notice in due where try Outbox.enqueue(notice, at: now, in: db) { added += 1 }
            return added
        }
    }
}
