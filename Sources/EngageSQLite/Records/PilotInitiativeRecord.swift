import EngageDomain
import Foundation
import GRDB

/// A row of the `pilot_initiative` table; participants live in their own table.
struct PilotInitiativeRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "pilot_initiative"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var title: String
    var country: String
    var summary: String?
    var priorities: String
    var nationalAuthorities: String
    var startsOn: String?
    var endsOn: String?
    var projectId: String?
    var linkedEventIds: String
    var status: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ initiative: PilotInitiative, seq: Int64?) {
        self.seq = seq
        id = initiative.id.rawValue
        title = initiative.title
        country = initiative.country
        summary = initiative.summary
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
    }

    func model(participants: [PilotParticipant]) throws -> PilotInitiative {
        guard let status = PilotStatus(rawValue: status) else { throw StorageError.corruptRow(table: Self.databaseTableName, id: id) }
        return PilotInitiative(
            id: PilotInitiativeID(unchecked: id), title: title, country: country, summary: summary,
            priorities: (JSONText.decode([String].self, priorities) ?? []).compactMap(Topic.init(rawValue:)),
            nationalAuthorities: JSONText.decode([NationalAuthority].self, nationalAuthorities) ?? [],
            startsOn: startsOn.flatMap(LocalDate.init(iso:)), endsOn: endsOn.flatMap(LocalDate.init(iso:)),
            projectID: projectId.map(ProjectID.init(unchecked:)),
            linkedEventIDs: (JSONText.decode([String].self, linkedEventIds) ?? []).map(EventID.init(unchecked:)),
            status: status, participants: participants, createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
