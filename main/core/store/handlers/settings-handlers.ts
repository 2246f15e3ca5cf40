import type { settingsMethods } from '../../../../shared/api/settings';
import type { HandlerTable } from '../../handlers';
import type { StoreHandlerDeps } from './deps';

/** Handlers for `settings.*`. */
export function createSettingsHandlers(deps: StoreHandlerDeps): HandlerTable<keyof typeof settingsMethods> {
  const { store } = deps;
  return {
    'settings.get': () => store.settings.get(),
    'settings.set': (patch) => {
      if (patch.activeProfileId) store.profiles.require(patch.activeProfileId);
      const settings = store.settings.set(patch);
      deps.events?.emit('settings.changed', settings);
      return settings;
    },
    'settings.status': () => ({
      recoveredFrom: store.recoveredFrom,
      databasePath: store.path,
      secretsBackend: deps.secretsStatus.backend,
      secretsWarning: deps.secretsStatus.warning ?? null,
    }),
  };
}
