import EngageDomain

/// An organisation's published contact block; each way to reach it is null when not given.
struct PublicContactResponse: Encodable, Sendable {
    @Nullable var name: String?
    @Nullable var email: String?
    @Nullable var phone: String?
    @Nullable var website: String?

    init(_ contact: PublicContact) {
        name = contact.name
        email = contact.email
        phone = contact.phone
        website = contact.website
    }
}
