import EngageCore
import EngagePostgres
import EngageSQLite
import EngageServer
import Foundation
import Logging

/// The one place that names a store: the executable's wiring.
enum StoreOpener {
    /// What to open, from the options: PostgreSQL when a URL is configured, else the SQLite file.
    enum Choice {
        case sqlite(path: String)
        case postgresql(url: String)
    }

    static func choice(_ options: EnvironmentOptions) -> Choice {
        options.postgresURL.map { .postgresql(url: $0) } ?? .sqlite(path: options.databasePath)
    }

    /// Opens (creating and migrating) the configured store.
    static func open(_ choice: Choice, logger: Logger) async throws -> any EngageStore {
        switch choice {
        case .sqlite(let path): try SQLiteStore.open(path: path)
        case .postgresql(let url): try await PostgresStore.open(url: url, logger: logger)
        }
    }

    /// Where the store is, for messages: the file, or the PostgreSQL server without its password.
    static func describe(_ choice: Choice) -> String {
        switch choice {
        case .sqlite(let path): return path
        case .postgresql(let url):
            guard var components = URLComponents(string: url) else { return "PostgreSQL" }
            components.password = nil
            components.query = nil
            return components.string ?? "PostgreSQL"
        }
    }

    /// The server secret: the configured file (which must exist, shared by every instance), or with
    /// SQLite and no file configured, the one beside the database (created on first start, and only
    /// then: a database that holds data sealed with a lost secret is a startup error, not a new secret).
    static func serverSecret(_ options: EnvironmentOptions, _ choice: Choice, store: any EngageStore) async throws -> Data {
        if let file = options.secretFile { return try ServerSecret.load(file: file) }
        switch choice {
        case .sqlite(let path):
            return try ServerSecret.loadOrCreate(besideDatabase: path, mayCreate: !(try await store.holdsSealedData()))
        case .postgresql:
            throw ServerSecret.Missing(description: """
                ENGAGE_DATABASE_URL needs ENGAGE_SERVER_SECRET_FILE: a file of at least 32 random bytes that every instance shares \
                (for example: head -c 32 /dev/urandom > engage.secret; chmod 600 engage.secret)
                """)
        }
    }
}
