import Benchmark
import Coop
import CoopCore
import Foundation
import Membership

/// Member insert and lookup by number with 10,000 members already registered.
func membershipBenchmarks() {
    let memberCount = 10_000

    Benchmark(
        "Membership: add member (10,000 registered)",
        configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(10))
    ) { benchmark in
        let fixture = try await BenchmarkFixture.members(memberCount)
        var next = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            next += 1
            blackHole(try await fixture.coop.membership.addMember(
                NewMember(firstName: "Nouveau", lastName: "Membre", email: "new\(next)@example.org", plan: "Annuel")))
        }
        benchmark.stopMeasurement()
        fixture.remove()
    }

    Benchmark(
        "Membership: member by number (10,000 registered)",
        configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(10))
    ) { benchmark in
        let fixture = try await BenchmarkFixture.members(memberCount)
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(try await fixture.coop.membership.member("M-\(String(format: "%04d", i % memberCount + 1))"))
        }
        benchmark.stopMeasurement()
        fixture.remove()
    }
}
