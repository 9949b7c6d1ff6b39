import Synchronization

/// Runs one computation per key at a time: callers asking for a key already being computed wait for
/// that result instead of computing it again.
///
/// After a write empties a cache, every connection asking for the same popular search would otherwise
/// compute it at once — 30 copies of a 5 ms search on two cores — and the cache could not refill
/// before the next write. With this, each distinct search runs once per generation.
public final class SingleFlight<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// A computation under way and how many callers are waiting for it.
    private struct Flight {
        let task: Task<Value, any Error>
        var callers: Int
    }

    private let running = Mutex<[Key: Flight]>([:])

    public init() {}

    /// The result of `work` for `key`: computed now, or shared with the caller already computing it.
    /// A failure is shared the same way; the next call after it computes again.
    public func run(_ key: Key, _ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task = running.withLock { running in
            if let shared = running[key] {
                running[key]?.callers += 1
                return shared.task
            }
            let task = Task { try await work() }
            running[key] = Flight(task: task, callers: 1)
            return task
        }
        defer {
            running.withLock { running in
                guard let flight = running[key], flight.task == task else { return }
                // The first caller to see the result ends the flight; later callers start a new one.
                running[key] = nil
            }
        }
        return try await task.value
    }

    /// Keys being computed now.
    public var inFlight: Int { running.withLock { $0.count } }

    /// How many callers have joined the computation of `key` under way (0 when none is).
    public func callers(of key: Key) -> Int { running.withLock { $0[key]?.callers ?? 0 } }
}
