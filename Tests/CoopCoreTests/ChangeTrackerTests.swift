import Testing

@testable import CoopCore

/// When the database generation asks SQLite about other processes' writes, on instants the test
/// chooses: nothing here depends on how fast the machine is.
@Suite("The change check: at most once per interval, one caller at a time")
struct ChangeTrackerTests {
    let start = ContinuousClock.now

    @Test func theFirstCallChecksThenNotAgainWithinTheInterval() {
        let tracker = ChangeTracker(interval: .milliseconds(50))
        let first = tracker.current(at: start)
        #expect(first.checkDue)
        #expect(tracker.checked(7, at: start) == first.generation, "the first version seen is the baseline")
        #expect(tracker.current(at: start + .milliseconds(49)).checkDue == false)
        let due = tracker.current(at: start + .milliseconds(50))
        #expect(due.checkDue)
        // Another process wrote: data_version moved, so the generation does.
        let after = tracker.checked(8, at: start + .milliseconds(50))
        #expect(after != first.generation)
        #expect(tracker.current(at: start + .milliseconds(60)).generation == after)
    }

    @Test func anUnchangedVersionKeepsTheGeneration() {
        let tracker = ChangeTracker(interval: .milliseconds(50))
        _ = tracker.current(at: start)
        let generation = tracker.checked(3, at: start)
        _ = tracker.current(at: start + .seconds(1))
        #expect(tracker.checked(3, at: start + .seconds(1)) == generation)
    }

    @Test func whileOneCallerChecksTheOthersGoOnWithTheCurrentGeneration() {
        let tracker = ChangeTracker(interval: .milliseconds(50))
        #expect(tracker.current(at: start).checkDue)
        #expect(tracker.current(at: start + .seconds(1)).checkDue == false, "one check at a time")
        _ = tracker.checked(1, at: start + .seconds(1))
        #expect(tracker.current(at: start + .seconds(2)).checkDue)
    }

    /// A failed check (nil) is not a check: the next caller tries again at once.
    @Test func aFailedCheckIsRetriedByTheNextCaller() {
        let tracker = ChangeTracker(interval: .milliseconds(50))
        _ = tracker.current(at: start)
        _ = tracker.checked(nil, at: start)
        #expect(tracker.current(at: start + .milliseconds(1)).checkDue)
    }

    @Test func aWriteHereBumpsAtOnce() {
        let tracker = ChangeTracker(interval: .seconds(3600))
        let before = tracker.current(at: start).generation
        tracker.bump()
        #expect(tracker.current(at: start).generation != before)
    }

    @Test func aZeroIntervalChecksOnEveryCall() {
        let tracker = ChangeTracker(interval: .zero)
        for step in 0..<3 {
            #expect(tracker.current(at: start).checkDue)
            _ = tracker.checked(Int64(step), at: start)
        }
    }
}
