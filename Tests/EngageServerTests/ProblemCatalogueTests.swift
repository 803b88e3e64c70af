import EngageDomain
import EngageServer
import Foundation
import HTTPTypes
import Testing

@Suite("Problem types that can be looked up, field errors with codes")
struct ProblemCatalogueTests {
    @Test("each field error of a refused registration carries a stable code, and nothing is stored")
    func fieldCodes() async throws {
        try await TestHarness.run { app in
            // Given a registration wrong in six ways
            var body = TestHarness.registration([
                "kind": "pirate", "acronym": 5, "website": "ftp://oct.example.org", "country": "XX",
                "description": String(repeating: "d", count: 20_001), "bogus": true,
            ])
            body.removeValue(forKey: "name")
            // When it is sent
            let refused = try await app.send(.post, "/v1/stakeholders", json: body)
            // Then each field is named with its code, beside the English message
            #expect(refused.isProblem(422))
            let errors = try #require(try refused.object()["errors"] as? [[String: Any]])
            let codes = Dictionary(uniqueKeysWithValues: errors.map { ($0["field"] as! String, $0["code"] as? String) })
            #expect(codes == [
                "name": "required", "kind": "invalid_choice", "acronym": "invalid_type", "website": "invalid_format",
                "country": "invalid_format", "description": "too_long", "bogus": "unknown_field",
            ])
            #expect(errors.allSatisfy { ($0["message"] as? String)?.isEmpty == false })
            #expect(try await app.stakeholderCount() == 0)
        }
    }

    @Test("query errors carry codes too: unknown, repeated, not a listed value")
    func queryCodes() async throws {
        try await TestHarness.run { app in
            let refused = try await app.send(.get, "/v1/events?bogus=1&kind=picnic&limit=5&limit=6")
            #expect(refused.isProblem(400))
            let errors = try #require(try refused.object()["errors"] as? [[String: Any]])
            let codes = Dictionary(uniqueKeysWithValues: errors.map { ($0["field"] as! String, $0["code"] as? String) })
            #expect(codes == ["bogus": "unknown_field", "kind": "invalid_choice", "limit": "repeated"])
        }
    }

    @Test("every problem type is described at /problems/<name>, and a type that was sent resolves there")
    func catalogue() async throws {
        try await TestHarness.run { app in
            let list = try await app.send(.get, "/problems")
            #expect(list.status == .ok)
            #expect(try list.items().compactMap { $0["type"] as? String } == ProblemType.allCases.map(\.uri))
            for problem in ProblemType.allCases {
                let entry = try await app.send(.get, "/problems/\(problem.rawValue)").object()
                #expect(entry["type"] as? String == problem.uri)
                #expect((entry["description"] as? String)?.count ?? 0 > 20)
                #expect(entry["status"] as? Int == problem.status)
            }
            // A problem as a client meets it: its type leads to its description
            let sent = try await app.send(.post, "/v1/stakeholders", json: ["name": ""]).object()
            let type = try #require(sent["type"] as? String)
            let name = String(type.dropFirst("urn:engage:problem:".count))
            #expect(try await app.send(.get, "/problems/\(name)").object()["status"] as? Int == 422)
            let unknown = try await app.send(.get, "/problems/teapot")
            #expect(unknown.isProblem(404))
            #expect(try unknown.object()["type"] as? String == ProblemType.notFound.uri)
        }
    }

    @Test("the contract lists exactly the problem types and field-error codes the server has")
    func contractLists() async throws {
        try await TestHarness.run { app in
            let spec = try await app.send(.get, "/openapi.yaml").bodyText
            let documentedTypes = spec.split(separator: "\n")
                .compactMap { line -> String? in
                    let text = line.trimmingCharacters(in: .whitespaces)
                    return text.hasPrefix("- urn:engage:problem:") ? String(text.dropFirst(2)) : nil
                }
            #expect(documentedTypes == ProblemType.allCases.map(\.uri))
            let codesSection = try #require(spec.range(of: "\n    FieldErrorCode:\n"))
            let enumLine = try #require(spec[codesSection.upperBound...].split(separator: "\n").first { $0.hasPrefix("      enum: [") })
            let documentedCodes = enumLine.dropFirst("      enum: [".count).dropLast().split(separator: ", ").map(String.init)
            #expect(documentedCodes == FieldErrorCode.allCases.map(\.rawValue))
        }
    }
}
