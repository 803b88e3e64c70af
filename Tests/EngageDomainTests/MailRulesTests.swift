import EngageDomain
import Foundation
import Testing

@Suite("Unsubscribe links and notification preferences")
struct MailRulesTests {
    private let secret = Data(repeating: 7, count: 32)

    private func patch(_ json: String) throws -> NotificationPreferencesPatch {
        try NotificationPreferencesPatch.parse(try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)))
    }

    private func fields(of json: String) -> Set<String> {
        do {
            _ = try patch(json)
            return []
        } catch {
            guard let domain = error as? DomainError, case .validation(let errors) = domain else { return ["not a validation error"] }
            return Set(errors.map(\.field))
        }
    }

    @Test("an unsubscribe token verifies under its secret only, and any change to it is refused")
    func tokens() throws {
        let token = UnsubscribeToken(stakeholderID: .generate(), type: .eventPostponed, recipientKey: MailAddress.key("Ana@Example.org"))
        let signed = token.signed(with: secret)
        #expect(!signed.contains("Ana") && !signed.lowercased().contains("example"))
        #expect(UnsubscribeToken(verifying: signed, serverSecret: secret) == token)
        #expect(UnsubscribeToken(verifying: signed, serverSecret: Data(repeating: 8, count: 32)) == nil)
        let parts = signed.split(separator: ".").map(String.init)
        let other = UnsubscribeToken(stakeholderID: token.stakeholderID, type: .eventCancelled, recipientKey: token.recipientKey).signed(with: secret)
        let swapped = [parts[0], other.split(separator: ".").map(String.init)[1], parts[2]].joined(separator: ".")
        #expect(UnsubscribeToken(verifying: swapped, serverSecret: secret) == nil)
        #expect(UnsubscribeToken(verifying: "v1.abc", serverSecret: secret) == nil)
        #expect(MailAddress.key("Ana@Example.org ") == MailAddress.key("ana@example.org"))
    }

    @Test("an address's key trims exactly what Foundation's whitespace set trims, and nothing else")
    func addressKeys() {
        // Every scalar of Foundation's whitespace set, around and inside; line breaks and a BOM are not blanks
        let blanks = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter { CharacterSet.whitespaces.contains($0) }
        #expect(blanks.count > 10)
        var addresses = ["ana@example.org", "Ana@Example.org", "", " ", "\t \u{3000}", "ANA@EXAMPLE.ORG\n", "\n ana@example.org",
                         "\u{200B}ana@example.org", "ana@example.org\u{FEFF}", "a na@exämple.org", "ÉLODIE@例え.jp", "\r\nana@example.org\t"]
        for blank in blanks { addresses += ["\(blank)ana@example.org\(blank)", "ana\(blank)@example.org", "\(blank)\(blank)"] }
        for address in addresses {
            let foundation = Secret.sha256Hex(Data(address.trimmingCharacters(in: .whitespaces).lowercased().utf8))
            #expect(MailAddress.key(address) == foundation, "\(address.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("a preferences patch names every bad field, and security messages cannot be turned off")
    func patches() throws {
        let good = try patch(#"{"language": "ar", "email": {"event.rescheduled": false}, "webhook": {"event.postponed": false}}"#)
        let applied = good.applied(to: NotificationPreferences())
        #expect(applied.language == .ar)
        #expect(!applied.wants(.eventRescheduled, on: .email) && applied.wants(.eventRescheduled, on: .webhook))
        #expect(!applied.wants(.eventPostponed, on: .webhook) && applied.wants(.eventPostponed, on: .email))
        #expect(applied.wants(.accessTokenIssued, on: .email))
        // Turning a type back on removes the opt-out
        #expect(try patch(#"{"email": {"event.rescheduled": true}}"#).applied(to: applied).emailOptOuts.isEmpty)
        #expect(fields(of: #"{"language": "de", "email": {"stakeholder.access_token_issued": false, "no.such": true, "event.created": false, "event.updated": "no"}, "sms": {}}"#)
                == ["language", "email.stakeholder.access_token_issued", "email.no.such", "email.event.created", "email.event.updated", "sms"])
        #expect(fields(of: #"{"email": [], "stakeholder_id": "x"}"#) == ["email", "stakeholder_id"])
    }
}
