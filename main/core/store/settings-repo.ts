import { z } from 'zod';
import { settingsPatchSchema } from '../../../shared/api/settings';
import type { Settings } from '../../../shared/api/settings';
import { fail } from '../app-error';
import type { SqliteDatabase } from './sqlite';

const folder = z.string().min(1).max(32_767).nullable();

/**
 * What may be stored: the renderer's patch, plus the paths that only main sets (from a folder
 * or file dialog, or the last folder chosen in the save dialog).
 */
const storedSettingsSchema = settingsPatchSchema.extend({ defaultFolder: folder, lastSaveFolder: folder, extraCaFile: folder }).partial().strict();

/** Every setting's value before the user changes it. */
export const DEFAULT_SETTINGS: Readonly<Settings> = {
  saveMode: 'ask',
  defaultFolder: null,
  lastSaveFolder: null,
  nameConflict: 'ask',
  theme: 'system',
  writeManifest: true,
  activeProfileId: null,
  // As Chromium and the OS do: whatever the system's settings, PAC script or WPAD say.
  proxyMode: 'system',
  proxyUrl: null,
  proxyBypass: null,
  extraCaFile: null,
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

/** Settings as key/value rows (JSON values), read into a typed object with defaults. */
export class SettingsRepo {
  constructor(private readonly db: SqliteDatabase) {}

  /** Every setting; stored values that no longer pass validation fall back to the default. */
  get(): Settings {
    const rows = this.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings').all();
    const settings: Settings = { ...DEFAULT_SETTINGS };
    for (const { key, value } of rows) {
      if (!(KEYS as string[]).includes(key)) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        continue;
      }
      const checked = storedSettingsSchema.safeParse({ [key]: parsed });
      if (checked.success) Object.assign(settings, checked.data);
    }
    return settings;
  }

  /** Applies a partial change (validated) and returns every setting. */
  set(patch: Partial<Settings>): Settings {
    const checked = storedSettingsSchema.safeParse(patch);
    if (!checked.success) fail('validation', `Invalid setting: ${checked.error.issues.map((i) => i.message).join('; ')}.`);
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    // Immediate, as every transaction that writes: a deferred one would meet another process's
    // lock at its first write, half-way (see `write` in sqlite.ts).
    this.db
      .transaction(() => {
        for (const [key, value] of Object.entries(checked.data)) {
          if (value !== undefined) upsert.run(key, JSON.stringify(value));
        }
      })
      .immediate();
    return this.get();
  }
}
