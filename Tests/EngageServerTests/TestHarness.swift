import EngageCore
import EngageDomain
import EngageServer
import EngageTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import NIOCore
import Testing

/// An in-process Engage on a fresh store (SQLite in memory, or PostgreSQL: see `TestStore`) with one key of each role.
struct TestHarness {
    let services: Services
    /// Plain SQL on the store behind the services, for tests that look at rows.
    let database: any TestRows
    let client: any TestClientProtocol
    let adminKey: String
    let staffKey: String
    let readerKey: String

    /// Runs `body` against a fresh application.
    static func run(
        configuration: AppConfiguration = AppConfiguration(),
        clock: TimeSource = .system,
        _ body: @Sendable (TestHarness) async throws -> Void
    ) async throws {
        let testStore = try await TestStore.make()
        let services = Services(store: testStore.store, serverSecret: configuration.serverSecret)
        var keys: [Role: String] = [:]
        for role in Role.allCases {
            let secret = Secret.generate(prefix: Secret.apiKeyPrefix)
            _ = try await services.apiKeys.create(
                name: "test \(role.rawValue)", role: role, secretHash: Secret.hash(secret), hint: Secret.hint(secret),
                createdBy: "test", now: Date())
            keys[role] = secret
        }
        let router = buildRouter(services: services, configuration: configuration, clock: clock)
        var logger = Logger(label: "engage-test")
        logger.logLevel = .error
        let app = Application(router: router, logger: logger)
        let keysCopy = keys
        do {
            try await app.test(.router) { client in
                try await body(TestHarness(
                    services: services, database: testStore.rows, client: client,
                    adminKey: keysCopy[.admin]!, staffKey: keysCopy[.staff]!, readerKey: keysCopy[.reader]!))
            }
        } catch {
            await testStore.close()
            throw error
        }
        await testStore.close()
    }

    // MARK: Requests

    /// Sends a request; `json` is encoded as the body with `application/json` unless `contentType` says otherwise.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Any? = nil,
        rawBody: String? = nil, contentType: String? = nil, headers extra: [String: String] = [:]
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
            headers[.contentType] = contentType ?? "application/json"
        } else if let rawBody {
            body = ByteBuffer(string: rawBody)
            if let contentType { headers[.contentType] = contentType }
        }
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body)
    }

    // MARK: Stakeholders

    /// A valid registration body, with overrides.
    static func registration(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "name": "Observatorio Ciudadano de la Trata",
            "acronym": "OCT",
            "kind": "ngo",
            "country": "MX",
            "website": "https://oct.example.org",
            "description": "Monitors trafficking in persons cases and supports survivors.",
            "topics": ["trafficking_in_persons", "victim_support"],
            "ecosoc_status": "special",
            "contact": ["name": "Ana Pérez", "email": "ana.perez@example.org", "phone": "+52 55 1234 5678"],
            "code_of_conduct_accepted": true,
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    /// Registers a stakeholder and returns its ID and access token.
    func register(_ overrides: [String: Any] = [:]) async throws -> (id: String, token: String) {
        let response = try await send(.post, "/v1/stakeholders", json: Self.registration(overrides))
        try #require(response.status == .created, "registration failed: \(response.bodyText)")
        let json = try response.object()
        return (json["id"] as! String, json["access_token"] as! String)
    }

    /// Registers and approves a stakeholder.
    func registerApproved(_ overrides: [String: Any] = [:]) async throws -> (id: String, token: String) {
        let registered = try await register(overrides)
        let response = try await send(.post, "/v1/stakeholders/\(registered.id)/approve", token: staffKey)
        try #require(response.status == .ok, "approval failed: \(response.bodyText)")
        return registered
    }

    /// How many stakeholders the database holds.
    func stakeholderCount() async throws -> Int {
        try await database.count("stakeholder")
    }
}

// MARK: Response helpers

extension TestResponse {
    var bodyText: String { String(buffer: body) }

    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        return try #require(value as? [String: Any], "not a JSON object: \(bodyText)")
    }

    /// The `data` array of a list response.
    func items() throws -> [[String: Any]] {
        try #require(try object()["data"] as? [[String: Any]])
    }

    /// The fields named in a validation problem's `errors`.
    func problemFields() throws -> [String] {
        let errors = try #require(try object()["errors"] as? [[String: Any]], "no errors array in \(bodyText)")
        return errors.compactMap { $0["field"] as? String }
    }

    /// Whether this is an RFC 9457 problem with the given status.
    func isProblem(_ status: Int) -> Bool {
        guard self.status.code == status, headers[.contentType] == "application/problem+json",
              let json = try? object() else { return false }
        return json["status"] as? Int == status && json["type"] is String && json["title"] is String && json["detail"] is String
    }
}
