import CoopTestSupport
import Synchronization
import Testing

@testable import CoopCore

@Suite("One computation per key at a time")
struct SingleFlightTests {
    struct Boom: Error {}

    /// A value shared with the computations (a Mutex cannot be captured itself).
    final class Shared<T: Sendable>: Sendable {
        let value: Mutex<T>
        init(_ value: T) { self.value = Mutex(value) }
        func get() -> T { value.withLock { $0 } }
        func set(_ new: T) { value.withLock { $0 = new } }
        func update(_ change: (inout T) -> Void) { value.withLock { change(&$0) } }
    }

    @Test func concurrentCallersOfOneKeyShareOneComputation() async throws {
        let flights = SingleFlight<String, Int>()
        let runs = Shared(0)
        let gate = Shared(false)
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await flights.run("robe") {
                        runs.update { $0 += 1 }
                        // Hold the computation until every caller has joined it.
                        while !gate.get() { try await Task.sleep(for: .milliseconds(1)) }
                        return 42
                    }
                }
            }
            // Open the gate once all 20 callers have joined, however long a busy machine takes to start them.
            let joined = await eventually { flights.callers(of: "robe") == 20 }
            let callers = flights.callers(of: "robe")
            gate.set(true)
            #expect(joined, "only \(callers) of 20 callers joined")
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: 42, count: 20))
        #expect(runs.get() == 1)
        #expect(flights.inFlight == 0)
        // Once done, the next call computes again.
        #expect(try await flights.run("robe") { runs.update { $0 += 1 }; return 7 } == 7)
        #expect(runs.get() == 2)
    }

    @Test func otherKeysRunSeparatelyAndFailuresAreSharedThenForgotten() async throws {
        let flights = SingleFlight<Int, String>()
        async let a = flights.run(1) { try await Task.sleep(for: .milliseconds(20)); return "a" }
        async let b = flights.run(2) { try await Task.sleep(for: .milliseconds(20)); return "b" }
        #expect(try await [a, b] == ["a", "b"])
        await #expect(throws: Boom.self) { try await flights.run(3) { throw Boom() } }
        #expect(try await flights.run(3) { "after" } == "after")
    }
}
