import Foundation
import EngageRecords
import PostgresKit

// The records a list reads by the page, read column by column. SQLKit's `Decodable` row decoder with
// a snake-case key strategy converts every key and decodes every value through a generic path; on
// SQLite the same shape of decoding cost ten times the query (docs/performance.md). Extra columns (the
// `search` vector, a list's links or sort key) are ignored, as the decoder ignores them.

extension StakeholderRecord: RecordTable {
    static func decode(_ row: any SQLRow) throws -> StakeholderRecord {
        StakeholderRecord(
            seq: try row.decode(column: "seq", as: Int64?.self), id: try row.decode(column: "id", as: String.self),
            name: try row.decode(column: "name", as: String.self), acronym: try row.decode(column: "acronym", as: String?.self),
            kind: try row.decode(column: "kind", as: String.self), country: try row.decode(column: "country", as: String.self),
            region: try row.decode(column: "region", as: String?.self), website: try row.decode(column: "website", as: String?.self),
            description: try row.decode(column: "description", as: String?.self),
            ecosocStatus: try row.decode(column: "ecosoc_status", as: String.self),
            contactName: try row.decode(column: "contact_name", as: String.self),
            contactEmail: try row.decode(column: "contact_email", as: String.self),
            contactPhone: try row.decode(column: "contact_phone", as: String?.self),
            status: try row.decode(column: "status", as: String.self), statusReason: try row.decode(column: "status_reason", as: String?.self),
            accessTokenHash: try row.decode(column: "access_token_hash", as: String.self),
            codeOfConductAcceptedAt: try row.decode(column: "code_of_conduct_accepted_at", as: Date.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), updatedAt: try row.decode(column: "updated_at", as: Date.self),
            version: try row.decode(column: "version", as: Int.self),
            pendingChanges: try row.decode(column: "pending_changes", as: String?.self),
            submissions: try row.decode(column: "submissions", as: Int.self),
            possibleDuplicateOf: try row.decode(column: "possible_duplicate_of", as: String.self),
            publicContact: try row.decode(column: "public_contact", as: String?.self))
    }
}

extension EventRecord: RecordTable {
    static func decode(_ row: any SQLRow) throws -> EventRecord {
        EventRecord(
            seq: try row.decode(column: "seq", as: Int64?.self), id: try row.decode(column: "id", as: String.self),
            title: try row.decode(column: "title", as: String.self), kind: try row.decode(column: "kind", as: String.self),
            sessionNumber: try row.decode(column: "session_number", as: Int?.self),
            description: try row.decode(column: "description", as: String?.self),
            startsOn: try row.decode(column: "starts_on", as: String?.self), endsOn: try row.decode(column: "ends_on", as: String?.self),
            timezone: try row.decode(column: "timezone", as: String?.self), format: try row.decode(column: "format", as: String?.self),
            venue: try row.decode(column: "venue", as: String?.self), city: try row.decode(column: "city", as: String?.self),
            country: try row.decode(column: "country", as: String?.self), onlineUrl: try row.decode(column: "online_url", as: String?.self),
            parentEventId: try row.decode(column: "parent_event_id", as: String?.self),
            projectId: try row.decode(column: "project_id", as: String?.self), region: try row.decode(column: "region", as: String?.self),
            topics: try row.decode(column: "topics", as: String.self), status: try row.decode(column: "status", as: String.self),
            statusReason: try row.decode(column: "status_reason", as: String?.self),
            registrationOpensAt: try row.decode(column: "registration_opens_at", as: Date?.self),
            registrationClosesAt: try row.decode(column: "registration_closes_at", as: Date?.self),
            registrationMaxParticipants: try row.decode(column: "registration_max_participants", as: Int?.self),
            registrationOpenWhilePostponed: try row.decode(column: "registration_open_while_postponed", as: Bool.self),
            applicationsOpensAt: try row.decode(column: "applications_opens_at", as: Date?.self),
            applicationsClosesAt: try row.decode(column: "applications_closes_at", as: Date?.self),
            applicationsMaxPerOrganizer: try row.decode(column: "applications_max_per_organizer", as: Int?.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), updatedAt: try row.decode(column: "updated_at", as: Date.self),
            version: try row.decode(column: "version", as: Int.self), translations: try row.decode(column: "translations", as: String.self))
    }
}
