import EngageDomain
import EngageCore
import Foundation

/// Demo events from the Civil Society Team's page, with their real history: the 29th CCPCJ
/// session postponed to an undetermined date, the Kyoto Congress postponed and held a year
/// later, the Asia-Pacific expert group meeting; plus one upcoming session whose registration
/// and side-event windows are open, so every flow can be tried. Participants are fictitious.
struct DemoEvents {
    let services: Services

    /// Loads the demo events when there are none; returns how many were added.
    func loadIfEmpty() async throws -> Int {
        guard try await services.events.list(EventFilter(), page: PageRequest(limit: 1)).items.isEmpty else { return 0 }
        let actor = "demo-data"
        let giToc = try await approvedStakeholder("Global Initiative Against Transnational Organized Crime")
        let alliance = try await approvedStakeholder("Alliance of NGOs on Crime Prevention and Criminal Justice")
        let nairobi = try await approvedStakeholder("Nairobi Centre for Cybercrime Studies")
        var count = 0

        // The 29th CCPCJ session: planned for 18–22 May 2020, postponed to an undetermined date.
        let ccpcj = try await create(at: date("2019-12-02T09:00:00Z"), [
            "title": [
                "en": "29th session of the Commission on Crime Prevention and Criminal Justice",
                "fr": "Vingt-neuvième session de la Commission pour la prévention du crime et la justice pénale",
                "es": "29º período de sesiones de la Comisión de Prevención del Delito y Justicia Penal",
                "ru": "Двадцать девятая сессия Комиссии по предупреждению преступности и уголовному правосудию",
                "ar": "الدورة التاسعة والعشرون للجنة منع الجريمة والعدالة الجنائية",
                "zh": "预防犯罪和刑事司法委员会第二十九届会议",
            ],
            "kind": "ccpcj_session", "topics": ["crime_prevention", "criminal_justice"],
            "session_number": 29, "starts_on": "2020-05-18", "ends_on": "2020-05-22", "timezone": "Europe/Vienna", "format": "in_person",
            "location": ["venue": "Vienna International Centre", "city": "Vienna", "country": "AT"],
            "description": [
                "en": "Annual session of the Commission on Crime Prevention and Criminal Justice (CCPCJ).",
                "fr": "Session annuelle de la Commission pour la prévention du crime et la justice pénale (CCPCJ).",
                "es": "Período de sesiones anual de la Comisión de Prevención del Delito y Justicia Penal (CCPCJ).",
            ],
        ])
        _ = try await services.events.transition(ccpcj.id, .postpone(
            reason: "Postponed to an as yet undetermined later date, due to the current global circumstances in relation to COVID-19.",
            dates: nil), expectedVersion: nil, actor: actor, now: date("2020-03-13T12:00:00Z"))
        count += 1

        // The 14th Crime Congress: planned for April 2020 in Kyoto, held 7–12 March 2021.
        let kyoto = try await create(at: date("2019-06-03T09:00:00Z"), [
            "title": [
                "en": "14th United Nations Congress on Crime Prevention and Criminal Justice (Kyoto Congress)",
                "fr": "Quatorzième Congrès des Nations Unies pour la prévention du crime et la justice pénale (Congrès de Kyoto)",
                "es": "14º Congreso de las Naciones Unidas sobre Prevención del Delito y Justicia Penal (Congreso de Kioto)",
            ],
            "kind": "crime_congress", "topics": ["crime_prevention", "criminal_justice"],
            "session_number": 14, "starts_on": "2020-04-20", "ends_on": "2020-04-27", "timezone": "Asia/Tokyo", "format": "hybrid",
            "location": ["venue": "Kyoto International Conference Center", "city": "Kyoto", "country": "JP"],
            "description": "The Kyoto Declaration, adopted on 7 March 2021, commits Member States to multi-stakeholder partnerships with the private sector, civil society, academia and the scientific community.",
            "registration": ["opens_at": "2019-10-01T00:00:00Z", "closes_at": "2020-03-31T23:59:59Z", "max_participants_per_stakeholder": 5],
            "side_event_applications": ["opens_at": "2019-10-01T00:00:00Z", "closes_at": "2020-02-29T23:59:59Z"],
        ])
        _ = try await services.events.transition(kyoto.id, .postpone(reason: "Postponed due to the COVID-19 pandemic.", dates: nil),
                                                 expectedVersion: nil, actor: actor, now: date("2020-03-17T12:00:00Z"))
        _ = try await services.events.transition(kyoto.id, .reschedule(range("2021-03-07", "2021-03-12")),
                                                 expectedVersion: nil, actor: actor, now: date("2020-08-14T12:00:00Z"))
        // On its new dates, registration and side-event applications reopened until shortly before.
        _ = try await update(kyoto.id, at: date("2020-08-14T12:05:00Z"), [
            "registration": ["closes_at": "2021-02-28T23:59:59Z"],
            "side_event_applications": ["closes_at": "2021-01-31T23:59:59Z"],
        ])
        if let giToc {
            let registration = try await services.registrations.register(for: kyoto.id, EventRegistrationInput(stakeholderID: giToc, participants: [
                Participant(name: "Demo Head of Delegation", email: "head.delegation@example.org", role: .headOfDelegation),
                Participant(name: "Demo Speaker", email: "speaker@example.org", role: .speaker),
            ]), actor: actor, now: date("2021-01-12T10:00:00Z"))
            _ = try await services.registrations.decide(registration.id, of: kyoto.id, .approve, reason: nil, expectedVersion: nil,
                                                        actor: actor, now: date("2021-01-20T10:00:00Z"))
            let application = try await services.sideEventApplications.submit(for: kyoto.id, SideEventApplicationInput(
                stakeholderID: giToc, title: "A multi-stakeholder approach to combating organized crime",
                description: "How civil society, academia and the private sector can work with Member States under the UNTOC Review Mechanism.",
                format: .online, coOrganizers: [alliance].compactMap { $0 }, coSponsors: ["JP", "AT"],
                preferredDates: [LocalDate(iso: "2021-03-09")!]), actor: actor, now: date("2021-01-15T10:00:00Z"))
            if let alliance {
                _ = try await services.sideEventApplications.answer(application.id, of: kyoto.id, coOrganizer: alliance, .confirmed,
                                                                    actor: alliance.rawValue, now: date("2021-01-18T10:00:00Z"))
            }
            let approved = try await services.sideEventApplications.decide(application.id, of: kyoto.id, .approve, reason: nil, createEvent: true,
                                                                           expectedVersion: nil, actor: actor, now: date("2021-02-01T10:00:00Z"))
            if let sideEvent = approved.sideEventID {
                _ = try await services.events.transition(sideEvent, .complete, expectedVersion: nil, actor: actor, now: date("2021-03-10T09:00:00Z"))
                count += 1
            }
        }
        if let alliance {
            _ = try await services.registrations.register(for: kyoto.id, EventRegistrationInput(stakeholderID: alliance, participants: [
                Participant(name: "Demo Delegate", email: "delegate@example.org", role: .delegate),
            ]), actor: actor, now: date("2021-02-02T10:00:00Z"))
        }
        _ = try await services.events.transition(kyoto.id, .complete, expectedVersion: nil, actor: actor, now: date("2021-03-13T09:00:00Z"))
        count += 1

        // The regional expert group meeting for Asia-Pacific on public-private partnerships.
        let egm = try await create(at: date("2021-02-15T09:00:00Z"), [
            "title": [
                "en": "Regional expert group meeting for Asia-Pacific: Public Private Partnerships to Counter and Prevent Trafficking in Persons",
                "fr": "Réunion régionale d’experts pour l’Asie et le Pacifique : partenariats public-privé pour prévenir et combattre la traite des personnes",
                "es": "Reunión regional de expertos para Asia y el Pacífico: alianzas público-privadas para prevenir y combatir la trata de personas",
            ],
            "kind": "expert_group_meeting", "starts_on": "2021-03-24", "ends_on": "2021-03-25", "timezone": "Asia/Bangkok", "format": "online",
            "region": "asia_pacific", "topics": ["trafficking_in_persons"],
            "description": "Convened dozens of experts; a milestone of the PPP project implemented by UNODC with the support of the Federal Government of Germany.",
        ])
        _ = try await services.events.transition(egm.id, .complete, expectedVersion: nil, actor: actor, now: date("2021-03-26T09:00:00Z"))
        count += 1

        // An upcoming session with open windows (demo dates), so registration and applications can be tried now.
        let upcoming = try await create(at: date("2026-10-01T09:00:00Z"), [
            "title": [
                "en": "36th session of the Commission on Crime Prevention and Criminal Justice (demo dates)",
                "fr": "Trente-sixième session de la Commission pour la prévention du crime et la justice pénale (dates de démonstration)",
                "es": "36º período de sesiones de la Comisión de Prevención del Delito y Justicia Penal (fechas de demostración)",
            ],
            "kind": "ccpcj_session",
            "session_number": 36, "starts_on": "2027-05-17", "ends_on": "2027-05-21", "timezone": "Europe/Vienna", "format": "hybrid",
            "location": ["venue": "Vienna International Centre", "city": "Vienna", "country": "AT"],
            "online_url": "https://www.unodc.org/unodc/en/commissions/CCPCJ/",
            "registration": ["opens_at": "2026-11-01T00:00:00Z", "closes_at": "2027-04-30T23:59:59Z", "max_participants_per_stakeholder": 4],
            "side_event_applications": ["opens_at": "2026-11-15T00:00:00Z", "closes_at": "2027-02-15T23:59:59Z"],
        ])
        if let nairobi {
            _ = try await services.registrations.register(for: upcoming.id, EventRegistrationInput(stakeholderID: nairobi, participants: [
                Participant(name: "Demo Researcher", email: "researcher@example.org", role: .observer),
            ]), actor: actor, now: date("2026-11-20T10:00:00Z"))
        }
        count += 1
        return count
    }

    // MARK: Helpers

    private func create(at now: Date, _ body: [String: Any]) async throws -> Event {
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONSerialization.data(withJSONObject: body))
        return try await services.events.create(try EventInput.parse(json, mode: .create), actor: "demo-data", now: now)
    }

    private func update(_ id: EventID, at now: Date, _ body: [String: Any]) async throws -> Event {
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONSerialization.data(withJSONObject: body))
        return try await services.events.update(id, with: try EventInput.parse(json, mode: .patch), expectedVersion: nil, actor: "demo-data", now: now)
    }

    private func approvedStakeholder(_ name: String) async throws -> StakeholderID? {
        var filter = StakeholderFilter(status: .approved)
        filter.query = name
        return try await services.stakeholders.list(filter, page: PageRequest(limit: 1)).items.first { $0.name == name }?.id
    }

    private func date(_ text: String) -> Date { Timestamp.parse(text)! }

    private func range(_ start: String, _ end: String) -> DateRange {
        DateRange(startsOn: LocalDate(iso: start)!, endsOn: LocalDate(iso: end)!)
    }
}
