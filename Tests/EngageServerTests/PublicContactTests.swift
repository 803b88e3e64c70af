import Foundation
import HTTPTypes
import Testing

@Suite("Public contact for networking")
struct PublicContactTests {
    @Test("an organisation publishes how to reach it; everyone sees that block, never the private contact")
    func published() async throws {
        try await TestHarness.run { app in
            // Given an organisation that registers with a public contact block
            let org = try await app.registerApproved([
                "public_contact": ["name": "Networking desk", "email": "network@oct.example.org", "website": "https://oct.example.org/contact"],
            ])
            // Then the public directory shows the block, with null for what was not given, and not the private contact
            let shown = try await app.send(.get, "/v1/stakeholders/\(org.id)").object()
            let block = try #require(shown["public_contact"] as? [String: Any])
            #expect(block["email"] as? String == "network@oct.example.org")
            #expect(block["phone"] is NSNull)
            #expect(shown["contact"] == nil)
            #expect(try await !app.send(.get, "/v1/stakeholders/\(org.id)").bodyText.contains("ana.perez@example.org"))

            // When the approved organisation changes it, it changes at once (no review), replaced whole
            let patched = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["public_contact": ["phone": "+52 55 0000 0000"]])
            #expect(patched.status == .ok)
            let after = try await app.send(.get, "/v1/stakeholders/\(org.id)").object()["public_contact"] as? [String: Any]
            #expect(after?["phone"] as? String == "+52 55 0000 0000")
            #expect(after?["email"] is NSNull)
            #expect((try await app.send(.get, "/v1/stakeholders/\(org.id)/pending-changes", token: org.token).object()["changes"] as? [Any])?.isEmpty == true)

            // Bad values are named, an empty block is refused, and nothing changes
            let bad = try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token,
                                         json: ["public_contact": ["email": "nope", "website": "ftp://x", "fax": "1"]])
            #expect(Set(try bad.problemFields()) == ["public_contact.email", "public_contact.website", "public_contact.fax"])
            #expect(try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["public_contact": [:] as [String: Any]])
                .problemFields() == ["public_contact.email"])
            #expect((try await app.send(.get, "/v1/stakeholders/\(org.id)").object()["public_contact"] as? [String: Any])?["phone"] as? String == "+52 55 0000 0000")

            // null withdraws it
            #expect(try await app.send(.patch, "/v1/stakeholders/\(org.id)", token: org.token, json: ["public_contact": NSNull()]).status == .ok)
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)").object()["public_contact"] is NSNull)
        }
    }

    @Test("erasing an organisation withdraws its public contact too")
    func erased() async throws {
        try await TestHarness.run { app in
            let org = try await app.registerApproved(["public_contact": ["name": "Maria Example", "email": "maria@example.org"]])
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/erase", token: app.staffKey, json: ["reason": "Asked to be forgotten"]).status == .ok)
            #expect(try await app.database.scalar("SELECT public_contact FROM stakeholder WHERE id = ?", [.text(org.id)]) == nil)
            #expect(try await !app.send(.get, "/v1/stakeholders/\(org.id)", token: app.staffKey).bodyText.contains("maria@example.org"))
        }
    }
}
