import EngageDomain
import Foundation

/// A contact point, as everyone sees it.
struct ContactPointResponse: Encodable, Sendable {
    var id: String
    var name: String
    @Nullable var role: String?
    var email: String
    @Nullable var phone: String?
    var languages: [String]
    @Nullable var description: String?
    var createdAt: Date
    var updatedAt: Date

    init(_ contactPoint: ContactPoint) {
        id = contactPoint.id.rawValue
        name = contactPoint.name
        role = contactPoint.role
        email = contactPoint.email
        phone = contactPoint.phone
        languages = contactPoint.languages
        description = contactPoint.description
        createdAt = contactPoint.createdAt
        updatedAt = contactPoint.updatedAt
    }

    static func etag(_ contactPoint: ContactPoint) -> String {
        ETag.make(version: contactPoint.version, variant: "full")
    }
}
