import EngageDomain
import Foundation

/// An announcement in one language (`language` says which was used), with every language under
/// `translations` when asked for, and the audience and schedule for staff.
struct AnnouncementResponse: Encodable, Sendable {
    struct Translations: Encodable, Sendable {
        var title: [String: String]
        var body: [String: String]
    }

    var id: String
    /// The record's version, raised by every change; the ETag is built from it.
    var version: Int
    var title: String
    var body: String
    var language: String
    /// The languages it is written in.
    var languages: [String]
    var translations: Translations?
    @Nullable var eventId: String?
    @Nullable var workshopId: String?
    @Nullable var resourceId: String?
    @Nullable var publishedAt: Date?
    @Nullable var correctedAt: Date?
    // Staff only
    var status: String?
    var audience: JSONValue?
    var publishAt: Date?
    var recipients: Int?
    var createdAt: Date?
    var updatedAt: Date?

    /// `language` is the one to write it in; `full` adds every translation and the staff fields.
    init(_ announcement: Announcement, language: UNLanguage, translations: Bool, staff: Bool) {
        let title = announcement.title.best(for: language)
        id = announcement.id.rawValue
        version = announcement.version
        self.title = title?.text ?? ""
        body = announcement.body.best(for: title?.language ?? language)?.text ?? ""
        self.language = (title?.language ?? language).rawValue
        languages = Set(announcement.title.languages + announcement.body.languages).map(\.rawValue).sorted()
        if translations { self.translations = Translations(title: announcement.title.byCode, body: announcement.body.byCode) }
        eventId = announcement.eventID?.rawValue
        workshopId = announcement.workshopID?.rawValue
        resourceId = announcement.resourceID?.rawValue
        publishedAt = announcement.publishedAt
        correctedAt = announcement.correctedAt
        if staff {
            status = announcement.status.rawValue
            audience = .object(announcement.audience.json)
            publishAt = announcement.publishAt
            recipients = announcement.recipients
            createdAt = announcement.createdAt
            updatedAt = announcement.updatedAt
        }
    }

    static func etag(_ announcement: Announcement, language: UNLanguage, variant: String) -> String {
        ETag.make(version: announcement.version, variant: "\(language.rawValue)-\(variant)")
    }
}
