import GRDB

/// The programme schema: donor-funded projects, knowledge resources, SE4U workshops with
/// enrolments and waiting lists, and pilot initiatives with participants and an activity log.
enum ProgrammeMigrations {
    static func createProgramme(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE project (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                code TEXT UNIQUE,
                summary TEXT,
                donors TEXT NOT NULL DEFAULT '[]',
                starts_on TEXT,
                ends_on TEXT,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
            );

            ALTER TABLE event ADD COLUMN project_id TEXT REFERENCES project(id);
            CREATE INDEX event_by_project ON event(project_id);

            CREATE TABLE resource (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN ('toolkit', 'guide', 'report', 'training_material', 'legal_text', 'other')),
                title TEXT NOT NULL,
                summary TEXT,
                url TEXT NOT NULL,
                languages TEXT NOT NULL DEFAULT '[]',
                topics TEXT NOT NULL DEFAULT '[]',
                publisher TEXT,
                published_on TEXT,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX resource_by_kind ON resource(kind, seq);
            -- Filter tables for the list filters (the JSON columns are what the API returns).
            CREATE TABLE resource_topic (
                resource_id TEXT NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
                topic TEXT NOT NULL,
                PRIMARY KEY (resource_id, topic)
            ) WITHOUT ROWID;
            CREATE INDEX resource_topic_by_topic ON resource_topic(topic, resource_id);
            CREATE TABLE resource_language (
                resource_id TEXT NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
                language TEXT NOT NULL,
                PRIMARY KEY (resource_id, language)
            ) WITHOUT ROWID;
            CREATE INDEX resource_language_by_language ON resource_language(language, resource_id);
            CREATE VIRTUAL TABLE resource_fts USING fts5(
                title, summary, publisher,
                content = 'resource', content_rowid = 'seq',
                tokenize = 'unicode61 remove_diacritics 2'
            );
            INSERT INTO resource_fts(resource_fts, rank) VALUES ('rank', 'bm25(10.0, 2.0, 1.0)');
            CREATE TRIGGER resource_fts_insert AFTER INSERT ON resource BEGIN
                INSERT INTO resource_fts(rowid, title, summary, publisher) VALUES (new.seq, new.title, new.summary, new.publisher);
            END;
            CREATE TRIGGER resource_fts_delete AFTER DELETE ON resource BEGIN
                INSERT INTO resource_fts(resource_fts, rowid, title, summary, publisher) VALUES ('delete', old.seq, old.title, old.summary, old.publisher);
            END;
            CREATE TRIGGER resource_fts_update AFTER UPDATE OF title, summary, publisher ON resource BEGIN
                INSERT INTO resource_fts(resource_fts, rowid, title, summary, publisher) VALUES ('delete', old.seq, old.title, old.summary, old.publisher);
                INSERT INTO resource_fts(rowid, title, summary, publisher) VALUES (new.seq, new.title, new.summary, new.publisher);
            END;

            CREATE TABLE workshop (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                series TEXT,
                description TEXT,
                objectives TEXT NOT NULL DEFAULT '[]',
                region TEXT,
                country TEXT CHECK (country IS NULL OR length(country) = 2),
                starts_on TEXT,
                ends_on TEXT,
                timezone TEXT,
                format TEXT CHECK (format IN ('in_person', 'online', 'hybrid')),
                venue TEXT,
                city TEXT,
                location_country TEXT,
                languages TEXT NOT NULL DEFAULT '[]',
                capacity INTEGER NOT NULL CHECK (capacity > 0),
                enrolment_opens_at DATETIME,
                enrolment_closes_at DATETIME,
                priority_countries TEXT NOT NULL DEFAULT '[]',
                project_id TEXT REFERENCES project(id),
                status TEXT NOT NULL CHECK (status IN ('scheduled', 'postponed', 'cancelled', 'completed')),
                status_reason TEXT,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                CHECK ((starts_on IS NULL) = (ends_on IS NULL)),
                CHECK (ends_on >= starts_on),
                CHECK ((enrolment_opens_at IS NULL) = (enrolment_closes_at IS NULL))
            );
            CREATE INDEX workshop_by_date ON workshop(coalesce(starts_on, '9999-12-31'), seq);
            CREATE INDEX workshop_by_project ON workshop(project_id);

            \(HistoryLog.workshops.createTableSQL(references: "workshop", index: "workshop_history_by_workshop"))

            CREATE TABLE workshop_enrolment (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                workshop_id TEXT NOT NULL REFERENCES workshop(id),
                stakeholder_id TEXT NOT NULL REFERENCES stakeholder(id),
                participant_name TEXT NOT NULL,
                participant_email TEXT NOT NULL,
                participant_position TEXT,
                status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
                -- Applicants from the workshop's priority countries go ahead on the waiting list.
                priority INTEGER NOT NULL CHECK (priority IN (0, 1)),
                attended INTEGER CHECK (attended IN (0, 1)),
                promoted_at DATETIME,
                created_by TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            -- One open enrolment per person (e-mail) and workshop.
            CREATE UNIQUE INDEX workshop_enrolment_open ON workshop_enrolment(workshop_id, lower(participant_email))
                WHERE status IN ('confirmed', 'waitlisted');
            CREATE INDEX workshop_enrolment_by_workshop ON workshop_enrolment(workshop_id, status, seq);
            CREATE INDEX workshop_enrolment_by_stakeholder ON workshop_enrolment(stakeholder_id);

            CREATE TABLE pilot_initiative (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                country TEXT NOT NULL CHECK (length(country) = 2),
                summary TEXT,
                priorities TEXT NOT NULL DEFAULT '[]',
                national_authorities TEXT NOT NULL DEFAULT '[]',
                starts_on TEXT,
                ends_on TEXT,
                project_id TEXT REFERENCES project(id),
                linked_event_ids TEXT NOT NULL DEFAULT '[]',
                status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'suspended', 'completed')),
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
            );
            CREATE INDEX pilot_initiative_by_country ON pilot_initiative(country, seq);
            CREATE INDEX pilot_initiative_by_project ON pilot_initiative(project_id);
            CREATE TABLE pilot_initiative_priority (
                pilot_initiative_id TEXT NOT NULL REFERENCES pilot_initiative(id) ON DELETE CASCADE,
                topic TEXT NOT NULL,
                PRIMARY KEY (pilot_initiative_id, topic)
            ) WITHOUT ROWID;
            CREATE INDEX pilot_initiative_priority_by_topic ON pilot_initiative_priority(topic, pilot_initiative_id);
            CREATE TABLE pilot_initiative_event (
                pilot_initiative_id TEXT NOT NULL REFERENCES pilot_initiative(id) ON DELETE CASCADE,
                event_id TEXT NOT NULL REFERENCES event(id),
                PRIMARY KEY (pilot_initiative_id, event_id)
            ) WITHOUT ROWID;
            CREATE TABLE pilot_initiative_participant (
                pilot_initiative_id TEXT NOT NULL REFERENCES pilot_initiative(id) ON DELETE CASCADE,
                stakeholder_id TEXT NOT NULL REFERENCES stakeholder(id),
                role TEXT NOT NULL CHECK (role IN ('partner', 'contributor', 'observer')),
                joined_at DATETIME NOT NULL,
                PRIMARY KEY (pilot_initiative_id, stakeholder_id)
            ) WITHOUT ROWID;
            CREATE INDEX pilot_initiative_participant_by_stakeholder ON pilot_initiative_participant(stakeholder_id, pilot_initiative_id);
            CREATE TABLE pilot_initiative_activity (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                pilot_initiative_id TEXT NOT NULL REFERENCES pilot_initiative(id) ON DELETE CASCADE,
                date TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('dialogue', 'meeting', 'training', 'report', 'other')),
                title TEXT NOT NULL,
                summary TEXT,
                created_by TEXT NOT NULL,
                created_at DATETIME NOT NULL
            );
            CREATE INDEX pilot_initiative_activity_by_initiative ON pilot_initiative_activity(pilot_initiative_id, date, seq);
            \(HistoryLog.pilotInitiatives.createTableSQL(references: "pilot_initiative", index: "pilot_initiative_history_by_initiative"))
            """)
    }
}
