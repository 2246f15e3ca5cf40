import { appError } from '../app-error';
import type { AppErrorException } from '../app-error';

/**
 * How long to keep trying a database another process is writing, for writers that queue up
 * (the app, and several `export-manager` commands importing at once). The command line's
 * connection also waits inside each attempt (SQLite's busy timeout); the app's does not (see
 * while-busy.ts).
 */
export interface BusyPolicy {
  /** Give up once this much time has passed since the first attempt. */
  budgetMs: number;
  /** The first pause between attempts; each next one doubles, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/**
 * The store's patience: about half a minute, beyond which a person should be told. Pauses stay
 * short (at most 100 ms, as SQLite's own busy handler polls), so a writer that waits without
 * SQLite's help still catches the moment between two of another process's transactions.
 */
export const DEFAULT_BUSY_POLICY: BusyPolicy = { budgetMs: 30_000, firstDelayMs: 5, maxDelayMs: 100 };

/** What a person reads when the database stayed busy past the budget. */
export const BUSY_MESSAGE = 'Another Export Manager process (the app or an export-manager command) is busy with the database; try again in a moment.';

/** The `disk` error of a database that stayed busy: the expected failure, never an unexpected one. */
export function busyDatabaseError(cause: unknown): AppErrorException {
  return appError('disk', BUSY_MESSAGE, { cause });
}

/** Whether an error is SQLite saying another connection holds the lock (SQLITE_BUSY or SQLITE_LOCKED, any extended code). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
  return error instanceof Error && /database (table )?is locked/i.test(error.message);
}

/** The pauses of one retry loop: doubling from `firstDelayMs` to `maxDelayMs`, none that would end past the budget. */
export class BusyBackoff {
  private readonly started: number;
  private delay: number;

  constructor(
    private readonly policy: BusyPolicy,
    private readonly now: () => number,
  ) {
    this.started = now();
    this.delay = policy.firstDelayMs;
  }

  /** The next pause, or null when waiting it out would go past the budget. */
  next(): number | null {
    const delay = this.delay;
    if (this.now() - this.started + delay > this.policy.budgetMs) return null;
    this.delay = Math.min(delay * 2, this.policy.maxDelayMs);
    return delay;
  }
}

/** The clock and the pause, replaceable in tests. */
export interface BusyClock {
  now(): number;
  sleep(ms: number): void;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Real time; the pause blocks the thread like the SQLite calls around it (only the command line waits this way). */
const realClock: BusyClock = { now: () => Date.now(), sleep: (ms) => void Atomics.wait(pause, 0, 0, ms) };

/**
 * Runs `attempt` (a whole transaction, or one statement outside one), again after a pause while
 * the database is busy, blocking the thread meanwhile: how the command line's connection waits.
 * When the budget runs out it fails as `disk` with what to do, never as an unexpected error.
 */
export function retryBusy<T>(attempt: () => T, policy: BusyPolicy = DEFAULT_BUSY_POLICY, clock: BusyClock = realClock): T {
  const backoff = new BusyBackoff(policy, () => clock.now());
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      const delay = backoff.next();
      if (delay === null) throw busyDatabaseError(error);
      clock.sleep(delay);
    }
  }
}
