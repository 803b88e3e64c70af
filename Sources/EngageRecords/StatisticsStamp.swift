/// A counter that every change the participation statistics depend on moves, in the change's own
/// transaction (by triggers, so no write path can forget it). A cached answer is served only while the
/// counter still has the value it was computed at, so it is never stale.
public enum StatisticsStamp {
    /// The one-row table holding the counter.
    public static let table = "statistics_stamp"

    /// The tables the figures read, and the columns whose updates change them. Inserts and deletes
    /// always count.
    public static let watched: [(table: String, columns: [String])] = [
        ("event_registration", ["status", "participants", "stakeholder_id", "event_id"]),
        ("workshop_enrolment", ["status", "attended", "participant_email", "participant_gender", "stakeholder_id", "workshop_id"]),
        ("side_event_application", ["status", "stakeholder_id", "event_id", "side_event_id"]),
        ("event", ["status", "starts_on", "project_id", "parent_event_id", "title"]),
        ("workshop", ["status", "starts_on", "project_id", "title"]),
        ("stakeholder", ["kind", "country", "region"]),
    ]

    /// The SQLite schema: the table and three triggers per watched table.
    public static var sqliteSchema: String {
        var sql = """
            CREATE TABLE \(table) (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
            INSERT INTO \(table) (id, version) VALUES (1, 0);

            """
        let bump = "BEGIN UPDATE \(table) SET version = version + 1; END;\n"
        for (watched, columns) in watched {
            sql += "CREATE TRIGGER \(watched)_stamp_insert AFTER INSERT ON \(watched) \(bump)"
            sql += "CREATE TRIGGER \(watched)_stamp_delete AFTER DELETE ON \(watched) \(bump)"
            // The stores write every column of a row they update: only a changed value counts.
            let changed = columns.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
            sql += "CREATE TRIGGER \(watched)_stamp_update AFTER UPDATE ON \(watched) WHEN \(changed) \(bump)"
        }
        return sql
    }

    /// The PostgreSQL schema: the table, and a deferred trigger per watched table that moves the counter
    /// when the transaction commits, so concurrent writers hold the counter's row only for that moment.
    /// (The migrator splits statements at a semicolon that ends a line: the function's body is one line.)
    public static var postgresSchema: String {
        var sql = """
            CREATE TABLE \(table) (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
            INSERT INTO \(table) (id, version) VALUES (1, 0);
            CREATE FUNCTION engage_statistics_changed() RETURNS trigger LANGUAGE plpgsql
                AS $$ BEGIN UPDATE \(table) SET version = version + 1; RETURN NULL; END $$;

            """
        for (watched, columns) in watched {
            // The stores write every column of a row they update: only a changed value counts.
            let changed = columns.map { "OLD.\($0) IS DISTINCT FROM NEW.\($0)" }.joined(separator: " OR ")
            sql += """
                CREATE CONSTRAINT TRIGGER \(watched)_stamp AFTER INSERT OR DELETE ON \(watched)
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION engage_statistics_changed();
                CREATE CONSTRAINT TRIGGER \(watched)_stamp_update AFTER UPDATE ON \(watched)
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (\(changed)) EXECUTE FUNCTION engage_statistics_changed();

                """
        }
        return sql
    }

    /// Reads the counter.
    public static let query = "SELECT version FROM \(table) WHERE id = 1"
}
