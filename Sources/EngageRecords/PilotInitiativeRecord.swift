import EngageDomain
import Foundation

/// A row of the `pilot_initiative` table; participants live in their own table.
public struct PilotInitiativeRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "pilot_initiative"

    public var seq: Int64?
    public var id: String
    public var title: String
    public var country: String
    public var summary: String?
    public var priorities: String
    public var nationalAuthorities: String
    public var startsOn: String?
    public var endsOn: String?
    public var projectId: String?
    public var linkedEventIds: String
    public var status: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int
    /// Every text in all its languages (`TranslationsColumn`).
    public var translations: String

    public init(_ initiative: PilotInitiative, seq: Int64?) {
        self.seq = seq
        id = initiative.id.rawValue
        title = initiative.title.primary
        country = initiative.country
        summary = initiative.summary?.primary
        priorities = JSONText.encode(initiative.priorities.map(\.rawValue))
        nationalAuthorities = JSONText.encode(initiative.nationalAuthorities)
        startsOn = initiative.startsOn?.description
        endsOn = initiative.endsOn?.description
        projectId = initiative.projectID?.rawValue
        linkedEventIds = JSONText.encode(initiative.linkedEventIDs.map(\.rawValue))
        status = initiative.status.rawValue
        createdAt = initiative.createdAt
        updatedAt = initiative.updatedAt
        version = initiative.version
        var texts = TranslationsColumn()
        texts.set("title", initiative.title)
        texts.set("summary", initiative.summary)
        translations = texts.json
    }

    public func model(participants: [PilotParticipant]) throws -> PilotInitiative {
        guard let status = PilotStatus(rawValue: status) else { throw StorageError.corruptRow(table: Self.tableName, id: id) }
        let texts = TranslationsColumn(json: translations)
        return PilotInitiative(
            id: PilotInitiativeID(unchecked: id), title: texts.text("title", plain: title) ?? LocalizedText(title), country: country,
            summary: texts.text("summary", plain: summary),
            priorities: (JSONText.decode([String].self, priorities) ?? []).compactMap(Topic.init(rawValue:)),
            nationalAuthorities: JSONText.decode([NationalAuthority].self, nationalAuthorities) ?? [],
            startsOn: startsOn.flatMap(LocalDate.init(iso:)), endsOn: endsOn.flatMap(LocalDate.init(iso:)),
            projectID: projectId.map(ProjectID.init(unchecked:)),
            linkedEventIDs: (JSONText.decode([String].self, linkedEventIds) ?? []).map(EventID.init(unchecked:)),
            status: status, participants: participants, createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
