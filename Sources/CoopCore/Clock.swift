import Synchronization

/// Where services read the time, so that tests control it.
public protocol CoopClock: Sendable {
    func now() -> Instant
}

/// The real time.
public struct SystemClock: CoopClock {
    public init() {}
    public func now() -> Instant { Instant.now() }
}

/// A clock that stands still until told to move: for tests and for replaying a paper log.
public final class FixedClock: CoopClock {
    private let current: Mutex<Instant>

    public init(_ start: Instant) { current = Mutex(start) }

    public func now() -> Instant { current.withLock { $0 } }

    public func set(_ instant: Instant) { current.withLock { $0 = instant } }

    public func advance(seconds: Int64) { current.withLock { $0 = $0.adding(seconds: seconds) } }

    public func advance(days: Int) { advance(seconds: Int64(days) * 86_400) }
}
