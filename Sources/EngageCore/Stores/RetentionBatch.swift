/// How many registrations a retention pass reads and erases per transaction, in every store. A pass
/// walks every registration of every ended event, a history that only grows: in batches, other writes
/// go between them, and memory holds one batch, not the history.
public enum RetentionBatch {
    public static let size = 500
}
