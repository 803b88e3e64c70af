import EngageDomain
import Foundation

/// A row of the `project` table.
public struct ProjectRecord: Codable, Sendable {
    /// The table this record is a row of.
    public static let tableName = "project"

    public var seq: Int64?
    public var id: String
    public var title: String
    public var code: String?
    public var summary: String?
    public var donors: String
    public var startsOn: String?
    public var endsOn: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int
    /// Every text in all its languages (`TranslationsColumn`).
    public var translations: String

    public init(_ project: Project, seq: Int64?) {
        self.seq = seq
        id = project.id.rawValue
        title = project.title.primary
        code = project.code
        summary = project.summary?.primary
        donors = JSONText.encode(project.donors)
        startsOn = project.startsOn?.description
        endsOn = project.endsOn?.description
        createdAt = project.createdAt
        updatedAt = project.updatedAt
        version = project.version
        var texts = TranslationsColumn()
        texts.set("title", project.title)
        texts.set("summary", project.summary)
        translations = texts.json
    }

    public func model() -> Project {
        let texts = TranslationsColumn(json: translations)
        return Project(
            id: ProjectID(unchecked: id), title: texts.text("title", plain: title) ?? LocalizedText(title), code: code,
            summary: texts.text("summary", plain: summary), donors: JSONText.decode([String].self, donors) ?? [],
            startsOn: startsOn.flatMap(LocalDate.init(iso:)), endsOn: endsOn.flatMap(LocalDate.init(iso:)),
            createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}
