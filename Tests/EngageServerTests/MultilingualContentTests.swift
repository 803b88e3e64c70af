import Foundation
import HTTPTypes
import Testing

/// Texts in the six UN languages on events, workshops, pilot initiatives, projects and resources:
/// language maps in, one language out (negotiated), every language on request.
@Suite("Multilingual content: language maps, negotiation, fallback")
struct MultilingualContentTests {
    static let title: [String: String] = [
        "en": "29th session of the Commission on Crime Prevention and Criminal Justice",
        "fr": "Vingt-neuvième session de la Commission pour la prévention du crime et la justice pénale",
        "es": "29º período de sesiones de la Comisión de Prevención del Delito y Justicia Penal",
    ]

    // MARK: Reading

    @Test("a read is written in ?lang= or the Accept-Language it can serve, says which, and falls back to English")
    func negotiation() async throws {
        try await TestHarness.run { app in
            // Given an event titled in three languages and described in English only
            let id = try #require(try await app.createEvent(["title": Self.title, "description": "Annual session."])["id"] as? String)

            // When a French reader asks with ?lang=fr
            let french = try await app.send(.get, "/v1/events/\(id)?lang=fr")
            let body = try french.object()
            // Then the title is French, the description falls back to English, and the answer says French
            #expect(body["title"] as? String == Self.title["fr"])
            #expect(body["description"] as? String == "Annual session.")
            #expect(body["language"] as? String == "fr")
            #expect(body["translations"] == nil)
            #expect(french.headers[.contentLanguage] == "fr")
            #expect(french.headers[.vary]?.contains("Accept-Language") == true)

            // Accept-Language q-values: German is not served, Spanish is preferred to French
            let spanish = try await app.send(.get, "/v1/events/\(id)", headers: ["Accept-Language": "de-DE, fr;q=0.5, es-419;q=0.8"])
            #expect(try spanish.object()["title"] as? String == Self.title["es"])
            #expect(spanish.headers[.contentLanguage] == "es")

            // A language the event lacks falls back to English, and says so
            let russian = try await app.send(.get, "/v1/events/\(id)", headers: ["Accept-Language": "ru"])
            #expect(try russian.object()["language"] as? String == "en")
            #expect(russian.headers[.contentLanguage] == "en")

            // Each language is its own representation: its own ETag, 304 only for the same one
            let frenchTag = try #require(french.headers[.eTag])
            #expect(frenchTag != spanish.headers[.eTag])
            #expect(try await app.send(.get, "/v1/events/\(id)?lang=fr", headers: ["If-None-Match": frenchTag]).status == .notModified)
            #expect(try await app.send(.get, "/v1/events/\(id)?lang=es", headers: ["If-None-Match": frenchTag]).status == .ok)
        }
    }

    @Test("?translations=all gives every language of every text; lists negotiate per item")
    func translationsAndLists() async throws {
        try await TestHarness.run { app in
            let id = try #require(try await app.createEvent(["title": Self.title, "description": ["en": "Annual.", "fr": "Annuelle."]])["id"] as? String)
            _ = try await app.createEvent(["title": "English only"])

            let all = try await app.send(.get, "/v1/events/\(id)?translations=all").object()
            let translations = try #require(all["translations"] as? [String: Any])
            #expect(translations["title"] as? [String: String] == Self.title)
            #expect(translations["description"] as? [String: String] == ["en": "Annual.", "fr": "Annuelle."])

            let list = try await app.send(.get, "/v1/events?lang=fr")
            #expect(list.headers[.contentLanguage] == "fr")
            let languages = try list.items().map { $0["language"] as? String }
            #expect(languages.sorted { ($0 ?? "") < ($1 ?? "") } == ["en", "fr"])
        }
    }

