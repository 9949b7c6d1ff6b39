import Coop
import CoopCore
import CoopTestSupport
import Foundation
import Membership
import Orders
import Testing
@testable import Notifications

/// Delivery against a real SMTP server on 127.0.0.1 (aiosmtpd) that accepts, refuses for a while,
/// refuses for good, or is not there yet.
@Suite(.serialized) struct DeliveryTests {
    /// A cycle opened for the fixture's members: one `cycle_open` notice each, the simplest cause.
    static func openCycle(_ t: TestNotices) async throws {
        let now = t.clock.now()
        let cycle = try await t.coop.orders.createCycle(NewCycle(name: "Semaine 12", opens: now.adding(seconds: -3600),
                                                                 closes: now.adding(seconds: 3 * 86_400), pickupDate: t.context.today().adding(days: 4)))
        _ = try await t.coop.orders.openCycle(cycle.id)
    }

    @Test func aServerThatRefusesTemporarilyThenAcceptsGetsTheNoticeOnce() async throws {
        let server = try await MailServer(.init(refuseFirst: 2, code: 451))
        let t = try await TestNotices(smtp: server.url)
        try await t.member("Élise")
        try await Self.openCycle(t)

        let first = try await t.notifications.runOnce()
        #expect(first.delivery == DeliverySummary(attempted: 1, sent: 0, retrying: 1, failed: 0))
        var notice = try await t.outbox(.cycleOpen)[0]
        #expect(notice.status == .queued && notice.attempts == 1)
        #expect(notice.error?.contains("451") == true, "\(notice.error ?? "")")
        #expect(notice.nextAttemptAt == t.clock.now().adding(seconds: 60))

        // Not due yet: nothing is tried.
        #expect(try await t.notifications.runOnce().delivery?.attempted == 0)
        t.clock.advance(seconds: 60)
        #expect(try await t.notifications.runOnce().delivery?.retrying == 1)
        notice = try await t.outbox(.cycleOpen)[0]
        #expect(notice.nextAttemptAt == t.clock.now().adding(seconds: 120), "the wait doubles")
        t.clock.advance(seconds: 120)
        #expect(try await t.notifications.runOnce().delivery?.sent == 1)

        notice = try await t.outbox(.cycleOpen)[0]
        #expect(notice.status == .sent && notice.attempts == 3 && notice.error == nil && notice.recipient == "elise@example.org")
        let mail = try server.messages()
        #expect(mail.count == 1)
        #expect(mail.first?.to == "elise@example.org")
    }

    @Test func aPermanentRefusalFailsAtOnceWithTheServersReason() async throws {
        let server = try await MailServer(.init(refuseAll: 550))
        let t = try await TestNotices(smtp: server.url)
        try await t.member("Sam", .en)
        try await Self.openCycle(t)
        #expect(try await t.notifications.runOnce().delivery == DeliverySummary(attempted: 1, sent: 0, retrying: 0, failed: 1))
        let notice = try await t.outbox(.cycleOpen)[0]
        #expect(notice.status == .failed && notice.attempts == 1)
        #expect(notice.error?.contains("550 5.7.1 Refused by policy") == true, "\(notice.error ?? "")")
        #expect(try await t.notifications.list(status: .failed).map(\.id) == [notice.id])

        // Staff put it back; it fails again, for the same reason, once.
        #expect(try await t.notifications.retry(notice.id).status == .queued)
        #expect(try await t.notifications.runOnce().delivery?.failed == 1)
        #expect(try server.messages().isEmpty)
    }

    @Test func anUnknownMailboxFailsAndTheOthersAreStillSent() async throws {
        let server = try await MailServer(.init(unknown: "nosuch"))
        let t = try await TestNotices(smtp: server.url)
        try await t.member("Élise")
        try await t.member("Paul", email: "nosuch.paul@example.org")
        try await t.member("Sam", .en)
        try await Self.openCycle(t)
        #expect(try await t.notifications.runOnce().delivery == DeliverySummary(attempted: 3, sent: 2, retrying: 0, failed: 1))
        let failed = try await t.notifications.list(status: .failed)
        #expect(failed.map(\.member) == ["M-0002"])
        #expect(failed.first?.error?.contains("no such mailbox") == true, "\(failed.first?.error ?? "")")
        #expect(Set(try server.messages().map(\.to)) == ["elise@example.org", "sam@example.org"])
    }

    @Test func afterTheLastAttemptATemporaryFailureIsMarkedFailed() async throws {
        let server = try await MailServer(.init(refuseFirst: 100, code: 421))
        let t = try await TestNotices(smtp: server.url, maxAttempts: 2)
        try await t.member("Élise")
        try await Self.openCycle(t)
        #expect(try await t.notifications.runOnce().delivery?.retrying == 1)
        t.clock.advance(seconds: 60)
        #expect(try await t.notifications.runOnce().delivery?.failed == 1)
        let notice = try await t.outbox(.cycleOpen)[0]
        #expect(notice.status == .failed && notice.attempts == 2 && notice.error?.contains("421") == true)
    }

