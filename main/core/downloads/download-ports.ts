/**
 * What the download handlers need from the rest of the app, as narrow interfaces: the store
 * and the keychain adapt to these (store-adapters.ts), and the history feature implements
 * `DownloadHistory`; the handlers use only these.
 */
import type { ManifestCheckRecord } from '../archive';
import type { SkippedExport, StandingConflictChoice } from '../../../shared/api/downloads';
import type { Settings } from '../../../shared/api/settings';
import type { HistoryEntry } from '../store/history-repo';
import type { DeliveryOutcome } from './delivery-records';

export type { DeliveryOutcome, HistoryEntry };

/**
 * Which tracked exports a download names, as main resolves it (a check's scope is resolved by the
 * downloads room); `undelivered`: only those with no delivery since they were added.
 */
export type TrackedScope = { ids: string[] } | { filter: string; undelivered?: true };

/** Everything a job needs to know about a profile and what to download. */
export interface DownloadSource {
  baseUrl: string;
  /** The profile's key from the keychain, or null when the profile has none. */
  apiKey: string | null;
  /** The exports' URLs, oldest first. */
  sourceFileUrls: string[];
  /** The tracked exports' ids, in the order of `sourceFileUrls`. */
  exportIds: string[];
  profileName: string;
  /** The profile's maximum batch size: more exports than this are downloaded in several requests. Null: no limit. */
  maxBatchSize: number | null;
  /**
   * A download of what a check found exportable: what that check's answer said, which exports
   * were exported and which skipped and why, for the manifest beside the zip. Absent otherwise.
   */
  checked?: ManifestCheckRecord;
}

/** Resolves a profile (and its key) and the exports to download. */
export interface DownloadSources {
  /**
   * The profile, its key, and the exports `scope` names now; scope null: none (the command
   * line's own URL list needs only the URL and key). Throws an AppErrorException (`state`,
   * `keychain`, …) when the profile or its key cannot be had, or the ids name no export any more.
   */
  resolve(profileId: string, scope: TrackedScope | null): Promise<DownloadSource>;
  /**
   * The labels of these exports, in this order (an export gone meanwhile: its place empty). The
   * caller asks for a few only (a job's card names its first ones); absent: each URL's own name.
   */
  labelsOf?(profileId: string, exportIds: readonly string[]): string[];
  /**
   * Remembers, for the profile's tracked exports, what a finished download delivered and skipped
   * (delivery-records.ts decides which); resolves to whether any export's record changed. Called
   * outside any API call, so it waits out a busy database itself. Absent: nothing is remembered.
   */
  recordDelivery?(profileId: string, outcome: DeliveryOutcome): Promise<boolean>;
}

/** Where finished jobs are recorded. */
export interface DownloadHistory {
  record(entry: HistoryEntry): Promise<void> | void;
  /**
   * The URL lists history kept for a URL-mode job, by its job id, or null: how a History row
   * is saved or downloaded one by one after its job left the recent jobs (another session, or
   * cleared). Absent: only recent jobs can be.
   */
  keptUrls?(jobId: string): KeptUrls | null;
}

/** A URL-mode job's lists as history kept them, with the profile they were asked for. */
export interface KeptUrls {
  exportedUrls: string[];
  skipped: SkippedExport[];
  profileId: string;
  profileName: string;
}

/** Save-location settings; optional (without them: always ask, starting in the Downloads folder). */
export interface DownloadPreferences {
  /** Whether `downloads.start` without `saveTo` shows the save dialog. */
  askWhereToSave(): Promise<boolean>;
  /** The default folder setting, or null for the system Downloads folder. */
  defaultFolder(): Promise<string | null>;
  /** The folder last chosen in the save dialog. */
  lastFolder(): Promise<string | null>;
  rememberFolder(dir: string): Promise<void>;
  /** What a download into the default folder does when the name is taken. */
  nameConflict(): Promise<Settings['nameConflict']>;
  /** Stores "Remember my choice" as the `nameConflict` setting. */
  rememberNameConflict(choice: StandingConflictChoice): Promise<void>;
  /** Whether a zip gets its manifest beside it (the `writeManifest` setting). */
  writeManifest(): Promise<boolean>;
}
