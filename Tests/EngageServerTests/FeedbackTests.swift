import EngageDomain
import EngageServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Workshop feedback: the attendee's form, and the figures staff read")
struct FeedbackTests {
    @Test("attendees of a completed workshop rate each objective and comment; staff read the sums per workshop and per series")
    func formAndSummary() async throws {
        let clock = ManualClock("2027-03-02T12:00:00Z")
        var configuration = AppConfiguration()
        configuration.serverSecret = Data(repeating: 9, count: 32)
        let secret = configuration.serverSecret
        let seal = EnrolmentSeal(.feedback, serverSecret: secret)
        try await TestHarness.run(configuration: configuration, clock: clock.source) { app in
            // Given a workshop with two objectives and three confirmed participants, two of whom attended
            let workshop = try await app.createWorkshop(["capacity": 5])
            let org = try await app.registerApproved(["name": "Fundación Rutas Seguras"])
            var seats: [String] = []
            for email in ["ana@example.org", "ben@example.org", "cai@example.org"] {
                seats.append(try #require(try await app.enrol(workshop, org, email: email).headers[.location]))
            }
            clock.set("2027-04-08T15:00:00Z")
            for seat in seats.prefix(2) { #expect(try await app.send(.patch, seat, token: app.staffKey, json: ["attended": true]).status == .ok) }
            let tokens = seats.map { seal.seal(EnrolmentID(unchecked: String($0.split(separator: "/").last!))) }

            // Before the workshop is completed the form is shown but closed
            let early = try await app.send(.get, "/v1/feedback/\(tokens[0])").object()
            #expect(early["open"] as? Bool == false && (early["reason"] as? String)?.contains("when it is completed") == true)
            #expect(try await app.send(.put, "/v1/feedback/\(tokens[0])", json: ["ratings": [5, 4]]).isProblem(409))

            // When staff complete the workshop, each attendee is asked (a mail each, and one to the contact about each), not the absentee
            clock.set("2027-04-09T09:00:00Z")
            #expect(try await app.send(.post, "/v1/workshops/\(workshop)/complete", token: app.staffKey).status == .ok)
            let asked = try await app.database.rows(
                "SELECT recipient_email, role FROM mail_delivery WHERE type = 'workshop_enrolment.feedback_requested' ORDER BY recipient_email", [])
            #expect(asked.map { "\($0.string("recipient_email") ?? "")/\($0.string("role") ?? "")" }
                == ["ana.perez@example.org/contact", "ana.perez@example.org/contact", "ana@example.org/participant", "ben@example.org/participant"])

            // Then the attendees answer: the form lists the objectives; bad answers are named and change nothing
            let form = try await app.send(.get, "/v1/feedback/\(tokens[0])?lang=en").object()
            #expect(form["open"] as? Bool == true && form["answer"] == nil)
            #expect((form["workshop"] as? [String: Any])?["objectives"] as? [String]
                == ["Understand the UNTOC Review Mechanism", "Engage constructively with Member States"])
            let bad = try await app.send(.put, "/v1/feedback/\(tokens[0])", json: ["ratings": [6, "good"], "mood": "fine"])
            #expect(Set(try bad.problemFields()) == ["ratings[0]", "ratings[1]", "mood"])
            #expect(try await app.send(.put, "/v1/feedback/\(tokens[0])", json: ["ratings": [5]]).problemFields() == ["ratings"])
            #expect(try await app.count("workshop_feedback") == 0)
            let first = try await app.send(.put, "/v1/feedback/\(tokens[0])", json: ["ratings": [4, 5], "comment": "Very practical."])
            #expect(first.status == .ok && first.headers[.cacheControl] == "private, no-store")
            #expect(try await app.send(.put, "/v1/feedback/\(tokens[1])", json: ["ratings": [2, NSNull()], "comment": "Too fast."]).status == .ok)
            // An attendee may change its answer; it is kept once
            #expect(try await app.send(.put, "/v1/feedback/\(tokens[0])", json: ["ratings": [5, 5], "comment": "Very practical!"]).status == .ok)
            #expect(try await app.count("workshop_feedback") == 2)
            // The absentee's form stays closed; a forged or a certificate's code opens nothing
            #expect(try await app.send(.put, "/v1/feedback/\(tokens[2])", json: ["ratings": [1, 1]]).isProblem(409))
            let certificateCode = EnrolmentSeal(.certificate, serverSecret: secret).seal(EnrolmentID(unchecked: String(seats[0].split(separator: "/").last!)))
            #expect(try await app.send(.get, "/v1/feedback/\(certificateCode)").isProblem(404))
            let forged = String(tokens[0].dropLast()) + (tokens[0].hasSuffix("0") ? "1" : "0")
            #expect(try await app.send(.get, "/v1/feedback/\(forged)").isProblem(404))

            // Staff read the sums: per objective, mean and the count of each rating; the comments without names
            let summary = try await app.send(.get, "/v1/workshops/\(workshop)/feedback", token: app.readerKey).object()
            #expect(summary["attendees"] as? Int == 2 && summary["responses"] as? Int == 2)
            let objectives = try #require(summary["objectives"] as? [[String: Any]])
            #expect(objectives.map { $0["responses"] as? Int } == [2, 1])
            #expect(objectives.map { $0["mean"] as? Double } == [3.5, 5.0])
            #expect(objectives[0]["counts"] as? [Int] == [0, 1, 0, 0, 1])
            #expect(summary["mean"] as? Double == 4.0)   // (5 + 5 + 2) / 3
            #expect(Set(summary["comments"] as? [String] ?? []) == ["Very practical!", "Too fast."])
            #expect(!(try await app.send(.get, "/v1/workshops/\(workshop)/feedback", token: app.readerKey).bodyText.contains("ana@")))
            #expect(try await app.send(.get, "/v1/workshops/\(workshop)/feedback", token: org.token).isProblem(403))

            // And per series: every SE4U workshop, and the series as a whole
            _ = try await app.createWorkshop(["title": "SE4U: a second workshop, nobody answered yet", "starts_on": "2027-05-05", "ends_on": "2027-05-06", "enrolment": NSNull()])
            let series = try await app.send(.get, "/v1/statistics/feedback?series=SE4U", token: app.staffKey).object()
            #expect(series["responses"] as? Int == 2 && series["attendees"] as? Int == 2 && series["mean"] as? Double == 4.0)
            #expect((series["workshops"] as? [[String: Any]])?.count == 2)
            #expect(try await app.send(.get, "/v1/statistics/feedback", token: app.staffKey).problemFields() == ["series"])
        }
    }
}
