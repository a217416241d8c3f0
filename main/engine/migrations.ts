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
  /* 6: retention: a document deleted under the retention setting keeps its row, marked expired */ `
  -- Marked first (expired_at, and the setting's days for the message), bytes deleted next,
  -- expired_removed_at last: a restart finds marked-but-not-removed documents and finishes.
  ALTER TABLE documents ADD COLUMN expired_at TEXT;
  ALTER TABLE documents ADD COLUMN expired_after_days INTEGER;
  ALTER TABLE documents ADD COLUMN expired_removed_at TEXT;
  CREATE INDEX documents_expiring ON documents (expired_at) WHERE expired_at IS NOT NULL AND expired_removed_at IS NULL;
  CREATE INDEX fax_jobs_completed ON fax_jobs (completed_at, document_id) WHERE completed_at IS NOT NULL;
  CREATE INDEX inbound_received ON inbound_faxes (received_at, document_id);
  -- The retention days chosen in Settings, and what the last sweep did.
  CREATE TABLE retention_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  /* 7: where each document is stored (local or s3), and moves between backends, resumable after a crash */ `
  -- Every document written before this was stored on this computer.
  ALTER TABLE documents ADD COLUMN backend TEXT NOT NULL DEFAULT 'local';
  -- Set while a move copies the document to another backend (a copy there may exist, unverified).
  ALTER TABLE documents ADD COLUMN moving_to TEXT;
  -- Set once the row points at the new backend, until the old copy is deleted from this one.
  ALTER TABLE documents ADD COLUMN left_in TEXT;
  CREATE INDEX documents_backend ON documents (backend);
  CREATE INDEX documents_moving ON documents (moving_to) WHERE moving_to IS NOT NULL;
  CREATE INDEX documents_left_in ON documents (left_in) WHERE left_in IS NOT NULL;
  -- The catalog writes the row after the bytes; this stamps it with the backend the bytes
  -- went to (the engine keeps storage_state.current in step with STORAGE_BACKEND at start).
  CREATE TABLE storage_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TRIGGER documents_stamp_backend AFTER INSERT ON documents
    WHEN EXISTS (SELECT 1 FROM storage_state WHERE key = 'current')
    BEGIN UPDATE documents SET backend = (SELECT value FROM storage_state WHERE key = 'current') WHERE id = NEW.id; END;
  -- One row per move; finished_at NULL means it is still to be finished (resumed at start).
  CREATE TABLE storage_moves (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    to_backend TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT CHECK (outcome IN ('moved', 'canceled', 'failed')),
    total INTEGER NOT NULL,
    moved INTEGER NOT NULL DEFAULT 0,
    bytes INTEGER NOT NULL DEFAULT 0,
    failed_document TEXT,
    error TEXT
  );
  `,
  /* 8: the watched printer folder: each file claimed from it, its hash, and where it stands */ `
  -- The row is written as 'claiming' before the file is renamed into processing/, so a crash
  -- between the two is found at start (hotfolder/claimLedger.ts reconciles both ways).
  CREATE TABLE hot_folder_files (
    id TEXT PRIMARY KEY,
    original_name TEXT NOT NULL,
    processing_name TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('claiming','claimed','asking','ready','staged','queued','sent','failed')),
    auto_send INTEGER NOT NULL DEFAULT 0,
    batch_id TEXT,
    to_number TEXT,
    number_from TEXT,
    document_id TEXT,
    kind TEXT,
    pages INTEGER,
    job_id TEXT,
    final_name TEXT,
    reason TEXT,
    duplicate_of TEXT,
    claimed_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX hot_folder_files_hash ON hot_folder_files (sha256, claimed_at);
  CREATE INDEX hot_folder_files_open ON hot_folder_files (state) WHERE state NOT IN ('sent','failed');
  CREATE INDEX hot_folder_files_job ON hot_folder_files (job_id) WHERE job_id IS NOT NULL;
  CREATE INDEX hot_folder_files_document ON hot_folder_files (document_id) WHERE document_id IS NOT NULL;
  -- Settings → General's choices for the folder (the environment still wins).
  CREATE TABLE hot_folder_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  /* 9: which state changes \`faxbot audit verify\` expects an entry for, and since when (entries for resends and cancels began here) */ `
  CREATE INDEX audit_log_target ON audit_log (target, action);
  CREATE TABLE audit_coverage (
    action TEXT PRIMARY KEY,
    since TEXT NOT NULL
  );
  INSERT INTO audit_coverage (action, since)
    SELECT action, COALESCE((SELECT MIN(at) FROM audit_log), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    FROM (SELECT 'fax_delivered' AS action UNION ALL SELECT 'fax_failed' UNION ALL SELECT 'fax_received');
  INSERT INTO audit_coverage (action, since)
    SELECT action, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM (SELECT 'fax_sent' AS action UNION ALL SELECT 'fax_canceled');
  `,
  /* 10: the address book: contacts (fax in E.164, searched by name, organization or digits), groups and their members */ `
  -- seq is the row's rowid, kept by VACUUM: the search index below refers to rows by it.
  CREATE TABLE contacts (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    fax TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    cover_template_id TEXT,
    -- What search reads: name and organization folded to lower case without accents, and the
    -- fax number's digits both international and national (so 202555 and 1202555 both find it).
    search_text TEXT NOT NULL,
    digits TEXT NOT NULL,
    -- The name as the list sorts it.
    sort_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- Set while the deletion can be undone; the row goes for good once the undo time is over.
    deleted_at TEXT
  );
  CREATE INDEX contacts_live_sorted ON contacts (sort_key, id) WHERE deleted_at IS NULL;
  CREATE INDEX contacts_fax ON contacts (fax) WHERE deleted_at IS NULL;
  CREATE INDEX contacts_deleted ON contacts (deleted_at) WHERE deleted_at IS NOT NULL;
  -- Search as you type: trigrams of the folded text and digits, so any 3 characters typed find
  -- their rows without reading the table (bench: contacts). Kept in step by the triggers for
  -- changes and deletions; new rows are indexed by the store in their own transaction, in one
  -- statement for an import (a trigger per row makes a 10,000-row import twice as slow).
  CREATE VIRTUAL TABLE contacts_search USING fts5(search_text, digits, content='contacts', content_rowid='seq', tokenize='trigram');
  CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_search (contacts_search, rowid, search_text, digits) VALUES ('delete', old.seq, old.search_text, old.digits);
  END;
  CREATE TRIGGER contacts_search_update AFTER UPDATE OF search_text, digits ON contacts BEGIN
    INSERT INTO contacts_search (contacts_search, rowid, search_text, digits) VALUES ('delete', old.seq, old.search_text, old.digits);
    INSERT INTO contacts_search (rowid, search_text, digits) VALUES (new.seq, new.search_text, new.digits);
  END;
  CREATE TABLE contact_groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE contact_group_members (
    group_id TEXT NOT NULL REFERENCES contact_groups(id) ON DELETE CASCADE,
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    PRIMARY KEY (group_id, contact_id)
  );
  CREATE INDEX contact_group_members_contact ON contact_group_members (contact_id);
  `,
  /* 11: cover page templates (Settings → Cover pages); the logo is sealed like a document */ `
  CREATE TABLE cover_templates (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    layout TEXT NOT NULL,
    -- JSON: the practice's details, the notice and which fields show.
    design TEXT NOT NULL,
    -- The logo as a PNG, sealed with the data key (storage envelope) and bound to logo_id,
    -- a new id for every new logo: never a plaintext picture in the data folder.
    logo BLOB,
    logo_id TEXT,
    logo_width INTEGER,
    logo_height INTEGER,
    logo_bytes INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX contacts_cover_template ON contacts (cover_template_id) WHERE cover_template_id IS NOT NULL;
  `,
  /* 12: several recipients and Send later: a send (one document set and cover, fanned out to one job per recipient), each job's schedule and sending-window hold */ `
  -- The send: its document (without a cover; each recipient's cover is drawn when that job is
  -- sent), the cover's text, and when it was asked to go. Its jobs point at it (fax_jobs.send_id).
  CREATE TABLE fax_sends (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    content_pages INTEGER NOT NULL,
    file_names TEXT NOT NULL,
    cover TEXT,
    send_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX fax_sends_newest ON fax_sends (created_at DESC, id DESC);
  ALTER TABLE fax_jobs ADD COLUMN send_id TEXT REFERENCES fax_sends(id);
  -- When the person asked the fax to go (Send later); null: at once.
  ALTER TABLE fax_jobs ADD COLUMN send_at TEXT;
  -- 1: a broadcast's job, which starts only inside the sending window (retries always do).
  ALTER TABLE fax_jobs ADD COLUMN windowed INTEGER NOT NULL DEFAULT 0;
  -- 1: next_attempt_at was moved to the window's next opening (undone when the window changes).
  ALTER TABLE fax_jobs ADD COLUMN window_hold INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX fax_jobs_send ON fax_jobs (send_id) WHERE send_id IS NOT NULL;
  CREATE INDEX fax_jobs_window_hold ON fax_jobs (window_hold) WHERE window_hold = 1;
  -- A send's recipients are each one's latest job: the resend of a failed one replaces it.
  CREATE INDEX fax_jobs_resent ON fax_jobs (resent_from) WHERE resent_from IS NOT NULL;
  `,
  /* 13: a fax on its own keeps its cover page's text, so Edit and resend can put it back on Send */ `
  ALTER TABLE fax_jobs ADD COLUMN cover TEXT;
  `,
];
