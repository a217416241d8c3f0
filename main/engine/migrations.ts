// Schema history. Append only: a released migration is never edited.
export const MIGRATIONS: readonly string[] = [
  /* 1: documents, outbound jobs and their attempts, received faxes, settings */ `
  CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    pages INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    staged INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE TABLE fax_jobs (
    id TEXT PRIMARY KEY,
    to_number TEXT NOT NULL,
    recipient_name TEXT NOT NULL DEFAULT '',
    document_id TEXT NOT NULL REFERENCES documents(id),
    pages INTEGER NOT NULL,
    file_names TEXT NOT NULL,
    cover_page INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('queued','preparing','sending','delivered','failed','canceled')),
    provider TEXT NOT NULL,
    provider_fax_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    next_attempt_at TEXT,
    pages_sent INTEGER,
    last_error TEXT,
    resent_from TEXT REFERENCES fax_jobs(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    completed_at TEXT
  );
  CREATE INDEX fax_jobs_newest ON fax_jobs (created_at DESC, id DESC);
  CREATE INDEX fax_jobs_due ON fax_jobs (status, next_attempt_at);
  CREATE INDEX fax_jobs_to ON fax_jobs (to_number);
  CREATE INDEX fax_jobs_provider_fax ON fax_jobs (provider, provider_fax_id);
  CREATE TABLE fax_attempts (
    job_id TEXT NOT NULL REFERENCES fax_jobs(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    provider TEXT NOT NULL,
    provider_fax_id TEXT,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('sending','delivered','retry','failed','unknown')),
    error TEXT,
    PRIMARY KEY (job_id, number)
  );
  CREATE TABLE inbound_faxes (
    id TEXT PRIMARY KEY,
    from_number TEXT NOT NULL,
    from_name TEXT NOT NULL DEFAULT '',
    to_number TEXT NOT NULL,
    pages INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    provider TEXT NOT NULL,
    provider_fax_id TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id),
    UNIQUE (provider, provider_fax_id)
  );
  CREATE INDEX inbound_newest ON inbound_faxes (received_at DESC, id DESC);
  CREATE INDEX inbound_unread ON inbound_faxes (read) WHERE read = 0;
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  /* 2: API keys (hashed), whether the REST API is on, and the append-only audit log */ `
  CREATE TABLE api_keys (
    key_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT,
    rotated_at TEXT
  );
  CREATE TABLE api_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_log_action ON audit_log (action, seq);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
  /* 3: deleting received faxes (undo window, then gone for good), inbox date and search indexes, recents */ `
  ALTER TABLE inbound_faxes ADD COLUMN deleted_at TEXT;
  -- What the Inbox lists: faxes not deleted, newest first; serves date ranges, and holds the
  -- searched columns so a search reads the index, not the table (bench: inbox-list).
  DROP INDEX inbound_newest;
  CREATE INDEX inbound_live_newest ON inbound_faxes (received_at DESC, id DESC, from_number, to_number, from_name, read) WHERE deleted_at IS NULL;
  DROP INDEX inbound_unread;
  CREATE INDEX inbound_unread ON inbound_faxes (read) WHERE read = 0 AND deleted_at IS NULL;
  CREATE INDEX inbound_deleted ON inbound_faxes (deleted_at) WHERE deleted_at IS NOT NULL;
  -- A fax deleted for good leaves this behind, so a provider that announces it again does not
  -- bring it back, and a late Undo gets a clear answer instead of "no such fax".
  CREATE TABLE inbound_tombstones (
    id TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    provider_fax_id TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    purged_at TEXT NOT NULL,
    UNIQUE (provider, provider_fax_id)
  );
  -- Recent recipients: one pass over this index, never the table.
  CREATE INDEX fax_jobs_recipient ON fax_jobs (to_number, created_at, recipient_name);
  `,
  /* 4: the webhook listener: its per-install path secret and self-test key, and seen events (dedupe) */ `
  CREATE TABLE webhook_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  -- One row per verified provider event; a replay finds its row and changes nothing.
  CREATE TABLE webhook_events (
    provider TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (provider, dedupe_key)
  );
  `,
  /* 5: the audit log chained by hash, so a removed or edited entry is found by \`faxbot audit verify\` */ `
  ALTER TABLE audit_log ADD COLUMN hash TEXT;
  `,
];
