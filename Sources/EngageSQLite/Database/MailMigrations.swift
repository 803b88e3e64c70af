import GRDB

/// The mail outbox, its log, suppressions and organisations' notification preferences; and announcements.
enum MailMigrations {
    static func createMail(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE stakeholder_notification_settings (
                stakeholder_id TEXT PRIMARY KEY REFERENCES stakeholder(id) ON DELETE CASCADE,
                -- NotificationPreferences as JSON: language and opt-outs per channel.
                preferences TEXT NOT NULL,
                updated_at DATETIME NOT NULL
            );

            CREATE TABLE mail_delivery (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                -- The notification it tells of; no foreign key: webhook messages are purged on their own schedule.
                message_id TEXT NOT NULL,
                type TEXT NOT NULL,
                stakeholder_id TEXT REFERENCES stakeholder(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('contact', 'participant')),
                recipient_name TEXT NOT NULL,
                recipient_email TEXT NOT NULL,
                language TEXT NOT NULL CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
                context TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'expired')),
                attempt_count INTEGER NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
                next_attempt_at DATETIME,
                last_reply_code INTEGER,
                last_error TEXT,
                claimed_by TEXT,
                claimed_until DATETIME,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                delivered_at DATETIME
            );
            CREATE INDEX mail_delivery_due ON mail_delivery(next_attempt_at) WHERE status = 'pending';
            CREATE INDEX mail_delivery_by_stakeholder ON mail_delivery(stakeholder_id, seq);

            CREATE TABLE mail_attempt (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                delivery_id TEXT NOT NULL REFERENCES mail_delivery(id) ON DELETE CASCADE,
                at DATETIME NOT NULL,
                duration_ms INTEGER NOT NULL,
                reply_code INTEGER,
                error TEXT
            );
            CREATE INDEX mail_attempt_by_delivery ON mail_attempt(delivery_id, seq);

            -- Addresses not to mail, by the SHA-256 of the lower-cased address: type '*' after a bounce,
            -- a notification type after a one-click unsubscribe.
            CREATE TABLE mail_suppression (
                address_key TEXT NOT NULL,
                type TEXT NOT NULL,
                reason TEXT NOT NULL CHECK (reason IN ('bounced', 'unsubscribed')),
                created_at DATETIME NOT NULL,
                PRIMARY KEY (address_key, type)
            );
            """)
    }

    static func createAnnouncements(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE announcement (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                -- LocalizedText as JSON: {"en": …, "fr": …}
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                -- The languages of title and body, as ",en,fr," (the language filter).
                languages TEXT NOT NULL,
                -- AnnouncementAudience as JSON: {"kind": …, …}
                audience TEXT NOT NULL,
                publish_at DATETIME NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('scheduled', 'published', 'withdrawn')),
                event_id TEXT REFERENCES event(id) ON DELETE SET NULL,
                workshop_id TEXT REFERENCES workshop(id) ON DELETE SET NULL,
                resource_id TEXT REFERENCES resource(id) ON DELETE SET NULL,
                recipients INTEGER CHECK (recipients >= 0),
                created_by TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                published_at DATETIME,
                corrected_at DATETIME,
                version INTEGER NOT NULL DEFAULT 1,
                CHECK ((status = 'published') = (published_at IS NOT NULL))
            );
            CREATE INDEX announcement_due ON announcement(publish_at) WHERE status = 'scheduled';
            CREATE INDEX announcement_by_event ON announcement(event_id, seq);
            CREATE INDEX announcement_published ON announcement(published_at) WHERE status = 'published';
            """)
    }

    static func createWindowNotices(_ db: Database) throws {
        try db.execute(sql: """
            -- Each registration or side-event window told once as it opens; a new opens_at is a new window.
            CREATE TABLE event_window_notice (
                event_id TEXT NOT NULL REFERENCES event(id) ON DELETE CASCADE,
                window_kind TEXT NOT NULL CHECK (window_kind IN ('registration', 'side_event_applications')),
                opens_at DATETIME NOT NULL,
                told_at DATETIME NOT NULL,
                PRIMARY KEY (event_id, window_kind, opens_at)
            ) WITHOUT ROWID;
            -- Windows already open when this ships were told long ago, in their own way: not again now.
            INSERT INTO event_window_notice (event_id, window_kind, opens_at, told_at)
                SELECT id, 'registration', registration_opens_at, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM event
                WHERE registration_opens_at <= strftime('%Y-%m-%d %H:%M:%f', 'now')
                UNION ALL
                SELECT id, 'side_event_applications', applications_opens_at, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM event
                WHERE applications_opens_at <= strftime('%Y-%m-%d %H:%M:%f', 'now');
            """)
    }
}
