import { fail } from '../app-error';
import type { DownloadPreferences, DownloadSources } from '../downloads/download-ports';
import type { Settings } from '../../../shared/api/settings';
import type { SecretStore } from '../secrets/secret-store';
import type { Store } from './store';

/**
 * The download engine's `DownloadSources` over the store and a key store: the app's and the
 * command line's one way from a profile to its base URL, its key and its tracked URLs.
 */
export function createDownloadSources(store: Store, secrets: Pick<SecretStore, 'get'>): DownloadSources {
  return {
    async resolve(profileId, exportIds) {
      const profile = store.profiles.require(profileId);
      const sourceFileUrls = exportIds && exportIds.length === 0 ? [] : store.tracked.urls(profileId, exportIds);
      if (exportIds && exportIds.length > 0 && sourceFileUrls.length === 0) {
        fail('not-found', 'None of the selected exports is tracked any more; refresh the list and select again.');
      }
      const apiKey = await secrets.get(profileId);
      return { baseUrl: profile.baseUrl, apiKey, sourceFileUrls, profileName: profile.name, maxBatchSize: profile.maxBatchSize };
    },
  };
}

/**
 * The download engine's `DownloadPreferences` over the settings. `change` applies a setting the
 * user sees (the settings feature's, which announces it); the last folder is bookkeeping.
 */
export function createDownloadPreferences(store: Store, change: (patch: Partial<Settings>) => unknown = (patch) => store.settings.set(patch)): DownloadPreferences {
  return {
    askWhereToSave: async () => store.settings.get().saveMode === 'ask',
    defaultFolder: async () => store.settings.get().defaultFolder,
    lastFolder: async () => store.settings.get().lastSaveFolder,
    rememberFolder: async (dir) => void store.settings.set({ lastSaveFolder: dir }),
    nameConflict: async () => store.settings.get().nameConflict,
    rememberNameConflict: async (choice) => void change({ nameConflict: choice }),
  };
}
