import Synchronization

/// Counts failed authentications per client address, so that guessing tokens from one address is cut
/// off: after `maxFailures` failures within `window`, every authenticated request from that address
/// is refused with 429 until the window ends.
public final class AuthFailureLimiter: Sendable {
    struct Entry {
        var windowStart: ContinuousClock.Instant
        var failures: Int
    }

    public let maxFailures: Int
    public let window: Duration
    private let entries = Mutex<[String: Entry]>([:])

    public init(maxFailures: Int = 10, window: Duration = .seconds(60)) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// Seconds until `address` may try again, or nil when it is not blocked.
    public func blockedFor(_ address: String, now: ContinuousClock.Instant = .now) -> Int? {
        entries.withLock { entries in
            guard let entry = entries[address], entry.failures >= maxFailures else { return nil }
            let remaining = entry.windowStart + window - now
            guard remaining > .zero else {
                entries[address] = nil
                return nil
            }
            return max(1, Int(remaining.components.seconds))
        }
    }

    public func recordFailure(_ address: String, now: ContinuousClock.Instant = .now) {
        entries.withLock { entries in
            if entries.count > 10_000 {
                // Forget finished windows so that a scan of many addresses cannot grow the table forever.
                entries = entries.filter { now - $0.value.windowStart < window }
            }
            if var entry = entries[address], now - entry.windowStart < window {
                entry.failures += 1
                entries[address] = entry
            } else {
                entries[address] = Entry(windowStart: now, failures: 1)
            }
        }
    }
}
