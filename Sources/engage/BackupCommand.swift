import ArgumentParser
import EngageSQLite

/// `engage backup <path>`: an online, consistent copy of the database (SQLite backup API).
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the database, consistently, while it is in use.")

    @OptionGroup var options: EnvironmentOptions

    @Argument(help: "Where to write the copy.")
    var destination: String

    func run() async throws {
        PrivateFiles.restrict()
        do {
            let database = try AppDatabase.open(path: options.databasePath)
            try database.backup(to: destination)
        } catch {
            throw Failure.exit("backup failed: \(Failure.describe(error))")
        }
        print("backed up \(options.databasePath) to \(destination)")
    }
}
