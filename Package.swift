// swift-tools-version:6.2
// Hummingbird 2.28 needs tools 6.2; the package is built in the Swift 6 language mode.
import PackageDescription

let package = Package(
    name: "coop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "coopctl", targets: ["coopctl"]),
        .executable(name: "coop-api", targets: ["coop-api"]),
        .library(name: "CoopCore", targets: ["CoopCore"]),
        .library(name: "Membership", targets: ["Membership"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        // libcurl's SMTP client (STARTTLS, implicit TLS, AUTH), for the notices' delivery.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // P-256's field in fixed width, for decoding and summing the board's points (docs/PERFORMANCE.md).
        // Optimized even in debug builds: unoptimized, its 128-bit products are 600 times slower.
        .target(name: "P256Field", swiftSettings: [.unsafeFlags(["-O"])]),
        .target(
            name: "CoopCore",
            dependencies: [
                "CSQLite", "COpenSSL", "P256Field",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(name: "Membership", dependencies: ["CoopCore"]),
        .target(name: "Inventory", dependencies: ["CoopCore", "Membership"]),
        .target(name: "Lending", dependencies: ["CoopCore", "Membership", "Inventory"]),
        .target(name: "Orders", dependencies: ["CoopCore", "Membership", "Inventory"]),
        // The web booth's scripts, apart from the web face: Voting writes their fingerprint in a secret
        // election's setup, and the web face serves them.
        .target(name: "BoothScripts", dependencies: ["CoopCore"], resources: [.copy("Static")]),
        .target(name: "Voting", dependencies: ["CoopCore", "Membership", "BoothScripts"]),
        // The notices the domains wrote to the outbox, and the time-based ones the scheduler finds:
        // rendered from the template files (fr/en) and delivered over SMTP.
        .target(
            name: "Notifications",
            dependencies: [
                "CoopCore", "Membership", "Lending", "Orders", "Voting", "CCurl",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")]
        ),
        // The assembly both faces open: every domain's services and migrations in one place.
        .target(name: "Coop", dependencies: ["CoopCore", "Membership", "Inventory", "Lending", "Orders", "Voting", "Notifications"]),
        .executableTarget(
            name: "coopctl",
            dependencies: [
                "Coop", "CoopCore", "Membership", "Inventory", "Lending", "Orders", "Voting", "Notifications",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What any HTTP face needs: the request context, authentication, problem+json, JSON bodies,
        // request logs, metrics, client addresses. The JSON API is one route group over it; the web face next.
        .target(
            name: "CoopHTTP",
            dependencies: [
                "CoopCore", "Membership",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The web face: server-rendered pages (Mustache templates, which escape text and attribute
        // values) as a route group over CoopHTTP and the domains, beside the JSON API.
        .target(
            name: "CoopWeb",
            dependencies: [
                "Coop", "CoopCore", "CoopHTTP", "Membership", "Inventory", "Lending", "Orders", "Voting", "Notifications",
                "BoothScripts",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates"), .copy("Static")]
        ),
        .executableTarget(
            name: "coop-api",
            dependencies: [
                "Coop", "CoopCore", "CoopHTTP", "CoopWeb", "Membership", "Inventory", "Lending", "Orders", "Voting", "Notifications",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "CoopCoreTests", dependencies: ["CoopCore", "P256Field", "CoopTestSupport"]),
        .testTarget(name: "MembershipTests", dependencies: ["Membership", "CoopTestSupport"]),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory", "Membership", "CoopTestSupport"]),
        .testTarget(name: "LendingTests", dependencies: ["Lending", "Inventory", "Membership", "CoopTestSupport"]),
        .testTarget(name: "OrdersTests", dependencies: ["Orders", "Inventory", "Membership", "CoopTestSupport"]),
        .testTarget(name: "VotingTests", dependencies: ["Voting", "Membership", "BoothScripts", "CoopTestSupport"]),
        .testTarget(name: "NotificationsTests", dependencies: ["Notifications", "Coop", "Membership", "Inventory", "Lending", "Orders", "Voting", "CoopTestSupport"]),
        .testTarget(name: "CoopTests", dependencies: ["Coop", "CoopCore", "Membership", "Inventory", "Lending", "Orders", "Voting"]),
        // Starting child processes safely (Foundation's Process.run can crash on this toolchain).
        .target(name: "CoopTestSupport", dependencies: ["CoopCore", "Membership"], path: "Tests/CoopTestSupport"),
        .testTarget(name: "CoopCtlTests", dependencies: ["coopctl", "CoopCore", "BoothScripts", "CoopTestSupport"]),
        .testTarget(
            name: "CoopAPITests",
            dependencies: [
                "coop-api", "CoopWeb", "CoopTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Benchmarks (package-benchmark) are declared only for `make bench`, which sets COOP_BENCHMARKS and
// builds in its own .build-bench folder: `make test` never fetches or builds them.
if Context.environment["COOP_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(
        .executableTarget(
            name: "CoopBenchmarks",
            dependencies: [
                "Coop", "CoopCore", "Membership", "Inventory", "Lending", "Orders", "Voting",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CoopBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ))
}
