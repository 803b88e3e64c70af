import ArgumentParser
import EngageSQLite

/// `engage migrate`: creates or upgrades the database schema, then exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database schema.")

    @OptionGroup var options: EnvironmentOptions

    func run() async throws {
        let database: AppDatabase
        do {
            database = try AppDatabase.open(path: options.databasePath)
        } catch {
            throw Failure.exit("cannot open the database at \(options.databasePath): \(Failure.describe(error))")
        }
        let applied = try await database.appliedMigrations()
        print("database \(options.databasePath) is at schema version \(applied.last ?? "none") (\(applied.count) migrations)")
    }
}