    @Test func aServerThatIsDownAtFirstGetsTheNoticesWhenItComesUp() async throws {
        let port = try freePort()
        let t = try await TestNotices(smtp: "smtp://127.0.0.1:\(port)")
        try await t.member("Élise")
        try await t.member("Sam", .en)
        try await Self.openCycle(t)
        #expect(try await t.notifications.runOnce().delivery == DeliverySummary(attempted: 2, sent: 0, retrying: 2, failed: 0))
        #expect(try await t.outbox(.cycleOpen).allSatisfy { $0.status == .queued && $0.error != nil })

        let server = try await MailServer(port: port)
        t.clock.advance(seconds: 60)
        #expect(try await t.notifications.runOnce().delivery?.sent == 2)
        #expect(try server.messages().count == 2)
    }

    @Test func twoDeliveriesAtOnceSendEachNoticeOnce() async throws {
        let server = try await MailServer()
        let t = try await TestNotices(smtp: server.url)
        for i in 1...40 { try await t.member("Membre\(i)") }
        try await Self.openCycle(t)
        let service = t.notifications
        async let a = service.runOnce()
        async let b = Coop(context: t.context, caller: .localOperator("other"), notifications: t.settings).notifications.runOnce()
        let (ra, rb) = try await (a, b)
        #expect((ra.delivery?.sent ?? 0) + (rb.delivery?.sent ?? 0) == 40)
        let mail = try server.messages()
        #expect(mail.count == 40)
        #expect(Set(mail.map(\.messageID)).count == 40)
    }

    @Test func withoutAServerNoticesStayQueued() async throws {
        let t = try await TestNotices(smtp: nil)
        try await t.member("Élise")
        try await Self.openCycle(t)
        #expect(!t.notifications.canDeliver)
        #expect(try await t.notifications.runOnce().delivery == nil)
        #expect(try await t.notifications.counts() == NoticeCounts(queued: 1, sending: 0, sent: 0, failed: 0))
    }

    @Test func retryingANoticeThatHasNotFailedIsRefused() async throws {
        let t = try await TestNotices(smtp: nil)
        try await t.member("Élise")
        try await Self.openCycle(t)
        let id = try await t.outbox(.cycleOpen)[0].id
        await #expect(throws: CoopError.noticeNotFailed(id, status: .queued)) { try await t.notifications.retry(id) }
        await #expect(throws: CoopError.noticeNotFound(999)) { try await t.notifications.retry(999) }
        let refusal = CoopError.noticeNotFailed(id, status: .queued)
        #expect(refusal.message(.fr).hasPrefix("L’avis \(id) n’a pas échoué"))
    }

    @Test func staffOnlyReadTheOutbox() async throws {
        let t = try await TestNotices(smtp: nil)
        let number = try await t.member("Élise")
        await #expect(throws: CoopError.forbidden(needs: .staff)) {
            try await t.notifications.acting(as: .member(number)).list()
        }
        await #expect(throws: CoopError.unauthenticated()) { try await t.notifications.acting(as: .anonymous).runOnce() }
    }
}

/// A port nothing listens on (bound, then released).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ok = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard ok else { throw MailServer.SetupError(description: "no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

extension DeliveryTests {
    /// coop-api looks every second: with nothing due it must not write (a write would empty the
    /// caches keyed on the pool's generation, such as the catalogue's).
    @Test func aLookWithNothingDueWritesNothing() async throws {
        let server = try await MailServer()
        let t = try await TestNotices(smtp: server.url)
        try await t.member("Elise")
        try await Self.openCycle(t)
        _ = try await t.notifications.runOnce()
        let before = await t.pool.generation()
        for _ in 1...3 { #expect(try await t.notifications.runOnce(schedule: false).delivery?.attempted == 0) }
        #expect(await t.pool.generation() == before)
    }
}

extension DeliveryTests {
    /// A server that requires AUTH: the user and password of `COOP_SMTP_URL` (percent-encoded there)
    /// are accepted; a wrong password is a permanent failure with the server's 535.
    @Test func theURLsCredentialsAuthenticateAndAWrongPasswordFails() async throws {
        let server = try await MailServer(.init(auth: "outils@coop-exemple.org:s3cr3t/mot"))
        let good = try await TestNotices(smtp: "smtp://outils%40coop-exemple.org:s3cr3t%2Fmot@127.0.0.1:\(server.port)")
        try await good.member("Elise")
        try await Self.openCycle(good)
        #expect(try await good.notifications.runOnce().delivery?.sent == 1)
        #expect(try server.messages().count == 1)

        let bad = try await TestNotices(smtp: "smtp://outils%40coop-exemple.org:faux@127.0.0.1:\(server.port)")
        try await bad.member("Sam", .en)
        try await Self.openCycle(bad)
        #expect(try await bad.notifications.runOnce().delivery?.failed == 1)
        let notice = try await bad.outbox(.cycleOpen)[0]
        #expect(notice.error?.contains("535") == true, "\(notice.error ?? "")")
        #expect(try server.messages().count == 1)
    }
}
