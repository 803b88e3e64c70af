import EngageDomain
import Foundation
import Testing

/// Each editable model lists its fields once; these tests hold the list to the model.
@Suite("One field list per resource")
struct FieldListTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    // MARK: Completeness

    @Test("every stored property of a workshop is a listed field or bookkeeping")
    func workshopComplete() {
        #expect(Workshop.unlistedProperties(of: Workshop(title: "SE4U", capacity: 10, createdAt: now, updatedAt: now)) == [])
    }

    @Test("every stored property of an event is a listed field or bookkeeping")
    func eventComplete() {
        #expect(Event.unlistedProperties(of: Event(title: "CCPCJ", kind: .ccpcjSession, createdAt: now, updatedAt: now)) == [])
    }

    @Test("every stored property of a pilot initiative is a listed field or bookkeeping")
    func pilotComplete() {
        #expect(PilotInitiative.unlistedProperties(of: PilotInitiative(title: "Pilot", country: "FJ", createdAt: now, updatedAt: now)) == [])
    }

    @Test("every stored property of a stakeholder is a listed field or bookkeeping")
    func stakeholderComplete() {
        #expect(Stakeholder.unlistedProperties(of: stakeholder()) == [])
    }

    @Test("a property the list does not name is reported")
    func forgottenProperty() {
        // Given a model with a property its field list forgot
        struct Sample: FieldListed {
            var id = 1
            var title = "a"
            var website: String?
            static var editableFields: [ModelField<Sample>] { [ModelField("title", \.title)] }
            static var bookkeepingProperties: Set<String> { ["id"] }
        }
        // Then the completeness check names it
        #expect(Sample.unlistedProperties(of: Sample()) == ["website"])
    }

    // MARK: Change detection

    @Test("a change to each workshop field is detected under its API name")
    func workshopChanges() {
        let base = Workshop(title: "SE4U", capacity: 10, createdAt: now, updatedAt: now)
        var changed = base
        changed.title = "SE4U II"
        changed.capacity = 12
        changed.dates = DateRange(startsOn: LocalDate(iso: "2027-07-07")!, endsOn: LocalDate(iso: "2027-07-08")!)
        changed.projectID = ProjectID.generate()
        changed.version = 9
        #expect(changed.changedFields(comparedTo: base) == ["title", "starts_on", "ends_on", "capacity", "project_id"])
        #expect(base.changedFields(comparedTo: base) == [])
    }

    @Test("a stakeholder's status is not a profile field")
    func stakeholderStatusIsNotAField() {
        let base = stakeholder()
        var changed = base
        changed.status = .approved
        changed.country = "FJ"
        #expect(changed.changedFields(comparedTo: base) == ["country"])
    }

    private func stakeholder() -> Stakeholder {
        Stakeholder(
            id: StakeholderID.generate(), name: "Pacific NGO", acronym: nil, kind: .ngo, country: "WS", website: nil, description: nil,
            topics: [], ecosocStatus: .none, contact: Contact(name: "A", email: "a@example.org"), memberOf: [], status: .pending,
            statusReason: nil, codeOfConductAcceptedAt: now, createdAt: now, updatedAt: now, version: 1)
    }
}
