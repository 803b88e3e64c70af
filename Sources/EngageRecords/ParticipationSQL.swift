import EngageDomain

/// The participation statistics as SQL both stores run: one grouped query over the facts of taking
/// part (a delegate of an approved registration, a confirmed enrolment, an approved side event), and
/// one for what was held. The stores differ only in how a registration's JSON list of participants
/// is expanded and in how keys are collated.
public enum ParticipationSQL {
    /// The store the SQL is for.
    public enum Dialect: Sendable {
        case sqlite, postgres
    }

    /// A piece of a query: SQL text, or a value to bind in its place.
    public typealias Fragment = SQLFragment

    /// The figures' column names, in `ParticipationStatistics.Figures` order.
    public static let figureColumns = ["organisations", "people", "registrations", "delegates", "enrolments", "attended", "trained", "side_events"]

    /// The column holding the value of the `index`th dimension.
    public static func keyColumn(_ index: Int) -> String { "k\(index)" }

    // MARK: Figures

    /// One row per group (`k0`, `k1`, `title`, then `figureColumns`), or one row of totals when
    /// `query.groupBy` is empty.
    public static func figures(_ query: ParticipationQuery, _ dialect: Dialect) -> [Fragment] {
        var branches: [[Fragment]] = []
        if query.includesEvents {
            branches.append(registrations(query, dialect))
            branches.append(sideEvents(query))
        }
        if query.includesWorkshops { branches.append(enrolments(query)) }
        // One event and one workshop at once: nothing is both, so the figures are zero.
        if branches.isEmpty { branches.append(enrolments(query) + [.sql(" AND 1 = 0")]) }
        // The CTE names its columns: whichever branch comes first, the others follow its order.
        var sql: [Fragment] = [.sql("WITH fact (sid, event_id, workshop_id, day, registration, delegate, person, gender, enrolled, attended, side_event) AS (")]
        for (index, branch) in branches.enumerated() {
            if index > 0 { sql.append(.sql(" UNION ALL ")) }
            sql += branch
        }
        sql.append(.sql(") "))
        let keys = query.groupBy.enumerated().map { "\(expression($1)) AS \(keyColumn($0))" }
        let figures = [
            "COUNT(DISTINCT f.sid)", "COUNT(DISTINCT f.person)", "COUNT(DISTINCT f.registration)", "COALESCE(SUM(f.delegate), 0)",
            "COALESCE(SUM(f.enrolled), 0)", "COALESCE(SUM(f.attended), 0)", "COUNT(DISTINCT CASE WHEN f.attended = 1 THEN f.person END)",
            "COALESCE(SUM(f.side_event), 0)",
        ].enumerated().map { "CAST(\($1) AS INTEGER) AS \(figureColumns[$0])" }
        let joinsStakeholder = query.groupBy.contains { [.kind, .region, .country].contains($0) }
        var grouped = "SELECT " + (keys + figures).joined(separator: ", ") + " FROM fact f"
        if joinsStakeholder { grouped += " JOIN stakeholder s ON s.id = f.sid" }
        if !keys.isEmpty { grouped += " GROUP BY " + (1...keys.count).map(String.init).joined(separator: ", ") }
        guard !keys.isEmpty else { return sql + [.sql(grouped)] }
        let order = (0..<keys.count).map { "g.\(keyColumn($0)) IS NULL, g.\(keyColumn($0))\(dialect == .postgres ? " COLLATE \"C\"" : "")" }
        return sql + [.sql("SELECT g.*, \(title(query)) AS title FROM (\(grouped)) g ORDER BY \(order.joined(separator: ", "))")]
    }

    /// Each delegate of an approved registration.
    private static func registrations(_ query: ParticipationQuery, _ dialect: Dialect) -> [Fragment] {
        let email: String, gender: String, expand: String, ordinal: String
        switch dialect {
        case .sqlite:
            (email, gender, ordinal) = ("json_extract(p.value, '$.email')", "json_extract(p.value, '$.gender')", "p.key")
            expand = "JOIN json_each(r.participants) p"
        case .postgres:
            (email, gender, ordinal) = ("(p.value->>'email')", "(p.value->>'gender')", "p.n")
            expand = "CROSS JOIN LATERAL jsonb_array_elements(r.participants::jsonb) WITH ORDINALITY AS p(value, n)"
        }
        // Erased delegates share one stand-in address; each still counts as one person.
        let person = "CASE WHEN \(email) = '\(Erasure.email)' THEN r.id || '#' || \(ordinal) ELSE lower(\(email)) END"
        return [.sql("""
            SELECT r.stakeholder_id AS sid, r.event_id AS event_id, CAST(NULL AS TEXT) AS workshop_id, e.starts_on AS day,
                r.id AS registration, 1 AS delegate, \(person) AS person, \(gender) AS gender,
                0 AS enrolled, 0 AS attended, 0 AS side_event
            FROM event_registration r JOIN event e ON e.id = r.event_id \(expand)
            WHERE r.status = 'approved' AND e.status <> 'cancelled'
            """)] + eventFilters(query, table: "e", day: "e.starts_on")
    }

