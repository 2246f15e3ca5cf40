import { DatabaseBusyNow } from './busy-now';
import type { SqliteDatabase } from './sqlite';
import { whileBusy } from './while-busy';

/**
 * Telling the user, once in the app and once on the command line, that a damaged database was
 * moved aside. Whichever opens the file first does the move; the other may run days later, so
 * the notice waits in the fresh database (a settings row per place it is shown) until each has
 * taken it.
 */

/** Where a recovery is told: the app's window, or the command line. */
export type NoticeSurface = 'app' | 'cli';

const SURFACES: readonly NoticeSurface[] = ['app', 'cli'];
const keyOf = (surface: NoticeSurface) => `notice.recoveredFrom.${surface}`;

/** Leaves a notice for every surface that the database at `aside` was damaged and moved there. */
export function recordRecovery(db: SqliteDatabase, aside: string): void {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const surface of SURFACES) upsert.run(keyOf(surface), JSON.stringify(aside));
  }).immediate();
}

/**
 * Where the damaged copy went, if `surface` has not been told yet; it will not be told again.
 * Looked for without the write lock (there is almost never a notice, and opening must not wait
 * for another process's write); taken under it. Where the database is busy and the connection
 * does not wait (the app), the notice is shown now and taken once the database is free, or, if
 * it stays busy past the budget, shown again next time: twice is better than never.
 */
export function takeRecoveryNotice(db: SqliteDatabase, surface: NoticeSurface): string | null {
  const key = keyOf(surface);
  const select = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck<string>();
  const seen = select.get(key);
  if (seen === undefined) return null;
  const take = () =>
    db
      .transaction(() => {
        const value = select.get(key);
        if (value !== undefined) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
        return value;
      })
      .immediate();
  let value: string | undefined;
  try {
    value = take();
  } catch (error) {
    if (!(error instanceof DatabaseBusyNow)) throw error;
    // Nobody to report a failure to: a notice left in place is simply shown again next time.
    whileBusy(take).catch(() => {});
    value = seen;
  }
  if (value === undefined) return null;
  const aside: unknown = JSON.parse(value);
  return typeof aside === 'string' ? aside : null;
}

/** The sentence a person reads: what happened, what it means, where the damaged copy is. */
export function recoveryMessage(aside: string): string {
  return `Export Manager's data was damaged, so a fresh database was started: profiles, tracked exports and history start empty. The damaged copy is kept at ${aside}.`;
}
