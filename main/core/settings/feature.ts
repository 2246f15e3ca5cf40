import type { Settings, StateStatus } from '../../../shared/api/settings';
import type { Feature, MethodsOf } from '../handlers';
import { chooseExtraCaFile } from '../http/network/extra-ca-file';
import type { Dialogs, EventSink } from '../ports';
import type { SecretsStatus } from '../secrets/secret-store';
import { recoveryMessage } from '../store/recovery-notice';
import type { Store } from '../store/store';
import { whileBusy } from '../store/while-busy';

/** `settings.*`, plus the door through which main changes a setting (announced like any other change). */
export interface SettingsFeature extends Feature<MethodsOf<'settings'>> {
  /** Applies a change made in main (e.g. "Remember my choice" in a download's question) and emits `settings.changed`. */
  change(patch: Partial<Settings>): Settings;
}

/** `settings.*`: the app's settings, and where its state and keys are kept. It alone emits `settings.changed`. */
export function createSettingsFeature(deps: {
  store: Store;
  /** Where keys live and any warning about it; read at every call (the app's reads `checking` until the keychain answers). */
  secretsStatus: SecretsStatus;
  /** Resolves when `secretsStatus` becomes known, if it was not at start: then `settings.statusChanged` tells the window. */
  secretsSettled?: Promise<unknown>;
  events: EventSink;
  dialogs: Pick<Dialogs, 'chooseFolder' | 'openFiles'>;
  /** Where the folder dialog starts when no default folder is set. */
  downloadsDir: string;
}): SettingsFeature {
  const { store } = deps;
  // Taken once, when the app starts: the window shows it for this whole session, and the next
  // start does not show it again.
  const recoveredFrom = store.takeRecoveryNotice('app');
  // The active profile is named even before one was chosen (the first profile, as the list
  // shows it), so the window can ask for its exports alongside the settings, not after the list.
  const current = (settings: Settings): Settings => {
    const chosen = settings.activeProfileId;
    const profiles = store.profiles.list();
    const active = profiles.find((profile) => profile.id === chosen) ?? profiles[0];
    return { ...settings, activeProfileId: active?.id ?? null };
  };
  const status = (): StateStatus => ({
    recoveredFrom,
    recoveryNotice: recoveredFrom ? recoveryMessage(recoveredFrom) : null,
    databasePath: store.path,
    secretsBackend: deps.secretsStatus.backend,
    secretsWarning: deps.secretsStatus.warning ?? null,
    secretsWarningDetail: deps.secretsStatus.warningDetail ?? null,
  });
  void deps.secretsSettled?.then(() => deps.events.emit('settings.statusChanged', status()));
  const change = (patch: Partial<Settings>) => {
    const settings = current(store.settings.set(patch));
    deps.events.emit('settings.changed', settings);
    return settings;
  };
  return {
    change,
    handlers: {
      'settings.get': () => current(store.settings.get()),
      'settings.set': (patch) => {
        if (patch.activeProfileId) store.profiles.require(patch.activeProfileId);
        return change(patch);
      },
      // The renderer never names a folder: main asks, so a page cannot point downloads anywhere.
      'settings.chooseDefaultFolder': async () => {
        const before = current(store.settings.get());
        const folder = await deps.dialogs.chooseFolder({
          title: 'Choose the default download folder',
          defaultPath: before.defaultFolder ?? deps.downloadsDir,
        });
        // After the dialog: retried here rather than by running the call again, which would ask again.
        return folder === null ? before : whileBusy(() => change({ defaultFolder: folder }));
      },
      // Likewise a certificate file: main asks, and reads it only when a request needs it.
      'settings.chooseExtraCaFile': async () => {
        const before = current(store.settings.get());
        const file = await chooseExtraCaFile(deps.dialogs);
        return file === null ? before : whileBusy(() => change({ extraCaFile: file }));
      },
      'settings.status': status,
    },
  };
}
