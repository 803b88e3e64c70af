// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "engage",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "engage", targets: ["engage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // MARK: libcurl (outbound webhooks and e-mail)
        .systemLibrary(
            name: "CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "CCurlShim",
            dependencies: ["CCurl"],
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // MARK: glibc's allocator settings (mallopt), for `engage serve`
        .systemLibrary(name: "CMalloc"),

        // MARK: Engage modules
        .target(
            name: "EngageDomain",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The rules' side of the seam: store interfaces, no storage.
        .target(
            name: "EngageCore",
            dependencies: ["EngageDomain"],
            swiftSettings: swiftSettings
        ),
        // The rows both stores keep, and their mapping to the domain: one place per resource.
        .target(
            name: "EngageRecords",
            dependencies: ["EngageDomain"],
            swiftSettings: swiftSettings
        ),
        // The embedded store: SQLite through GRDB.
        .target(
            name: "EngageSQLite",
            dependencies: [
                "EngageCore",
                "EngageDomain",
                "EngageRecords",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The server store: PostgreSQL through postgres-nio, with SQLKit for rows and binds.
        .target(
            name: "EngagePostgres",
            dependencies: [
                "EngageCore",
                "EngageDomain",
                "EngageRecords",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EngageNotifications",
            dependencies: [
                "CCurlShim",
                "EngageCore",
                "EngageDomain",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The mail templates: one catalogue per UN language, the two layouts, and the certificate's page.
            resources: ["ar", "zh", "en", "fr", "ru", "es"].map { .embedInCode("Resources/mail/\($0).json") }
                + [.embedInCode("Resources/mail/text.mustache"), .embedInCode("Resources/mail/html.mustache"),
                   .embedInCode("Resources/mail/certificate.mustache")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EngageServer",
            dependencies: [
                "EngageCore",
                "EngageDomain",
                "EngageNotifications",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.embedInCode("Resources/openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "engage",
            dependencies: [
                "CMalloc",
                "EngageCore",
                "EngageServer",
                "EngageSQLite",
                "EngagePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests

        // The store each test runs on (SQLite, or PostgreSQL with ENGAGE_TEST_STORE=postgresql) and plain SQL on it.
        .target(
            name: "EngageTestSupport",
            dependencies: [
                "EngageCore",
                "EngageSQLite",
                "EngagePostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/EngageTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EngageDomainTests",
            dependencies: ["EngageDomain"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EngageCoreTests",
            dependencies: ["EngageCore", "EngageDomain"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EngageStorageTests",
            dependencies: [
                "EngageCore",
                "EngageRecords",
                "EngageTestSupport",
                "EngageSQLite",
                "EngagePostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EngageServerTests",
            dependencies: [
                "EngageCore",
                "EngageTestSupport",
                "EngageServer",
                "EngageNotifications",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
