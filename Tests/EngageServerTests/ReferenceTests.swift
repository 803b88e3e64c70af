import EngageDomain
import Foundation
import HTTPTypes
import Testing

@Suite("Reference vocabularies over HTTP: codes with labels in the reader's language")
struct ReferenceTests {
    private static let paths = ["countries", "regions", "topics", "stakeholder-kinds", "event-kinds"]

    @Test("?lang=fr writes every label in French, with Content-Language, Vary and a day's public caching")
    func french() async throws {
        try await TestHarness.run { app in
            let countries = try await app.send(.get, "/v1/reference/countries?lang=fr")
            #expect(countries.status == .ok)
            #expect(countries.headers[.contentType] == "application/json")
            #expect(countries.headers[.contentLanguage] == "fr")
            #expect(countries.headers[.vary] == "Accept-Language, Authorization")
            #expect(countries.headers[.cacheControl] == "public, max-age=86400")
            let body = try countries.object()
            #expect(body["language"] as? String == "fr")
            #expect(body.keys.contains("next_cursor") && body["next_cursor"] is NSNull)
            let items = try countries.items()
            #expect(items.count == Country.codes.count)
            #expect(items.first { $0["code"] as? String == "FJ" }?["label"] as? String == "Fidji")
            #expect(items.allSatisfy { $0["translations"] == nil })

            let topics = try await app.send(.get, "/v1/reference/topics?lang=fr").items()
            #expect(topics.map { $0["code"] as? String } == Topic.allCases.map(\.rawValue))
            #expect(topics.first?["label"] as? String == "Traite des personnes")
            #expect(topics.allSatisfy { $0.keys.sorted() == ["code", "label"] })
            let regions = try await app.send(.get, "/v1/reference/regions?lang=fr").items()
            #expect(regions.first { $0["code"] as? String == "africa" }?["label"] as? String == "États d’Afrique")
            let kinds = try await app.send(.get, "/v1/reference/stakeholder-kinds?lang=fr").items()
            #expect(kinds.first { $0["code"] as? String == "ngo" }?["label"] as? String == "Organisation non gouvernementale")
            let events = try await app.send(.get, "/v1/reference/event-kinds?lang=fr").items()
            #expect(events.first { $0["code"] as? String == "ccpcj_session" }?["label"] as? String
                == "Session de la Commission pour la prévention du crime et la justice pénale")
        }
    }

    @Test("countries carry their UN regional group, null for non-members, and are sorted by label in the language")
    func countries() async throws {
        try await TestHarness.run { app in
            let items = try await app.send(.get, "/v1/reference/countries").items()
            let byCode = Dictionary(uniqueKeysWithValues: items.map { ($0["code"] as! String, $0) })
            #expect(byCode["FJ"]?["region"] as? String == "asia_pacific")
            #expect(byCode["KE"]?["region"] as? String == "africa")
            #expect(byCode["TR"]?["region"] as? String == "western_europe_others")
            // A territory or non-member has the key, with null
            #expect(byCode["PS"]?.keys.contains("region") == true && byCode["PS"]?["region"] is NSNull)
            #expect(byCode["HK"]?["region"] is NSNull)
            #expect(items.filter { $0["region"] is String }.count == Country.memberStates.count)
            #expect(byCode["CN"]?["label"] as? String == "China")
            // English by default, in alphabetical order
            #expect(items.first?["label"] as? String == "Afghanistan")
            #expect(items.last?["label"] as? String == "Zimbabwe")

            // French order puts É among the E (Égypte before Espagne), not after Z
            let french = try await app.send(.get, "/v1/reference/countries?lang=fr").items().map { $0["label"] as! String }
            let egypt = try #require(french.firstIndex(of: "Égypte"))
            #expect(egypt < french.firstIndex(of: "Espagne")! && french.firstIndex(of: "Dominique")! < egypt)
            #expect(french.last == "Zimbabwe")
            // Chinese in pinyin order: 阿富汗 (Āfùhàn) comes before 中国 (Zhōngguó)
            let chinese = try await app.send(.get, "/v1/reference/countries?lang=zh").items().map { $0["label"] as! String }
            #expect(chinese.firstIndex(of: "阿富汗")! < chinese.firstIndex(of: "中国")!)
            #expect(chinese.firstIndex(of: "中国")! > chinese.count / 2)
        }
    }

    @Test("Accept-Language q-values choose the language; Content-Language names it; without a match, English")
    func acceptLanguage() async throws {
        try await TestHarness.run { app in
            let spanish = try await app.send(.get, "/v1/reference/topics", headers: ["Accept-Language": "de-CH, fr;q=0.5, es-MX;q=0.9, *;q=0.1"])
            #expect(spanish.headers[.contentLanguage] == "es")
            #expect(try spanish.object()["language"] as? String == "es")
            #expect(try spanish.items().first?["label"] as? String == "Trata de personas")
            let russian = try await app.send(.get, "/v1/reference/countries", headers: ["Accept-Language": "ru;q=0.8, ar;q=0.2"])
            #expect(russian.headers[.contentLanguage] == "ru")
            #expect(try russian.items().first { $0["code"] as? String == "FJ" }?["label"] as? String == "Фиджи")
            // ?lang= wins over the header
            let arabic = try await app.send(.get, "/v1/reference/regions?lang=ar", headers: ["Accept-Language": "fr"])
            #expect(arabic.headers[.contentLanguage] == "ar")
            #expect(try arabic.items().first?["label"] as? String == "الدول الأفريقية")
            let english = try await app.send(.get, "/v1/reference/event-kinds", headers: ["Accept-Language": "de, ja;q=0.5"])
            #expect(english.headers[.contentLanguage] == "en")
            #expect(try english.items().first?["label"] as? String == "Session of the Commission on Crime Prevention and Criminal Justice")
        }
    }

    @Test("translations=all gives every item its label in the six languages")
    func translations() async throws {
        try await TestHarness.run { app in
            for path in Self.paths {
                let response = try await app.send(.get, "/v1/reference/\(path)?translations=all&lang=zh")
                #expect(response.status == .ok, "\(path)")
                for item in try response.items() {
                    let translations = try #require(item["translations"] as? [String: String], "\(path) \(item)")
                    #expect(Set(translations.keys) == ["ar", "zh", "en", "fr", "ru", "es"], "\(path) \(item)")
                    #expect(translations["zh"] == item["label"] as? String)
                }
            }
            let fiji = try await app.send(.get, "/v1/reference/countries?translations=all").items().first { $0["code"] as? String == "FJ" }
            #expect(fiji?["translations"] as? [String: String]
                == ["ar": "فيجي", "zh": "斐济", "en": "Fiji", "fr": "Fidji", "ru": "Фиджи", "es": "Fiyi"])
        }
    }

    @Test("a language outside the six, a bad translations value or an unknown parameter is a 400 naming it")
    func badQueries() async throws {
        try await TestHarness.run { app in
            let german = try await app.send(.get, "/v1/reference/countries?lang=de")
            #expect(german.isProblem(400))
            #expect(try german.problemFields() == ["lang"])
            let several = try await app.send(.get, "/v1/reference/topics?lang=xx&translations=some&region=africa")
            #expect(Set(try several.problemFields()) == ["lang", "translations", "region"])
            #expect(try await app.send(.get, "/v1/reference/regions?lang=fr&lang=es").problemFields() == ["lang"])
            #expect(try await app.send(.get, "/v1/reference/event-kinds?limit=5").problemFields() == ["limit"])
            #expect(try await app.send(.get, "/v1/reference/languages").isProblem(404))
            #expect(try await app.send(.post, "/v1/reference/topics", json: [:] as [String: Any]).isProblem(405))
        }
    }

    @Test("public, the same for credentials; an ETag per language and variant; If-None-Match gives 304")
    func caching() async throws {
        try await TestHarness.run { app in
            for path in Self.paths {
                let anonymous = try await app.send(.get, "/v1/reference/\(path)?lang=fr")
                let staff = try await app.send(.get, "/v1/reference/\(path)?lang=fr", token: app.staffKey)
                #expect(anonymous.status == .ok && staff.status == .ok, "\(path)")
                #expect(anonymous.bodyText == staff.bodyText)
                let etag = try #require(anonymous.headers[.eTag])
                #expect(etag.hasPrefix("\"v") && etag.hasSuffix("-fr\""))
                #expect(staff.headers[.eTag] == etag)
                #expect(try await app.send(.get, "/v1/reference/\(path)?lang=es").headers[.eTag] != etag)
                #expect(try await app.send(.get, "/v1/reference/\(path)?lang=fr&translations=all").headers[.eTag] != etag)

                let notModified = try await app.send(.get, "/v1/reference/\(path)", headers: ["Accept-Language": "fr", "If-None-Match": etag])
                #expect(notModified.status == .notModified, "\(path)")
                #expect(notModified.body.readableBytes == 0)
                #expect(notModified.headers[.eTag] == etag)
                #expect(notModified.headers[.cacheControl] == "public, max-age=86400")
                #expect(notModified.headers[.vary] == "Accept-Language, Authorization")
                // Another language is another representation
                let spanish = try await app.send(.get, "/v1/reference/\(path)?lang=es", headers: ["If-None-Match": etag])
                #expect(spanish.status == .ok)
            }
            let head = try await app.send(.head, "/v1/reference/topics")
            #expect(head.status == .ok && head.body.readableBytes == 0)
        }
    }
}
