// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "fees",
    products: [
        .library(name: "FeeKit", targets: ["FeeKit"]),
        .executable(name: "fees", targets: ["fees"]),
    ],
    targets: [
        .target(name: "FeeKit"),
        .executableTarget(name: "fees", dependencies: ["FeeKit"]),
        .executableTarget(name: "fees-bench", dependencies: ["FeeKit"], path: "Sources/fees-bench"),
        .testTarget(
            name: "FeeKitTests",
            dependencies: ["FeeKit"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
