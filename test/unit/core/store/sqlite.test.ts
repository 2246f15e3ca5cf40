import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../../main/core/app-error';
import { DatabaseBusyNow } from '../../../../main/core/store/busy-now';
import { openSqlite } from '../../../../main/core/store/sqlite';
import type { SqliteDatabase } from '../../../../main/core/store/sqlite';
import { openTwoConnections } from '../../../helpers/two-connections';
import type { TwoConnections } from '../../../helpers/two-connections';
import { WriteAttempt } from '../../../../main/core/store/write-attempts';

describe('openSqlite (libsql with better-sqlite3 semantics)', () => {
  let root: string;
  let db: SqliteDatabase;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sqlite-'));
    db = openSqlite(join(root, 'x.db'));
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    db.prepare('INSERT INTO t (name) VALUES (?)').run('a');
  });
  afterEach(() => {
    db.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('returns plain rows from get(), without libsql metadata', () => {
    const row = db.prepare<[number], { id: number; name: string }>('SELECT id, name FROM t WHERE id = ?').get(1);
    expect(row).toEqual({ id: 1, name: 'a' });
    expect(Object.keys(row!)).toEqual(['id', 'name']);
    expect(db.prepare('SELECT * FROM t WHERE id = 99').get()).toBeUndefined();
  });

  it('honours pluck() in get(), all() and iterate()', () => {
    db.prepare('INSERT INTO t (name) VALUES (?)').run('b');
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(2);
    expect(db.prepare('SELECT name FROM t ORDER BY id').pluck().all()).toEqual(['a', 'b']);
    expect([...db.prepare('SELECT name FROM t ORDER BY id').pluck().iterate()]).toEqual(['a', 'b']);
  });

  it('returns the value of a simple pragma, not a row', () => {
    db.pragma('user_version = 7');
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
  });

  it('commits a transaction, and rolls it back when the function throws', () => {
    db.transaction(() => db.prepare('INSERT INTO t (name) VALUES (?)').run('kept'))();
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO t (name) VALUES (?)').run('lost');
        throw new Error('no');
      }).immediate(),
    ).toThrow('no');
    expect(db.prepare('SELECT name FROM t ORDER BY id').pluck().all()).toEqual(['a', 'kept']);
  });

  it('runs a transaction inside a transaction as a savepoint that fails alone', () => {
    db.transaction(() => {
      db.prepare('INSERT INTO t (name) VALUES (?)').run('outer');
      expect(() =>
        db.transaction(() => {
          db.prepare('INSERT INTO t (name) VALUES (?)').run('inner');
          throw new Error('inner fails');
        })(),
      ).toThrow('inner fails');
      db.transaction(() => db.prepare('INSERT INTO t (name) VALUES (?)').run('inner ok'))();
    }).immediate();
    expect(db.prepare('SELECT name FROM t ORDER BY id').pluck().all()).toEqual(['a', 'outer', 'inner ok']);
  });
});

describe("the app's connection (no waitWhenBusy)", () => {
  let connections: TwoConnections;
  let db: SqliteDatabase;
  let holder: SqliteDatabase;
  beforeEach(() => {
    connections = openTwoConnections('sqlite-');
    ({ db, holder } = connections);
  });
  afterEach(() => connections.close());

  function failureOf(fn: () => unknown): unknown {
    try {
      fn();
    } catch (error) {
      return error;
    }
    throw new Error('expected a failure');
  }

  it('fails at once, as DatabaseBusyNow (a disk error), when another connection holds the lock; reading still works', () => {
    holder.exec('BEGIN IMMEDIATE');
    const started = performance.now();
    const alone = failureOf(() => db.prepare('INSERT INTO t VALUES (?)').run('x'));
    const transaction = failureOf(() => db.transaction(() => db.prepare('INSERT INTO t VALUES (?)').run('y')).immediate());
    expect(performance.now() - started).toBeLessThan(50);
    for (const error of [alone, transaction]) {
      expect(error).toBeInstanceOf(DatabaseBusyNow);
      expect(appErrorOf(error)).toMatchObject({ kind: 'disk', message: expect.stringMatching(/busy with the database; try again in a moment/) });
    }
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(0);
    holder.exec('COMMIT');
    db.prepare('INSERT INTO t VALUES (?)').run('z');
    expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual(['z']);
  });

  it('leaves nothing unfinished when a write meets the lock: the next transaction commits once the lock is free', () => {
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    holder.exec('BEGIN IMMEDIATE');
    expect(() => insert.run('alone')).toThrow(DatabaseBusyNow);
    expect(() => db.transaction(() => insert.run('in a transaction')).immediate()).toThrow(DatabaseBusyNow);
    holder.exec('COMMIT');
    // A statement libsql left half-run would fail this COMMIT with "SQL statements in progress".
    db.transaction(() => db.prepare('INSERT INTO t VALUES (?)').run('next')).immediate();
    db.transaction(() => db.prepare('INSERT INTO t VALUES (?)').run('deferred'))();
    expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual(['next', 'deferred']);
  });

  it('tells the current write attempt of a commit: a transaction, or a statement that writes on its own; not a read, nor a rollback', () => {
    const committed = (work: () => unknown) => {
      const attempt = new WriteAttempt();
      try {
        attempt.run(work);
      } catch {
        // A failed transaction is what some cases are about.
      }
      return attempt.committed;
    };
    expect(committed(() => db.prepare('SELECT COUNT(*) FROM t').pluck().get())).toBe(false);
    expect(committed(() => db.prepare('INSERT INTO t VALUES (?)').run('alone'))).toBe(true);
    expect(committed(() => db.transaction(() => db.prepare('INSERT INTO t VALUES (?)').run('in one'))())).toBe(true);
    expect(
      committed(() =>
        db.transaction(() => {
          db.prepare('INSERT INTO t VALUES (?)').run('rolled back');
          throw new Error('no');
        })(),
      ),
    ).toBe(false);
    holder.exec('BEGIN IMMEDIATE');
    expect(committed(() => db.transaction(() => db.prepare('INSERT INTO t VALUES (?)').run('busy')).immediate())).toBe(false);
    holder.exec('COMMIT');
  });
});
