import { fail } from '../app-error';
import { deliveriesOf } from './delivery-records';
import type { DownloadPreferences, DownloadSources } from './download-ports';
import type { Settings } from '../../../shared/api/settings';
import type { SecretStore } from '../secrets/secret-store';
import type { Store } from '../store/store';
import { whileBusy } from '../store/while-busy';

/**
 * The download engine's `DownloadSources` over the store and a key store: the app's and the
 * command line's one way from a profile to its base URL, its key and its tracked URLs, and back
 * to the tracked exports with what a download delivered.
 */
export function createDownloadSources(store: Store, secrets: Pick<SecretStore, 'get'>): DownloadSources {
  return {
    async resolve(profileId, scope) {
      const profile = store.profiles.require(profileId);
      const exports = scope ? store.tracked.selection(profileId, scope) : [];
      if (scope && 'ids' in scope && scope.ids.length > 0 && exports.length === 0) {
        fail('state', 'None of the selected exports is tracked any more; refresh the list and select again.');
      }
      const apiKey = await secrets.get(profileId);
      return {
        baseUrl: profile.baseUrl,
        apiKey,
        sourceFileUrls: exports.map((item) => item.sourceFileUrl),
        exportIds: exports.map((item) => item.id),
        profileName: profile.name,
        maxBatchSize: profile.maxBatchSize,
      };
    },
    labelsOf: (profileId, exportIds) => exportIds.map((id) => store.tracked.get(profileId, id)?.label ?? ''),
    async recordDelivery(profileId, outcome) {
      const batch = deliveriesOf(outcome);
      return (await whileBusy(() => store.deliveries.record(profileId, batch))) > 0;
    },
  };
}

/**
 * The download engine's `DownloadPreferences` over the settings. `change` applies a setting the
 * user sees (the settings feature's, which announces it); the last folder is bookkeeping. Jobs
 * call these while they run, after dialogs and questions, never as a whole API call that could
 * be run again: each waits out a busy database itself.
 */
export function createDownloadPreferences(store: Store, change: (patch: Partial<Settings>) => unknown = (patch) => store.settings.set(patch)): DownloadPreferences {
  const settings = () => whileBusy(() => store.settings.get());
  return {
    askWhereToSave: async () => (await settings()).saveMode === 'ask',
    defaultFolder: async () => (await settings()).defaultFolder,
    lastFolder: async () => (await settings()).lastSaveFolder,
    rememberFolder: async (dir) => void (await whileBusy(() => store.settings.set({ lastSaveFolder: dir }))),
    nameConflict: async () => (await settings()).nameConflict,
    rememberNameConflict: async (choice) => void (await whileBusy(() => change({ nameConflict: choice }))),
    writeManifest: async () => (await settings()).writeManifest,
  };
}
