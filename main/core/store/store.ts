import type { SqliteDatabase, SqliteOptions } from './sqlite';
import type { Profile } from '../../../shared/api/profiles';
import { openDatabase } from './database';
import { DeliveriesRepo } from './deliveries-repo';
import { HistoryRepo } from './history-repo';
import { parseSourceUrls } from '../files/parse-source-urls';
import { ProfilesRepo } from './profiles-repo';
import { recordRecovery, takeRecoveryNotice } from './recovery-notice';
import type { NoticeSurface } from './recovery-notice';
import { SettingsRepo } from './settings-repo';
import { TrackedRepo } from './tracked-repo';

/**
 * The app's local state in one SQLite file: profiles, tracked exports (and what was delivered of
 * them), history, settings. Shared by the app and the command line (both may have it open at once).
 */
export class Store {
  readonly profiles: ProfilesRepo;
  readonly tracked: TrackedRepo;
  readonly deliveries: DeliveriesRepo;
  readonly history: HistoryRepo;
  readonly settings: SettingsRepo;
  private closed = false;

  constructor(
    private readonly db: SqliteDatabase,
    /** The database file. */
    readonly path: string,
    /** Where a damaged database was moved aside when this store was opened, else null. */
    readonly recoveredFrom: string | null,
  ) {
    this.profiles = new ProfilesRepo(db);
    this.deliveries = new DeliveriesRepo(db);
    this.tracked = new TrackedRepo(db, this.deliveries);
    this.history = new HistoryRepo(db);
    this.settings = new SettingsRepo(db);
  }

  /**
   * Creates the built-in sample profile (tracking `sampleExportUrls`) or points it at the
   * sample server's current `baseUrl`. Its tracked list is filled only when it is created, so
   * the user's removals stick. It writes on every start (the server's port changes), so in the
   * app, where a busy database throws instead of waiting, call it through `whileBusy`.
   */
  ensureSampleProfile(baseUrl: string, sampleExportUrls: readonly string[]): Profile {
    return this.db
      .transaction(() => {
        const { profile, created } = this.profiles.ensureSample(baseUrl);
        if (!created) return profile;
        this.tracked.add(profile.id, parseSourceUrls(sampleExportUrls.join('\n'), 'txt'));
        return this.profiles.require(profile.id);
      })
      .immediate();
  }

  /**
   * Deletes a profile with its tracked exports, and forgets it as the active profile, in one
   * transaction: a database that turns busy half-way leaves all of it undone (see whileBusy).
   */
  deleteProfile(id: string): void {
    this.db
      .transaction(() => {
        this.profiles.delete(id);
        if (this.settings.get().activeProfileId === id) this.settings.set({ activeProfileId: null });
      })
      .immediate();
  }

  /** Where a damaged database was moved, if `surface` has not told the user yet (see recovery-notice.ts). */
  takeRecoveryNotice(surface: NoticeSurface): string | null {
    return takeRecoveryNotice(this.db, surface);
  }

  /** Closes the database; safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/**
 * Opens the store in `dataDir` (see `openDatabase` for recovery of a damaged file). Without
 * `options.waitWhenBusy` (the app), a busy database throws `DatabaseBusyNow`, which the API and
 * the jobs retry without blocking (see whileBusy); the command line passes it and waits.
 */
export function openStore(dataDir: string, options: SqliteOptions = {}): Store {
  const { db, path, recoveredFrom } = openDatabase(dataDir, options);
  try {
    if (recoveredFrom) recordRecovery(db, recoveredFrom);
  } catch (error) {
    db.close();
    throw error;
  }
  return new Store(db, path, recoveredFrom);
}
