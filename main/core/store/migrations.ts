/**
 * The database schema as numbered migrations: migration N brings `user_version` from N-1 to N.
 * Never edit a released migration; append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE profiles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    base_url TEXT NOT NULL,
    built_in INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX profiles_name ON profiles (name COLLATE NOCASE);

  CREATE TABLE tracked_exports (
    id INTEGER PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    source_file_url TEXT NOT NULL,
    label TEXT NOT NULL,
    added_at TEXT NOT NULL,
    UNIQUE (profile_id, source_file_url)
  );
  CREATE INDEX tracked_exports_label ON tracked_exports (profile_id, label COLLATE NOCASE, id);

  -- No foreign key to profiles: history outlives a deleted profile.
  CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    job_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    profile_name TEXT NOT NULL,
    item_count INTEGER NOT NULL,
    mode TEXT NOT NULL,
    result TEXT NOT NULL,
    error_kind TEXT,
    path TEXT,
    bytes INTEGER,
    export_ids TEXT,
    source_file_urls TEXT NOT NULL
  );
  CREATE INDEX history_started ON history (started_at);

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // A profile's maximum number of exports per batch request; NULL: no limit.
  `
  ALTER TABLE profiles ADD COLUMN max_batch_size INTEGER;
  `,
  // History: the saved file's size and modification time as the job left it (so a row offers
  // Reveal and Inspect only while the file is still that one), and a URL-mode job's lists as
  // JSON ({ exportedUrls, skipped }; NULL when too large to keep) with how many URLs it exported.
  `
  ALTER TABLE history ADD COLUMN file_size INTEGER;
  ALTER TABLE history ADD COLUMN file_mtime_ms REAL;
  ALTER TABLE history ADD COLUMN exported_url_count INTEGER;
  ALTER TABLE history ADD COLUMN url_lists TEXT;
  `,
  // History journals a job while it runs (result 'running'), owned by the process that runs it
  // ("<host tag>-<pid>"): a row whose owner died with it is listed as 'interrupted' after the
  // next start, with Resume. NULL once the job has ended.
  `
  ALTER TABLE history ADD COLUMN running_owner TEXT;
  `,
  // Each tracked export's last delivery and last skip (issue 19). A table of its own, not columns
  // of tracked_exports: a removal deletes the export's row, and Undo puts back only what the
  // window sends, which cannot vouch for a delivery; here the record outlives the removal, so an
  // export Undo restores is back with its record, as it was. Keyed by profile and URL, not by the
  // export's id (the id of a removed last row is taken again by the next one added): adding a URL
  // afresh forgets its old record (a new export, "not delivered yet"), and a deleted profile
  // takes its records along. delivered_job_id / skipped_job_id NULL: a command-line run (no job).
  `
  CREATE TABLE deliveries (
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    source_file_url TEXT NOT NULL,
    delivered_at TEXT,
    delivered_job_id TEXT,
    delivered_file TEXT,
    delivered_how TEXT,
    skipped_at TEXT,
    skipped_job_id TEXT,
    skipped_reason TEXT,
    PRIMARY KEY (profile_id, source_file_url)
  ) WITHOUT ROWID;
  `,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
