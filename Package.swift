// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "vnsearch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vnsearch", targets: ["VNSearchCLI"]),
        .library(name: "VNSearch", targets: ["VNSearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // The only code that includes <xapian.h> or ICU headers; Swift sees a plain C API.
        .target(
            name: "VNShim",
            linkerSettings: [
                .linkedLibrary("xapian"),
                .linkedLibrary("icui18n"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
                .linkedLibrary("stdc++"),
            ]
        ),
        // Vietnamese text analysis: decoding, normalisation, syllables, terms, passages.
        .target(name: "VNAnalysis", dependencies: ["VNShim"]),
        // Xapian handles, schema, indexer and searcher.
        .target(name: "VNSearch", dependencies: ["VNShim", "VNAnalysis"]),
        // HTTP routes over the search library.
        .target(
            name: "VNServer",
            dependencies: [
                "VNSearch", "VNAnalysis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The `vnsearch` command (named apart from the VNSearch library module).
        .executableTarget(
            name: "VNSearchCLI",
            dependencies: [
                "VNSearch", "VNServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // jemalloc in place of glibc's malloc, for Xapian's writer too, which
            // allocates a tree node per posting: indexing 5,000 articles took about a
            // sixth less user CPU (alternated runs). Release only: the sanitizers bring
            // their own allocator.
            linkerSettings: [.linkedLibrary("jemalloc", .when(configuration: .release))]
        ),
        // Helpers the test targets share: temporary folders, Xapian's network tools on loopback ports.
        .target(name: "VNTestSupport", path: "Tests/Support"),
        .testTarget(name: "VNShimTests", dependencies: ["VNSearch", "VNTestSupport"]),
        .testTarget(name: "VNAnalysisTests", dependencies: ["VNAnalysis"], exclude: ["Fixtures"]),
        .testTarget(name: "VNSearchTests", dependencies: ["VNSearch", "VNTestSupport"]),
        .testTarget(
            name: "VNServerTests",
            dependencies: [
                "VNServer", "VNTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "CLITests", dependencies: ["VNSearch", "VNTestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
