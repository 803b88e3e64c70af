import EngageDomain
import Foundation

/// A row of the `contact_point` table.
public struct ContactPointRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "contact_point"

    public var seq: Int64?
    public var id: String
    public var name: String
    public var role: String?
    public var email: String
    public var phone: String?
    public var languages: String
    public var description: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(_ contactPoint: ContactPoint, seq: Int64?) {
        self.seq = seq
        id = contactPoint.id.rawValue
        name = contactPoint.name
        role = contactPoint.role
        email = contactPoint.email
        phone = contactPoint.phone
        languages = JSONText.encode(contactPoint.languages)
        description = contactPoint.description
        createdAt = contactPoint.createdAt
        updatedAt = contactPoint.updatedAt
        version = contactPoint.version
    }

    public func model() -> ContactPoint {
        ContactPoint(
            id: ContactPointID(unchecked: id), name: name, role: role, email: email, phone: phone,
            languages: JSONText.decode([String].self, languages) ?? [], description: description,
            createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
