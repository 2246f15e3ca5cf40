import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whether a piece of work committed anything to the database, so `whileBusy` knows whether
 * running it again from the start is safe. The attempt travels with the work's async context
 * (AsyncLocalStorage), not with the connection: calls that interleave on the app's one
 * connection (a handler awaiting the keychain while another saves) each see only their own
 * commits, and one call's commit does not stop another's retry.
 */

const attempts = new AsyncLocalStorage<WriteAttempt>();

/** One run of a piece of work; an attempt started inside another counts toward it too. */
export class WriteAttempt {
  private committedAny = false;
  /** The attempt this one runs inside (a handler's, around a store call it retries itself). */
  private readonly within = attempts.getStore();

  /** Whether this attempt, or any attempt inside it, committed. */
  get committed(): boolean {
    return this.committedAny;
  }

  /** Runs `work`, and whatever it awaits or starts, as this attempt. */
  run<T>(work: () => T): T {
    return attempts.run(this, work);
  }

  /** Marks this attempt and the ones it runs inside (already marked, so are they). */
  markCommitted(): void {
    if (this.committedAny) return;
    this.committedAny = true;
    this.within?.markCommitted();
  }
}

/** Tells the current attempt, if any, that a commit happened (the connection calls it after each one). */
export function noteCommit(): void {
  attempts.getStore()?.markCommitted();
}