    @Test("a language outside the six, or a bad translations value, is a 400 naming the parameter")
    func badParameters() async throws {
        try await TestHarness.run { app in
            let id = try #require(try await app.createEvent()["id"] as? String)
            for uri in ["/v1/events/\(id)?lang=de", "/v1/events?lang=xx", "/v1/workshops?translations=some", "/v1/resources/res_00000000000000000000?lang=pt"] {
                let response = try await app.send(.get, uri)
                #expect(response.isProblem(400), "\(uri)")
                #expect(try response.problemFields().contains { $0 == "lang" || $0 == "translations" }, "\(uri)")
            }
        }
    }

    // MARK: Writing

    @Test("a PATCH merges languages: a plain string sets English, null removes one, none left is a 422 that changes nothing")
    func patchMerges() async throws {
        try await TestHarness.run { app in
            let id = try #require(try await app.createEvent(["title": Self.title])["id"] as? String)

            // When staff add Russian, drop Spanish and retitle in English
            let patched = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey, json: ["title": ["ru": "Двадцать девятая сессия", "es": NSNull()]])
            #expect(patched.status == .ok)
            _ = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey, json: ["title": "29th CCPCJ"])
            // Then the stored map has the new English, French kept, Russian added, Spanish gone
            let titles = try await app.send(.get, "/v1/events/\(id)?translations=all").object()["translations"] as? [String: Any]
            #expect(titles?["title"] as? [String: String] == [
                "en": "29th CCPCJ", "fr": Self.title["fr"]!, "ru": "Двадцать девятая сессия",
            ])
            let stored = try await app.database.scalar("SELECT translations FROM event WHERE id = ?", [.text(id)])
            #expect(stored?.contains("Двадцать девятая сессия") == true)
            #expect(try await app.database.scalar("SELECT title FROM event WHERE id = ?", [.text(id)]) == "29th CCPCJ")

            // When a patch would leave the title without any language
            let emptied = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey,
                                             json: ["title": ["en": NSNull(), "fr": NSNull(), "ru": NSNull()]])
            // Then it is refused, naming the title, and nothing changed
            #expect(emptied.isProblem(422))
            #expect(try emptied.problemFields() == ["title"])
            #expect(try await app.send(.get, "/v1/events/\(id)").object()["title"] as? String == "29th CCPCJ")
        }
    }

    @Test("every bad language of a text is named: an unknown code, an empty text, a number")
    func validation() async throws {
        try await TestHarness.run { app in
            let before = try await app.count("event")
            let response = try await app.send(.post, "/v1/events", token: app.staffKey, json: TestHarness.event([
                "title": ["de": "Tagung", "fr": "  ", "es": 5], "description": ["zh": String(repeating: "腐", count: 10_001)],
            ]))
            #expect(response.isProblem(422))
            #expect(try Set(response.problemFields()) == ["title.de", "title.fr", "title.es", "description.zh"])
            #expect(try await app.count("event") == before)
        }
    }

    @Test("search finds an event or a resource by any language of its texts, accents folded")
    func searchEveryLanguage() async throws {
        try await TestHarness.run { app in
            // Given an event titled in three languages and one in English only
            let id = try #require(try await app.createEvent(["title": Self.title, "description": ["zh": "预防犯罪和刑事司法委员会年度会议"]])["id"] as? String)
            _ = try await app.createEvent(["title": "Conference of the Parties"])
            // Then a word of each language finds it, typed with or without accents, and a Chinese word inside a phrase
            for query in ["vingt-neuvi%C3%A8me", "periodo%20sesiones", "%E5%88%91%E4%BA%8B", "Commission"] {
                #expect(try await app.send(.get, "/v1/events?q=\(query)").items().map { $0["id"] as? String } == [id], "\(query)")
            }
            // And after a patch removes the Spanish title, the Spanish words no longer find it
            _ = try await app.send(.patch, "/v1/events/\(id)", token: app.staffKey, json: ["title": ["es": NSNull()]])
            #expect(try await app.send(.get, "/v1/events?q=periodo").items().isEmpty)

            let resource = try await app.send(.post, "/v1/resources", token: app.staffKey, json: [
                "kind": "guide", "url": "https://www.unodc.org/guide.pdf",
                "title": ["en": "Guide for civil society", "fr": "Guide à l’intention de la société civile"],
            ])
            let resourceID = try #require(try resource.object()["id"] as? String)
            #expect(try await app.send(.get, "/v1/resources?q=societe%20civile").items().map { $0["id"] as? String } == [resourceID])
        }
    }

    // MARK: The other resources

    @Test("a resource has one URL per language; its languages follow; a bad URL is named by language")
    func resourceURLs() async throws {
        try await TestHarness.run { app in
            let created = try await app.send(.post, "/v1/resources", token: app.staffKey, json: [
                "kind": "toolkit",
                "title": ["en": "Toolkit on Stakeholder Engagement", "fr": "Boîte à outils sur la participation des parties prenantes"],
                "url": ["en": "https://www.unodc.org/en/toolkit.pdf", "fr": "https://www.unodc.org/fr/toolkit.pdf"],
                "languages": ["en"],
            ])
            #expect(created.status == .created, "\(created.bodyText)")
            let id = try #require(try created.object()["id"] as? String)

            let french = try await app.send(.get, "/v1/resources/\(id)?lang=fr").object()
            #expect(french["url"] as? String == "https://www.unodc.org/fr/toolkit.pdf")
            #expect(french["title"] as? String == "Boîte à outils sur la participation des parties prenantes")
            #expect(french["urls"] as? [String: String] == ["en": "https://www.unodc.org/en/toolkit.pdf", "fr": "https://www.unodc.org/fr/toolkit.pdf"])
            #expect(french["languages"] as? [String] == ["en", "fr"])
            // The language filter finds it by the French version
            #expect(try await app.send(.get, "/v1/resources?language=fr").items().map { $0["id"] as? String } == [id])

            let bad = try await app.send(.patch, "/v1/resources/\(id)", token: app.staffKey, json: ["url": ["ru": "ftp://example.org/x"]])
            #expect(bad.isProblem(422))
            #expect(try bad.problemFields() == ["url.ru"])
        }
    }

    @Test("a workshop's objectives each take a language map; a pilot initiative and a project their title and summary")
    func programme() async throws {
        try await TestHarness.run { app in
            let workshop = try await app.createWorkshop([
                "title": ["en": "SE4U training", "es": "Capacitación SE4U"],
                "objectives": [["en": "Understand the Review Mechanism", "es": "Comprender el Mecanismo de Examen"], "Engage with Member States"],
            ])
            let spanish = try await app.send(.get, "/v1/workshops/\(workshop)?lang=es").object()
            #expect(spanish["title"] as? String == "Capacitación SE4U")
            #expect(spanish["objectives"] as? [String] == ["Comprender el Mecanismo de Examen", "Engage with Member States"])

            let badObjective = try await app.send(.patch, "/v1/workshops/\(workshop)", token: app.staffKey, json: ["objectives": ["ok", ["xx": "?"]]])
            #expect(try badObjective.problemFields() == ["objectives[1].xx"])

            let pilot = try await app.createPilot(["title": ["en": "National dialogue", "fr": "Dialogue national"], "summary": ["fr": "Résumé"]])
            let pilotFrench = try await app.send(.get, "/v1/pilot-initiatives/\(pilot)?lang=fr").object()
            #expect(pilotFrench["title"] as? String == "Dialogue national")
            #expect(pilotFrench["summary"] as? String == "Résumé")

            let project = try await app.send(.post, "/v1/projects", token: app.staffKey, json: [
                "title": ["en": "Stakeholder Engagement for UNTOC", "ar": "إشراك أصحاب المصلحة في اتفاقية الجريمة المنظمة"],
            ])
            let projectID = try #require(try project.object()["id"] as? String)
            let arabic = try await app.send(.get, "/v1/projects/\(projectID)", headers: ["Accept-Language": "ar"])
            #expect(try arabic.object()["title"] as? String == "إشراك أصحاب المصلحة في اتفاقية الجريمة المنظمة")
            #expect(arabic.headers[.contentLanguage] == "ar")
        }
    }
}
