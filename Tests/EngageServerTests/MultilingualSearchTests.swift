import Foundation
import HTTPTypes
import Testing

/// Full-text search in every language stored: Chinese words inside names, Arabic and Cyrillic spelling
/// variants, the same on SQLite and PostgreSQL (`ENGAGE_TEST_STORE=postgresql`).
@Suite("Multilingual full-text search")
struct MultilingualSearchTests {
    /// The IDs a list search returns, in order.
    private func ids(_ app: TestHarness, _ path: String, _ query: String) async throws -> [String] {
        let encoded = try #require(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let response = try await app.send(.get, "\(path)?q=\(encoded)")
        try #require(response.status == .ok, "\(query): \(response.bodyText)")
        return try response.items().compactMap { $0["id"] as? String }
    }

    @Test("Chinese: a word inside a name written without spaces is found, its characters adjacent and in order")
    func chinese() async throws {
        try await TestHarness.run { app in
            let centre = try await app.registerApproved([
                "name": "中国反腐败研究中心", "acronym": "CACRC", "description": "研究腐败问题。",
            ])
            let network = try await app.registerApproved([
                "name": "中国研究网络", "acronym": "CRN", "description": "A research network on organized crime.",
            ])
            #expect(try await ids(app, "/v1/stakeholders", "腐败") == [centre.id])
            #expect(try await ids(app, "/v1/stakeholders", "反腐败") == [centre.id])
            #expect(try await ids(app, "/v1/stakeholders", "败腐") == [])               // not adjacent in this order
            #expect(try await ids(app, "/v1/stakeholders", "腐 研究") == [centre.id])   // two terms, both required
            #expect(Set(try await ids(app, "/v1/stakeholders", "中国")) == [centre.id, network.id])
            #expect(try await ids(app, "/v1/stakeholders", "中国 network") == [network.id])
            // Full-width letters are the ASCII ones
            #expect(try await ids(app, "/v1/stakeholders", "ＣＡＣＲＣ") == [centre.id])
            // A name match outranks a description match
            let mentions = try await app.registerApproved([
                "name": "Asia Integrity Forum", "acronym": "AIF", "description": "合作伙伴：中国反腐败研究中心。",
            ])
            #expect(try await ids(app, "/v1/stakeholders", "腐败") == [centre.id, mentions.id])
        }
    }

    @Test("Arabic: tashkeel, alef and hamza forms, alef maksura and ta marbuta are folded")
    func arabic() async throws {
        try await TestHarness.run { app in
            let network = try await app.registerApproved([
                "name": "الشبكة العربية لمكافحة الفساد", "acronym": "ANAC", "country": "JO",
                "description": "شبكة إقليمية للمجتمع المدني.",
            ])
            let forum = try await app.registerApproved([
                "name": "المنتدى الأفريقي للشفافية", "acronym": "AFT", "country": "EG", "description": "Transparency forum.",
            ])
            // With tashkeel
            #expect(try await ids(app, "/v1/stakeholders", "الشَّبَكَةُ العَرَبِيَّةُ") == [network.id])
            // Ha for ta marbuta, and tatweel
            #expect(try await ids(app, "/v1/stakeholders", "لمكافحه الفســاد") == [network.id])
            // Bare alef for alef with hamza, in the description
            #expect(try await ids(app, "/v1/stakeholders", "اقليمية") == [network.id])
            // Hamza on the alef where the name has none, ya for alef maksura
            #expect(try await ids(app, "/v1/stakeholders", "المنتدي الأفريقي") == [forum.id])
            #expect(try await ids(app, "/v1/stakeholders", "الافريقي") == [forum.id])
            // The last word is a prefix, as in every language
            #expect(try await ids(app, "/v1/stakeholders", "للشفا") == [forum.id])
        }
    }

