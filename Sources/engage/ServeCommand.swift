import ArgumentParser
import EngageCore
import EngageDomain
import EngageServer
import Foundation
import Hummingbird
import Logging

/// `engage serve`: runs the HTTP API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the HTTP API.")

    @OptionGroup var options: EnvironmentOptions

    @Option(help: "Address to listen on (ENGAGE_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (ENGAGE_PORT; default 8080).")
    var port: String?

    @Option(help: "Load demo data into an empty database: true or false (ENGAGE_DEMO_DATA; default false).")
    var demoData: String?

    func run() async throws {
        PrivateFiles.restrict()
        let resolved: AppConfiguration
        do {
            resolved = try resolve()
        } catch let error as ValidationError {
            throw Failure.exit(error.message)
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = resolved.logLevel
            return handler
        }
        var configuration = resolved
        let choice = StoreOpener.choice(options)
        let store: any EngageStore
        do {
            store = try await StoreOpener.open(choice, logger: Logger(label: "engage"))
        } catch {
            throw Failure.exit("cannot open the database at \(StoreOpener.describe(choice)): \(Failure.describe(error))")
        }
        do {
            configuration.serverSecret = try await StoreOpener.serverSecret(options, choice, store: store)
        } catch let error as ServerSecret.Missing {
            throw Failure.exit(error.description)
        } catch {
            throw Failure.exit("cannot read or create the server secret beside the database at \(StoreOpener.describe(choice)): \(Failure.describe(error))")
        }
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(configuration, store: store)
        } catch {
            throw Failure.exit("cannot open the database at \(StoreOpener.describe(choice)): \(Failure.describe(error))")
        }
        do {
            try await app.runService()
        } catch {
            throw Failure.exit("cannot serve on \(configuration.host):\(configuration.port): \(Failure.describe(error))")
        }
    }

    /// The configuration from flags, then ENGAGE_* variables, then defaults; errors are one line each.
    func resolve() throws -> AppConfiguration {
        let env = EnvironmentOptions.environment
        let portText = port ?? env["ENGAGE_PORT"] ?? "8080"
        guard let portNumber = Int(portText), (1...65535).contains(portNumber) else {
            throw ValidationError("port '\(portText)' is not a number from 1 to 65535")
        }
        let demo = try Self.flag("ENGAGE_DEMO_DATA", demoData ?? env["ENGAGE_DEMO_DATA"])
        let adminKey = env["ENGAGE_ADMIN_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if let adminKey, adminKey.count < 24 || !adminKey.hasPrefix("ek_") {
            throw ValidationError("ENGAGE_ADMIN_KEY must start with 'ek_' and be at least 24 characters long")
        }
        let origins = (env["ENGAGE_CORS_ORIGINS"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var configuration = AppConfiguration(
            host: host ?? env["ENGAGE_HOST"] ?? "127.0.0.1", port: portNumber, databasePath: options.databasePath,
            adminKey: adminKey, demoData: demo, logLevel: try options.level(), corsOrigins: origins
        )
        let limitsText = env["ENGAGE_RATE_LIMITS"] ?? ""
        guard let limits = limitsText.isEmpty ? RateLimits.defaults : RateLimits(parsing: limitsText) else {
            throw ValidationError("ENGAGE_RATE_LIMITS '\(limitsText)' is not 'off' or a list such as anonymous=300/m,registration=20/h,key=3000/m")
        }
        configuration.rateLimits = limits
        configuration.webhookAllowPrivateTargets = try Self.flag("ENGAGE_WEBHOOK_ALLOW_PRIVATE_TARGETS", env["ENGAGE_WEBHOOK_ALLOW_PRIVATE_TARGETS"])
        if let text = env["ENGAGE_WEBHOOK_RETRY_SCHEDULE"], !text.isEmpty {
            guard let schedule = RetrySchedule(parsing: text) else {
                throw ValidationError("ENGAGE_WEBHOOK_RETRY_SCHEDULE '\(text)' is not a comma list of delays such as 0s,5s,5m,30m,2h")
            }
            configuration.webhooks.schedule = schedule
        }
        if let text = env["ENGAGE_WEBHOOK_TIMEOUT"], !text.isEmpty {
            guard let timeout = RetrySchedule(parsing: text)?.delays, timeout.count == 1, timeout[0] > .zero, timeout[0] <= .seconds(300) else {
                throw ValidationError("ENGAGE_WEBHOOK_TIMEOUT '\(text)' is not a duration from 1ms to 300s, such as 15s")
            }
            configuration.webhooks.timeout = timeout[0]
            configuration.webhooks.connectTimeout = min(configuration.webhooks.connectTimeout, timeout[0])
        }
        if let text = env["ENGAGE_WEBHOOK_CONCURRENCY"], !text.isEmpty {
            guard let concurrency = Int(text), (1...64).contains(concurrency) else {
                throw ValidationError("ENGAGE_WEBHOOK_CONCURRENCY '\(text)' is not a number from 1 to 64")
            }
            configuration.webhooks.concurrency = concurrency
        }
        // The name on this instance's webhook claims: the same across its restarts, different from its siblings'.
        // The host name serves one instance per host (a container each); several on one host each set their own.
        let instance = env["ENGAGE_INSTANCE_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? ProcessInfo.processInfo.hostName
        guard instance.count <= 200, instance.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw ValidationError("ENGAGE_INSTANCE_ID must be 1 to 200 printable ASCII characters without spaces")
        }
        configuration.webhooks.instanceID = instance
        configuration.publicURL = try MailOptions.publicURL(env, host: configuration.host, port: configuration.port)
        configuration.mail = try MailOptions.resolve(env, publicURL: configuration.publicURL, instanceID: instance)
        if let text = env["ENGAGE_RESPONSE_CACHE_MB"], !text.isEmpty {
            guard let megabytes = Int(text), (0...1024).contains(megabytes) else {
                throw ValidationError("ENGAGE_RESPONSE_CACHE_MB '\(text)' is not a number of megabytes from 0 (off) to 1024")
            }
            configuration.responseCacheBytes = megabytes * 1024 * 1024
        }
        if let text = env["ENGAGE_BODY_TIMEOUT"], !text.isEmpty {
            guard let timeout = RetrySchedule(parsing: text)?.delays, timeout.count == 1, timeout[0] >= .seconds(1), timeout[0] <= .seconds(600) else {
                throw ValidationError("ENGAGE_BODY_TIMEOUT '\(text)' is not a duration from 1s to 600s, such as 30s")
            }
            configuration.bodyTimeout = timeout[0]
        }
        if let text = env["ENGAGE_RETENTION_PARTICIPANTS"], !text.isEmpty {
            guard let period = RetentionPeriod(iso: text) else {
                throw ValidationError("ENGAGE_RETENTION_PARTICIPANTS '\(text)' is not an ISO 8601 duration such as P2Y, P18M or P90D")
            }
            configuration.participantRetention = period
        }
        if let text = env["ENGAGE_WEBHOOK_CLAIM_LEASE"], !text.isEmpty {
            guard let lease = RetrySchedule(parsing: text)?.delays, lease.count == 1, lease[0] >= .seconds(3), lease[0] <= .seconds(3600) else {
                throw ValidationError("ENGAGE_WEBHOOK_CLAIM_LEASE '\(text)' is not a duration from 3s to 3600s, such as 60s")
            }
            configuration.webhooks.claimLease = lease[0]
        }
        return configuration
    }

    /// A true/false setting; anything else is a one-line error.
    static func flag(_ name: String, _ value: String?) throws -> Bool {
        let text = (value ?? "false").lowercased()
        guard let flag = ["true": true, "1": true, "yes": true, "false": false, "0": false, "no": false, "": false][text] else {
            throw ValidationError("\(name) '\(text)' is not true or false")
        }
        return flag
    }
}
