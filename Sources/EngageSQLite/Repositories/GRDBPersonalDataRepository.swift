import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import GRDB

/// The SQLite implementation of `PersonalDataRepository`. After an erasure the file is compacted
/// (`AppDatabase.compact`), and `secure_delete` zeroes freed pages, so the erased bytes leave the disk.
public struct GRDBPersonalDataRepository: PersonalDataRepository {
    private let database: AppDatabase
    private let renderer: any NotificationRenderer

    /// `renderer` writes the `stakeholder.erased` payload, in the erasing transaction.
    public init(_ database: AppDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    // MARK: Export

    public func dossier(of id: StakeholderID) async throws -> PersonalDataDossier? {
        try await database.writer.read { db in
            guard let record = try StakeholderRecord.filter(Column("id") == id.rawValue).fetchOne(db),
                  let stakeholder = try GRDBStakeholderRepository.models(for: [record], in: db).first else { return nil }
            let owner = Column("stakeholder_id") == id.rawValue
            let applications = try SideEventApplicationRecord.filter(sql: """
                stakeholder_id = ? OR id IN (SELECT application_id FROM side_event_co_organizer WHERE stakeholder_id = ?)
                """, arguments: [id.rawValue, id.rawValue]).order(Column("seq")).fetchAll(db)
            let initiatives = try PilotInitiativeRecord.filter(sql: """
                id IN (SELECT pilot_initiative_id FROM pilot_initiative_participant WHERE stakeholder_id = ?)
                """, arguments: [id.rawValue]).order(Column("seq")).fetchAll(db)
            return PersonalDataDossier(
                stakeholder: stakeholder,
                history: try StakeholderHistoryRecord.filter(owner).order(Column("seq")).fetchAll(db).map { try $0.model() },
                registrations: try EventRegistrationRecord.filter(owner).order(Column("seq")).fetchAll(db).map { try $0.model() },
                applications: try GRDBSideEventApplicationRepository.models(applications, in: db),
                enrolments: try EnrolmentRecord.filter(owner).order(Column("seq")).fetchAll(db).map { try $0.model() },
                pilotInitiatives: try GRDBPilotInitiativeRepository.models(initiatives, in: db),
                webhookEndpoints: try WebhookEndpointRecord.filter(Column("owner_stakeholder_id") == id.rawValue)
                    .order(Column("seq")).fetchAll(db).map { $0.model() }
            )
        }
    }

    // MARK: Erasure

    public func erase(_ id: StakeholderID, reason: String, actor: String, now: Date) async throws -> Stakeholder {
        let erased = try await database.writer.write { db in
            guard var record = try StakeholderRecord.filter(Column("id") == id.rawValue).fetchOne(db) else {
                throw DomainError.notFound(resource: "stakeholder", id: id.rawValue)
            }
            let formerEmail = record.contactEmail
            record.erase(now: now)
            try record.update(db)

            for registration in try EventRegistrationRecord.filter(Column("stakeholder_id") == id.rawValue).fetchAll(db) {
                try Self.eraseParticipants(of: registration, where: { _ in true }, now: now, in: db)
            }
            try db.execute(sql: """
                UPDATE workshop_enrolment SET participant_name = ?, participant_email = 'erased.' || id || '@erased.invalid',
                    participant_position = NULL, updated_at = ?, version = version + 1
                WHERE stakeholder_id = ?
                """, arguments: [Erasure.marker, now, id.rawValue])
            try db.execute(sql: "UPDATE side_event_application SET description = ?, updated_at = ?, version = version + 1 WHERE stakeholder_id = ?",
                           arguments: [Erasure.marker, now, id.rawValue])
            // Its endpoints go with their deliveries: nothing more is sent on its behalf.
            try db.execute(sql: "DELETE FROM webhook_endpoint WHERE owner_stakeholder_id = ?", arguments: [id.rawValue])
            // Its mails (to its contact and its people) go with their attempts.
            try db.execute(sql: "DELETE FROM mail_delivery WHERE stakeholder_id = ?", arguments: [id.rawValue])

            // Payloads that carry the organisation's data. Remembered responses are sealed with the server
            // secret (their bytes reveal nothing) and expire within a day; those it made, or about it, go now.
            let carriers = "instr(body, ?) > 0 OR instr(body, ?) > 0"
            try db.execute(sql: "DELETE FROM webhook_delivery WHERE message_id IN (SELECT id FROM notification_message WHERE \(carriers))",
                           arguments: [id.rawValue, formerEmail])
            try db.execute(sql: "DELETE FROM notification_message WHERE \(carriers)", arguments: [id.rawValue, formerEmail])
            try db.execute(sql: "DELETE FROM idempotency_key WHERE caller = ? OR instr(path, ?) > 0", arguments: [id.rawValue, id.rawValue])

            try StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: .erased, fromStatus: nil, toStatus: nil, reason: reason, actor: actor, at: now
            )).insert(db)
            guard let stakeholder = try GRDBStakeholderRepository.models(for: [record], in: db).first else {
                throw DomainError.notFound(resource: "stakeholder", id: id.rawValue)
            }
            try Outbox.enqueue(ChangeNotification(type: .stakeholderErased, data: renderer.render(stakeholder), concerns: []), now: now, in: db)
            return stakeholder
        }
        try await database.compact()
        return erased
    }

    public func eraseParticipant(email: String, now: Date) async throws -> Int {
        let changed = try await database.writer.write { db in
            var changed = 0
            let registrations = try EventRegistrationRecord.filter(sql: "instr(lower(participants), lower(?)) > 0", arguments: [email]).fetchAll(db)
            for registration in registrations where try Self.eraseParticipants(of: registration, where: { $0.email.lowercased() == email.lowercased() }, now: now, in: db) {
                changed += 1
            }
            try db.execute(sql: """
                UPDATE workshop_enrolment SET participant_name = ?, participant_email = 'erased.' || id || '@erased.invalid',
                    participant_position = NULL, updated_at = ?, version = version + 1
                WHERE lower(participant_email) = lower(?)
                """, arguments: [Erasure.marker, now, email])
            changed += db.changesCount
            try db.execute(sql: "DELETE FROM mail_delivery WHERE lower(recipient_email) = lower(?)", arguments: [email])
            try db.execute(sql: "DELETE FROM webhook_delivery WHERE message_id IN (SELECT id FROM notification_message WHERE instr(lower(body), lower(?)) > 0)", arguments: [email])
            try db.execute(sql: "DELETE FROM notification_message WHERE instr(lower(body), lower(?)) > 0", arguments: [email])
            return changed
        }
        if changed > 0 { try await database.compact() }
        return changed
    }

    // MARK: Retention

    public func eraseParticipants(endedBefore cutoff: LocalDate, now: Date) async throws -> Int {
        var changed = 0
        var after: Int64 = 0
        // A batch of registrations per transaction (`RetentionBatch`), after the last one's seq.
        while true {
            let (erased, last) = try await database.writer.write { [after] db -> (Int, Int64?) in
                let registrations = try EventRegistrationRecord.filter(sql: """
                    seq > ? AND event_id IN (SELECT id FROM event WHERE ends_on IS NOT NULL AND ends_on < ?)
                    """, arguments: [after, cutoff.description]).order(Column("seq")).limit(RetentionBatch.size).fetchAll(db)
                var erased = 0
                for registration in registrations where try Self.eraseParticipants(of: registration, where: { _ in true }, now: now, in: db) {
                    erased += 1
                }
                return (erased, registrations.count == RetentionBatch.size ? registrations.last?.seq : nil)
            }
            changed += erased
            guard let last else { break }
            after = last
        }
        let enrolments = try await database.writer.write { db in
            try db.execute(sql: """
                UPDATE workshop_enrolment SET participant_name = ?, participant_email = 'erased.' || id || '@erased.invalid',
                    participant_position = NULL, updated_at = ?, version = version + 1
                WHERE participant_name <> ? AND workshop_id IN (SELECT id FROM workshop WHERE ends_on IS NOT NULL AND ends_on < ?)
                """, arguments: [Erasure.marker, now, Erasure.marker, cutoff.description])
            let enrolments = db.changesCount
            // Mails to delegates and trainees go with them: every one written before the cutoff day.
            try db.execute(sql: "DELETE FROM mail_delivery WHERE role = 'participant' AND created_at < ?", arguments: [cutoff.startOfDay])
            return enrolments
        }
        return changed + enrolments
    }

    // MARK: Helpers

    /// Replaces the participants `matching` of one registration with the erasure marker; whether anything changed.
    @discardableResult
    private static func eraseParticipants(
        of record: EventRegistrationRecord, where matching: (Participant) -> Bool, now: Date, in db: Database
    ) throws -> Bool {
        var registration = try record.model()
        let erased = registration.participants.map { matching($0) ? Erasure.erased($0) : $0 }
        guard erased != registration.participants else { return false }
        registration.participants = erased
        registration.updatedAt = now
        registration.version += 1
        try EventRegistrationRecord(registration, seq: record.seq).update(db)
        return true
    }
}
