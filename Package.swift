// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "fees",
    products: [
        .library(name: "FeeKit", targets: ["FeeKit"]),
        .library(name: "FeeServer", targets: ["FeeServer"]),
        .executable(name: "fees", targets: ["fees"]),
    ],
    targets: [
        .target(name: "FeeKit"),
        .executableTarget(name: "fees", dependencies: ["FeeKit", "FeeServer"]),
        .systemLibrary(name: "CEpoll", path: "Sources/CEpoll"),
        .target(name: "FeeServer", dependencies: ["FeeKit", "CEpoll"]),
        .testTarget(name: "FeeServerTests", dependencies: ["FeeServer", "FeeKit"]),
        .executableTarget(name: "fees-bench", dependencies: ["FeeKit"], path: "Sources/fees-bench"),
        .testTarget(
            name: "FeeKitTests",
            dependencies: ["FeeKit"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Every target sees only the members of the modules it imports itself (SE-0444).
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
