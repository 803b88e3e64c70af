import EngageServer
import Foundation
import HTTPTypes
import Testing

@Suite("Health, metrics, contract, request IDs, CORS")
struct SystemTests {
    @Test("health and readiness, whatever Authorization says")
    func health() async throws {
        try await TestHarness.run { app in
            let withBadCredentials = try await app.send(.get, "/healthz", headers: ["Authorization": "Bearer nope"])
            #expect(withBadCredentials.status == .ok)
            let health = try await app.send(.get, "/healthz").object()
            let ready = try await app.send(.get, "/readyz").object()
            #expect(health["status"] as? String == "ok")
            #expect(ready["status"] as? String == "ready")
        }
    }

    @Test("X-Request-Id is echoed, or generated when absent")
    func requestID() async throws {
        try await TestHarness.run { app in
            let echoed = try await app.send(.get, "/healthz", headers: ["X-Request-Id": "trace-42"])
            #expect(echoed.headers[HTTPField.Name("X-Request-Id")!] == "trace-42")
            let generated = try await app.send(.get, "/healthz")
            let again = try await app.send(.get, "/healthz")
            let (first, second) = (generated.headers[HTTPField.Name("X-Request-Id")!] ?? "", again.headers[HTTPField.Name("X-Request-Id")!] ?? "")
            #expect(first.wholeMatch(of: /req_[0-9a-f]{32}/) != nil)
            #expect(second.wholeMatch(of: /req_[0-9a-f]{32}/) != nil)
            #expect(first != second)
            let problem = try await app.send(.get, "/v1/stakeholders/nope", headers: ["X-Request-Id": "trace-43"])
            #expect(try problem.object()["request_id"] as? String == "trace-43")
            #expect(try problem.object()["instance"] as? String == "/v1/stakeholders/nope")
        }
    }

    @Test("metrics count requests by route and status")
    func metrics() async throws {
        try await TestHarness.run { app in
            _ = try await app.send(.get, "/v1/stakeholders")
            _ = try await app.send(.get, "/v1/stakeholders/stk_00000000000000000000")
            let text = try await app.send(.get, "/metrics").bodyText
            #expect(text.contains(#"engage_http_requests_total{method="GET",route="/v1/stakeholders",status="200"} 1"#))
            #expect(text.contains(#"engage_http_requests_total{method="GET",route="/v1/stakeholders/{id}",status="404"} 1"#))
            #expect(text.contains("engage_http_request_duration_seconds_bucket"))
        }
    }

    @Test("the contract is served and names every path the router has (methods: Tests/system/test_contract.py)")
    func contract() async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.get, "/openapi.yaml")
            #expect(response.status == .ok)
            let spec = response.bodyText
            #expect(spec.hasPrefix("openapi: 3.1"))
            for path in Set(routeTable(buildRouter(services: app.services, configuration: AppConfiguration())).map { $0.split(separator: " ")[1] }) {
                #expect(spec.contains("\n  \(path):"), "openapi.yaml lacks \(path)")
            }
        }
    }

    @Test("a known path with an unsupported method is a 405 with Allow; HEAD works wherever GET does")
    func methods() async throws {
        try await TestHarness.run { app in
            let delete = try await app.send(.delete, "/v1/stakeholders")
            #expect(delete.isProblem(405))
            #expect(delete.headers[.allow] == "GET, HEAD, POST")
            let put = try await app.send(.put, "/v1/stakeholders/stk_00000000000000000000")
            #expect(put.headers[.allow] == "GET, HEAD, PATCH")
            let head = try await app.send(.head, "/v1/stakeholders")
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            let unknown = try await app.send(.delete, "/v1/unknown")
            #expect(unknown.isProblem(404))
        }
    }

    @Test("CORS headers only for configured origins")
    func cors() async throws {
        try await TestHarness.run(configuration: AppConfiguration(corsOrigins: ["https://whatson.example.org"])) { app in
            let allowed = try await app.send(.get, "/v1/stakeholders", headers: ["Origin": "https://whatson.example.org"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://whatson.example.org")
            // Problem responses carry the CORS headers too, so a browser can read them
            let problem = try await app.send(.get, "/v1/stakeholders/nope", headers: ["Origin": "https://whatson.example.org"])
            #expect(problem.isProblem(404))
            #expect(problem.headers[.accessControlAllowOrigin] == "https://whatson.example.org")
            let unauthorized = try await app.send(.get, "/v1/stakeholders", headers: ["Origin": "https://whatson.example.org", "Authorization": "Bearer nope"])
            #expect(unauthorized.isProblem(401))
            #expect(unauthorized.headers[.accessControlAllowOrigin] == "https://whatson.example.org")
            let other = try await app.send(.get, "/v1/stakeholders", headers: ["Origin": "https://evil.example.com"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let preflight = try await app.send(.options, "/v1/stakeholders", headers: [
                "Origin": "https://whatson.example.org", "Access-Control-Request-Method": "PATCH",
            ])
            #expect(preflight.status == .noContent || preflight.status == .ok)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("PATCH") == true)
        }
    }
}
