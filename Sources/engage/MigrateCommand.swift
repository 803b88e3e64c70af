import ArgumentParser
import Logging

/// `engage migrate`: creates or upgrades the schema of the configured store (the SQLite file, or the
/// PostgreSQL database of ENGAGE_DATABASE_URL), then exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database schema.")

    @OptionGroup var options: EnvironmentOptions

    func run() async throws {
        PrivateFiles.restrict()
        let choice = StoreOpener.choice(options)
        let applied: [String]
        do {
            let store = try await StoreOpener.open(choice, logger: Logger(label: "engage-migrate"))
            applied = try await store.appliedMigrations()
        } catch {
            throw Failure.exit("cannot migrate the database at \(StoreOpener.describe(choice)): \(Failure.describe(error))")
        }
        print("database \(StoreOpener.describe(choice)) is at schema version \(applied.last ?? "none") (\(applied.count) migrations)")
    }
}
