import type { SqliteDatabase } from './sqlite';
import type { Profile } from '../../../shared/api/profiles';
import { openDatabase } from './database';
import { HistoryRepo } from './history-repo';
import { parseSourceUrls } from './parse-source-urls';
import { ProfilesRepo } from './profiles-repo';
import { recordRecovery, takeRecoveryNotice } from './recovery-notice';
import type { NoticeSurface } from './recovery-notice';
import { SettingsRepo } from './settings-repo';
import { TrackedRepo } from './tracked-repo';

/**
 * The app's local state in one SQLite file: profiles, tracked exports, history, settings.
 * Shared by the app and the command line (both may have it open at once).
 */
export class Store {
  readonly profiles: ProfilesRepo;
  readonly tracked: TrackedRepo;
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
    this.tracked = new TrackedRepo(db);
    this.history = new HistoryRepo(db);
    this.settings = new SettingsRepo(db);
  }

  /**
   * Creates the built-in sample profile (tracking `sampleExportUrls`) or points it at the
   * sample server's current `baseUrl`. Its tracked list is filled only when it is created, so
   * the user's removals stick.
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

/** Opens the store in `dataDir` (see `openDatabase` for recovery of a damaged file). */
export function openStore(dataDir: string): Store {
  const { db, path, recoveredFrom } = openDatabase(dataDir);
  if (recoveredFrom) recordRecovery(db, recoveredFrom);
  return new Store(db, path, recoveredFrom);
}
