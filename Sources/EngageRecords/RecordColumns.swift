import Foundation

/// A row as a record's own reader sees it: values by column name. Each store adapts its row type
/// (GRDB's `Row`, SQLKit's `SQLRow`), so a record that lists read by the page has one field list,
/// `init(columns:)`, for both stores instead of a reader per store.
public protocol RecordColumns {
    func string(_ column: String) throws -> String
    func optionalString(_ column: String) throws -> String?
    func int(_ column: String) throws -> Int
    func optionalInt(_ column: String) throws -> Int?
    func optionalInt64(_ column: String) throws -> Int64?
    func bool(_ column: String) throws -> Bool
    func date(_ column: String) throws -> Date
    func optionalDate(_ column: String) throws -> Date?
    func data(_ column: String) throws -> Data
    func optionalData(_ column: String) throws -> Data?
}

extension StakeholderRecord {
    /// Reads every column of a `stakeholder` row by name, without `Decodable` (a page reads 51 of them).
    public init(columns row: some RecordColumns) throws {
        self.init(
            seq: try row.optionalInt64("seq"), id: try row.string("id"), name: try row.string("name"), acronym: try row.optionalString("acronym"),
            kind: try row.string("kind"), country: try row.string("country"), region: try row.optionalString("region"),
            website: try row.optionalString("website"), description: try row.optionalString("description"),
            ecosocStatus: try row.string("ecosoc_status"), contactName: try row.string("contact_name"),
            contactEmail: try row.string("contact_email"), contactPhone: try row.optionalString("contact_phone"),
            status: try row.string("status"), statusReason: try row.optionalString("status_reason"),
            accessTokenHash: try row.string("access_token_hash"), codeOfConductAcceptedAt: try row.date("code_of_conduct_accepted_at"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"), version: try row.int("version"),
            pendingChanges: try row.optionalString("pending_changes"), submissions: try row.int("submissions"),
            possibleDuplicateOf: try row.string("possible_duplicate_of"), publicContact: try row.optionalString("public_contact"))
    }
}

extension EventRecord {
    /// Reads every column of an `event` row by name, without `Decodable` (a page reads 51 of them).
    public init(columns row: some RecordColumns) throws {
        self.init(
            seq: try row.optionalInt64("seq"), id: try row.string("id"), title: try row.string("title"), kind: try row.string("kind"),
            sessionNumber: try row.optionalInt("session_number"), description: try row.optionalString("description"),
            startsOn: try row.optionalString("starts_on"), endsOn: try row.optionalString("ends_on"), timezone: try row.optionalString("timezone"),
            format: try row.optionalString("format"), venue: try row.optionalString("venue"), city: try row.optionalString("city"),
            country: try row.optionalString("country"), onlineUrl: try row.optionalString("online_url"),
            parentEventId: try row.optionalString("parent_event_id"), projectId: try row.optionalString("project_id"),
            region: try row.optionalString("region"), topics: try row.string("topics"), status: try row.string("status"),
            statusReason: try row.optionalString("status_reason"), registrationOpensAt: try row.optionalDate("registration_opens_at"),
            registrationClosesAt: try row.optionalDate("registration_closes_at"),
            registrationMaxParticipants: try row.optionalInt("registration_max_participants"),
            registrationOpenWhilePostponed: try row.bool("registration_open_while_postponed"),
            applicationsOpensAt: try row.optionalDate("applications_opens_at"), applicationsClosesAt: try row.optionalDate("applications_closes_at"),
            applicationsMaxPerOrganizer: try row.optionalInt("applications_max_per_organizer"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"), version: try row.int("version"), translations: try row.string("translations"))
    }
}

extension WebhookEndpointRecord {
    /// Reads every column of a `webhook_endpoint` row by name, without `Decodable` (the delivery
    /// workers read one for every delivery).
    public init(columns row: some RecordColumns) throws {
        self.init(
            seq: try row.optionalInt64("seq"), id: try row.string("id"), url: try row.string("url"), description: try row.optionalString("description"),
            eventTypes: try row.string("event_types"), ownerStakeholderId: try row.optionalString("owner_stakeholder_id"),
            secretSealed: try row.data("secret_sealed"), previousSecretSealed: try row.optionalData("previous_secret_sealed"),
            previousSecretExpiresAt: try row.optionalDate("previous_secret_expires_at"), enabled: try row.bool("enabled"),
            disabledReason: try row.optionalString("disabled_reason"), needsRotation: try row.bool("needs_rotation"),
            failingSince: try row.optionalDate("failing_since"), lastSuccessAt: try row.optionalDate("last_success_at"),
            createdBy: try row.string("created_by"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            version: try row.int("version"))
    }
}
