import { createRequire } from 'node:module';
import type LibsqlDatabase from 'libsql';
import { DatabaseBusyNow } from './busy-now';
import { isBusy, retryBusy } from './busy-retry';
import type { BusyPolicy } from './busy-retry';
import { noteCommit } from './write-attempts';

/**
 * The SQLite connection the store uses: the small better-sqlite3-style surface the repos need,
 * over libsql. libsql is N-API (one binary loads in Node and in Electron, no rebuild) and
 * ships prebuilt binaries as npm packages; this module irons out where it differs from
 * better-sqlite3: `get()` ignores `pluck()` and its rows carry an enumerable `_metadata` key,
 * `pragma(x, { simple: true })` returns a row instead of the value, and a transaction inside a
 * transaction fails instead of becoming a savepoint. It also tells the current write attempt
 * (write-attempts.ts) of every commit.
 */

/** A prepared statement. `P`: the bind parameters; `R`: a result row (or the value, plucked). */
export interface Statement<P extends unknown[] = unknown[], R = unknown> {
  /** Runs a statement that writes (outside a transaction, in an immediate one of its own). */
  run(...params: P): { changes: number; lastInsertRowid: number | bigint };
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
  /** Rows become the value of their first column (of type `V`). */
  pluck<V = unknown>(): Statement<P, V>;
}

/**
 * A function wrapped in a transaction; `immediate` takes the write lock at the start. One that
 * writes should be immediate: a deferred one meets another process's lock at its first write,
 * half-way, where libsql leaves that statement unfinished (see `write` below).
 */
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

/** How long SQLite itself waits, inside each statement, for another process's write (waiting connections only). */
const WAITING_BUSY_TIMEOUT_MS = 10_000;

/** Options of a connection. */
export interface SqliteOptions {
  /**
   * Wait while another process holds the database: SQLite's busy timeout inside each statement,
   * then `retryBusy`'s pauses, within this policy. The thread is blocked meanwhile: for the
   * command line, where a command may wait. Absent, a busy database throws `DatabaseBusyNow` at
   * once, for the caller to retry without blocking (the app: see while-busy.ts).
   */
  waitWhenBusy?: BusyPolicy;
}

/** Opens (creating if needed) the SQLite file at `path`. */
export function openSqlite(path: string, options: SqliteOptions = {}): SqliteDatabase {
  Libsql ??= require('libsql') as typeof LibsqlDatabase;
  const db = new Libsql(path);
  const policy = options.waitWhenBusy;
  db.exec(`PRAGMA busy_timeout = ${policy ? WAITING_BUSY_TIMEOUT_MS : 0}`);
  return new LibsqlConnection(db, policy ? (run) => retryBusy(run, policy) : throwBusyNow);
}

/** Runs a statement or a whole transaction, meeting a busy database the connection's way (wait, or throw at once). */
type BusyGuard = <T>(run: () => T) => T;

/** The app's way: no waiting on the thread, a `DatabaseBusyNow` for the caller to retry. */
function throwBusyNow<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isBusy(error)) throw new DatabaseBusyNow(error);
    throw error;
  }
}

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
  /** A statement without result columns (INSERT, UPDATE, DELETE, a pragma that sets) writes, however it is called. */
  private readonly writes: boolean;

  constructor(
    private readonly statement: LibsqlDatabase.Statement,
    private readonly connection: LibsqlConnection,
    private readonly plucked = false,
  ) {
    this.writes = !statement.reader;
  }

  run(...params: P) {
    return this.connection.write(() => this.statement.run(...params));
  }

  get(...params: P): R | undefined {
    const row = this.connection.query(() => this.statement.get(...params), this.writes);
    if (row === undefined || row === null) return undefined;
    return (this.plucked ? firstColumn(row) : plainRow(row)) as R;
  }

  all(...params: P): R[] {
    return this.connection.query(() => this.statement.all(...params), this.writes).map((row) => (this.plucked ? firstColumn(row) : plainRow(row)) as R);
  }

  *iterate(...params: P): IterableIterator<R> {
    for (const row of this.statement.iterate(...params)) yield (this.plucked ? firstColumn(row) : plainRow(row)) as R;
  }

  pluck<V = unknown>(): Statement<P, V> {
    return new LibsqlStatement<P, V>(this.statement, this.connection, true);
  }
}

class LibsqlConnection implements SqliteDatabase {
  private savepoints = 0;

  constructor(
    private readonly db: LibsqlDatabase.Database,
    private readonly guard: BusyGuard,
  ) {}

  /**
   * Runs a statement that writes (`run`). Inside a transaction it is part of it (the transaction
   * meets a busy database as a whole). Alone, it runs in an immediate transaction of its own, so
   * that BEGIN IMMEDIATE meets the lock, never the statement: libsql has no reset, and leaves a
   * statement that failed busy unfinished, which then fails every later COMMIT on the connection
   * ("SQL statements in progress") until it is garbage-collected.
   */
  write<T>(run: () => T): T {
    return this.db.inTransaction ? run() : this.transaction(run).immediate();
  }

  /**
   * Runs a statement that reads, or a pragma (`get`, `all`). Inside a transaction it is part of
   * it; alone it is guarded, and a commit when it `writes` (a pragma that sets, never in the repos).
   */
  query<T>(run: () => T, writes: boolean): T {
    if (this.db.inTransaction) return run();
    const result = this.guard(run);
    if (writes) noteCommit();
    return result;
  }

  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> {
    return new LibsqlStatement<P, R>(this.query(() => this.db.prepare(sql) as LibsqlDatabase.Statement, false), this);
  }

  exec(sql: string): void {
    // Not in a transaction of its own (a pragma such as journal_mode or foreign_keys must run
    // outside one), and a statement exec runs is finished even when it fails busy. Whatever the
    // SQL, counted as a write: the repos never read through exec.
    this.query(() => this.db.exec(sql), true);
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
        noteCommit();
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
