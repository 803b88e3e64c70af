import ArgumentParser
import EngageServer
import Foundation
import Logging

/// Options shared by the subcommands; each flag falls back to its ENGAGE_* variable, then to the default.
struct EnvironmentOptions: ParsableArguments {
    @Option(help: "SQLite database file (ENGAGE_DATABASE; default ./data/engage.sqlite).")
    var database: String?

    @Option(help: "PostgreSQL instead of SQLite: postgres://user:password@host:5432/database (ENGAGE_DATABASE_URL).")
    var databaseURL: String?

    @Option(help: "The server secret file every instance shares (ENGAGE_SERVER_SECRET_FILE; required with PostgreSQL; default beside the SQLite file).")
    var serverSecretFile: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (ENGAGE_LOG_LEVEL; default info).")
    var logLevel: String?

    static let environment = ProcessInfo.processInfo.environment

    /// The PostgreSQL URL, when one is configured: it selects the PostgreSQL store.
    var postgresURL: String? {
        (databaseURL ?? Self.environment["ENGAGE_DATABASE_URL"]).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The server secret file, as configured.
    var secretFile: String? {
        (serverSecretFile ?? Self.environment["ENGAGE_SERVER_SECRET_FILE"]).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The database path, as configured.
    var databasePath: String {
        database ?? Self.environment["ENGAGE_DATABASE"] ?? "./data/engage.sqlite"
    }

    /// The log level, as configured; a bad value is a usage error.
    func level() throws -> Logger.Level {
        let text = logLevel ?? Self.environment["ENGAGE_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ValidationError("log level '\(text)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        return level
    }
}
