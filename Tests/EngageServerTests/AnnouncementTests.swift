import Foundation
import HTTPTypes
import Testing

@Suite("Announcements over HTTP: staff write, the public reads in its language")
struct AnnouncementTests {
    private static func announcement(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "title": ["en": "Side-event applications open", "fr": "Ouverture des demandes de manifestations parallèles", "es": "Abiertas las solicitudes"],
            "body": ["en": "Apply by 1 March.", "fr": "Déposez votre demande avant le 1er mars.", "es": "Solicite antes del 1 de marzo."],
            "audience": ["kind": "approved_stakeholders"],
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    @Test("published at once; read in the language asked for, with Content-Language; every language on request")
    func languages() async throws {
        try await TestHarness.run { app in
            _ = try await app.registerApproved()
            let created = try await app.send(.post, "/v1/announcements", token: app.staffKey, json: Self.announcement())
            #expect(created.status == .created)
            let body = try created.object()
            let id = body["id"] as! String
            #expect(body["status"] as? String == "published" && body["recipients"] as? Int == 1)
            #expect(created.headers[.location] == "/v1/announcements/\(id)")

            // Given a reader who prefers Spanish, then French
            let french = try await app.send(.get, "/v1/announcements/\(id)", headers: ["Accept-Language": "de-CH, fr;q=0.9, es;q=0.8, *;q=0.1"])
            #expect(try french.object()["title"] as? String == "Ouverture des demandes de manifestations parallèles")
            let frenchBody = try french.object()
            #expect(french.headers[.contentLanguage] == "fr" && frenchBody["language"] as? String == "fr")
            #expect(french.headers[.vary] == "Accept-Language, Authorization")
            // The public sees neither the audience nor the schedule
            #expect(frenchBody["audience"] == nil && frenchBody["status"] == nil)
            let spanish = try await app.send(.get, "/v1/announcements/\(id)?lang=es&translations=all")
            let translations = try spanish.object()["translations"] as? [String: [String: String]]
            #expect(try spanish.object()["body"] as? String == "Solicite antes del 1 de marzo.")
            #expect(translations?["title"]?.count == 3)
            // A language it lacks falls back to English, and says so
            let russian = try await app.send(.get, "/v1/announcements/\(id)", headers: ["Accept-Language": "ru"])
            #expect(try russian.object()["language"] as? String == "en")
            #expect(russian.headers[.contentLanguage] == "en")
            #expect(Set(try await app.send(.get, "/v1/announcements/\(id)?lang=de&translations=some").problemFields()) == ["lang", "translations"])
            // A conditional read
            let etag = try #require(french.headers[.eTag])
            #expect(try await app.send(.get, "/v1/announcements/\(id)", headers: ["Accept-Language": "fr", "If-None-Match": etag]).status == .notModified)
        }
    }

    @Test("scheduled ones are staff's until published; withdrawal; bad input names every field and stores nothing")
    func staffOnly() async throws {
        try await TestHarness.run { app in
            let scheduled = try await app.send(.post, "/v1/announcements", token: app.staffKey, json: Self.announcement(["publish_at": "2099-01-01T00:00:00Z"]))
            #expect(scheduled.status == .unprocessableContent)
            let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
            let created = try await app.send(.post, "/v1/announcements", token: app.staffKey, json: Self.announcement(["publish_at": later]))
            let id = try created.object()["id"] as! String
            #expect(try created.object()["status"] as? String == "scheduled")
            #expect(try await app.send(.get, "/v1/announcements/\(id)").isProblem(404))
            #expect(try await app.send(.get, "/v1/announcements").items().isEmpty)
            #expect(try await app.send(.get, "/v1/announcements?status=scheduled").isProblem(403))
            #expect(try await app.send(.get, "/v1/announcements?status=scheduled", token: app.staffKey).items().count == 1)
            #expect(try await app.send(.post, "/v1/announcements", token: app.readerKey, json: Self.announcement()).isProblem(403))
            #expect(try await app.send(.post, "/v1/announcements", json: Self.announcement()).isProblem(401))
            let withdrawn = try await app.send(.post, "/v1/announcements/\(id)/withdraw", token: app.staffKey)
            #expect(try withdrawn.object()["status"] as? String == "withdrawn")
            #expect(try await app.send(.post, "/v1/announcements/\(id)/withdraw", token: app.staffKey).isProblem(409))
            let bad = try await app.send(.post, "/v1/announcements", token: app.staffKey, json: [
                "title": ["en": "", "de": "Hallo"], "body": 3, "audience": ["kind": "event_registrants"], "status": "published",
            ])
            #expect(Set(try bad.problemFields()) == ["title.en", "title.de", "body", "audience.event_id", "status"])
            #expect(try await app.count("announcement") == 1)
        }
    }

    @Test("the Atom feed lists the published, newest first, in the reader's language, with XML escaped")
    func feed() async throws {
        try await TestHarness.run { app in
            _ = try await app.send(.post, "/v1/announcements", token: app.staffKey, json: Self.announcement(["title": "Rights & <duties>"]))
            _ = try await app.send(.post, "/v1/announcements", token: app.staffKey, json: Self.announcement())
            let feed = try await app.send(.get, "/v1/announcements.atom?lang=fr")
            #expect(feed.headers[.contentType] == "application/atom+xml; charset=utf-8")
            let xml = feed.bodyText
            #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="utf-8"?>"#) && xml.contains(#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">"#))
            #expect(xml.contains("<title>Rights &amp; &lt;duties&gt;</title>"))
            let french = try #require(xml.range(of: "Ouverture des demandes"))
            #expect(french.lowerBound < xml.range(of: "Rights &amp;")!.lowerBound)
            #expect(xml.components(separatedBy: "<entry").count == 3)
        }
    }
}
