import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `FeedbackRepository`. Answering share-locks the enrolment, so
/// attendance cannot be withdrawn while the answer is written.
struct PostgresFeedbackRepository: FeedbackRepository {
    private let database: PostgresDatabase

    init(_ database: PostgresDatabase) {
        self.database = database
    }

    func answer(_ enrolmentID: EnrolmentID, _ input: WorkshopFeedbackInput, now: Date) async throws -> WorkshopFeedback {
        try await database.write { db in
            guard let enrolment = try await EnrolmentRecord.fetchOne(
                      "SELECT * FROM workshop_enrolment WHERE id = \(bind: enrolmentID.rawValue) FOR SHARE", in: db)?.model(),
                  let workshop = try await WorkshopRecord.fetchOne(
                      "SELECT * FROM workshop WHERE id = \(bind: enrolment.workshopID.rawValue) FOR SHARE", in: db)?.model() else {
                throw DomainError.notFound(resource: "feedback form", id: enrolmentID.rawValue)
            }
            if let refusal = Feedback.refusal(enrolment, of: workshop) { throw DomainError.conflict(refusal) }
            let answer = Feedback.answer(input, by: enrolment, replacing: try await Self.rows(WorkshopFeedbackSQL.byEnrolment, ["enrolment": enrolmentID.rawValue], db).first, now: now)
            try await db.raw(PostgresFragments.join(SQLFragment.binding(WorkshopFeedbackSQL.upsert, WorkshopFeedbackSQL.binds(answer)))).run()
            return answer
        }
    }

    func find(_ enrolment: EnrolmentID) async throws -> WorkshopFeedback? {
        try await database.read { db in try await Self.rows(WorkshopFeedbackSQL.byEnrolment, ["enrolment": enrolment.rawValue], db).first }
    }

    func answers(to workshop: WorkshopID) async throws -> (answers: [WorkshopFeedback], attendees: Int) {
        try await database.read { db in
            let binds = ["workshop": workshop.rawValue]
            let attendees = try await db.raw(PostgresFragments.join(SQLFragment.binding(WorkshopFeedbackSQL.attendees, binds))).first()?
                .decode(column: "attendees", as: Int.self) ?? 0
            return (try await Self.rows(WorkshopFeedbackSQL.byWorkshop, binds, db), attendees)
        }
    }

    private static func rows(_ query: String, _ binds: [String: String], _ db: any SQLDatabase) async throws -> [WorkshopFeedback] {
        try await db.raw(PostgresFragments.join(SQLFragment.binding(query, binds))).all().map {
            WorkshopFeedbackSQL.answer(
                enrolment: try $0.decode(column: "enrolment_id", as: String.self), workshop: try $0.decode(column: "workshop_id", as: String.self),
                ratings: try $0.decode(column: "ratings", as: String.self), comment: try $0.decode(column: "comment", as: String?.self),
                submittedAt: try $0.decode(column: "submitted_at", as: String.self), updatedAt: try $0.decode(column: "updated_at", as: String.self))
        }
    }
}
