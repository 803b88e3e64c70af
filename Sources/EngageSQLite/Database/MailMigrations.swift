import GRDB

/// The mail outbox, its log, suppressions and organisations' notification preferences.
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
}
