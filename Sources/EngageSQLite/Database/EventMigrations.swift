import GRDB

/// The events schema: events with their history and full-text index, participation
/// registrations and side-event applications.
enum EventMigrations {
    static func createEvents(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE event (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('ccpcj_session', 'crime_congress', 'cop_untoc', 'working_group',
                    'constructive_dialogue', 'expert_group_meeting', 'side_event', 'webinar', 'other')),
                session_number INTEGER,
                description TEXT,
                starts_on TEXT CHECK (starts_on IS NULL OR starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                ends_on TEXT CHECK (ends_on IS NULL OR ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                timezone TEXT,
                format TEXT CHECK (format IN ('in_person', 'online', 'hybrid')),
                venue TEXT,
                city TEXT,
                country TEXT CHECK (country IS NULL OR length(country) = 2),
                online_url TEXT,
                parent_event_id TEXT REFERENCES event(id),
                status TEXT NOT NULL CHECK (status IN ('scheduled', 'postponed', 'cancelled', 'completed')),
                status_reason TEXT,
                registration_opens_at DATETIME,
                registration_closes_at DATETIME,
                registration_max_participants INTEGER,
                applications_opens_at DATETIME,
                applications_closes_at DATETIME,
                applications_max_per_organizer INTEGER,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                CHECK ((starts_on IS NULL) = (ends_on IS NULL)),
                CHECK (ends_on >= starts_on),
                CHECK ((registration_opens_at IS NULL) = (registration_closes_at IS NULL)),
                CHECK ((applications_opens_at IS NULL) = (applications_closes_at IS NULL))
            );
            -- The default order: by start date, undated events last. Queries use the same expression.
            CREATE INDEX event_by_date ON event(coalesce(starts_on, '9999-12-31'), seq);
            CREATE INDEX event_by_ends_on ON event(ends_on);
            CREATE INDEX event_by_parent ON event(parent_event_id, seq);
            CREATE INDEX event_by_kind ON event(kind, seq);

            \(HistoryLog.events.createTableSQL(references: "event", index: "event_history_by_event"))

            CREATE VIRTUAL TABLE event_fts USING fts5(
                title, description,
                content = 'event', content_rowid = 'seq',
                tokenize = 'unicode61 remove_diacritics 2'
            );
            INSERT INTO event_fts(event_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
            CREATE TRIGGER event_fts_insert AFTER INSERT ON event BEGIN
                INSERT INTO event_fts(rowid, title, description) VALUES (new.seq, new.title, new.description);
            END;
            CREATE TRIGGER event_fts_delete AFTER DELETE ON event BEGIN
                INSERT INTO event_fts(event_fts, rowid, title, description) VALUES ('delete', old.seq, old.title, old.description);
            END;
            CREATE TRIGGER event_fts_update AFTER UPDATE OF title, description ON event BEGIN
                INSERT INTO event_fts(event_fts, rowid, title, description) VALUES ('delete', old.seq, old.title, old.description);
                INSERT INTO event_fts(rowid, title, description) VALUES (new.seq, new.title, new.description);
            END;
            """)
    }

    static func createParticipation(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE event_registration (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                event_id TEXT NOT NULL REFERENCES event(id),
                stakeholder_id TEXT NOT NULL REFERENCES stakeholder(id),
                participants TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'closed')),
                status_reason TEXT,
                created_by TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            -- One open registration per stakeholder and event, enforced by the database itself.
            CREATE UNIQUE INDEX event_registration_open ON event_registration(event_id, stakeholder_id)
                WHERE status IN ('pending', 'approved');
            CREATE INDEX event_registration_by_event ON event_registration(event_id, seq);
            CREATE INDEX event_registration_by_stakeholder ON event_registration(stakeholder_id, seq);

            CREATE TABLE side_event_application (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                event_id TEXT NOT NULL REFERENCES event(id),
                stakeholder_id TEXT NOT NULL REFERENCES stakeholder(id),
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                format TEXT CHECK (format IN ('in_person', 'online', 'hybrid')),
                co_sponsors TEXT NOT NULL DEFAULT '[]',
                preferred_dates TEXT NOT NULL DEFAULT '[]',
                status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'withdrawn', 'closed')),
                status_reason TEXT,
                side_event_id TEXT REFERENCES event(id),
                created_by TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX side_event_application_by_event ON side_event_application(event_id, seq);
            CREATE INDEX side_event_application_by_organizer ON side_event_application(stakeholder_id, event_id);

            CREATE TABLE side_event_co_organizer (
                application_id TEXT NOT NULL REFERENCES side_event_application(id) ON DELETE CASCADE,
                stakeholder_id TEXT NOT NULL REFERENCES stakeholder(id),
                position INTEGER NOT NULL,
                PRIMARY KEY (application_id, stakeholder_id)
            ) WITHOUT ROWID;
            CREATE INDEX side_event_co_organizer_by_stakeholder ON side_event_co_organizer(stakeholder_id, application_id);
            """)
    }
}
