import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appError, appErrorOf } from '../../../../main/core/app-error';
import { DatabaseBusyNow } from '../../../../main/core/store/busy-now';
import type { SqliteDatabase } from '../../../../main/core/store/sqlite';
import { openTwoConnections } from '../../../helpers/two-connections';
import type { TwoConnections } from '../../../helpers/two-connections';
import { whileBusy } from '../../../../main/core/store/while-busy';
import type { AsyncBusyClock } from '../../../../main/core/store/while-busy';

const BUSY_MESSAGE = /^Another Export Manager process .* is busy with the database; try again in a moment\.$/;
const busyNow = () => new DatabaseBusyNow(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));

/** A clock whose pauses pass at once, each written down (and added to the time); `onPause` runs in each. */
function fakeClock(onPause: (index: number) => void = () => {}): AsyncBusyClock & { pauses: number[] } {
  let now = 0;
  const pauses: number[] = [];
  return {
    pauses,
    now: () => now,
    sleep: async (ms) => {
      onPause(pauses.length);
      pauses.push(ms);
      now += ms;
    },
  };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('whileBusy', () => {
  it('runs an operation again after growing pauses while the database is busy, and returns its first success', async () => {
    const clock = fakeClock();
    let calls = 0;
    const value = await whileBusy(
      async () => {
        if (++calls < 4) throw busyNow();
        return 'done';
      },
      { policy: { budgetMs: 10_000, firstDelayMs: 10, maxDelayMs: 25 }, clock },
    );
    expect(value).toBe('done');
    expect(clock.pauses).toEqual([10, 20, 25]);
  });

  it('keeps its pauses under maxDelayMs and its waiting within the budget, then fails as the disk error that says to try again', async () => {
    const clock = fakeClock();
    let calls = 0;
    const error = await failureOf(
      whileBusy(
        () => {
          calls++;
          throw busyNow();
        },
        { policy: { budgetMs: 1_000, firstDelayMs: 10, maxDelayMs: 100 }, clock },
      ),
    );
    expect(appErrorOf(error)).toEqual({ kind: 'disk', message: expect.stringMatching(BUSY_MESSAGE) });
    // A plain disk error: a retry around this one does not start its patience over.
    expect(error).not.toBeInstanceOf(DatabaseBusyNow);
    expect(clock.pauses.slice(0, 5)).toEqual([10, 20, 40, 80, 100]);
    expect(Math.max(...clock.pauses)).toBe(100);
    const waited = clock.pauses.reduce((sum, ms) => sum + ms, 0);
    expect(waited).toBeLessThanOrEqual(1_000);
    expect(waited).toBeGreaterThan(900);
    expect(calls).toBe(clock.pauses.length + 1);
  });

  it('passes any other failure through at once, without running the operation again', async () => {
    for (const other of [new Error('no such table: x'), appError('validation', 'That name is taken.')]) {
      let calls = 0;
      const error = await failureOf(
        whileBusy(() => {
          calls++;
          throw other;
        }),
      );
      expect(error).toBe(other);
      expect(calls).toBe(1);
    }
  });

  it('starts the first attempt at once, as calling the operation would', async () => {
    let ran = false;
    const done = whileBusy(() => {
      ran = true;
    });
    expect(ran).toBe(true);
    await done;
  });
});

describe('whileBusy over a real database another connection locks', () => {
  let connections: TwoConnections;
  let db: SqliteDatabase;
  let holder: SqliteDatabase;
  const rows = () => db.prepare('SELECT v FROM t ORDER BY rowid').pluck().all();
  const insert = (value: string) => db.prepare('INSERT INTO t (v) VALUES (?)').run(value);

  beforeEach(() => {
    connections = openTwoConnections('while-busy-');
    ({ db, holder } = connections);
  });
  afterEach(() => connections.close());

  it('runs again a transaction that met the lock, which SQLite had rolled back whole', async () => {
    holder.exec('BEGIN IMMEDIATE');
    let calls = 0;
    // The other connection lets go during the first pause.
    const clock = fakeClock((index) => index === 0 && holder.exec('COMMIT'));
    await whileBusy(
      () => {
        calls++;
        db.transaction(() => {
          insert('a');
          insert('b');
        }).immediate();
      },
      { clock },
    );
    expect(calls).toBe(2);
    expect(rows()).toEqual(['a', 'b']);
  });

  it('does not run again an operation that committed before meeting the lock, and fails as disk, keeping what it committed', async () => {
    let calls = 0;
    const error = await failureOf(
      whileBusy(
        () => {
          calls++;
          insert('committed');
          holder.exec('BEGIN IMMEDIATE');
          insert('met the lock');
        },
        { clock: fakeClock() },
      ),
    );
    expect(appErrorOf(error)).toEqual({ kind: 'disk', message: expect.stringMatching(BUSY_MESSAGE) });
    expect(calls).toBe(1);
    holder.exec('ROLLBACK');
    expect(rows()).toEqual(['committed']);
  });

  it('counts a commit made by a store call it retries inside toward the operation around it', async () => {
    let calls = 0;
    const error = await failureOf(
      whileBusy(
        async () => {
          calls++;
          await whileBusy(() => insert('inner'));
          throw busyNow();
        },
        { clock: fakeClock() },
      ),
    );
    expect(appErrorOf(error)).toMatchObject({ kind: 'disk' });
    expect(calls).toBe(1);
    expect(rows()).toEqual(['inner']);
  });

  it("runs an operation again though another call committed meanwhile: each sees only its own commits", async () => {
    let calls = 0;
    let letGo!: () => void;
    const otherCommitted = new Promise<void>((resolve) => (letGo = resolve));
    const waiting = whileBusy(
      async () => {
        calls++;
        if (calls === 1) {
          await otherCommitted;
          throw busyNow();
        }
        return 'second run';
      },
      { clock: fakeClock() },
    );
    await whileBusy(() => insert('by another call'));
    letGo();
    expect(await waiting).toBe('second run');
    expect(calls).toBe(2);
  });
});