    /// Each approved side-event application, for its organiser, on the side event's day (else its session's).
    private static func sideEvents(_ query: ParticipationQuery) -> [Fragment] {
        [.sql("""
            SELECT a.stakeholder_id, a.event_id, CAST(NULL AS TEXT), COALESCE(se.starts_on, e.starts_on),
                CAST(NULL AS TEXT), 0, CAST(NULL AS TEXT), CAST(NULL AS TEXT), 0, 0, 1
            FROM side_event_application a JOIN event e ON e.id = a.event_id LEFT JOIN event se ON se.id = a.side_event_id
            WHERE a.status = 'approved' AND e.status <> 'cancelled' AND (se.id IS NULL OR se.status <> 'cancelled')
            """)] + eventFilters(query, table: "e", day: "COALESCE(se.starts_on, e.starts_on)")
    }

    /// Each confirmed enrolment.
    private static func enrolments(_ query: ParticipationQuery) -> [Fragment] {
        var sql: [Fragment] = [.sql("""
            SELECT n.stakeholder_id, CAST(NULL AS TEXT), n.workshop_id, w.starts_on,
                CAST(NULL AS TEXT), 0, lower(n.participant_email), n.participant_gender,
                1, CASE WHEN n.attended IS TRUE THEN 1 ELSE 0 END, 0
            FROM workshop_enrolment n JOIN workshop w ON w.id = n.workshop_id
            WHERE n.status = 'confirmed' AND w.status <> 'cancelled'
            """)]
        if let workshop = query.workshopID { sql += [.sql(" AND w.id = "), .bind(workshop.rawValue)] }
        return sql + commonFilters(query, table: "w", day: "w.starts_on")
    }

    private static func eventFilters(_ query: ParticipationQuery, table: String, day: String) -> [Fragment] {
        var sql: [Fragment] = []
        if let event = query.eventID { sql += [.sql(" AND \(table).id = "), .bind(event.rawValue)] }
        return sql + commonFilters(query, table: table, day: day)
    }

    private static func commonFilters(_ query: ParticipationQuery, table: String, day: String) -> [Fragment] {
        var sql: [Fragment] = []
        if let project = query.projectID { sql += [.sql(" AND \(table).project_id = "), .bind(project.rawValue)] }
        if let from = query.from { sql += [.sql(" AND \(day) >= "), .bind(from.description)] }
        if let to = query.to { sql += [.sql(" AND \(day) <= "), .bind(to.description)] }
        return sql
    }

    private static func expression(_ dimension: ParticipationQuery.Dimension) -> String {
        switch dimension {
        case .kind: "s.kind"
        case .region: "s.region"
        case .country: "s.country"
        case .gender: "f.gender"
        case .event: "f.event_id"
        case .workshop: "f.workshop_id"
        case .month: "substr(f.day, 1, 7)"
        }
    }

    /// The title of the group's event or workshop, when grouped by one.
    private static func title(_ query: ParticipationQuery) -> String {
        let titles = query.groupBy.enumerated().compactMap { index, dimension -> String? in
            switch dimension {
            case .event: "(SELECT title FROM event WHERE id = g.\(keyColumn(index)))"
            case .workshop: "(SELECT title FROM workshop WHERE id = g.\(keyColumn(index)))"
            default: nil
            }
        }
        switch titles.count {
        case 0: return "CAST(NULL AS TEXT)"
        case 1: return titles[0]
        default: return "COALESCE(\(titles.joined(separator: ", ")))"
        }
    }

    // MARK: Held

    /// One row: `events_held` (completed events, side events included) and `workshops_held`
    /// (completed workshops) within the filters.
    public static func held(_ query: ParticipationQuery) -> [Fragment] {
        var events: [Fragment] = [.sql("SELECT CAST(COUNT(*) AS INTEGER) FROM event e WHERE e.status = 'completed'")]
        if let event = query.eventID { events += [.sql(" AND (e.id = "), .bind(event.rawValue), .sql(" OR e.parent_event_id = "), .bind(event.rawValue), .sql(")")] }
        events += commonFilters(query, table: "e", day: "e.starts_on")
        if !query.includesEvents { events = [.sql("SELECT 0")] }
        var workshops: [Fragment] = [.sql("SELECT CAST(COUNT(*) AS INTEGER) FROM workshop w WHERE w.status = 'completed'")]
        if let workshop = query.workshopID { workshops += [.sql(" AND w.id = "), .bind(workshop.rawValue)] }
        workshops += commonFilters(query, table: "w", day: "w.starts_on")
        if !query.includesWorkshops { workshops = [.sql("SELECT 0")] }
        return [.sql("SELECT (")] + events + [.sql(") AS events_held, (")] + workshops + [.sql(") AS workshops_held")]
    }

    // MARK: Rows

    /// The group a result row stands for, from its key columns (read by `value`) and figures (read by `count`).
    public static func group(
        _ query: ParticipationQuery, value: (String) throws -> String?, count: (String) throws -> Int
    ) throws -> ParticipationStatistics.Group {
        var keys: [ParticipationQuery.Dimension: String?] = [:]
        for (index, dimension) in query.groupBy.enumerated() { keys[dimension] = .some(try value(keyColumn(index))) }
        return ParticipationStatistics.Group(keys: keys, title: query.groupBy.isEmpty ? nil : try value("title"), figures: try figures(count))
    }

    /// The figures of a result row, each read by `count`.
    public static func figures(_ count: (String) throws -> Int) throws -> ParticipationStatistics.Figures {
        let values = try figureColumns.map(count)
        return ParticipationStatistics.Figures(
            organisations: values[0], people: values[1], registrations: values[2], delegates: values[3],
            enrolments: values[4], attended: values[5], trained: values[6], sideEvents: values[7])
    }
}
