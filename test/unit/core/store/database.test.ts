import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../../../main/core/store/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseBusyNow } from '../../../../main/core/store/busy-now';
import { DEFAULT_BUSY_POLICY } from '../../../../main/core/store/busy-retry';
import { DATABASE_FILE, migrate, openDatabase } from '../../../../main/core/store/database';
import { SCHEMA_VERSION } from '../../../../main/core/store/migrations';
import { openStore } from '../../../../main/core/store/store';

describe('openDatabase', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const fresh = () => (root = mkdtempSync(join(tmpdir(), 'db-test-')));

  it('creates the file in WAL mode with foreign keys and the current schema version', () => {
    const { db, path, recoveredFrom } = openDatabase(fresh());
    expect(path).toBe(join(root, DATABASE_FILE));
    expect(recoveredFrom).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it("waits inside SQLite for another process's write only when asked to (the command line), never in the app's way", () => {
    const app = openDatabase(fresh());
    expect(app.db.pragma('busy_timeout', { simple: true })).toBe(0);
    app.db.close();
    const command = openDatabase(root, { waitWhenBusy: DEFAULT_BUSY_POLICY });
    expect(command.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
    command.db.close();
  });

  it('keeps data across reopening', () => {
    fresh();
    const first = openStore(root);
    first.profiles.create('Kept', 'https://k/api');
    first.close();
    const second = openStore(root);
    expect(second.profiles.byName('kept')).not.toBeNull();
    second.close();
  });

  it('applies numbered migrations in order, once each', () => {
    const db = openSqlite(join(fresh(), 'm.db'));
    const steps = ['CREATE TABLE a (x)', 'CREATE TABLE b (y)'];
    migrate(db, steps.slice(0, 1));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    migrate(db, steps);
    migrate(db, steps);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('a','b')").pluck().get()).toBe(2);
    db.close();
  });

  it('reads a current schema without the write lock, and takes it only for a migration that is due', () => {
    fresh();
    const steps = ['CREATE TABLE a (x)', 'CREATE TABLE b (y)'];
    const db = openSqlite(join(root, 'm.db'));
    db.exec('PRAGMA journal_mode = WAL');
    migrate(db, steps.slice(0, 1));
    const other = openSqlite(join(root, 'm.db'));
    other.exec('BEGIN IMMEDIATE');
    // The app's connection throws at once instead of waiting: any attempt at the lock would show.
    expect(() => migrate(db, steps.slice(0, 1))).not.toThrow();
    expect(() => migrate(db, steps)).toThrow(DatabaseBusyNow);
    other.exec('COMMIT');
    other.close();
    migrate(db, steps);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });

  it('refuses a database from a newer version without touching it', () => {
    const db = openSqlite(join(fresh(), 'm.db'));
    db.pragma('user_version = 99');
    expect(() => migrate(db, ['CREATE TABLE a (x)'])).toThrow(/newer version/);
    db.close();
  });

  it('moves a damaged file aside, starts a fresh database and says where the old one went', () => {
    fresh();
    const path = join(root, DATABASE_FILE);
    writeFileSync(path, 'this is not a database, but somebody may want it back'.repeat(100));
    const store = openStore(root);
    expect(store.recoveredFrom).toMatch(new RegExp(`${DATABASE_FILE}\\.damaged-\\d{4}-`));
    expect(readFileSync(store.recoveredFrom!, 'utf8')).toContain('somebody may want it back');
    expect(store.profiles.list()).toEqual([]);
    store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('moves aside a database whose pages are corrupt', () => {
    fresh();
    const store = openStore(root);
    const p = store.profiles.create('P', 'https://p/api');
    store.tracked.add(p.id, Array.from({ length: 3000 }, (_, i) => ({ line: i + 1, value: `https://h/${i}-${'x'.repeat(200)}` })));
    store.close();
    const path = join(root, DATABASE_FILE);
    const bytes = readFileSync(path);
    // Scribble over the middle of the file (tree pages), keeping the header intact.
    bytes.fill(0xa5, 8192, bytes.length - 4096);
    writeFileSync(path, bytes);
    const reopened = openStore(root);
    expect(reopened.recoveredFrom).not.toBeNull();
    expect(reopened.profiles.list()).toEqual([]);
    reopened.close();
  });
});
