import GRDB

/// The notification outbox and webhook delivery schema.
enum WebhookMigrations {
    static func createWebhooks(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE webhook_endpoint (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                url TEXT NOT NULL,
                description TEXT,
                event_types TEXT NOT NULL DEFAULT '[]',
                owner_stakeholder_id TEXT REFERENCES stakeholder(id) ON DELETE CASCADE,
                -- Signing secrets must be recovered to sign, so they are sealed (AES-GCM under a key
                -- derived from the server secret kept outside the database), never stored in clear.
                secret_sealed BLOB NOT NULL,
                previous_secret_sealed BLOB,
                previous_secret_expires_at DATETIME,
                enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
                disabled_reason TEXT,
                failing_since DATETIME,
                last_success_at DATETIME,
                created_by TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX webhook_endpoint_by_owner ON webhook_endpoint(owner_stakeholder_id, enabled);

            -- The outbox: one row per change worth announcing, written in the change's transaction.
            CREATE TABLE notification_message (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at DATETIME NOT NULL
            );

            CREATE TABLE webhook_delivery (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                message_id TEXT NOT NULL REFERENCES notification_message(id),
                endpoint_id TEXT NOT NULL REFERENCES webhook_endpoint(id) ON DELETE CASCADE,
                type TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
                attempt_count INTEGER NOT NULL DEFAULT 0,
                next_attempt_at DATETIME,
                -- Set while a worker holds the delivery; a crashed worker's claims are released at start.
                claimed_until DATETIME,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                UNIQUE (endpoint_id, message_id)
            );
            CREATE INDEX webhook_delivery_due ON webhook_delivery(next_attempt_at) WHERE status = 'pending';
            CREATE INDEX webhook_delivery_by_endpoint ON webhook_delivery(endpoint_id, seq);
            CREATE INDEX webhook_delivery_by_message ON webhook_delivery(message_id);

            CREATE TABLE webhook_attempt (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                delivery_id TEXT NOT NULL REFERENCES webhook_delivery(id) ON DELETE CASCADE,
                at DATETIME NOT NULL,
                duration_ms INTEGER NOT NULL,
                response_status INTEGER,
                error TEXT,
                response_body TEXT
            );
            CREATE INDEX webhook_attempt_by_delivery ON webhook_attempt(delivery_id, seq);
            CREATE INDEX webhook_attempt_by_age ON webhook_attempt(at);
            """)
    }

    /// Claims name the worker instance that holds them, so a starting instance takes back its own and
    /// leaves another's live lease alone.
    static func addClaimOwners(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE webhook_delivery ADD COLUMN claimed_by TEXT;
            CREATE INDEX webhook_delivery_by_claim_owner ON webhook_delivery(claimed_by) WHERE claimed_by IS NOT NULL;
            """)
    }
}
