import EngageRecords
import GRDB

// The shared records, as GRDB reads and writes them: snake_case columns, one table each.

extension APIKeyRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension EnrolmentRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension AnnouncementRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension WebhookDeliveryRecord: FetchableRecord, TableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
}

extension MailDeliveryRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension EventRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }

    /// Reads a row by column name without the Codable machinery: lists decode tens of rows per
    /// request, and `Decodable` with a column-name strategy cost ten times the query itself.
    public init(row: Row) {
        self.init(
            seq: row["seq"], id: row["id"], title: row["title"], kind: row["kind"], sessionNumber: row["session_number"],
            description: row["description"], startsOn: row["starts_on"], endsOn: row["ends_on"], timezone: row["timezone"],
            format: row["format"], venue: row["venue"], city: row["city"], country: row["country"], onlineUrl: row["online_url"],
            parentEventId: row["parent_event_id"], projectId: row["project_id"], region: row["region"], topics: row["topics"], status: row["status"],
            statusReason: row["status_reason"], registrationOpensAt: row["registration_opens_at"],
            registrationClosesAt: row["registration_closes_at"], registrationMaxParticipants: row["registration_max_participants"],
            registrationOpenWhilePostponed: row["registration_open_while_postponed"],
            applicationsOpensAt: row["applications_opens_at"], applicationsClosesAt: row["applications_closes_at"],
            applicationsMaxPerOrganizer: row["applications_max_per_organizer"], createdAt: row["created_at"],
            updatedAt: row["updated_at"], version: row["version"], translations: row["translations"]
        )
    }
}

extension EventRegistrationRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension PilotInitiativeRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension ContactPointRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension ProjectRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension ResourceRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension SideEventApplicationRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension StakeholderHistoryRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension StakeholderRecord: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }

    /// Reads a row by column name without the Codable machinery: lists decode tens of rows per
    /// request, and `Decodable` with a column-name strategy cost ten times the query itself.
    public init(row: Row) {
        self.init(
            seq: row["seq"], id: row["id"], name: row["name"], acronym: row["acronym"], kind: row["kind"], country: row["country"],
            region: row["region"], website: row["website"], description: row["description"], ecosocStatus: row["ecosoc_status"],
            contactName: row["contact_name"], contactEmail: row["contact_email"], contactPhone: row["contact_phone"],
            status: row["status"], statusReason: row["status_reason"], accessTokenHash: row["access_token_hash"],
            codeOfConductAcceptedAt: row["code_of_conduct_accepted_at"], createdAt: row["created_at"],
            updatedAt: row["updated_at"], version: row["version"], pendingChanges: row["pending_changes"],
            submissions: row["submissions"], possibleDuplicateOf: row["possible_duplicate_of"], publicContact: row["public_contact"]
        )
    }
}

extension WebhookEndpointRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension WorkshopRecord: FetchableRecord, PersistableRecord, SequencedRecord {
    public static var databaseTableName: String { tableName }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}
