import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseBusyNow } from './busy-now';
import { BusyBackoff, DEFAULT_BUSY_POLICY, busyDatabaseError } from './busy-retry';
import type { BusyPolicy } from './busy-retry';
import { WriteAttempt } from './write-attempts';

/** The clock and the pause, replaceable in tests; the pause awaits, it never blocks the thread. */
export interface AsyncBusyClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: AsyncBusyClock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * Runs `operation` (an API call, or one store call of a job or a handler), and while it fails
 * because another process holds the database (`DatabaseBusyNow`), runs it again after a pause
 * that awaits a timer: the thread serves the window meanwhile. Past `policy`'s budget it fails as
 * the `disk` error that says to try again in a moment.
 *
 * Running it again from the start is safe only when the failed attempt changed nothing. SQLite
 * rolled back the statement or transaction that met the lock, but a transaction committed
 * before it stays, and a second run would do that part twice (a second profile, a second history
 * entry, an import counted as duplicates). So an attempt that committed anything is not run
 * again: it fails as the `disk` error at once, leaving what it committed.
 *
 * What an attempt does outside the database is not tracked: an operation that does something
 * that must not happen twice (asks a dialog, removes a key) before a store call runs that store
 * call through `whileBusy` itself, so a busy database never reaches the retry around it from
 * there. (Writes are what meet the lock; in WAL mode a read waits for nobody, short of SQLite
 * recovering the file after a crash.) The first attempt starts synchronously, as calling
 * `operation` directly would.
 */
export async function whileBusy<T>(operation: () => T | Promise<T>, options: { policy?: BusyPolicy; clock?: AsyncBusyClock } = {}): Promise<T> {
  const clock = options.clock ?? realClock;
  const backoff = new BusyBackoff(options.policy ?? DEFAULT_BUSY_POLICY, () => clock.now());
  for (;;) {
    const attempt = new WriteAttempt();
    try {
      return await attempt.run(operation);
    } catch (error) {
      if (!(error instanceof DatabaseBusyNow)) throw error;
      const delay = attempt.committed ? null : backoff.next();
      // A plain `disk` error, not DatabaseBusyNow: a retry around this one must not start over.
      if (delay === null) throw busyDatabaseError(error.cause);
      await clock.sleep(delay);
    }
  }
}
