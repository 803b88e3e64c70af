import EngageCore
import EngageDomain
import EngageRecords
import PostgresKit

/// Checks the participation repositories make inside their write transactions (PostgreSQL).
///
/// The stakeholder rows a check reads are taken `FOR SHARE` until the caller's transaction ends,
/// so a concurrent decision (which locks the stakeholder `FOR NO KEY UPDATE`) cannot suspend or reject a
/// stakeholder between the check and the write that rests on it.
enum PostgresParticipationChecks {
    /// The stakeholder named in a body field must exist (422) and be approved (409).
    static func requireApproved(_ id: StakeholderID, field: String, action: String, in db: any SQLDatabase) async throws {
        guard let status = try await status(of: id, in: db) else {
            throw DomainError.validation([FieldError(field: field, message: "no stakeholder \(id)")])
        }
        guard status == StakeholderStatus.approved.rawValue else {
            throw DomainError.conflict("\(id) is \(status); only approved stakeholders may \(action)")
        }
    }

    /// Field errors for each listed stakeholder that does not exist or is not approved.
    static func approvalErrors(_ ids: [StakeholderID], field: String, in db: any SQLDatabase) async throws -> [FieldError] {
        var errors: [FieldError] = []
        for (index, id) in ids.enumerated() {
            let status = try await status(of: id, in: db)
            if let problem = Participation.listedStakeholderProblem(id, status: status) {
                errors.append(FieldError(field: "\(field)[\(index)]", message: problem))
            }
        }
        return errors
    }

    /// A stakeholder's status, share-locked until the transaction ends; nil when there is no such stakeholder.
    private static func status(of id: StakeholderID, in db: any SQLDatabase) async throws -> String? {
        try await db.raw("SELECT status FROM stakeholder WHERE id = \(bind: id.rawValue) FOR SHARE").first()?
            .decode(column: "status", as: String.self)
    }
}
