import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { appErrorOf, fail } from '../app-error';
import { explainOpenFailure, makeStatePrivate, prepareDataFolder } from './data-folder';
import { MIGRATIONS } from './migrations';
import { openSqlite } from './sqlite';
import type { SqliteDatabase, SqliteOptions } from './sqlite';

/** The database file name inside the app's data folder (shared by the app and the command line). */
export const DATABASE_FILE = 'export-manager.db';

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
  // Already WAL (every open but the first): a no-op that needs no lock.
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

/** The schema version of the file; one newer than this build knows is refused. */
function schemaVersion(db: SqliteDatabase, target: number): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > target) {
    fail('disk', `The database was written by a newer version of Export Manager (schema ${version}); update the app.`);
  }
  return version;
}

/**
 * Applies the migrations the file lacks, each in its own immediate transaction. The version is
 * read first without the write lock: a current schema (every open but the first after an update)
 * needs none, so opening, and a command that only reads, never waits for another process's write.
 */
export function migrate(db: SqliteDatabase, migrations: readonly string[] = MIGRATIONS): void {
  const target = migrations.length;
  if (schemaVersion(db, target) === target) return;
  for (;;) {
    const step = db.transaction(() => {
      // Read again inside the write lock: another process may have migrated meanwhile.
      const version = schemaVersion(db, target);
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
 * Opens (creating if needed) the state database in `dataDir`: WAL, foreign keys, migrations, and
 * `options.waitWhenBusy` or not (see SqliteOptions). A file that is not a database or is corrupt
 * is moved aside (never deleted) and a fresh one started; `recoveredFrom` says where the old one
 * went so the user can be told. The folder and the files are private to the user (see
 * data-folder.ts), and a folder that cannot be used is said in words, as `disk`.
 */
export function openDatabase(dataDir: string, options: SqliteOptions = {}): OpenedDatabase {
  const path = join(dataDir, DATABASE_FILE);
  let recoveredFrom: string | null = null;
  for (let attempt = 0; ; attempt++) {
    let db: SqliteDatabase | null = null;
    try {
      // In the loop: after a damaged file was moved aside, its fresh successor is created private too.
      prepareDataFolder(dataDir, path);
      db = openSqlite(path, options);
      prepare(db);
      makeStatePrivate(dataDir, path);
      return { db, path, recoveredFrom };
    } catch (error) {
      db?.close();
      if (isDamaged(error) && attempt === 0) {
        recoveredFrom = moveAside(path);
        continue;
      }
      if (appErrorOf(error)) throw error;
      explainOpenFailure(dataDir, error);
      const reason = error instanceof Error ? error.message : String(error);
      fail('disk', `Could not open the database ${path}: ${reason}. Check that the folder exists and is writable.`, {
        cause: error,
      });
    }
  }
}

