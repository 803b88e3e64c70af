import EngageCore
import EngageDomain
import Foundation

/// The store and its repositories, as the HTTP layer works with them; constructed once, passed in.
@dynamicMemberLookup
public struct Services: Sendable {
    /// Where the data lives (health, readiness, schema).
    public let store: any EngageStore
    /// The store's repositories.
    public let repositories: StoreRepositories

    /// The services of one store. `serverSecret` seals webhook signing secrets.
    public init(store: any EngageStore, serverSecret: Data) {
        self.store = store
        repositories = store.repositories(renderer: APINotificationRenderer(), seal: ResponseSeal(serverSecret: serverSecret))
    }

    /// `services.workshops` and the like: the repositories by name.
    public subscript<Repository>(dynamicMember keyPath: KeyPath<StoreRepositories, Repository>) -> Repository {
        repositories[keyPath: keyPath]
    }
}
