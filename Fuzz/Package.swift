// swift-tools-version: 6.1
// Coverage-guided fuzzing of pendo-replay's parsers with libFuzzer: one executable per parser.
// A package of its own, so that the main build never needs sanitizers. Build and run a target with
// `Fuzz/run.sh TARGET SECONDS` (it passes `--sanitize=fuzzer --sanitize=address`); a plain
// `swift build` here does not link, since libFuzzer supplies `main`. See docs/RELIABILITY.md.
import PackageDescription

/// A fuzz target: `Sources/NAME/NAME.swift` defines `LLVMFuzzerTestOneInput`.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: dependencies)
}

let package = Package(
    name: "pendo-replay-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "pendo-replay", path: ".."),
        // The same version as the main package's, for `ByteBuffer` in the answer parser's target.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The same version as the main package's, for the histogram decoder's target.
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // PendoEvents only (zlib).
        fuzzTarget("FuzzCorpusReader", [.product(name: "PendoEvents", package: "pendo-replay")]),
        fuzzTarget("FuzzJSONSyntax", [.product(name: "PendoEvents", package: "pendo-replay")]),
        fuzzTarget("FuzzDuration", [.product(name: "PendoEvents", package: "pendo-replay")]),
        // DataPrep (swift-crypto).
        fuzzTarget("FuzzDataPrepJSON", [.product(name: "DataPrep", package: "pendo-replay")]),
        fuzzTarget("FuzzExpression", [.product(name: "DataPrep", package: "pendo-replay")]),
        fuzzTarget("FuzzMappingSet", [.product(name: "DataPrep", package: "pendo-replay")]),
        fuzzTarget("FuzzXDMSchema", [.product(name: "DataPrep", package: "pendo-replay")]),
        fuzzTarget("FuzzDatePattern", [.product(name: "DataPrep", package: "pendo-replay")]),
        // Reports (HdrHistogram).
        fuzzTarget("FuzzThreshold", [.product(name: "Reports", package: "pendo-replay")]),
        fuzzTarget("FuzzHdrHistogram", [
            .product(name: "Reports", package: "pendo-replay"),
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ]),
        // LoadDriver (NIO): the stages grammar and the answer parser.
        fuzzTarget("FuzzStages", [.product(name: "LoadDriver", package: "pendo-replay")]),
        fuzzTarget("FuzzResponseParser", [
            .product(name: "LoadDriver", package: "pendo-replay"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // InletEmulator (Hummingbird, SQLite): the batch document reader behind `/collection/batch`.
        fuzzTarget("FuzzBatchDocument", [.product(name: "InletEmulator", package: "pendo-replay")]),
        // Its routes: requests sent to a fresh emulator's router (`RouteFuzzing`), no sockets.
        fuzzTarget("FuzzEmulatorRoutes", [.product(name: "InletEmulator", package: "pendo-replay")]),
    ]
)
