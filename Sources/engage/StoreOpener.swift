import EngageCore
import EngageSQLite

/// The one place that names a store: the executable's wiring.
enum StoreOpener {
    /// The SQLite file at `databasePath` (created and migrated), or an in-memory database when nil.
    static func open(databasePath: String?) throws -> any EngageStore {
        try SQLiteStore.open(path: databasePath)
    }
}
