import { fail } from '../app-error';
import type { DownloadHistory, DownloadPreferences, DownloadSources } from '../downloads/download-ports';
import type { SecretStore } from '../secrets/secret-store';
import type { Store } from './store';

/** The download engine's `DownloadSources` over the store and the key store. */
export function createDownloadSources(store: Store, secrets: SecretStore): DownloadSources {
  return {
    async resolve(profileId, exportIds) {
      const profile = store.profiles.require(profileId);
      const sourceFileUrls = exportIds && exportIds.length === 0 ? [] : store.tracked.urls(profileId, exportIds);
      if (exportIds && exportIds.length > 0 && sourceFileUrls.length === 0) {
        fail('not-found', 'None of the selected exports is tracked any more; refresh the list and select again.');
      }
      const apiKey = await secrets.get(profileId);
      return { baseUrl: profile.baseUrl, apiKey, sourceFileUrls, profileName: profile.name };
    },
  };
}

/** The download engine's `DownloadHistory`: each finished job becomes a history entry. */
export function createDownloadHistory(store: Store, onRecorded?: () => void): DownloadHistory {
  return {
    record(entry) {
      store.history.record(entry);
      onRecorded?.();
    },
  };
}

/** The download engine's `DownloadPreferences` over the settings. */
export function createDownloadPreferences(store: Store): DownloadPreferences {
  return {
    askWhereToSave: async () => store.settings.get().saveMode === 'ask',
    defaultFolder: async () => store.settings.get().defaultFolder,
    lastFolder: async () => store.settings.get().lastSaveFolder,
    rememberFolder: async (dir) => void store.settings.set({ lastSaveFolder: dir }),
  };
}
