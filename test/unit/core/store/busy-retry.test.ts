import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../../main/core/app-error';
import { retryBusy } from '../../../../main/core/store/busy-retry';
import { openSqlite } from '../../../../main/core/store/sqlite';
import type { SqliteDatabase } from '../../../../main/core/store/sqlite';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

function errorOf(fn: () => unknown) {
  try {
    fn();
    return null;
  } catch (error) {
    return error;
  }
}

describe('retryBusy', () => {
  it('retries a busy database with growing pauses and returns the first success', () => {
    const pauses: number[] = [];
    let calls = 0;
    const value = retryBusy(
      () => {
        if (++calls < 4) throw busy();
        return 'done';
      },
      { budgetMs: 10_000, firstDelayMs: 10, maxDelayMs: 25 },
      { sleep: (ms) => pauses.push(ms), now: () => 0 },
    );
    expect(value).toBe('done');
    expect(pauses).toEqual([10, 20, 25]);
  });

  it('gives up after its budget as a disk error saying another process is busy', () => {
    let clock = 0;
    const error = errorOf(() =>
      retryBusy(
        () => {
          clock += 400;
          throw busy();
        },
        { budgetMs: 1_000, firstDelayMs: 10, maxDelayMs: 10 },
        { sleep: () => {}, now: () => clock },
      ),
    );
    expect(appErrorOf(error)).toMatchObject({ kind: 'disk', message: expect.stringMatching(/Another Export Manager process .* busy.* try again/) });
  });

  it('passes any other failure through untouched, at once', () => {
    const other = new Error('no such table: x');
    let calls = 0;
    expect(errorOf(() => retryBusy(() => { calls++; throw other; }))).toBe(other);
    expect(calls).toBe(1);
  });
});

describe('a transaction against a database another connection holds', () => {
  let root: string;
  let holder: SqliteDatabase;
  let waiter: SqliteDatabase;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'busy-'));
    holder = openSqlite(join(root, 'x.db'));
    holder.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT)');
    waiter = openSqlite(join(root, 'x.db'), { waitWhenBusy: { budgetMs: 300, firstDelayMs: 20, maxDelayMs: 50 } });
    waiter.pragma('busy_timeout = 50');
  });
  afterEach(() => {
    waiter.close();
    holder.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('fails as disk, never as an unexpected error, when the lock outlasts the budget', () => {
    holder.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    const error = errorOf(() => waiter.transaction(() => waiter.prepare('INSERT INTO t VALUES (?)').run('x')).immediate());
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(appErrorOf(error)).toMatchObject({ kind: 'disk' });
    const insert = waiter.prepare('INSERT INTO t VALUES (?)');
    expect(appErrorOf(errorOf(() => insert.run('y')))).toMatchObject({ kind: 'disk' });
    holder.exec('COMMIT');
    insert.run('y');
    waiter.transaction(() => waiter.prepare('INSERT INTO t VALUES (?)').run('z')).immediate();
    expect(holder.prepare('SELECT v FROM t').pluck().all()).toEqual(['y', 'z']);
  });
});