    @Test("Russian: ё and е are one letter, й is not и, accents and case fold")
    func russian() async throws {
        try await TestHarness.run { app in
            let centre = try await app.registerApproved([
                "name": "Объединённый центр противодействия коррупции", "acronym": "ОЦПК", "country": "KZ",
                "description": "Российский и казахстанский опыт.",
            ])
            let other = try await app.registerApproved([
                "name": "Центр Миграции и Права", "acronym": "ЦМП", "country": "KG", "description": "Правовая помощь мигрантам.",
            ])
            #expect(try await ids(app, "/v1/stakeholders", "объединенный") == [centre.id])
            #expect(try await ids(app, "/v1/stakeholders", "ОБЪЕДИНЁННЫЙ ЦЕНТР") == [centre.id])
            #expect(try await ids(app, "/v1/stakeholders", "российский") == [centre.id])
            #expect(try await ids(app, "/v1/stakeholders", "россии") == [])            // и is not й
            #expect(try await ids(app, "/v1/stakeholders", "оцпк") == [centre.id])
            #expect(Set(try await ids(app, "/v1/stakeholders", "центр")) == [centre.id, other.id])
        }
    }

    @Test("events and resources: accents, Chinese and a changed title are searched as stored now")
    func eventsAndResources() async throws {
        try await TestHarness.run { app in
            let meeting = try await app.createEvent([
                "title": "Réunion d'experts sur la corruption", "kind": "expert_group_meeting",
                "description": "反腐败合作与民间社会。",
            ])
            let meetingID = meeting["id"] as! String
            #expect(try await ids(app, "/v1/events", "reunion experts") == [meetingID])
            #expect(try await ids(app, "/v1/events", "腐败") == [meetingID])

            // A new title replaces the old words in the index
            let patched = try await app.send(.patch, "/v1/events/\(meetingID)", token: app.staffKey, json: ["title": "Groupe de travail sur la fraude"])
            try #require(patched.status == .ok, "\(patched.bodyText)")
            #expect(try await ids(app, "/v1/events", "reunion") == [])
            #expect(try await ids(app, "/v1/events", "fraude") == [meetingID])

            let toolkit = try await app.send(.post, "/v1/resources", token: app.staffKey, json: [
                "kind": "toolkit", "title": "民间社会反腐败工具包", "url": "https://www.unodc.org/toolkit-zh",
                "summary": "Guía para la participación de la sociedad civil.", "publisher": "ООН", "languages": ["zh"],
            ])
            try #require(toolkit.status == .created, "\(toolkit.bodyText)")
            let toolkitID = try toolkit.object()["id"] as! String
            #expect(try await ids(app, "/v1/resources", "腐败 工具") == [toolkitID])
            #expect(try await ids(app, "/v1/resources", "guia participacion") == [toolkitID])
            #expect(try await ids(app, "/v1/resources", "оон") == [toolkitID])
        }
    }

    @Test("the folded texts are stored beside the raw ones, and follow an erasure")
    func storedColumns() async throws {
        try await TestHarness.run { app in
            let org = try await app.registerApproved(["name": "中国反腐败研究中心", "description": "Fundación Ёлка"])
            #expect(try await app.database.scalar("SELECT search_name FROM stakeholder WHERE id = ?", [.text(org.id)]) == "中 国 反 腐 败 研 究 中 心")
            #expect(try await app.database.scalar("SELECT search_description FROM stakeholder WHERE id = ?", [.text(org.id)]) == "fundacion елка")
            #expect(try await ids(app, "/v1/stakeholders", "fundacion") == [org.id])

            let erased = try await app.send(.post, "/v1/stakeholders/\(org.id)/erase", token: app.adminKey, json: ["reason": "Requested"])
            try #require(erased.status == .ok, "\(erased.bodyText)")
            #expect(try await app.database.scalar("SELECT search_description FROM stakeholder WHERE id = ?", [.text(org.id)]) == "")
            #expect(try await ids(app, "/v1/stakeholders", "fundacion") == [])
            #expect(try await ids(app, "/v1/stakeholders", "腐败") == [org.id])
        }
    }
}
