import { z } from 'zod';
import { event, method } from '../contract';
import type { StandingConflictChoice } from './downloads';
import type { SecretsBackend } from './keys';

/** The app's settings, with their defaults filled in. */
export interface Settings {
  /** `ask`: the save dialog every time; `default-folder`: save into the default folder without asking. */
  saveMode: 'ask' | 'default-folder';
  /** null: the system Downloads folder. */
  defaultFolder: string | null;
  /** The folder last chosen in the save dialog. */
  lastSaveFolder: string | null;
  /** Saving into the default folder where the name is taken: ask, or the remembered answer (the save dialog asks on its own). */
  nameConflict: StandingConflictChoice | 'ask';
  theme: 'system' | 'light' | 'dark';
  /** Write `NAME.manifest.json` beside every downloaded zip (what was asked for and what arrived, every entry's SHA-256), for Verify. */
  writeManifest: boolean;
  /** The profile the window shows: the one chosen, else the first profile; null only when there is none. */
  activeProfileId: string | null;
}

/** How the app's state is kept, and anything the user must be told about it. */
export interface StateStatus {
  /**
   * Where a damaged database was moved aside (a fresh one was started), set for the one app
   * session that must tell the user; null otherwise and in every later session.
   */
  recoveredFrom: string | null;
  /** The sentence to show with `recoveredFrom` (what happened, what it means, where the copy is), else null. */
  recoveryNotice: string | null;
  databasePath: string;
  secretsBackend: SecretsBackend;
  /** When keys are not in the OS keychain: what it means, in one sentence with one thing to do. */
  secretsWarning: string | null;
  /** What failed on the way there (the keychain's and the fallback's own words), when it did. */
  secretsWarningDetail: string | null;
}

/** The schema of a partial settings change. */
export const settingsPatchSchema = z
  .object({
    saveMode: z.enum(['ask', 'default-folder']),
    /** Only back to the system Downloads folder: a folder is set with `settings.chooseDefaultFolder`. */
    defaultFolder: z.null(),
    nameConflict: z.enum(['ask', 'keep-both', 'replace']),
    theme: z.enum(['system', 'light', 'dark']),
    writeManifest: z.boolean(),
    activeProfileId: z.string().min(1).max(100).nullable(),
  })
  .partial()
  .strict();

/** A partial settings change. */
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

/** Methods about settings. */
export const settingsMethods = {
  'settings.get': method<Settings>()(z.undefined()),
  /** Applies a partial change; returns every setting. */
  'settings.set': method<Settings>()(settingsPatchSchema),
  /** Asks for the default download folder with the folder dialog; returns every setting (unchanged when cancelled). */
  'settings.chooseDefaultFolder': method<Settings>()(z.undefined()),
  /** Where state lives, a recovered damaged database, where keys are kept. */
  'settings.status': method<StateStatus>()(z.undefined()),
} as const;

/** Events about settings. */
export const settingsEvents = {
  'settings.changed': event<Settings>(),
  /** Where keys are kept became known (the keychain answered, or a fallback was chosen). */
  'settings.statusChanged': event<StateStatus>(),
} as const;
