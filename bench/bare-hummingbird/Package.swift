// swift-tools-version: 6.1
// The peer of the emulator's ingest benchmark (bench/emulator-mapping.sh): a Hummingbird server whose
// inlet route reads the body and answers the inlet's 200, with no mapping and no storage. Its
// rate is the ceiling the emulator's HTTP stack sets on this machine.
import PackageDescription

let package = Package(
    name: "bare-hummingbird",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "BareHummingbird",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
    ]
)
