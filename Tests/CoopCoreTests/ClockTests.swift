import Foundation
import Testing

@testable import CoopCore

@Suite struct ClockTests {
    @Test func fixedClockStandsStillUntilMoved() {
        let start = Instant(milliseconds: 1_796_047_500_000)
        let clock = FixedClock(start)
        #expect(clock.now() == start)
        #expect(clock.now() == start)
        clock.advance(seconds: 90)
        #expect(clock.now() == Instant(milliseconds: 1_796_047_590_000))
        clock.advance(days: 2)
        #expect(clock.now() == Instant(milliseconds: 1_796_047_590_000 + 2 * 86_400_000))
        clock.advance(seconds: -30)
        #expect(clock.now() == Instant(milliseconds: 1_796_047_560_000 + 2 * 86_400_000))
        clock.set(start)
        #expect(clock.now() == start)
    }

    @Test func fixedClockIsSafeToShareAcrossTasks() async {
        let clock = FixedClock(Instant(milliseconds: 0))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 { group.addTask { clock.advance(seconds: 1) } }
        }
        #expect(clock.now() == Instant(milliseconds: 100_000))
    }

    @Test func systemClockIsNow() {
        let before = Instant(Date())
        let now = SystemClock().now()
        let after = Instant(Date())
        #expect(before <= now && now <= after)
    }
}
