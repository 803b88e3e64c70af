/// How other organisations can reach an organisation for networking in the WhatsOn hub (resolution 9/1,
/// para IX (b), (i) and (j)): published by the organisation itself, shown to everyone, and separate from
/// the private contact Engage uses to reach it.
public struct PublicContact: Sendable, Equatable, Codable {
    public var name: String?
    public var email: String?
    public var phone: String?
    public var website: String?

    public init(name: String? = nil, email: String? = nil, phone: String? = nil, website: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
        self.website = website
    }

    /// Reads `public_contact`: an object (which replaces the published block whole) or `null` (which
    /// withdraws it); nil when absent. Every bad field is named; an object with nothing in it is refused.
    public static func read(_ reader: inout ObjectReader, key: String = "public_contact") -> FieldChange<PublicContact>? {
        guard reader.has(key) else { return nil }
        if reader.isNull(key) {
            _ = reader.raw(key)
            return .clear
        }
        guard var block = reader.object(key) else { return nil }
        let contact = PublicContact(
            name: block.string("name", maxLength: 200).flatMap { $0.isEmpty ? nil : $0 },
            email: block.string("email", maxLength: 254).flatMap { $0.isEmpty ? nil : $0 },
            phone: block.string("phone", maxLength: 40).flatMap { $0.isEmpty ? nil : $0 },
            website: block.string("website", maxLength: 500).flatMap { $0.isEmpty ? nil : $0 })
        if let email = contact.email, !Formats.isEmail(email) { block.fail("email", "must be an e-mail address") }
        if let phone = contact.phone, !Formats.isPhone(phone) { block.fail("phone", "must be a telephone number (digits, spaces, + - . ( ) /)") }
        if let website = contact.website, !Formats.isWebURL(website) { block.fail("website", "must be an absolute http or https URL") }
        block.rejectUnknownFields()
        if block.errors.isEmpty, contact == PublicContact() {
            block.fail("email", "or another way to reach the organisation is needed; send null to withdraw the block")
        }
        reader.absorb(block)
        return block.errors.isEmpty ? .set(contact) : nil
    }
}
