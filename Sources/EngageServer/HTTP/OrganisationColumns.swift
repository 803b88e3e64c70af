import EngageCore
import EngageDomain

/// The organisation's name, kind, country and region beside its ID in the CSV exports, so the
/// Secretariat's lists need no join by hand. Read once for every organisation a file names.
struct OrganisationColumns {
    static let header = ["organisation_name", "organisation_kind", "organisation_country", "organisation_region"]

    private let organisations: [StakeholderID: Stakeholder]

    /// Reads the organisations named by `ids` (each once).
    init(_ ids: some Sequence<StakeholderID>, from repository: any StakeholderRepository) async throws {
        let unique = Array(Set(ids))
        let found = unique.isEmpty ? [] : try await repository.find(unique)
        organisations = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The four cells for one organisation (empty if it no longer exists).
    func cells(_ id: StakeholderID) -> [String?] {
        guard let organisation = organisations[id] else { return [nil, nil, nil, nil] }
        return [organisation.name, organisation.kind.rawValue, organisation.country, organisation.region?.rawValue]
    }
}
