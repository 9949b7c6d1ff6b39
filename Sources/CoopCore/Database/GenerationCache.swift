import Synchronization

/// Results of reads, remembered until the database's generation changes (`DatabasePool.generation()`).
///
/// A value is stored with the generation read *before* the read that produced it, and served only
/// while the generation is still that one, so a cached answer is never older than the last write
/// this process made. At `capacity` entries the least recently used one makes room (a scan, paid only
/// by a store into a full cache), so a stream of one-off reads cannot push out the hot answers (the
/// catalogue's common searches, the tokens in use).
public final class GenerationCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var lastUse: UInt64
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [Key: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The value stored for `key` at `generation`, if any.
    public func value(for key: Key, at generation: UInt64) -> Value? {
        state.withLock { state in
            guard state.generation == generation, state.entries[key] != nil else { return nil }
            state.clock &+= 1
            state.entries[key]?.lastUse = state.clock
            return state.entries[key]?.value
        }
    }

    /// Stores a value read at `generation`; one read at an older generation is dropped, and a newer
    /// generation empties the cache.
    public func store(_ value: Value, for key: Key, at generation: UInt64) {
        state.withLock { state in
            if generation != state.generation {
                guard generation > state.generation else { return }
                state.generation = generation
                state.entries.removeAll(keepingCapacity: true)
            }
            if state.entries[key] == nil, state.entries.count >= capacity,
               let victim = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                state.entries.removeValue(forKey: victim)
            }
            state.clock &+= 1
            state.entries[key] = Entry(value: value, lastUse: state.clock)
        }
    }

    /// How many values are held now.
    public var count: Int { state.withLock { $0.entries.count } }
}
