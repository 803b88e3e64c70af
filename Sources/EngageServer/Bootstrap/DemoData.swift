import EngageDomain
import EngageCore
import Foundation

/// Demo stakeholders drawn from the Civil Society Team's situation. Contact data is fictitious.
struct DemoData {
    let stakeholders: any StakeholderRepository

    private struct Entry {
        var name: String
        var acronym: String?
        var kind: StakeholderKind
        var country: String
        var website: String?
        var description: String
        var topics: [Topic]
        var ecosoc: EcosocStatus
        var status: StakeholderStatus.Decision?
        var memberOfAlliance: Bool
    }

    /// Loads the demo stakeholders when the registry is empty; returns how many were added.
    func loadIfEmpty() async throws -> Int {
        guard try await stakeholders.list(StakeholderFilter(), page: PageRequest(limit: 1)).items.isEmpty else { return 0 }
        let alliance = try await add(Entry(
            name: "Alliance of NGOs on Crime Prevention and Criminal Justice", acronym: "Alliance", kind: .network, country: "AT",
            website: "https://www.crimealliance.org",
            description: "A broad network of civil society organizations contributing to security and justice for all, making sure civil society is heard in the crime prevention and criminal justice agenda.",
            topics: [.crimePrevention, .criminalJustice, .organizedCrime], ecosoc: .general, status: .approve, memberOfAlliance: false
        ), networks: [])
        let entries: [Entry] = [
            Entry(name: "Global Initiative Against Transnational Organized Crime", acronym: "GI-TOC", kind: .ngo, country: "CH",
                  website: "https://globalinitiative.net",
                  description: "Independent civil society organisation working on research and analysis of organized crime; co-author with UNODC of a guide for civil society engaging with the UNTOC Review Mechanism.",
                  topics: [.organizedCrime, .traffickingInPersons, .smugglingOfMigrants, .wildlifeCrime], ecosoc: .special, status: .approve, memberOfAlliance: true),
            Entry(name: "Red Andina contra la Trata de Personas", acronym: "RACT", kind: .ngo, country: "PE", website: nil,
                  description: "Demo network member supporting survivors of trafficking in persons in the Andean region with shelters and legal aid.",
                  topics: [.traffickingInPersons, .victimSupport], ecosoc: .none, status: .approve, memberOfAlliance: true),
            Entry(name: "Nairobi Centre for Cybercrime Studies", acronym: "NCCS", kind: .academia, country: "KE", website: nil,
                  description: "Demo university research centre on cybercrime, digital evidence and capacity building for criminal justice practitioners in East Africa.",
                  topics: [.cybercrime, .criminalJustice], ecosoc: .none, status: .approve, memberOfAlliance: false),
            Entry(name: "Mekong Responsible Business Forum", acronym: "MRBF", kind: .privateSector, country: "TH", website: nil,
                  description: "Demo association of companies working on public-private partnerships against trafficking in persons and forced labour in supply chains.",
                  topics: [.traffickingInPersons, .moneyLaundering], ecosoc: .none, status: .approve, memberOfAlliance: false),
            Entry(name: "Balkan Firearms Control Initiative", acronym: "BFCI", kind: .ngo, country: "RS", website: nil,
                  description: "Demo NGO monitoring illicit firearms trafficking and supporting national small-arms control commissions.",
                  topics: [.firearms, .organizedCrime], ecosoc: .roster, status: .approve, memberOfAlliance: true),
            Entry(name: "Pacific Islands Anti-Corruption Collective", acronym: nil, kind: .ngo, country: "FJ", website: nil,
                  description: "Demo coalition of community organisations promoting integrity and the implementation of anti-corruption standards.",
                  topics: [.corruption], ecosoc: .none, status: nil, memberOfAlliance: false),
            // Names in their own script: the directory and its search serve every UN language.
            Entry(name: "中国反腐败研究中心", acronym: "CACRC", kind: .academia, country: "CN", website: nil,
                  description: "Demo university research centre on anti-corruption policy and the implementation of UNCAC and UNTOC in China.",
                  topics: [.corruption, .criminalJustice], ecosoc: .none, status: .approve, memberOfAlliance: false),
            Entry(name: "المنظمة العربية لمكافحة الفساد", acronym: "AOAC", kind: .ngo, country: "JO", website: nil,
                  description: "Demo regional organisation of civil society against corruption and money laundering in the Arab States.",
                  topics: [.corruption, .moneyLaundering], ecosoc: .none, status: .approve, memberOfAlliance: true),
        ]
        var count = 1
        for entry in entries {
            _ = try await add(entry, networks: entry.memberOfAlliance ? [alliance] : [])
            count += 1
        }
        return count
    }

    private func add(_ entry: Entry, networks: [StakeholderID]) async throws -> StakeholderID {
        var input = StakeholderInput(
            name: entry.name, acronym: entry.acronym.map { .set($0) }, kind: entry.kind, country: entry.country,
            website: entry.website.map { .set($0) }, description: .set(entry.description), topics: entry.topics,
            ecosocStatus: entry.ecosoc, contactName: "Demo Contact",
            contactEmail: "contact+\(entry.acronym?.lowercased() ?? "demo")@example.org", contactPhone: nil,
            memberOf: networks, codeOfConductAccepted: true
        )
        // Approved organisations publish how to reach them for networking (a demo address).
        if entry.status == .approve {
            input.publicContact = .set(PublicContact(
                name: "Networking desk (demo)", email: "network+\(entry.acronym?.lowercased() ?? "demo")@example.org", website: entry.website))
        }
        let now = Date()
        let stakeholder = try await stakeholders.register(input, accessTokenHash: Secret.hash(Secret.generate(prefix: Secret.accessTokenPrefix)), actor: "demo-data", now: now)
        if let decision = entry.status {
            _ = try await stakeholders.decide(stakeholder.id, decision, reason: nil, expectedVersion: nil, actor: "demo-data", now: now)
        }
        return stakeholder.id
    }
}
