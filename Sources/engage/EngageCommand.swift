import ArgumentParser
import EngageServer

/// `engage`: the Engage service's command line.
struct EngageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engage",
        abstract: "Engage: the UNODC Civil Society Team's stakeholder, event and programme API.",
        version: EngageVersion.current,
        subcommands: [ServeCommand.self, MigrateCommand.self, BackupCommand.self, CopyCommand.self, RoutesCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
