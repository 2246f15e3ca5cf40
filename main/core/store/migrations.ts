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
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
