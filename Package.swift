// swift-tools-version: 6.1
// pendo-replay: replay and load-test harness for Adobe Experience Platform streaming ingestion of
// Pendo webhook events. Module layout and import rules: docs/ARCHITECTURE.md.
import PackageDescription

let package = Package(
    name: "pendo-replay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pendo-replay", targets: ["PendoReplayCLI"]),
        // Libraries for the fuzz targets in Fuzz/ (a package of its own, built with sanitizers).
        .library(name: "PendoEvents", targets: ["PendoEvents"]),
        .library(name: "DataPrep", targets: ["DataPrep"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "LoadDriver", targets: ["LoadDriver"]),
        .library(name: "InletEmulator", targets: ["InletEmulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // zlib from the system (Debian: zlib1g-dev), for streaming gzip in and out.
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // What several modules share: the retry policy, RFC 3339 instants.
        .target(name: "ReplayCommon"),

        // Event model, seeded synthesizer, streaming corpus reader and writer.
        .target(
            name: "PendoEvents",
            dependencies: [
                "CZlib",
                "ReplayCommon",
            ]
        ),

        // Data Prep mapping engine: mapping sets, paths, expressions, functions, XDM schema, coercion.
        .target(
            name: "DataPrep",
            dependencies: [
                "ReplayCommon",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // Run summary model, histograms, renderers, thresholds, compare, merge.
        .target(
            name: "Reports",
            dependencies: [
                // zlib compresses interval-log histograms (HdrHistogram's compressed V2 encoding).
                "CZlib",
                "ReplayCommon",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                // The HTML pages are mustache templates (Pages/).
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),

        // Load models, Dispatch scheduler, NIO transport, collector.
        .target(
            name: "LoadDriver",
            dependencies: [
                "PendoEvents",
                "DataPrep",
                "Reports",
                "ReplayCommon",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            // Swift 6 language mode. The dynamic exclusivity checks (swift_beginAccess on every class
            // property access of the per-request path, ~3 % of a closed-loop run's samples) are
            // compiled out of release builds only; debug builds and tests keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),

        // Flow Service API and streaming inlet emulator, datasets in SQLite, fault injection.
        .target(
            name: "InletEmulator",
            dependencies: [
                "DataPrep",
                "ReplayCommon",
                // DurationText: the one conversion of seconds into time amounts.
                "PendoEvents",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // The HTTP parts InletChannelHandler reads and writes in Hummingbird's pipeline.
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                // A channel for the request contexts of `RouteFuzzing`, which drives the router without sockets.
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // The records INSERT binds each record's bytes with SQLite's C API (RecordColumns).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Typed Flow Service API calls.
        .target(
            name: "FlowServiceClient",
            dependencies: [
                // JSONValue: mapping-set documents and PATCH values pass through as the user wrote them.
                "DataPrep",
                // DurationText: the one conversion of seconds into time amounts (back-off, timeouts).
                "PendoEvents",
                "ReplayCommon",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // The `pendo-replay` command line.
        .executableTarget(
            name: "PendoReplayCLI",
            dependencies: [
                "PendoEvents",
                "DataPrep",
                "Reports",
                "LoadDriver",
                "InletEmulator",
                "FlowServiceClient",
                "ReplayCommon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // run --metrics-port: the emulator's metrics library, and a listener for /metrics.
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        .testTarget(
            name: "PendoEventsTests",
            dependencies: ["PendoEvents", "ReplayCommon", .product(name: "Crypto", package: "swift-crypto")]
        ),

        .testTarget(name: "ReplayCommonTests", dependencies: ["ReplayCommon"]),

        .testTarget(
            name: "DataPrepTests",
            dependencies: ["DataPrep", "PendoEvents", "ReplayCommon"],
            // The JDK's answers (scripts/jdk-golden.sh), read by path (`#filePath`).
            exclude: ["JDK"]
        ),

        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "Reports",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // Read by path (`#filePath`), so that UPDATE_GOLDEN=1 can rewrite them in place; FailCases
            // are the fuzz targets' crash inputs, replayed by FailCaseReplayTests.
            exclude: ["Golden", "FailCases"]
        ),

        .testTarget(
            name: "LoadDriverTests",
            dependencies: [
                "LoadDriver",
                "PendoEvents",
                "DataPrep",
                "Reports",
                "ReplayCommon",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            // The fuzz targets' crash inputs, read by path (`#filePath`) by FailCaseReplayTests.
            exclude: ["FailCases"]
        ),

        .testTarget(
            name: "InletEmulatorTests",
            dependencies: [
                "InletEmulator",
                "DataPrep",
                "PendoEvents",
                "ReplayCommon",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        .testTarget(
            name: "FlowServiceClientTests",
            dependencies: [
                "FlowServiceClient",
                "InletEmulator",
                "DataPrep",
                "ReplayCommon",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // Runs the built `pendo-replay` binary against real loopback servers.
        .testTarget(name: "EndToEndTests", dependencies: ["PendoEvents"]),
    ]
)
