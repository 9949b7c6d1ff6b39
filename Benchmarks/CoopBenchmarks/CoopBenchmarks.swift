import Benchmark

/// Every suite; `make bench` runs them with `swift package benchmark`.
let benchmarks: @Sendable () -> Void = {
    membershipBenchmarks()
    inventoryBenchmarks()
    lendingBenchmarks()
    ordersBenchmarks()
    votingBenchmarks()
    secretBallotBenchmarks()
}
