import type { historyMethods } from '../../../../shared/api/history';
import type { keysMethods } from '../../../../shared/api/keys';
import type { profilesMethods } from '../../../../shared/api/profiles';
import type { settingsMethods } from '../../../../shared/api/settings';
import type { trackedMethods } from '../../../../shared/api/tracked';
import type { HandlerTable } from '../../handlers';
import type { StoreHandlerDeps } from './deps';
import { createHistoryHandlers } from './history-handlers';
import { createKeyHandlers } from './key-handlers';
import { createProfileHandlers } from './profile-handlers';
import { createSettingsHandlers } from './settings-handlers';
import { createTrackedHandlers } from './tracked-handlers';

/** Every method of the state features. */
export type StoreMethodName =
  | Exclude<keyof typeof profilesMethods, 'profiles.checkConnection'>
  | keyof typeof keysMethods
  | keyof typeof trackedMethods
  | keyof typeof historyMethods
  | keyof typeof settingsMethods;

/** Handlers for `profiles.*`, `keys.*`, `tracked.*`, `history.*` and `settings.*`. */
export function createStoreHandlers(deps: StoreHandlerDeps): HandlerTable<StoreMethodName> {
  return {
    ...createProfileHandlers(deps),
    ...createKeyHandlers(deps),
    ...createTrackedHandlers(deps),
    ...createHistoryHandlers(deps),
    ...createSettingsHandlers(deps),
  };
}

export type { StoreHandlerDeps };
