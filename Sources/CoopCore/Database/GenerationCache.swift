import Synchronization

/// Results of reads, remembered until the database's generation changes (`DatabasePool.generation()`).
///
/// A value is stored with the generation read *before* the read that produced it, and served only
/// while the generation is still that one, so a cached answer is never older than the last write
/// this process made. At `capacity` entries the least recently used one makes room, so a stream of
/// one-off reads cannot push out the hot answers (the catalogue's common searches, the tokens in use).
///
/// Recency is a doubly linked list threaded through the entries' array, so finding the least recently
/// used entry costs nothing. It used to be a scan of every entry under the lock: with the 512 searches
/// kept, each uncached search paid two such scans (issue 16), and held up every cached one meanwhile.
public final class GenerationCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Node {
        var key: Key
        var value: Value
        /// Neighbours in recency order (towards the most recent, towards the least); -1 at the ends.
        var newer: Int
        var older: Int
    }

    private struct State {
        var generation: UInt64 = 0
        var index: [Key: Int] = [:]
        var nodes: [Node] = []
        /// The most and the least recently used nodes; -1 when empty.
        var newest = -1
        var oldest = -1

        mutating func unlink(_ i: Int) {
            let (newer, older) = (nodes[i].newer, nodes[i].older)
            if newer >= 0 { nodes[newer].older = older } else { newest = older }
            if older >= 0 { nodes[older].newer = newer } else { oldest = newer }
        }

        mutating func makeNewest(_ i: Int) {
            nodes[i].newer = -1
            nodes[i].older = newest
            if newest >= 0 { nodes[newest].newer = i }
            newest = i
            if oldest < 0 { oldest = i }
        }

        mutating func touch(_ i: Int) {
            guard i != newest else { return }
            unlink(i)
            makeNewest(i)
        }
    }

    private let state = Mutex(State())
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The value stored for `key` at `generation`, if any.
    public func value(for key: Key, at generation: UInt64) -> Value? {
        state.withLock { state in
            guard state.generation == generation, let i = state.index[key] else { return nil }
            state.touch(i)
            return state.nodes[i].value
        }
    }

    /// Stores a value read at `generation`; one read at an older generation is dropped, and a newer
    /// generation empties the cache.
    public func store(_ value: Value, for key: Key, at generation: UInt64) {
        state.withLock { state in
            if generation != state.generation {
                guard generation > state.generation else { return }
                state.generation = generation
                state.index.removeAll(keepingCapacity: true)
                state.nodes.removeAll(keepingCapacity: true)
                (state.newest, state.oldest) = (-1, -1)
            }
            if let i = state.index[key] {
                state.nodes[i].value = value
                state.touch(i)
            } else if state.nodes.count >= capacity {
                // The least recently used node takes the new entry.
                let i = state.oldest
                state.index.removeValue(forKey: state.nodes[i].key)
                state.nodes[i].key = key
                state.nodes[i].value = value
                state.index[key] = i
                state.touch(i)
            } else {
                state.nodes.append(Node(key: key, value: value, newer: -1, older: -1))
                let i = state.nodes.count - 1
                state.index[key] = i
                state.makeNewest(i)
            }
        }
    }

    /// How many values are held now.
    public var count: Int { state.withLock { $0.nodes.count } }
}
