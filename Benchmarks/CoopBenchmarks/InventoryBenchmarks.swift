import Benchmark
import Coop
import CoopCore
import Foundation
import Inventory

/// Import, search and lookup at 100,000 items, on the catalogue `Benchmarks/generate-catalogue.py`
/// writes (`make bench` passes its path in COOP_BENCH_CATALOGUE; the sqlite3 shell floor in
/// `Benchmarks/inventory-floor.sh` reads the same file).
func inventoryBenchmarks() {
    let searches: [(String, ItemQuery)] = [
        ("text \"robe\"", ItemQuery(text: "robe")),
        ("text \"robe epoque\" (accents folded)", ItemQuery(text: "robe epoque")),
        ("text \"velours bord\" (prefix)", ItemQuery(text: "velours bord")),
        ("filters: category + available + attr", ItemQuery(category: "Costumes/Robe", available: true, attributes: [AttributeFilter(key: "taille", value: "M")])),
        ("filters: location subtree + attr", ItemQuery(location: "Entrepôt/Étage 2", attributes: [AttributeFilter(key: "couleur", value: "rouge")])),
        ("text + filters: \"soie\" + category + available", ItemQuery(text: "soie", category: "Costumes/Robe", available: true)),
        ("no text, no filter (first page)", ItemQuery()),
    ]

    Benchmark(
        "Inventory: import 100,000 items (one transaction)",
        configuration: .init(metrics: [.wallClock], maxDuration: .seconds(60), maxIterations: 3)
    ) { benchmark in
        let data = try CatalogueFile.data()
        let fixture = try await BenchmarkFixture.empty()
        benchmark.startMeasurement()
        blackHole(try await fixture.coop.inventory.importCSV(data, source: "catalogue.csv", progress: { _, _ in }))
        benchmark.stopMeasurement()
        fixture.remove()
    }

    for (name, query) in searches {
        Benchmark(
            "Inventory: search \(name), 100,000 items",
            configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .one, maxDuration: .seconds(5))
        ) { benchmark in
            let coop = try await SharedCatalogue.shared.coop()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try await coop.inventory.search(query, page: PageRequest(limit: 50)))
            }
            benchmark.stopMeasurement()
        }
    }

    Benchmark(
        "Inventory: item by code, 100,000 items",
        configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(5))
    ) { benchmark in
        let coop = try await SharedCatalogue.shared.coop()
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(try await coop.inventory.item("GC-\(String(format: "%06d", i % 100_000 + 1))"))
        }
        benchmark.stopMeasurement()
    }
}

/// The generated catalogue file.
enum CatalogueFile {
    static func data() throws -> Data {
        guard let path = ProcessInfo.processInfo.environment["COOP_BENCH_CATALOGUE"] else {
            throw BenchmarkSetupError("COOP_BENCH_CATALOGUE is not set: run `make bench`")
        }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}

/// One database holding the whole catalogue, imported once and shared by the read benchmarks.
actor SharedCatalogue {
    static let shared = SharedCatalogue()
    private var loaded: Coop?

    func coop() async throws -> Coop {
        if let loaded { return loaded }
        let fixture = try await BenchmarkFixture.empty()
        _ = try await fixture.coop.inventory.importCSV(try CatalogueFile.data(), source: "catalogue.csv", progress: { _, _ in })
        loaded = fixture.coop
        return fixture.coop
    }
}

struct BenchmarkSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
