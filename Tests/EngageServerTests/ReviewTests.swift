import Foundation
import HTTPTypes
import Testing

@Suite("Review: approve, reject, suspend, history")
struct ReviewTests {
    @Test("the review lifecycle records who, when and why")
    func lifecycle() async throws {
        try await TestHarness.run { app in
            let org = try await app.register()

            // When staff approve, then suspend with a reason, then reinstate
            let approved = try await app.send(.post, "/v1/stakeholders/\(org.id)/approve", token: app.staffKey)
            #expect(approved.status == .ok)
            #expect(try approved.object()["status"] as? String == "approved")
            let suspended = try await app.send(.post, "/v1/stakeholders/\(org.id)/suspend", token: app.staffKey,
                                               json: ["reason": "Breach of the code of conduct"])
            #expect(try suspended.object()["status"] as? String == "suspended")
            #expect(try suspended.object()["status_reason"] as? String == "Breach of the code of conduct")

            // Then the public no longer sees it
            #expect(try await app.send(.get, "/v1/stakeholders/\(org.id)").isProblem(404))

            // An empty body with a JSON content type is an empty object
            let reinstated = try await app.send(.post, "/v1/stakeholders/\(org.id)/approve", token: app.staffKey,
                                                rawBody: "", contentType: "application/json")
            #expect(try reinstated.object()["status"] as? String == "approved")

            // And the history lists each step with its actor and reason
            let history = try await app.send(.get, "/v1/stakeholders/\(org.id)/history", token: app.readerKey).items()
            #expect(history.map { $0["action"] as? String } == ["registered", "approved", "suspended", "approved"])
            #expect(history[2]["reason"] as? String == "Breach of the code of conduct")
            #expect(history[2]["from_status"] as? String == "approved")
            #expect(history[2]["to_status"] as? String == "suspended")
            #expect((history[1]["actor"] as? String)?.hasPrefix("key_") == true)
            #expect(history.allSatisfy { $0["at"] is String })
        }
    }

    @Test("illegal transitions are 409 problems and change nothing", arguments: [
        (["reject"], "approve"),
        (["reject"], "suspend"),
        ([], "suspend"),
        (["approve"], "approve"),
        (["approve"], "reject"),
    ])
    func illegal(setup: [String], action: String) async throws {
        try await TestHarness.run { app in
            let org = try await app.register()
            for step in setup {
                let response = try await app.send(.post, "/v1/stakeholders/\(org.id)/\(step)", token: app.staffKey, json: ["reason": "setup"])
                try #require(response.status == .ok)
            }
            let before = try await app.send(.get, "/v1/stakeholders/\(org.id)", token: app.staffKey).object()["status"] as? String
            let response = try await app.send(.post, "/v1/stakeholders/\(org.id)/\(action)", token: app.staffKey, json: ["reason": "try"])
            #expect(response.isProblem(409))
            let after = try await app.send(.get, "/v1/stakeholders/\(org.id)", token: app.staffKey).object()["status"] as? String
            #expect(before == after)
        }
    }

    @Test("reject and suspend need a reason")
    func reasonRequired() async throws {
        try await TestHarness.run { app in
            let org = try await app.register()
            let noBody = try await app.send(.post, "/v1/stakeholders/\(org.id)/reject", token: app.staffKey)
            #expect(noBody.isProblem(422))
            #expect(try noBody.problemFields() == ["reason"])
            let blank = try await app.send(.post, "/v1/stakeholders/\(org.id)/reject", token: app.staffKey, json: ["reason": "  "])
            #expect(blank.isProblem(422))
            let status = try await app.send(.get, "/v1/stakeholders/\(org.id)", token: app.staffKey).object()["status"] as? String
            #expect(status == "pending")
        }
    }

    @Test("review of an unknown stakeholder is 404")
    func unknown() async throws {
        try await TestHarness.run { app in
            let response = try await app.send(.post, "/v1/stakeholders/stk_00000000000000000000/approve", token: app.staffKey)
            #expect(response.isProblem(404))
        }
    }

    @Test("a rejected organisation corrects its registration and resubmits; staff see the count and can approve it")
    func resubmission() async throws {
        try await TestHarness.run { app in
            // Given a registration rejected with a request for changes
            let org = try await app.register()
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/reject", token: app.staffKey,
                                       json: ["reason": "Please resubmit with your registration number"]).status == .ok)
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/approve", token: app.staffKey).isProblem(409))
            // Only a rejected registration is resubmitted; only by itself or staff
            let other = try await app.register(["name": "Another organisation"])
            #expect(try await app.send(.post, "/v1/stakeholders/\(other.id)/resubmit", token: other.token).isProblem(409))
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/resubmit", token: other.token).isProblem(404))
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/resubmit", token: org.token, json: ["name": "  "]).isProblem(422))

            // When it resubmits with a correction
            let resubmitted = try await app.send(.post, "/v1/stakeholders/\(org.id)/resubmit", token: org.token,
                                                 json: ["description": "Registration number 12345."])
            #expect(resubmitted.status == .ok, "\(resubmitted.bodyText)")
            let json = try resubmitted.object()
            // Then it is pending again, corrected, on its second submission, with the history to show it
            #expect(json["status"] as? String == "pending")
            #expect(json["status_reason"] == nil)
            #expect(json["description"] as? String == "Registration number 12345.")
            #expect(json["submissions"] as? Int == 2)
            let last = try #require(try await app.send(.get, "/v1/stakeholders/\(org.id)/history", token: app.staffKey).items().last)
            #expect(last["action"] as? String == "resubmitted")
            #expect(last["from_status"] as? String == "rejected" && last["to_status"] as? String == "pending")
            #expect(last["changed_fields"] as? [String] == ["description"])
            // And staff can approve it now, without a second record
            #expect(try await app.send(.post, "/v1/stakeholders/\(org.id)/approve", token: app.staffKey).status == .ok)
            #expect(try await app.stakeholderCount() == 2)
        }
    }
}
