import EngageDomain
import Foundation
import Testing

@Suite("Stakeholder input validation")
struct StakeholderInputTests {
    private func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    private func fields(of error: any Error) -> [String] {
        guard case .validation(let errors) = error as? DomainError else { return [] }
        return errors.map(\.field)
    }

    @Test("a complete registration parses, trimming text and upper-casing the country")
    func validRegistration() throws {
        let input = try StakeholderInput.parse(try json("""
            {"name": "  Lima Shelter ", "kind": "ngo", "country": "pe", "topics": ["victim_support", "victim_support"],
             "contact": {"name": "Rosa", "email": "rosa@example.org"}, "code_of_conduct_accepted": true}
            """), mode: .register)
        #expect(input.name == "Lima Shelter")
        #expect(input.country == "PE")
        #expect(input.topics == [.victimSupport])
        #expect(input.contactEmail == "rosa@example.org")
    }

    @Test("declining the code of conduct is a validation error")
    func codeOfConduct() throws {
        #expect(throws: DomainError.validation([FieldError(field: "code_of_conduct_accepted", message: "must be true: the code of conduct must be accepted to register")])) {
            try StakeholderInput.parse(try json("""
                {"name": "X", "kind": "ngo", "country": "PE", "contact": {"name": "R", "email": "r@example.org"}, "code_of_conduct_accepted": false}
                """), mode: .register)
        }
    }

    @Test("a patch tells absent from null")
    func patchNullVersusAbsent() throws {
        let input = try StakeholderInput.parse(try json(#"{"acronym": null, "website": "https://x.example.org"}"#), mode: .patch)
        #expect(input.acronym == .clear)
        #expect(input.website == .set("https://x.example.org"))
        #expect(input.description == nil)
        #expect(input.name == nil)
    }

    @Test("applying a patch changes only what it names")
    func applyPatch() throws {
        let now = Date(timeIntervalSince1970: 0)
        var stakeholder = Stakeholder(
            id: .generate(), name: "Old", acronym: "OLD", kind: .ngo, country: "PE", website: nil, description: "Keep",
            topics: [.corruption], ecosocStatus: .none, contact: Contact(name: "R", email: "r@example.org", phone: "+51 1 234 5678"),
            memberOf: [], status: .approved, statusReason: nil, codeOfConductAcceptedAt: now, createdAt: now, updatedAt: now, version: 1)
        let patch = try StakeholderInput.parse(try json(#"{"name": "New", "acronym": null, "contact": {"phone": null}}"#), mode: .patch)
        patch.apply(to: &stakeholder)
        #expect(stakeholder.name == "New")
        #expect(stakeholder.acronym == nil)
        #expect(stakeholder.description == "Keep")
        #expect(stakeholder.contact.phone == nil)
        #expect(stakeholder.contact.email == "r@example.org")
        #expect(stakeholder.status == .approved)
    }

    @Test("a body that is not an object is one error")
    func notAnObject() throws {
        do {
            _ = try StakeholderInput.parse(try json("[1]"), mode: .patch)
            Issue.record("expected a validation error")
        } catch {
            #expect(fields(of: error) == ["body"])
        }
    }

    @Test("nested contact errors carry their path")
    func nestedPaths() throws {
        do {
            _ = try StakeholderInput.parse(try json(#"{"contact": {"email": "nope", "fax": "1"}}"#), mode: .patch)
            Issue.record("expected a validation error")
        } catch {
            #expect(fields(of: error) == ["contact.email", "contact.fax"])
        }
    }
}
