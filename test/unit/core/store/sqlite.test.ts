import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../../main/core/store/sqlite';
import type { SqliteDatabase } from '../../../../main/core/store/sqlite';

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
