import EngageDomain
import EngageCore
import Foundation

/// Demo programme data from the Civil Society Team's page: the two projects, the SE4U workshop of
/// 7–8 July 2021, a pilot initiative (its country and details are demo) and the two knowledge
/// resources. Participants are fictitious.
struct DemoProgramme {
    let services: Services

    /// Loads the demo programme when there are no projects yet; returns how many records were added.
    func loadIfEmpty() async throws -> Int {
        guard try await services.projects.list(ProjectFilter(), page: PageRequest(limit: 1)).items.isEmpty else { return 0 }
        var count = 0
        let se4u = try await services.projects.create(try ProjectInput.parse(json([
            "title": "Stakeholder Engagement for the United Nations Convention against Transnational Organized Crime (UNTOC), its Review Mechanism and Related Activities",
            "code": "SE4U",
            "summary": "Prepares and improves partnerships between NGOs, academia and the private sector to support Member States in implementing UNTOC and engaging constructively in its Review Mechanism (COP resolution 9/1).",
        ]), creating: true), now: date("2020-01-15T09:00:00Z"))
        let ppp = try await services.projects.create(try ProjectInput.parse(json([
            "title": "Public-private partnerships: Fostering engagement with the private sector on the implementation of the UN Convention against Transnational Organized Crime (UNTOC) and its Trafficking in Persons Protocol",
            "code": "PPP-TIP", "donors": ["Germany"],
            "summary": "Implemented by UNODC with the support of the Federal Government of Germany.",
        ]), creating: true), now: date("2020-01-15T09:00:00Z"))
        count += 2

        // The regional expert group meeting of March 2021 belonged to the PPP project.
        var egmFilter = EventFilter(kind: .expertGroupMeeting)
        egmFilter.query = "Public Private Partnerships"
        if let egm = try await services.events.list(egmFilter, page: PageRequest(limit: 1)).items.first {
            var link = EventInput()
            link.projectID = .set(ppp.id)
            _ = try await services.events.update(egm.id, with: link, expectedVersion: nil, actor: "demo-data", now: date("2021-03-26T10:00:00Z"))
        }

        // The SE4U training of 7–8 July 2021, held and completed, with its attendance.
        let workshop = try await services.workshops.create(try WorkshopInput.parse(json([
            "title": [
                "en": "Stakeholder Engagement for UNTOC (SE4U) training",
                "fr": "Formation SE4U : la participation des parties prenantes à la Convention contre la criminalité transnationale organisée",
                "es": "Capacitación SE4U: la participación de las partes interesadas en la Convención contra la Delincuencia Organizada Transnacional",
            ],
            "series": "SE4U",
            "description": "Prepares NGOs, academics and the private sector for constructive participation in the UNTOC Review Mechanism, including how to work with Member States.",
            "objectives": [
                "Increase understanding of UNTOC and its Review Mechanism",
                "Understand how to participate constructively in the review process",
                "Understand entry points for collaborative contribution to support States parties",
                "Identify possible areas for action at the national and regional levels",
            ],
            "starts_on": "2021-07-07", "ends_on": "2021-07-08", "timezone": "Europe/Vienna", "format": "online",
            "languages": ["en"], "capacity": 30, "priority_countries": ["PE", "KE", "TH", "RS", "FJ"], "project_id": se4u.id.rawValue,
            "enrolment": ["opens_at": "2021-05-15T00:00:00Z", "closes_at": "2021-07-01T00:00:00Z"],
        ]), creating: true), actor: "demo-data", now: date("2021-05-10T09:00:00Z"))
        count += 1
        var enrolled: [Enrolment] = []
        for (name, person) in [("Red Andina contra la Trata de Personas", "Demo Trainee One"), ("Nairobi Centre for Cybercrime Studies", "Demo Trainee Two"),
                               ("Mekong Responsible Business Forum", "Demo Trainee Three")] {
            guard let stakeholder = try await approvedStakeholder(name) else { continue }
            let email = person.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.org"
            enrolled.append(try await services.workshops.enrol(in: workshop.workshop.id, EnrolmentInput(
                stakeholderID: stakeholder, participant: EnrolmentParticipant(name: person, email: email, position: "Programme officer")),
                actor: "demo-data", now: date("2021-06-01T10:00:00Z")))
        }
        for (index, enrolment) in enrolled.enumerated() {
            _ = try await services.workshops.setAttendance(enrolment.id, of: workshop.workshop.id, attended: index < 2, expectedVersion: nil,
                                                            now: date("2021-07-08T16:00:00Z"))
        }
        _ = try await services.workshops.transition(workshop.workshop.id, .complete, expectedVersion: nil, actor: "demo-data",
                                                     now: date("2021-07-09T09:00:00Z"))

        // Another SE4U training, upcoming, with enrolment open (demo dates), so enrolment can be tried now.
        let upcoming = try await services.workshops.create(try WorkshopInput.parse(json([
            "title": [
                "en": "Stakeholder Engagement for UNTOC (SE4U) training for Latin America (demo dates)",
                "es": "Capacitación SE4U para América Latina (fechas de demostración)",
                "fr": "Formation SE4U pour l’Amérique latine (dates de démonstration)",
            ],
            "series": "SE4U",
            "region": "latin_america_caribbean", "starts_on": "2027-03-10", "ends_on": "2027-03-11", "timezone": "America/Lima",
            "format": "hybrid", "location": ["city": "Lima", "country": "PE"], "languages": ["es", "en"], "capacity": 2,
            "priority_countries": ["PE", "BO", "EC"], "project_id": se4u.id.rawValue,
            "enrolment": ["opens_at": "2026-11-01T00:00:00Z", "closes_at": "2027-02-28T23:59:59Z"],
        ]), creating: true), actor: "demo-data", now: date("2026-10-20T09:00:00Z"))
        count += 1

        // A pilot initiative ahead of a constructive dialogue (demo country and details).
        let pilot = try await services.pilotInitiatives.create(try PilotInitiativeInput.parse(json([
            "title": "Pilot initiative: national dialogue on trafficking in persons ahead of the constructive dialogue (demo)",
            "country": "PE",
            "summary": "Space for dialogue between the national authorities and stakeholders on country-specific organized crime priorities, in preparation for the Working Group meetings.",
            "priorities": ["trafficking_in_persons", "smuggling_of_migrants"],
            "national_authorities": [["name": "Demo national focal point for UNTOC", "role": "coordination"]],
            "starts_on": "2021-09-01", "project_id": se4u.id.rawValue,
        ]), creating: true), actor: "demo-data", now: date("2021-08-01T09:00:00Z"))
        var activate = PilotInitiativeInput()
        activate.status = .active
        _ = try await services.pilotInitiatives.update(pilot.id, with: activate, expectedVersion: nil, actor: "demo-data", now: date("2021-09-01T09:00:00Z"))
        if let andean = try await approvedStakeholder("Red Andina contra la Trata de Personas") {
            _ = try await services.pilotInitiatives.addParticipant(to: pilot.id, andean, role: .partner, expectedVersion: nil, actor: "demo-data", now: date("2021-09-02T09:00:00Z"))
        }
        _ = try await services.pilotInitiatives.addActivity(PilotActivity(
            initiativeID: pilot.id, date: LocalDate(iso: "2021-10-14")!, kind: .dialogue, title: "First national multi-stakeholder dialogue (demo)",
            summary: "Authorities and stakeholders agreed on three shared priorities.", createdBy: "demo-data", createdAt: date("2021-10-15T09:00:00Z")))
        count += 1

        // The two knowledge resources named on the team's page.
        for body in [
            ["kind": "toolkit", "url": "https://www.unodc.org/unodc/en/ngos/toolkit.html",
             "title": [
                 "en": "UNODC Toolkit on Stakeholder Engagement",
                 "fr": "Boîte à outils de l’ONUDC sur la participation des parties prenantes",
                 "es": "Herramientas de la UNODC para la participación de las partes interesadas",
             ],
             "summary": "How non-governmental stakeholders can engage in the UNTOC Review Mechanism and support its implementation.",
             "languages": ["en"], "topics": ["organized_crime", "criminal_justice"], "publisher": "UNODC"] as [String: Any],
            ["kind": "guide", "title": "Civil society engagement with the UNTOC Review Mechanism: a guide",
             "url": "https://globalinitiative.net/", "summary": "A joint UNODC–GI-TOC guide for civil society organisations engaging with the Review Mechanism of the Convention.",
             "languages": ["en"], "topics": ["organized_crime"], "publisher": "UNODC and GI-TOC"],
        ] {
            _ = try await services.resources.create(try ResourceInput.parse(json(body), creating: true), now: date("2021-06-15T09:00:00Z"))
            count += 1
        }
        count += try await contactPoints(naming: [
            ContactTarget(.project, se4u.id.rawValue), ContactTarget(.project, ppp.id.rawValue), ContactTarget(.workshop, workshop.workshop.id.rawValue),
            ContactTarget(.workshop, upcoming.workshop.id.rawValue), ContactTarget(.pilotInitiative, pilot.id.rawValue),
        ])
        return count
    }

