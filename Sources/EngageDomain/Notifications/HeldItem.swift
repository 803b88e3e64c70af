/// A registration, application or enrolment as a store finds it before a lifecycle change: whose it
/// is (the organiser and each co-organiser of an application hold it alike), and its status then.
public struct HeldItem: Sendable, Equatable {
    public var holder: StakeholderID
    public var kind: AffectedItem.Kind
    public var id: String
    public var status: String

    public init(holder: StakeholderID, kind: AffectedItem.Kind, id: String, status: String) {
        self.holder = holder
        self.kind = kind
        self.id = id
        self.status = status
    }
}
