import EngageCore
import EngageDomain
import EngageRecords
import Foundation
import PostgresKit

/// The PostgreSQL implementation of `PersonalDataRepository`. The stakeholder row is locked
/// (`FOR NO KEY UPDATE`) for an erasure, so no change to it interleaves. Dead row versions are
/// reclaimed by autovacuum; the server's own storage (and its backups) are the operator's to secure.
struct PostgresPersonalDataRepository: PersonalDataRepository {
    private let database: PostgresDatabase
    private let renderer: any NotificationRenderer

    /// `renderer` writes the `stakeholder.erased` payload, in the erasing transaction.
    init(_ database: PostgresDatabase, renderer: any NotificationRenderer) {
        self.database = database
        self.renderer = renderer
    }

    // MARK: Export

    func dossier(of id: StakeholderID) async throws -> PersonalDataDossier? {
        try await database.read { db in
            guard let record = try await StakeholderRecord.find(id.rawValue, in: db),
                  let stakeholder = try await PostgresStakeholderQuery.models(for: [record], in: db).first else { return nil }
            let key = id.rawValue
            let applications = try await SideEventApplicationRecord.fetchAll("""
                SELECT * FROM side_event_application WHERE stakeholder_id = \(bind: key)
                OR id IN (SELECT application_id FROM side_event_co_organizer WHERE stakeholder_id = \(bind: key)) ORDER BY seq
                """, in: db)
            let initiatives = try await PilotInitiativeRecord.fetchAll("""
                SELECT * FROM pilot_initiative
                WHERE id IN (SELECT pilot_initiative_id FROM pilot_initiative_participant WHERE stakeholder_id = \(bind: key)) ORDER BY seq
                """, in: db)
            return PersonalDataDossier(
                stakeholder: stakeholder,
                history: try await StakeholderHistoryRecord.fetchAll(
                    "SELECT * FROM stakeholder_history WHERE stakeholder_id = \(bind: key) ORDER BY seq", in: db).map { try $0.model() },
                registrations: try await EventRegistrationRecord.fetchAll(
                    "SELECT * FROM event_registration WHERE stakeholder_id = \(bind: key) ORDER BY seq", in: db).map { try $0.model() },
                applications: try await PostgresSideEventApplicationRepository.models(applications, in: db),
                enrolments: try await EnrolmentRecord.fetchAll(
                    "SELECT * FROM workshop_enrolment WHERE stakeholder_id = \(bind: key) ORDER BY seq", in: db).map { try $0.model() },
                pilotInitiatives: try await PostgresPilotInitiativeRepository.models(initiatives, in: db),
                webhookEndpoints: try await WebhookEndpointRecord.fetchAll(
                    "SELECT * FROM webhook_endpoint WHERE owner_stakeholder_id = \(bind: key) ORDER BY seq", in: db).map { $0.model() }
            )
        }
    }

    // MARK: Erasure

    func erase(_ id: StakeholderID, reason: String, actor: String, now: Date) async throws -> Stakeholder {
        try await database.write { db in
            guard var record = try await StakeholderRecord.find(id.rawValue, lock: true, in: db) else {
                throw DomainError.notFound(resource: "stakeholder", id: id.rawValue)
            }
            let key = id.rawValue
            let formerEmail = record.contactEmail
            record.erase(now: now)
            try await record.update(in: db)

            let registrations = try await EventRegistrationRecord.fetchAll(
                "SELECT * FROM event_registration WHERE stakeholder_id = \(bind: key) FOR NO KEY UPDATE", in: db)
            for registration in registrations {
                try await Self.eraseParticipants(of: registration, where: { _ in true }, now: now, in: db)
            }
            try await db.raw("""
                UPDATE workshop_enrolment SET participant_name = \(bind: Erasure.marker), participant_email = 'erased.' || id || '@erased.invalid',
                    participant_position = NULL, updated_at = \(bind: now), version = version + 1
                WHERE stakeholder_id = \(bind: key)
                """).run()
            try await db.raw("""
                UPDATE side_event_application SET description = \(bind: Erasure.marker), updated_at = \(bind: now), version = version + 1
                WHERE stakeholder_id = \(bind: key)
                """).run()
            // Its endpoints go with their deliveries: nothing more is sent on its behalf.
            try await db.raw("DELETE FROM webhook_endpoint WHERE owner_stakeholder_id = \(bind: key)").run()
            // Its mails (to its contact and its people) go with their attempts.
            try await db.raw("DELETE FROM mail_delivery WHERE stakeholder_id = \(bind: key)").run()

            // Payloads that carry the organisation's data. Remembered responses are sealed with the server
            // secret (their bytes reveal nothing) and expire within a day; those it made, or about it, go now.
            try await db.raw("""
                DELETE FROM webhook_delivery WHERE message_id IN (SELECT id FROM notification_message
                    WHERE strpos(body, \(bind: key)) > 0 OR strpos(body, \(bind: formerEmail)) > 0)
                """).run()
            try await db.raw("""
                DELETE FROM notification_message WHERE strpos(body, \(bind: key)) > 0 OR strpos(body, \(bind: formerEmail)) > 0
                """).run()
            try await db.raw("DELETE FROM idempotency_key WHERE caller = \(bind: key) OR strpos(path, \(bind: key)) > 0").run()

            try await StakeholderHistoryRecord(StakeholderHistoryEntry(
                stakeholderID: id, action: .erased, fromStatus: nil, toStatus: nil, reason: reason, actor: actor, at: now
            )).insert(in: db)
            guard let stakeholder = try await PostgresStakeholderQuery.models(for: [record], in: db).first else {
                throw DomainError.notFound(resource: "stakeholder", id: key)
            }
            try await PostgresOutbox.enqueue(
                ChangeNotification(type: .stakeholderErased, data: renderer.render(stakeholder), concerns: []), now: now, in: db)
            return stakeholder
        }
    }

