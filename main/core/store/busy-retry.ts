import { appError } from '../app-error';

/**
 * How long to keep trying a database another process is writing. SQLite's busy timeout
 * already waits inside each attempt; this is the patience beyond it, for writers that queue
 * up (the app, and several `export-manager` commands importing at once).
 */
export interface BusyPolicy {
  /** Give up once this much time has passed since the first attempt. */
  budgetMs: number;
  /** The first pause between attempts; each next one doubles, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** The policy the store uses: about half a minute, beyond which a person should be told. */
export const DEFAULT_BUSY_POLICY: BusyPolicy = { budgetMs: 30_000, firstDelayMs: 25, maxDelayMs: 1_000 };

/** The clock and the pause, replaceable in tests. */
export interface BusyClock {
  now(): number;
  sleep(ms: number): void;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Real time; the pause blocks like the SQLite calls around it (the store's API is synchronous). */
const realClock: BusyClock = { now: () => Date.now(), sleep: (ms) => void Atomics.wait(pause, 0, 0, ms) };

/** Whether an error is SQLite saying another connection holds the lock (SQLITE_BUSY or SQLITE_LOCKED, any extended code). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
  return error instanceof Error && /database (table )?is locked/i.test(error.message);
}

/**
 * Runs `attempt` (a whole transaction, or one statement outside one), again after a pause while
 * the database is busy. When the budget runs out it fails as `disk` with what to do, never as
 * an unexpected error.
 */
export function retryBusy<T>(attempt: () => T, policy: BusyPolicy = DEFAULT_BUSY_POLICY, clock: BusyClock = realClock): T {
  const started = clock.now();
  let delay = policy.firstDelayMs;
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (clock.now() - started + delay > policy.budgetMs) {
        throw appError(
          'disk',
          'Another Export Manager process (the app or an export-manager command) is busy with the database; try again in a moment.',
          { cause: error },
        );
      }
      clock.sleep(delay);
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}
