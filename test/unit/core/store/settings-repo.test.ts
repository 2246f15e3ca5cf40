import { openSqlite } from '../../../../main/core/store/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../main/core/store/settings-repo';
import type { SettingsPatch } from '../../../../shared/api/settings';
import { createStoreFixture } from '../../../helpers/store-fixture';
import type { StoreFixture } from '../../../helpers/store-fixture';

describe('SettingsRepo', () => {
  let fx: StoreFixture;
  beforeEach(() => (fx = createStoreFixture()));
  afterEach(() => fx.cleanup());

  it('starts with the defaults and applies partial changes', () => {
    expect(fx.store.settings.get()).toEqual(DEFAULT_SETTINGS);
    fx.store.settings.set({ theme: 'dark' });
    expect(fx.store.settings.set({ saveMode: 'default-folder', defaultFolder: '/d' })).toEqual({
      ...DEFAULT_SETTINGS, theme: 'dark', saveMode: 'default-folder', defaultFolder: '/d',
    });
    expect(fx.store.settings.set({ defaultFolder: null }).defaultFolder).toBeNull();
  });

  it('refuses invalid values and unknown settings', () => {
    expect(() => fx.store.settings.set({ theme: 'neon' } as unknown as SettingsPatch)).toThrow(/Invalid setting/);
    expect(() => fx.store.settings.set({ apiKey: 'x' } as unknown as SettingsPatch)).toThrow(/Invalid setting/);
  });

  it('falls back to the default for a stored value that no longer validates', () => {
    fx.store.settings.set({ theme: 'light' });
    // Another writer (an older or newer build) left a value this build does not know.
    const other = openSqlite(fx.store.path);
    other.prepare(`UPDATE settings SET value = '"sepia"' WHERE key = 'theme'`).run();
    other.close();
    expect(fx.store.settings.get().theme).toBe('system');
  });
});
