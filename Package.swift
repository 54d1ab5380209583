// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "fleetcare",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fleetcare", targets: ["fleetcare"]),
        .library(name: "FleetCore", targets: ["FleetCore"]),
        .library(name: "FleetServer", targets: ["FleetServer"]),
        .library(name: "PrinterSNMP", targets: ["PrinterSNMP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.34.0"),
    ],
    targets: [
        .target(name: "FleetCore"),
        // Per-connection SQLite settings, through SQLite's auto-extension hook (see tuning.c).
        .target(name: "CSQLiteTuning"),
        .target(name: "PrinterSNMP", dependencies: [
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        .target(
            name: "FleetServer",
            dependencies: [
                "FleetCore",
                "PrinterSNMP",
                "CSQLiteTuning",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
            ]
        ),
        .executableTarget(
            name: "fleetcare",
            dependencies: ["FleetCore", "FleetServer", .product(name: "Vapor", package: "vapor"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .testTarget(name: "FleetCoreTests", dependencies: ["FleetCore"]),
        .testTarget(name: "PrinterSNMPTests", dependencies: ["PrinterSNMP"]),
        .testTarget(
            name: "FleetServerTests",
            dependencies: [
                "FleetServer",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
    ]
)