    func eraseParticipant(email: String, now: Date) async throws -> Int {
        try await database.write { db in
            var changed = 0
            let registrations = try await EventRegistrationRecord.fetchAll("""
                SELECT * FROM event_registration WHERE strpos(lower(participants), lower(\(bind: email))) > 0 FOR NO KEY UPDATE
                """, in: db)
            for registration in registrations {
                let matches: @Sendable (Participant) -> Bool = { $0.email.lowercased() == email.lowercased() }
                if try await Self.eraseParticipants(of: registration, where: matches, now: now, in: db) { changed += 1 }
            }
            let enrolments = try await db.raw("""
                UPDATE workshop_enrolment SET participant_name = \(bind: Erasure.marker), participant_email = 'erased.' || id || '@erased.invalid',
                    participant_position = NULL, updated_at = \(bind: now), version = version + 1
                WHERE lower(participant_email) = lower(\(bind: email)) RETURNING id
                """).all()
            try await db.raw("DELETE FROM mail_delivery WHERE lower(recipient_email) = lower(\(bind: email))").run()
            try await db.raw("""
                DELETE FROM webhook_delivery WHERE message_id IN (SELECT id FROM notification_message WHERE strpos(lower(body), lower(\(bind: email))) > 0)
                """).run()
            try await db.raw("DELETE FROM notification_message WHERE strpos(lower(body), lower(\(bind: email))) > 0").run()
            return changed + enrolments.count
        }
    }

    // MARK: Retention

    func eraseParticipants(endedBefore cutoff: LocalDate, now: Date) async throws -> Int {
        var changed = 0
        var after: Int64 = 0
        // A batch of registrations per transaction (`RetentionBatch`), after the last one's seq.
        while true {
            let (erased, last) = try await database.write { [after] db -> (Int, Int64?) in
                let registrations = try await EventRegistrationRecord.fetchAll("""
                    SELECT * FROM event_registration
                    WHERE seq > \(bind: after) AND event_id IN (SELECT id FROM event WHERE ends_on IS NOT NULL AND ends_on < \(bind: cutoff.description))
                    ORDER BY seq LIMIT \(bind: RetentionBatch.size) FOR NO KEY UPDATE
                    """, in: db)
                var erased = 0
                for registration in registrations where try await Self.eraseParticipants(of: registration, where: { _ in true }, now: now, in: db) {
                    erased += 1
                }
                return (erased, registrations.count == RetentionBatch.size ? registrations.last?.seq : nil)
            }
            changed += erased
            guard let last else { break }
            after = last
        }
        return try await database.write { [changed] db in
            let enrolments = try await db.raw("""
                UPDATE workshop_enrolment SET participant_name = \(bind: Erasure.marker), participant_email = 'erased.' || id || '@erased.invalid',
                    participant_position = NULL, updated_at = \(bind: now), version = version + 1
                WHERE participant_name <> \(bind: Erasure.marker)
                  AND workshop_id IN (SELECT id FROM workshop WHERE ends_on IS NOT NULL AND ends_on < \(bind: cutoff.description))
                RETURNING id
                """).all()
            // Mails to delegates and trainees go with them: every one written before the cutoff day.
            try await db.raw("DELETE FROM mail_delivery WHERE role = 'participant' AND created_at < \(bind: cutoff.startOfDay)").run()
            return changed + enrolments.count
        }
    }

    // MARK: Helpers

    /// Replaces the participants `matching` of one registration with the erasure marker; whether anything changed.
    @discardableResult
    private static func eraseParticipants(
        of record: EventRegistrationRecord, where matching: @Sendable (Participant) -> Bool, now: Date, in db: any SQLDatabase
    ) async throws -> Bool {
        var registration = try record.model()
        let erased = registration.participants.map { matching($0) ? Erasure.erased($0) : $0 }
        guard erased != registration.participants else { return false }
        registration.participants = erased
        registration.updatedAt = now
        registration.version += 1
        try await EventRegistrationRecord(registration, seq: record.seq).update(in: db)
        return true
    }
}
