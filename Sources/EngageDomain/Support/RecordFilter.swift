import Foundation

/// What a list that filters on nothing of its own still takes: an order (`sort`) and `updated_since`. Contact points
/// and webhook endpoints use it as it is; the mail and webhook delivery logs beside their own filters.
public struct RecordFilter: Sendable, Equatable {
    /// The orders these lists offer: creation (the default) or last change, either way.
    public static let orders: [ListOrder.Field] = [.createdAt, .updatedAt]

    /// The order; nil for creation order.
    public var order: ListOrder?
    /// Only records changed at or after this instant.
    public var updatedSince: Date?

    public init(order: ListOrder? = nil, updatedSince: Date? = nil) {
        self.order = order
        self.updatedSince = updatedSince
    }
}
