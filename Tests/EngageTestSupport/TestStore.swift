import EngageCore
import EngagePostgres
import EngageSQLite
import Foundation
import Logging
import PostgresKit

/// The store a test runs on, fresh for each test: SQLite in memory by default; with
/// `ENGAGE_TEST_STORE=postgresql`, a new PostgreSQL database cloned from a migrated template on the
/// cluster `ENGAGE_TEST_DATABASE_URL` names (`make test` runs every suite both ways).
public struct TestStore: Sendable {
    public let store: any EngageStore
    /// Plain SQL on the same database, for assertions on stored state.
    public let rows: any TestRows
    private let closer: @Sendable () async -> Void

    /// The kind of store this run tests.
    public static var kind: StoreKind {
        ProcessInfo.processInfo.environment["ENGAGE_TEST_STORE"].flatMap(StoreKind.init(rawValue:)) ?? .sqlite
    }

    /// A fresh, migrated, empty store.
    public static func make() async throws -> TestStore {
        switch kind {
        case .sqlite:
            let store = try SQLiteStore.open(path: nil)
            return TestStore(store: store, rows: SQLiteTestRows(database: store.database), closer: {})
        case .postgresql:
            let url = try await PostgresTestDatabases.shared.fresh()
            let store = try await PostgresStore.open(url: url, logger: Logger(label: "engage-test"), maximumConnections: 4)
            return TestStore(store: store, rows: PostgresTestRows(database: store.database), closer: {
                store.close()
                await PostgresTestDatabases.shared.drop(url)
            })
        }
    }

    /// Releases the store's connections.
    public func close() async {
        await closer()
    }
}

/// Test databases on the cluster of `ENGAGE_TEST_DATABASE_URL`: a template migrated once per run,
/// and a copy of it per test (`CREATE DATABASE … TEMPLATE`, milliseconds).
actor PostgresTestDatabases {
    static let shared = PostgresTestDatabases()

    /// The template's creation, shared by every test that asks while it runs (the actor is re-entrant across awaits).
    private var template: Task<String, any Error>?
    private let logger = Logger(label: "engage-test-databases")

    private var adminURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["ENGAGE_TEST_DATABASE_URL"], !url.isEmpty else {
                throw PostgresURL.Invalid(description: "ENGAGE_TEST_STORE=postgresql needs ENGAGE_TEST_DATABASE_URL")
            }
            return url
        }
    }

    /// The URL of a new database holding the migrated, empty schema.
    func fresh() async throws -> String {
        let base = try adminURL
        if template == nil {
            template = Task { try await self.makeTemplate(base) }
        }
        let source: String
        do {
            source = try await template!.value
        } catch {
            template = nil  // the next test tries again rather than inheriting one failure
            throw error
        }
        let name = "engage_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))"
        try await admin { db in try await db.raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: source)").run() }
        return Self.url(base, database: name)
    }

    /// Creates and migrates the template every test database is copied from.
    private func makeTemplate(_ base: String) async throws -> String {
        let name = "engage_template_\(ProcessInfo.processInfo.processIdentifier)"
        try await admin { db in
            try await db.raw("DROP DATABASE IF EXISTS \(ident: name)").run()
            try await db.raw("CREATE DATABASE \(ident: name)").run()
        }
        let store = try await PostgresStore.open(url: Self.url(base, database: name), logger: logger, maximumConnections: 1)
        store.close()
        // A template is copied only once nobody is connected to it: wait for the pool's connection to go.
        for _ in 0..<500 {
            let connected = try await count("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = '\(name)'")
            if connected == 0 { return name }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw PostgresURL.Invalid(description: "the template database \(name) still has connections after 10 s")
    }

    private func count(_ sql: String) async throws -> Int {
        let box = CountBox()
        try await admin { db in box.value = try await db.raw(SQLQueryString(sql)).first()?.decode(column: "n", as: Int.self) ?? 0 }
        return box.value
    }

    /// Drops a test's database (best effort: the cluster is thrown away after the run anyway).
    func drop(_ url: String) async {
        guard let name = URLComponents(string: url)?.path.dropFirst() else { return }
        try? await admin { db in try await db.raw("DROP DATABASE IF EXISTS \(ident: String(name)) WITH (FORCE)").run() }
    }

    private func admin(_ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let configuration = try PostgresURL.configuration(try adminURL)
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: configuration.host ?? "127.0.0.1", port: configuration.port ?? 5432, username: configuration.username,
                password: configuration.password, database: configuration.database, tls: .disable),
            id: 1, logger: logger)
        defer { Task { try? await connection.close() } }
        try await body(connection.sql())
    }

    private static func url(_ base: String, database: String) -> String {
        var components = URLComponents(string: base)!
        components.path = "/" + database
        return components.string!
    }
}

/// A result carried out of a `@Sendable` closure.
private final class CountBox: @unchecked Sendable {
    var value = 0
}
