import CoopCore
import CoopTestSupport
import Foundation
import Membership
import Testing
@testable import Notifications

/// Notifications' access table (`NotifyVerb`), one case per verb: whom its rule names gets in,
/// everyone else is refused with 401 or 403. The switch is exhaustive, so a new verb needs a case here.
@Suite struct NotifyAccessTests {
    static func rule(_ verb: NotifyVerb) -> AccessRule {
        switch verb {
        case .list, .notice, .retry, .run: .staff
        case .preferences, .setPreference: .signedIn
        case .optOutByLink: .anyone
        }
    }

    @Test(arguments: NotifyVerb.allCases)
    func eachVerbLetsInOnlyWhomItsRuleNames(verb: NotifyVerb) async throws {
        let t = try await TestNotices()
        let member = try await t.member("Elise")   // M-0001, the probe's member
        let signature = NoticeLinks.signature(member: member, topic: .loans, key: try OutboxKey.forDatabase(t.pool.path))
        try await expectAccess(verb, expected: Self.rule(verb)) { caller in
            let service = t.notifications.acting(as: caller)
            switch verb {
            case .list: _ = try await service.list()
            case .notice: _ = try? await service.notice(1); try caller.check(NotifyVerb.notice)
            case .retry: _ = try? await service.retry(1); try caller.check(NotifyVerb.retry)
            case .run: _ = try await service.runOnce()
            case .preferences: _ = try await service.preferences(member: member)
            case .setPreference: _ = try await service.setPreference(member: member, topic: .cycles, enabled: true)
            case .optOutByLink: try await service.optOut(link: member, topic: .loans, signature: signature)
            }
        }
    }
}
