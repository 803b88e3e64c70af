import EngageDomain
import Foundation

/// Inputs the storage suites share.
enum StorageFixtures {
    /// A CCPCJ session on 17–21 May 2027 whose registration is open (by default) from January to May 2027.
    static func session(
        title: String = "CCPCJ 36", opensAt: String = "2027-01-01T00:00:00Z", closesAt: String = "2027-05-01T00:00:00Z"
    ) throws -> EventInput {
        try EventInput.parse(.object([
            "title": .string(title), "kind": .string("ccpcj_session"), "starts_on": .string("2027-05-17"), "ends_on": .string("2027-05-21"),
            "registration": .object(["opens_at": .string(opensAt), "closes_at": .string(closesAt)]),
        ]), mode: .create)
    }
}
