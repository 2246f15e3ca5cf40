import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { appErrorOf, fail } from '../app-error';
import { MIGRATIONS } from './migrations';
import { openSqlite } from './sqlite';
import type { SqliteDatabase } from './sqlite';

/** The database file name inside the app's data folder (shared by the app and the command line). */
export const DATABASE_FILE = 'export-manager.db';

/** How long a writer waits for another process's write to finish before giving up. */
const BUSY_TIMEOUT_MS = 10_000;

/** An open database, and where a damaged predecessor was moved, if one was. */
export interface OpenedDatabase {
  db: SqliteDatabase;
  path: string;
  recoveredFrom: string | null;
}

/** SQLite result codes that mean the file itself is not a usable database. */
const DAMAGED_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isDamaged(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && [...DAMAGED_CODES].some((c) => code.startsWith(c));
}

/** Sets the connection up and brings the schema to the current version. */
function prepare(db: SqliteDatabase): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a committed transaction survives a crash of the process (not of the OS).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Room for the tracked-export indexes of a large import (the 2 MB default spills to the WAL).
  db.pragma('cache_size = -32000');
  const check = db.pragma('quick_check(1)', { simple: true });
  if (check !== 'ok') {
    throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
  }
  migrate(db);
}

/** Applies the migrations the file lacks, each in its own immediate transaction. */
export function migrate(db: SqliteDatabase, migrations: readonly string[] = MIGRATIONS): void {
  const target = migrations.length;
  for (;;) {
    const step = db.transaction(() => {
      // Read inside the write lock: another process may have migrated meanwhile.
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > target) {
        fail('disk', `The database was written by a newer version of Export Manager (schema ${version}); update the app.`);
      }
      if (version === target) return false;
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
      return true;
    });
    if (!step.immediate()) return;
  }
}

/** Moves a damaged file (and its WAL/SHM companions) aside; returns the new name. */
function moveAside(path: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = `${path}.damaged-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  }
  return aside;
}

/**
 * Opens (creating if needed) the state database in `dataDir`: WAL, busy timeout, foreign keys,
 * migrations. A file that is not a database or is corrupt is moved aside (never deleted) and a
 * fresh one started; `recoveredFrom` says where the old one went so the user can be told.
 */
export function openDatabase(dataDir: string): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DATABASE_FILE);
  let recoveredFrom: string | null = null;
  for (let attempt = 0; ; attempt++) {
    let db: SqliteDatabase | null = null;
    try {
      db = openSqlite(path);
      prepare(db);
      return { db, path, recoveredFrom };
    } catch (error) {
      db?.close();
      if (isDamaged(error) && attempt === 0) {
        recoveredFrom = moveAside(path);
        continue;
      }
      if (appErrorOf(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      fail('disk', `Could not open the database ${path}: ${reason}. Check that the folder exists and is writable.`, {
        cause: error,
      });
    }
  }
}

