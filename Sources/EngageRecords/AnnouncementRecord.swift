import EngageDomain
import Foundation

/// A row of the `announcement` table. Texts and the audience are JSON; `languages` lists the
/// languages of the title as `,en,fr,` for the language filter.
public struct AnnouncementRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "announcement"

    public var seq: Int64?
    public var id: String
    public var title: String
    public var body: String
    public var languages: String
    public var audience: String
    public var publishAt: Date
    public var status: String
    public var eventId: String?
    public var workshopId: String?
    public var resourceId: String?
    public var recipients: Int?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var publishedAt: Date?
    public var correctedAt: Date?
    public var version: Int

    public init(_ announcement: Announcement, seq: Int64?) {
        self.seq = seq
        id = announcement.id.rawValue
        title = JSONText.encode(announcement.title)
        body = JSONText.encode(announcement.body)
        languages = "," + Set(announcement.title.languages + announcement.body.languages).map(\.rawValue).sorted().joined(separator: ",") + ","
        audience = JSONText.encode(JSONValue.object(announcement.audience.json))
        publishAt = announcement.publishAt
        status = announcement.status.rawValue
        eventId = announcement.eventID?.rawValue
        workshopId = announcement.workshopID?.rawValue
        resourceId = announcement.resourceID?.rawValue
        recipients = announcement.recipients
        createdBy = announcement.createdBy
        createdAt = announcement.createdAt
        updatedAt = announcement.updatedAt
        publishedAt = announcement.publishedAt
        correctedAt = announcement.correctedAt
        version = announcement.version
    }

    public func model() throws -> Announcement {
        guard let title = JSONText.decode(LocalizedText.self, title), let body = JSONText.decode(LocalizedText.self, body),
              case .object(let fields)? = JSONText.decode(JSONValue.self, audience), let audience = AnnouncementAudience(stored: fields),
              let status = AnnouncementStatus(rawValue: status) else {
            throw StorageError.corruptRow(table: Self.tableName, id: id)
        }
        return Announcement(
            id: AnnouncementID(unchecked: id), title: title, body: body, audience: audience, publishAt: publishAt, status: status,
            eventID: eventId.map(EventID.init(unchecked:)), workshopID: workshopId.map(WorkshopID.init(unchecked:)),
            resourceID: resourceId.map(ResourceID.init(unchecked:)), createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt,
            publishedAt: publishedAt, correctedAt: correctedAt, recipients: recipients, version: version)
    }
}
