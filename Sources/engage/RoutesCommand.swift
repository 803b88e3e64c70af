import ArgumentParser
import EngageDomain
import EngageServer
import EngageSQLite

/// `engage routes`: prints every route the server answers, one `METHOD /path` a line
/// (path parameters as `{name}`, as in openapi.yaml).
struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "routes", abstract: "List the HTTP routes the server answers.")

    func run() async throws {
        let services = Services(store: try SQLiteStore.open(path: nil), serverSecret: ResponseSeal.newServerSecret())
        let router = buildRouter(services: services, configuration: AppConfiguration())
        for line in routeTable(router) { print(line) }
    }
}
