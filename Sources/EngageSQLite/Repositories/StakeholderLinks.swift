import EngageDomain
import EngageRecords
import GRDB

/// A stakeholder's topics and networks, read in the same statement as its row: a read by ID is then
/// one prepared (and cached) statement instead of three, as on PostgreSQL (`PostgresStakeholderQuery.links`).
/// A page reads its links in two batched queries instead (`GRDBStakeholderRepository.models`): correlated
/// subqueries for 51 rows took twice their time.
///
/// Each list is one comma-separated column. Topics are enum values and stakeholder IDs are `stk_`
/// and base-32 letters, so neither contains a comma. `group_concat` keeps the order of its ordered
/// subquery (SQLite does not flatten a subquery with ORDER BY into an aggregate).
struct StakeholderLinks {
    var topics: [Topic]
    var memberOf: [StakeholderID]
    var approvedNetworks: [StakeholderID]

    /// The columns `topic_list`, `network_list` and `approved_network_list` of the stakeholder aliased
    /// `alias`: its topics in code-point order, its networks and its approved networks in membership order.
    static func columns(_ alias: String) -> String {
        """
        (SELECT group_concat(topic, ',') FROM (SELECT t.topic FROM stakeholder_topic t WHERE t.stakeholder_id = \(alias).id ORDER BY t.topic)) AS topic_list,
        (SELECT group_concat(network_id, ',') FROM (SELECT m.network_id FROM stakeholder_membership m
            WHERE m.member_id = \(alias).id ORDER BY m.position)) AS network_list,
        (SELECT group_concat(network_id, ',') FROM (SELECT m.network_id FROM stakeholder_membership m JOIN stakeholder n ON n.id = m.network_id
            WHERE m.member_id = \(alias).id AND n.status = '\(StakeholderStatus.approved.rawValue)' ORDER BY m.position)) AS approved_network_list
        """
    }

    /// The links of a row that selected `columns`.
    init(row: Row) {
        func list(_ column: String) -> [Substring] {
            (row[column] as String?).map { $0.split(separator: ",") } ?? []
        }
        topics = list("topic_list").compactMap { Topic(rawValue: String($0)) }
        memberOf = list("network_list").map { StakeholderID(unchecked: String($0)) }
        approvedNetworks = list("approved_network_list").map { StakeholderID(unchecked: String($0)) }
    }

    /// The domain model of `record` with these links.
    func model(_ record: StakeholderRecord) throws -> Stakeholder {
        try record.model(topics: topics, memberOf: memberOf, approvedNetworks: approvedNetworks)
    }
}
