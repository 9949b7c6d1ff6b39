import Dispatch
import Foundation
import Synchronization

/// Work spread over every core in chunks: Ed25519 verification runs at about 5,400 per second per
/// core here, so a board of 100,000 ballots is a matter of cores, not of cleverness.
enum Parallel {
    /// `transform` applied to every index of `0..<count`, results in index order.
    ///
    /// Runs synchronously on `DispatchQueue.concurrentPerform`, which sizes itself to the cores; the
    /// caller blocks until done. `progress` is called from worker threads after each chunk.
    static func map<T: Sendable>(
        count: Int, progress: (@Sendable (Int) -> Void)? = nil, _ transform: @Sendable (Int) -> T
    ) -> [T] {
        guard count > 0 else { return [] }
        let cores = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
        // Many more chunks than cores keeps every core busy to the end and progress smooth.
        let chunkSize = Swift.max(32, Swift.min(2048, count / (cores * 16)))
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let slots = Slots<[T]>(count: chunkCount)
        let done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = chunk * chunkSize..<Swift.min(count, (chunk + 1) * chunkSize)
            slots.set(chunk, range.map(transform))
            let finished = done.add(range.count, ordering: .relaxed).newValue
            progress?(finished)
        }
        return slots.values().flatMap { $0 }
    }
}

/// Results written by workers, one slot each, behind one lock.
private final class Slots<T: Sendable>: Sendable {
    private let storage: Mutex<[T?]>

    init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: T) { storage.withLock { $0[index] = value } }

    func values() -> [T] { storage.withLock { $0.map { $0! } } }
}
