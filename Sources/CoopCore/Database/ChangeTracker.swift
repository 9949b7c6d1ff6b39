import Synchronization

/// A number that changes whenever committed data may have changed: what caches of read results are
/// keyed by, so that a cached answer is never older than the data it was read from.
///
/// Writes through this process's pool bump it before they return, so a client always reads its own
/// writes. Writes by another process (`coopctl` on the same file) are noticed through SQLite's
/// `PRAGMA data_version`, checked at most once per `interval` by whichever caller finds the last check
/// too old: such writes reach cached answers at most that late.
final class ChangeTracker: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var dataVersion: Int64?
        var checkedAt: ContinuousClock.Instant?
        var checking = false
    }

    private let state = Mutex(State())
    let interval: Duration

    init(interval: Duration) {
        self.interval = interval
    }

    /// A write through this process committed.
    func bump() {
        state.withLock { $0.generation &+= 1 }
    }

    /// The generation, and whether the caller should check `data_version` now (only one caller at a
    /// time is told to; the others go on with the current generation).
    func current(at now: ContinuousClock.Instant) -> (generation: UInt64, checkDue: Bool) {
        state.withLock { state in
            let due = !state.checking && (state.checkedAt.map { now - $0 >= interval } ?? true)
            if due { state.checking = true }
            return (state.generation, due)
        }
    }

    /// Records a check's `data_version` (nil when the check failed); returns the generation after it.
    func checked(_ dataVersion: Int64?, at now: ContinuousClock.Instant) -> UInt64 {
        state.withLock { state in
            state.checking = false
            guard let dataVersion else { return state.generation }
            state.checkedAt = now
            if let previous = state.dataVersion, previous != dataVersion { state.generation &+= 1 }
            state.dataVersion = dataVersion
            return state.generation
        }
    }
}
