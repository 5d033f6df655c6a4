// swift-tools-version: 6.0
import PackageDescription

// The layers, lowest first; each target may import only the ones listed as its dependencies, so
// the compiler enforces the graph drawn in the README's Layout section (LayoutTests compares the
// two, and each target's imports with its dependencies). Among the layers only FeeCatalogue (the
// table loader) imports Foundation; the batch engine and partials read file descriptors directly.
let package = Package(
    name: "fees",
    // Synchronization.Mutex (the fingerprint and suggestion caches) needs macOS 15; Linux is the target.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "FeeKit", targets: ["FeeKit"]),
        .library(name: "FeeServer", targets: ["FeeServer"]),
        .executable(name: "fees", targets: ["fees"]),
    ],
    targets: [
        .target(name: "FeeValues", exclude: ["README.md"]),
        .target(name: "FeeJSON", dependencies: ["FeeValues"], exclude: ["README.md"]),
        .target(name: "FeeWords", dependencies: ["FeeValues", "FeeJSON"], exclude: ["README.md"]),
        .target(name: "FeeCore", dependencies: ["FeeValues", "FeeJSON", "FeeWords"], exclude: ["README.md"]),
        .target(name: "FeeCatalogue", dependencies: ["FeeValues", "FeeJSON", "FeeWords"], exclude: ["README.md"]),
        .target(
            name: "FeePublishing",
            dependencies: ["FeeValues", "FeeJSON", "FeeWords", "FeeCore"],
            exclude: ["README.md"]
        ),
        .target(
            name: "FeeReports",
            dependencies: ["FeeValues", "FeeJSON", "FeeWords", "FeeCore", "FeeCatalogue", "FeePublishing"],
            exclude: ["README.md"]
        ),
        .target(
            name: "FeeKit",
            dependencies: ["FeeValues", "FeeJSON", "FeeWords", "FeeCore", "FeeCatalogue", "FeePublishing", "FeeReports"],
            exclude: ["README.md"]
        ),
        .target(name: "FeeTestSupport", dependencies: ["FeeKit"], exclude: ["README.md"]),
        .systemLibrary(name: "CEpoll", path: "Sources/CEpoll"),
        .target(name: "FeeServer", dependencies: ["FeeKit", "CEpoll"], exclude: ["README.md"]),
        .executableTarget(name: "fees", dependencies: ["FeeKit", "FeeServer"], exclude: ["README.md"]),
        .executableTarget(name: "fees-bench", dependencies: ["FeeKit"], path: "Sources/fees-bench", exclude: ["README.md"]),
        .testTarget(name: "FeeServerTests", dependencies: ["FeeServer", "FeeKit"]),
        .testTarget(
            name: "FeeKitTests",
            dependencies: ["FeeKit", "FeeTestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Every target sees only the members of the modules it imports itself (SE-0444).
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
