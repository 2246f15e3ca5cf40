import { createRequire } from 'node:module';
import type LibsqlDatabase from 'libsql';
import { DEFAULT_BUSY_POLICY, retryBusy } from './busy-retry';
import type { BusyPolicy } from './busy-retry';

/**
 * The SQLite connection the store uses: the small better-sqlite3-style surface the repos need,
 * over libsql. libsql is N-API (one binary loads in Node and in Electron, no rebuild) and
 * ships prebuilt binaries as npm packages; this module irons out where it differs from
 * better-sqlite3: `get()` ignores `pluck()` and its rows carry an enumerable `_metadata` key,
 * `pragma(x, { simple: true })` returns a row instead of the value, and a transaction inside a
 * transaction fails instead of becoming a savepoint.
 */

/** A prepared statement. `P`: the bind parameters; `R`: a result row (or the value, plucked). */
export interface Statement<P extends unknown[] = unknown[], R = unknown> {
  run(...params: P): { changes: number; lastInsertRowid: number | bigint };
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
  /** Rows become the value of their first column (of type `V`). */
  pluck<V = unknown>(): Statement<P, V>;
}

/** A function wrapped in a transaction; `immediate` takes the write lock at the start. */
export interface Transaction<T> {
  (): T;
  immediate(): T;
}

/** An open SQLite database. */
export interface SqliteDatabase {
  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R>;
  exec(sql: string): void;
  /** `PRAGMA source`: all rows, or with `simple` the first column of the first row. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** Runs `fn` in a transaction, or in a savepoint when one is already open. */
  transaction<T>(fn: () => T): Transaction<T>;
  close(): void;
}

// libsql is CommonJS and native: load it with require so bundlers leave it external.
const require = createRequire(import.meta.url);
let Libsql: typeof LibsqlDatabase | null = null;

/** Options of a connection. */
export interface SqliteOptions {
  /** How long to keep retrying while another process holds the database (default: `DEFAULT_BUSY_POLICY`). */
  busy?: BusyPolicy;
}

/** Opens (creating if needed) the SQLite file at `path`. */
export function openSqlite(path: string, options: SqliteOptions = {}): SqliteDatabase {
  Libsql ??= require('libsql') as typeof LibsqlDatabase;
  const db = new Libsql(path);
  const busy = options.busy ?? DEFAULT_BUSY_POLICY;
  // Outside a transaction a busy statement is retried alone; inside one, the whole transaction is.
  const guard = <T>(run: () => T): T => (db.inTransaction ? run() : retryBusy(run, busy));
  return new LibsqlConnection(db, guard);
}

/** Runs a statement or transaction, retrying it while the database is busy. */
type BusyGuard = <T>(run: () => T) => T;

/** Removes libsql's `_metadata` key from a row; plain values pass through. */
function plainRow<R>(row: R): R {
  if (row === null || typeof row !== 'object' || !('_metadata' in row)) return row;
  const { _metadata: _ignored, ...rest } = row as Record<string, unknown>;
  return rest as R;
}

/** The value of a row's first column. */
function firstColumn(row: unknown): unknown {
  if (row === null || typeof row !== 'object') return row;
  const key = Object.keys(row).find((name) => name !== '_metadata');
  return key === undefined ? undefined : (row as Record<string, unknown>)[key];
}

class LibsqlStatement<P extends unknown[], R> implements Statement<P, R> {
  constructor(
    private readonly statement: LibsqlDatabase.Statement,
    private readonly guard: BusyGuard,
    private readonly plucked = false,
  ) {}

  run(...params: P) {
    return this.guard(() => this.statement.run(...params));
  }

  get(...params: P): R | undefined {
    const row = this.guard(() => this.statement.get(...params));
    if (row === undefined || row === null) return undefined;
    return (this.plucked ? firstColumn(row) : plainRow(row)) as R;
  }

  all(...params: P): R[] {
    return this.guard(() => this.statement.all(...params)).map((row) => (this.plucked ? firstColumn(row) : plainRow(row)) as R);
  }

  *iterate(...params: P): IterableIterator<R> {
    for (const row of this.statement.iterate(...params)) yield (this.plucked ? firstColumn(row) : plainRow(row)) as R;
  }

  pluck<V = unknown>(): Statement<P, V> {
    return new LibsqlStatement<P, V>(this.statement, this.guard, true);
  }
}

class LibsqlConnection implements SqliteDatabase {
  private savepoints = 0;

  constructor(
    private readonly db: LibsqlDatabase.Database,
    private readonly guard: BusyGuard,
  ) {}

  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> {
    return new LibsqlStatement<P, R>(this.guard(() => this.db.prepare(sql) as LibsqlDatabase.Statement), this.guard);
  }

  exec(sql: string): void {
    this.guard(() => this.db.exec(sql));
  }

  pragma(source: string, options: { simple?: boolean } = {}): unknown {
    const statement = this.prepare(`PRAGMA ${source}`);
    return options.simple ? statement.pluck().get() : statement.all();
  }

  transaction<T>(fn: () => T): Transaction<T> {
    const once = (begin: string): T => {
      this.db.exec(begin);
      try {
        const result = fn();
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        // A failed COMMIT (busy) may already have ended the transaction.
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    };
    // A busy transaction was rolled back whole, so running it again from the start is safe.
    const run = (begin: string) => (): T => (this.db.inTransaction ? this.inSavepoint(fn) : this.guard(() => once(begin)));
    return Object.assign(run('BEGIN'), { immediate: run('BEGIN IMMEDIATE') });
  }

  close(): void {
    // SQLite checkpoints the WAL into the database file when its last connection closes;
    // libsql's close leaves it to the handle's finalizer, so do it here (and skip it when another
    // process is using the file: that is what PASSIVE does).
    try {
      this.db.exec('PRAGMA wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or read-only: the WAL stays and is checkpointed by the next writer.
    }
    this.db.close();
  }

  /** A nested transaction: a savepoint that is rolled back alone on failure. */
  private inSavepoint<T>(fn: () => T): T {
    const name = `nested_${++this.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = fn();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
      throw error;
    } finally {
      this.savepoints--;
    }
  }
}
