import EngageRecords
import GRDB

/// The schema, as named, append-only migrations. Never edit a migration that has shipped:
/// add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-29 api keys", migrate: createAPIKeys)
        migrator.registerMigration("2026-11-29 stakeholders", migrate: createStakeholders)
        migrator.registerMigration("2026-11-29 idempotency keys", migrate: createIdempotencyKeys)
        migrator.registerMigration("2026-11-29 events", migrate: EventMigrations.createEvents)
        migrator.registerMigration("2026-11-29 event participation", migrate: EventMigrations.createParticipation)
        migrator.registerMigration("2026-11-29 webhooks", migrate: WebhookMigrations.createWebhooks)
        migrator.registerMigration("2026-11-29 programme", migrate: ProgrammeMigrations.createProgramme)
        migrator.registerMigration("2026-11-30 webhook claim owners", migrate: WebhookMigrations.addClaimOwners)
        migrator.registerMigration("2026-11-30 workshop website") { db in try db.execute(sql: "ALTER TABLE workshop ADD COLUMN website TEXT") }
        migrator.registerMigration("2026-11-30 webhook secrets needing rotation") { db in
            try db.execute(sql: "ALTER TABLE webhook_endpoint ADD COLUMN needs_rotation BOOLEAN NOT NULL DEFAULT 0 CHECK (needs_rotation IN (0, 1))")
        }
        migrator.registerMigration("2026-11-30 stakeholder pending changes") { db in
            try db.execute(sql: "ALTER TABLE stakeholder ADD COLUMN pending_changes TEXT")
        }
        migrator.registerMigration("2026-11-30 enrolment status reason") { db in
            try db.execute(sql: "ALTER TABLE workshop_enrolment ADD COLUMN status_reason TEXT")
        }
        migrator.registerMigration("2026-11-30 registration open while postponed") { db in
            try db.execute(sql: """
                ALTER TABLE event ADD COLUMN registration_open_while_postponed INTEGER NOT NULL DEFAULT 0
                    CHECK (registration_open_while_postponed IN (0, 1))
                """)
        }
        migrator.registerMigration("2026-11-30 stakeholder submissions") { db in
            try db.execute(sql: "ALTER TABLE stakeholder ADD COLUMN submissions INTEGER NOT NULL DEFAULT 1 CHECK (submissions >= 1)")
        }
        migrator.registerMigration("2026-11-30 possible duplicates") { db in
            try db.execute(sql: "ALTER TABLE stakeholder ADD COLUMN possible_duplicate_of TEXT NOT NULL DEFAULT '[]'")
            try db.execute(sql: "CREATE INDEX stakeholder_by_contact_email ON stakeholder(lower(contact_email))")
        }
        migrator.registerMigration("2026-11-30 co-organiser consent") { db in
            try db.execute(sql: """
                ALTER TABLE side_event_co_organizer ADD COLUMN consent TEXT NOT NULL DEFAULT 'pending'
                    CHECK (consent IN ('pending', 'confirmed', 'declined'))
                """)
        }
        migrator.registerMigration("2026-12-01 mail", migrate: MailMigrations.createMail)
        migrator.registerMigration("2026-12-01 announcements", migrate: MailMigrations.createAnnouncements)
        migrator.registerMigration("2026-12-01 window notices", migrate: MailMigrations.createWindowNotices)
        migrator.registerMigration("2026-12-01 translations") { db in
            // Texts in several languages; the plain columns keep each text's English (see TranslationsColumn).
            for table in ["event", "workshop", "pilot_initiative", "project", "resource"] {
                try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN translations TEXT NOT NULL DEFAULT '{}'")
            }
        }
        migrator.registerMigration("2026-12-01 multilingual search", migrate: SearchMigrations.foldSearchColumns)
        migrator.registerMigration("2026-12-01 enrolment gender") { db in
            // Counted only in statistics; a registration's delegates carry theirs in its JSON list.
            try db.execute(sql: """
                ALTER TABLE workshop_enrolment ADD COLUMN participant_gender TEXT
                    CHECK (participant_gender IN ('female', 'male', 'other', 'undisclosed'))
                """)
        }
        migrator.registerMigration("2026-12-01 statistics stamp") { db in try db.execute(sql: StatisticsStamp.sqliteSchema) }
        migrator.registerMigration("2026-12-01 contact points") { db in
            try db.execute(sql: """
                CREATE TABLE contact_point (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    role TEXT,
                    email TEXT NOT NULL,
                    phone TEXT,
                    languages TEXT NOT NULL DEFAULT '[]',
                    description TEXT,
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL,
                    version INTEGER NOT NULL DEFAULT 1
                );
                -- Which contact points an event, workshop, pilot initiative, project or resource names, in order.
                CREATE TABLE contact_point_link (
                    target_kind TEXT NOT NULL CHECK (target_kind IN ('event', 'workshop', 'pilot_initiative', 'project', 'resource')),
                    target_id TEXT NOT NULL,
                    contact_point_id TEXT NOT NULL REFERENCES contact_point(id),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (target_kind, target_id, contact_point_id)
                ) WITHOUT ROWID;
                CREATE INDEX contact_point_link_by_contact_point ON contact_point_link(contact_point_id);
                """)
        }
        migrator.registerMigration("2026-12-01 stakeholder public contact") { db in
            try db.execute(sql: "ALTER TABLE stakeholder ADD COLUMN public_contact TEXT")
        }
        migrator.registerMigration("2026-12-01 participation history") { db in
            // Whose participation an entry concerns (pilot participants, co-organisers' answers).
            for table in ["event_history", "workshop_history", "pilot_initiative_history"] {
                try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN stakeholder_id TEXT")
            }
            try db.execute(sql: HistoryLog.registrations.createTableSQL(references: "event_registration", index: "event_registration_history_by_registration"))
            try db.execute(sql: HistoryLog.applications.createTableSQL(references: "side_event_application", index: "side_event_application_history_by_application"))
            for table in ["event_registration_history", "side_event_application_history"] {
                try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN stakeholder_id TEXT")
            }
        }
        migrator.registerMigration("2026-12-01 stakeholder merges") { db in try db.execute(sql: StakeholderMergeSQL.sqliteSchema) }
        migrator.registerMigration("2026-12-01 workshop feedback") { db in try db.execute(sql: WorkshopFeedbackSQL.schema) }
        migrator.registerMigration("2026-12-01 change feed") { db in try db.execute(sql: ChangeFeedSQL.sqliteSchema) }
        migrator.registerMigration("2026-12-02 event region and topics") { db in try db.execute(sql: EventRecord.regionAndTopicsSchema) }
        migrator.registerMigration("2026-12-02 webhook deliveries due by endpoint") { db in try db.execute(sql: WebhookDeliveryRecord.dueByEndpointIndex) }
        // A date list from a day (`?from=`) reads the events in start order and keeps those that end on or
        // after it: with the end date in the index, the ones that ended before are passed over in the index
        // instead of each read from the table (1,018 of the bench's 2,000 events for `?from=2026-01-01`).
        migrator.registerMigration("2026-12-04 event date order holds the end date") { db in
            try db.execute(sql: """
                DROP INDEX event_by_date;
                CREATE INDEX event_by_date ON event(coalesce(starts_on, '9999-12-31'), seq, ends_on);
                """)
        }
        // Every registration writes these three tables: their constant IN lists were built into a b-tree on every insert.
        migrator.registerMigration("2026-12-04 checks of the registration path as comparisons") { db in
            for table in ["event_registration", "mail_delivery", "change_log"] { try CheckComparisons.rewrite(table, in: db) }
        }
        return migrator
    }

    // MARK: Migrations

    private static func createAPIKeys(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE api_key (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'reader')),
                secret_hash TEXT NOT NULL UNIQUE,
                hint TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                created_by TEXT NOT NULL,
                revoked_at DATETIME
            );
            """)
    }

    private static func createStakeholders(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE stakeholder (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                acronym TEXT,
                kind TEXT NOT NULL CHECK (kind IN ('ngo', 'academia', 'private_sector', 'network', 'other')),
                country TEXT NOT NULL CHECK (length(country) = 2),
                region TEXT,
                website TEXT,
                description TEXT,
                ecosoc_status TEXT NOT NULL CHECK (ecosoc_status IN ('none', 'general', 'special', 'roster')),
                contact_name TEXT NOT NULL,
                contact_email TEXT NOT NULL,
                contact_phone TEXT,
                status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'suspended')),
                status_reason TEXT,
                access_token_hash TEXT NOT NULL UNIQUE,
                code_of_conduct_accepted_at DATETIME NOT NULL,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX stakeholder_by_status_country ON stakeholder(status, country, seq);
            CREATE INDEX stakeholder_by_status_region ON stakeholder(status, region, seq);
            CREATE INDEX stakeholder_by_status_kind ON stakeholder(status, kind, seq);

            CREATE TABLE stakeholder_topic (
                stakeholder_id TEXT NOT NULL REFERENCES stakeholder(id) ON DELETE CASCADE,
                topic TEXT NOT NULL,
                PRIMARY KEY (stakeholder_id, topic)
            ) WITHOUT ROWID;
            CREATE INDEX stakeholder_topic_by_topic ON stakeholder_topic(topic, stakeholder_id);

            CREATE TABLE stakeholder_membership (
                member_id TEXT NOT NULL REFERENCES stakeholder(id) ON DELETE CASCADE,
                network_id TEXT NOT NULL REFERENCES stakeholder(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                PRIMARY KEY (member_id, network_id),
                CHECK (member_id <> network_id)
            ) WITHOUT ROWID;
            CREATE INDEX stakeholder_membership_by_network ON stakeholder_membership(network_id, member_id);

            CREATE TABLE stakeholder_history (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                stakeholder_id TEXT NOT NULL REFERENCES stakeholder(id) ON DELETE CASCADE,
                action TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                reason TEXT,
                changed_fields TEXT NOT NULL DEFAULT '[]',
                actor TEXT NOT NULL,
                at DATETIME NOT NULL
            );
            CREATE INDEX stakeholder_history_by_stakeholder ON stakeholder_history(stakeholder_id, seq);

            CREATE VIRTUAL TABLE stakeholder_fts USING fts5(
                name, acronym, description,
                content = 'stakeholder', content_rowid = 'seq',
                tokenize = 'unicode61 remove_diacritics 2'
            );
            -- Relevance: a match in the name counts ten times one in the description, the acronym five.
            INSERT INTO stakeholder_fts(stakeholder_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');
            CREATE TRIGGER stakeholder_fts_insert AFTER INSERT ON stakeholder BEGIN
                INSERT INTO stakeholder_fts(rowid, name, acronym, description)
                VALUES (new.seq, new.name, new.acronym, new.description);
            END;
            CREATE TRIGGER stakeholder_fts_delete AFTER DELETE ON stakeholder BEGIN
                INSERT INTO stakeholder_fts(stakeholder_fts, rowid, name, acronym, description)
                VALUES ('delete', old.seq, old.name, old.acronym, old.description);
            END;
            CREATE TRIGGER stakeholder_fts_update AFTER UPDATE OF name, acronym, description ON stakeholder BEGIN
                INSERT INTO stakeholder_fts(stakeholder_fts, rowid, name, acronym, description)
                VALUES ('delete', old.seq, old.name, old.acronym, old.description);
                INSERT INTO stakeholder_fts(rowid, name, acronym, description)
                VALUES (new.seq, new.name, new.acronym, new.description);
            END;
            """)
    }

    private static func createIdempotencyKeys(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE idempotency_key (
                caller TEXT NOT NULL,
                key TEXT NOT NULL,
                method TEXT NOT NULL,
                path TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status INTEGER,
                headers TEXT,
                body BLOB,
                created_at DATETIME NOT NULL,
                PRIMARY KEY (caller, key)
            ) WITHOUT ROWID;
            CREATE INDEX idempotency_key_by_age ON idempotency_key(created_at);
            """)
    }
}