    /// "For more information or inquiries, contact the CST" (named by every programme record) and "please contact the
    /// Secretariat to the Governing Bodies" (named by the CCPCJ sessions). The addresses are demo ones.
    private func contactPoints(naming programme: [ContactTarget]) async throws -> Int {
        let cst = try await services.contactPoints.create(try ContactPointInput.parse(json([
            "name": "Civil Society Team (CST)", "role": "UNODC Civil Society Team",
            "email": "civil-society-team@example.org", "languages": ["en", "fr", "es"],
            "description": "For more information or inquiries about the SE4U workshops, the pilot initiatives and the partnerships with the private sector (demo address).",
        ]), creating: true), now: date("2020-01-15T09:00:00Z"))
        let sgb = try await services.contactPoints.create(try ContactPointInput.parse(json([
            "name": "Secretariat to the Governing Bodies", "role": "UNODC Secretariat to the Governing Bodies",
            "email": "governing-bodies@example.org", "languages": ["en"],
            "description": "For all inquiries about the sessions of the Commission on Crime Prevention and Criminal Justice and their side events (demo address).",
        ]), creating: true), now: date("2020-01-15T09:00:00Z"))
        for target in programme { _ = try await services.contactPoints.name([cst.id], by: target) }
        for session in try await services.events.list(EventFilter(kind: .ccpcjSession), page: PageRequest(limit: 50)).items {
            _ = try await services.contactPoints.name([sgb.id], by: ContactTarget(.event, session.id.rawValue))
        }
        return 2
    }

    // MARK: Helpers

    private func json(_ body: [String: Any]) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONSerialization.data(withJSONObject: body))
    }

    private func approvedStakeholder(_ name: String) async throws -> StakeholderID? {
        var filter = StakeholderFilter(status: .approved)
        filter.query = name
        return try await services.stakeholders.list(filter, page: PageRequest(limit: 5)).items.first { $0.name == name }?.id
    }

    private func date(_ text: String) -> Date { Timestamp.parse(text)! }
}
