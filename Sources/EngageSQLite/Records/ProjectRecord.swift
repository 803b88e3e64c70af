import EngageDomain
import Foundation
import GRDB

/// A row of the `project` table.
struct ProjectRecord: Codable, FetchableRecord, PersistableRecord, SequencedRecord, Sendable {
    static let databaseTableName = "project"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var seq: Int64?
    var id: String
    var title: String
    var code: String?
    var summary: String?
    var donors: String
    var startsOn: String?
    var endsOn: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ project: Project, seq: Int64?) {
        self.seq = seq
        id = project.id.rawValue
        title = project.title
        code = project.code
        summary = project.summary
        donors = JSONText.encode(project.donors)
        startsOn = project.startsOn?.description
        endsOn = project.endsOn?.description
        createdAt = project.createdAt
        updatedAt = project.updatedAt
        version = project.version
    }

    func model() -> Project {
        Project(
            id: ProjectID(unchecked: id), title: title, code: code, summary: summary, donors: JSONText.decode([String].self, donors) ?? [],
            startsOn: startsOn.flatMap(LocalDate.init(iso:)), endsOn: endsOn.flatMap(LocalDate.init(iso:)),
            createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
