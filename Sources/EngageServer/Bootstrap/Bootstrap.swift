import EngageDomain
import EngageCore
import Foundation
import Logging

/// First-start work: the admin key and, on an empty database, the demo data.
struct Bootstrap {
    let services: Services
    let logger: Logger
    /// Where a generated admin key is shown, once (standard output; never the log).
    var announce: @Sendable (String) -> Void = { text in
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Under the store's start-up lock, so instances started together ensure one admin key and load the demo data once.
    func run(_ configuration: AppConfiguration) async throws {
        try await services.store.exclusively { try await self.runAlone(configuration) }
    }

    private func runAlone(_ configuration: AppConfiguration) async throws {
        try await ensureAdminKey(configuration.adminKey)
        if configuration.demoData {
            let loaded = try await DemoData(stakeholders: services.stakeholders).loadIfEmpty()
            let events = try await DemoEvents(services: services).loadIfEmpty()
            let programme = try await DemoProgramme(services: services).loadIfEmpty()
            if loaded + events + programme > 0 {
                logger.info("loaded demo data", metadata: [
                    "stakeholders": .stringConvertible(loaded), "events": .stringConvertible(events), "programme": .stringConvertible(programme),
                ])
            }
        }
    }

    /// `ENGAGE_ADMIN_KEY` is ensured as given; without it, a first start generates one and shows it once.
    private func ensureAdminKey(_ configured: String?) async throws {
        let now = Date()
        if let configured {
            switch try await services.apiKeys.ensure(
                name: "configured admin key", role: .admin, secretHash: Secret.hash(configured), hint: Secret.hint(configured), now: now) {
            case .created: logger.info("configured admin key registered")
            case .reinstated: logger.warning("ENGAGE_ADMIN_KEY names a key that had been revoked; it is active again (change ENGAGE_ADMIN_KEY if it leaked)")
            case .unchanged: break
            }
            return
        }
        guard try await !services.apiKeys.hasActiveKey(role: .admin) else { return }
        let secret = Secret.generate(prefix: Secret.apiKeyPrefix)
        _ = try await services.apiKeys.create(
            name: "generated admin key", role: .admin, secretHash: Secret.hash(secret), hint: Secret.hint(secret),
            createdBy: "bootstrap", now: now)
        announce("""
            Engage: no admin key was configured, so one was generated. It is shown only this once:
              \(secret)
            Use it as 'Authorization: Bearer <key>'; set ENGAGE_ADMIN_KEY to choose your own.
            """)
    }
}
