import EngageCore
import EngageDomain
import EngageRecords
import GRDB

/// Checks the participation repositories make inside their write transactions.
enum ParticipationChecks {
    /// The stakeholder named in a body field must exist (422) and be approved (409).
    static func requireApproved(_ id: StakeholderID, field: String, action: String, in db: Database) throws {
        guard let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM stakeholder WHERE id = ?"), arguments: [id.rawValue]) else {
            throw DomainError.validation([FieldError(field: field, message: "no stakeholder \(id)")])
        }
        guard status == StakeholderStatus.approved.rawValue else {
            throw DomainError.conflict("\(id) is \(status); only approved stakeholders may \(action)")
        }
    }

    /// Field errors for each listed stakeholder that does not exist or is not approved.
    static func approvalErrors(_ ids: [StakeholderID], field: String, in db: Database) throws -> [FieldError] {
        var errors: [FieldError] = []
        for (index, id) in ids.enumerated() {
            let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM stakeholder WHERE id = ?"), arguments: [id.rawValue])
            if let problem = Participation.listedStakeholderProblem(id, status: status) {
                errors.append(FieldError(field: "\(field)[\(index)]", message: problem))
            }
        }
        return errors
    }
}
