import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `FeedbackRepository`.
public struct GRDBFeedbackRepository: FeedbackRepository {
    private let writer: GroupCommitWriter

    public init(_ database: AppDatabase) {
        writer = database.writer
    }

    public func answer(_ enrolmentID: EnrolmentID, _ input: WorkshopFeedbackInput, now: Date) async throws -> WorkshopFeedback {
        try await writer.write { db in
            guard let enrolment = try EnrolmentRecord.filter(Column("id") == enrolmentID.rawValue).fetchOne(db)?.model(),
                  let workshop = try WorkshopRecord.filter(Column("id") == enrolment.workshopID.rawValue).fetchOne(db)?.model() else {
                throw DomainError.notFound(resource: "feedback form", id: enrolmentID.rawValue)
            }
            if let refusal = Feedback.refusal(enrolment, of: workshop) { throw DomainError.conflict(refusal) }
            let answer = Feedback.answer(input, by: enrolment, replacing: try Self.rows(WorkshopFeedbackSQL.byEnrolment, ["enrolment": enrolmentID.rawValue], db).first, now: now)
            let (sql, arguments) = SQLiteFragments.join(SQLFragment.binding(WorkshopFeedbackSQL.upsert, WorkshopFeedbackSQL.binds(answer)))
            try db.execute(sql: sql, arguments: arguments)
            return answer
        }
    }

    public func find(_ enrolment: EnrolmentID) async throws -> WorkshopFeedback? {
        try await writer.read { db in try Self.rows(WorkshopFeedbackSQL.byEnrolment, ["enrolment": enrolment.rawValue], db).first }
    }

    public func answers(to workshop: WorkshopID) async throws -> (answers: [WorkshopFeedback], attendees: Int) {
        try await writer.read { db in
            let binds = ["workshop": workshop.rawValue]
            let (sql, arguments) = SQLiteFragments.join(SQLFragment.binding(WorkshopFeedbackSQL.attendees, binds))
            return (try Self.rows(WorkshopFeedbackSQL.byWorkshop, binds, db), try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0)
        }
    }

    private static func rows(_ query: String, _ binds: [String: String], _ db: Database) throws -> [WorkshopFeedback] {
        let (sql, arguments) = SQLiteFragments.join(SQLFragment.binding(query, binds))
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
            WorkshopFeedbackSQL.answer(enrolment: $0["enrolment_id"], workshop: $0["workshop_id"], ratings: $0["ratings"], comment: $0["comment"],
                                       submittedAt: $0["submitted_at"], updatedAt: $0["updated_at"])
        }
    }
}
