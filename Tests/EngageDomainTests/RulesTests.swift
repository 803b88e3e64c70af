import EngageDomain
import Foundation
import Testing

@Suite("Status rules, identifiers, cursors, ETags, secrets, formats")
struct RulesTests {
    @Test("review transitions")
    func transitions() {
        let allowed: Set<String> = ["pending-approve", "pending-reject", "approved-suspend", "suspended-approve"]
        for status in StakeholderStatus.allCases {
            for decision in StakeholderStatus.Decision.allCases {
                #expect(status.allows(decision) == allowed.contains("\(status.rawValue)-\(decision.rawValue)"), "\(status) \(decision)")
            }
        }
    }

    @Test("identifiers round-trip and reject malformed text")
    func identifiers() {
        let id = StakeholderID.generate()
        #expect(StakeholderID(rawValue: id.rawValue) == id)
        #expect(id.rawValue.count == 24)
        #expect(StakeholderID(rawValue: "key_" + id.rawValue.dropFirst(4)) == nil)
        #expect(StakeholderID(rawValue: "stk_short") == nil)
        #expect(StakeholderID(rawValue: "stk_ABCDEFGHJKMNPQRSTVWX") == nil)
        #expect(StakeholderID.generate() != StakeholderID.generate())
    }

    @Test("cursors round-trip and garbage is refused")
    func cursors() {
        let plain = PageCursor(sequence: 42)
        #expect(PageCursor(encoded: plain.encoded) == plain)
        let ranked = PageCursor(sequence: 7, rank: -3.14159265358979)
        #expect(PageCursor(encoded: ranked.encoded) == ranked)
        #expect(plain.encoded == "s_42")
        for garbage in ["", "zzz", "s_", "s_-1", "s_1_2", PageCursor(sequence: 1).encoded + "x", "r_nan_1", "r_inf_1", "x_1"] {
            #expect(PageCursor(encoded: garbage) == nil, "\(garbage)")
        }
    }

    @Test("ETags name version and audience")
    func etags() {
        #expect(ETag.stakeholder(version: 3, full: true) == "\"v3-full\"")
        #expect(ETag.stakeholder(version: 3, full: false) != ETag.stakeholder(version: 3, full: true))
        #expect(ETag.version(from: "\"v12-public\"") == 12)
        #expect(ETag.version(from: "W/\"v12-public\"") == nil)
        #expect(ETag.version(from: "\"abc\"") == nil)
        #expect(ETag.version(from: "\"v12-\"") == nil)
        #expect(ETag.version(from: "\"v12-Other!\"") == nil)
        #expect(ETag.version(from: "\"v3-c2w1\"") == 3)
        #expect(ETag.version(from: "\"v+1-full\"") == nil)
    }

    @Test("secrets are random, prefixed, and hashed one way")
    func secrets() {
        let a = Secret.generate(prefix: Secret.apiKeyPrefix)
        let b = Secret.generate(prefix: Secret.apiKeyPrefix)
        #expect(a != b && a.hasPrefix("ek_") && a.count == 46)
        #expect(Secret.hash(a) == Secret.hash(a))
        #expect(Secret.hash(a) != Secret.hash(b))
        #expect(Secret.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secret.hint(a) == String(a.prefix(7)) + "…")
    }

    @Test("formats", arguments: [
        ("ana@example.org", true), ("ana@example", false), ("@example.org", false), ("a b@example.org", false),
        ("ana@.example.org", false), ("ana@example.org.", false), ("ana@a@example.org", false), ("anaïs@exemple.fr", true),
        ("ana@exa\u{0301}.mple", true), ("ana@example\u{3002}org", false), ("ana@example.org\u{00A0}", false),
    ])
    func emails(text: String, valid: Bool) {
        #expect(Formats.isEmail(text) == valid)
    }

    @Test("web URLs are absolute http or https")
    func urls() {
        #expect(Formats.isWebURL("https://example.org/path"))
        #expect(Formats.isWebURL("http://example.org"))
        #expect(!Formats.isWebURL("ftp://example.org"))
        #expect(!Formats.isWebURL("example.org"))
        #expect(!Formats.isWebURL("javascript:alert(1)"))
    }
}

@Suite("Cursor seal")
struct CursorSealTests {
    @Test("a sealed cursor opens only with its key and its binding")
    func sealAndOpen() {
        let seal = CursorSeal(serverSecret: Data(repeating: 7, count: 32))
        let position = PageCursor(sequence: 42, dateKey: "20270511")
        let cursor = seal.seal(position, binding: "/v1/events?kind=webinar")
        #expect(seal.open(cursor, binding: "/v1/events?kind=webinar") == position)
        #expect(seal.open(cursor, binding: "/v1/events?kind=working_group") == nil)
        #expect(CursorSeal(serverSecret: Data(repeating: 8, count: 32)).open(cursor, binding: "/v1/events?kind=webinar") == nil)
        for garbage in ["", "s_42", String(cursor.dropLast()), cursor + "A", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"] {
            #expect(seal.open(garbage, binding: "/v1/events?kind=webinar") == nil, "\(garbage)")
        }
    }
}
