import type { Feature, MethodsOf } from '../handlers';
import type { EventSink } from '../ports';
import type { SecretsStatus } from '../secrets/secret-store';
import type { Store } from './store';

/** `settings.*`: the app's settings, and where its state and keys are kept. */
export function createSettingsFeature(deps: {
  store: Store;
  /** Where keys live and any warning about it. */
  secretsStatus: SecretsStatus;
  events: EventSink;
}): Feature<MethodsOf<'settings'>> {
  const { store } = deps;
  return {
    handlers: {
      'settings.get': () => store.settings.get(),
      'settings.set': (patch) => {
        if (patch.activeProfileId) store.profiles.require(patch.activeProfileId);
        const settings = store.settings.set(patch);
        deps.events.emit('settings.changed', settings);
        return settings;
      },
      'settings.status': () => ({
        recoveredFrom: store.recoveredFrom,
        databasePath: store.path,
        secretsBackend: deps.secretsStatus.backend,
        secretsWarning: deps.secretsStatus.warning ?? null,
      }),
    },
  };
}
