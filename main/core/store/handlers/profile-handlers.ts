import type { profilesMethods } from '../../../../shared/api/profiles';
import type { HandlerTable } from '../../handlers';
import { appErrorOf } from '../../app-error';
import { checkProfileBaseUrl } from '../source-urls';
import type { StoreHandlerDeps } from './deps';

/** Handlers for `profiles.*`. */
export function createProfileHandlers(deps: StoreHandlerDeps): HandlerTable<Exclude<keyof typeof profilesMethods, 'profiles.checkConnection'>> {
  const { store, secrets } = deps;
  const changed = () => deps.events?.emit('profiles.changed', null);
  return {
    'profiles.list': () => store.profiles.list(),
    'profiles.create': ({ name, baseUrl }) => {
      const profile = store.profiles.create(name, checkProfileBaseUrl(baseUrl, false));
      changed();
      return profile;
    },
    'profiles.rename': ({ id, name }) => {
      const profile = store.profiles.rename(id, name);
      changed();
      return profile;
    },
    'profiles.setBaseUrl': async ({ id, baseUrl }) => {
      store.profiles.require(id);
      const hasKey = (await secrets.get(id)) !== null;
      const profile = store.profiles.setBaseUrl(id, checkProfileBaseUrl(baseUrl, hasKey));
      changed();
      return profile;
    },
    'profiles.delete': async ({ id }) => {
      store.profiles.delete(id);
      if (store.settings.get().activeProfileId === id) store.settings.set({ activeProfileId: null });
      changed();
      // The profile is gone either way; a key left behind is reported, not hidden.
      try {
        return { keyRemoved: await secrets.delete(id) };
      } catch (error) {
        const reason = appErrorOf(error)?.message ?? 'the keychain could not be reached.';
        return { keyRemoved: false, warning: `The profile was deleted, but its API key may still be in the keychain: ${reason}` };
      }
    },
  };
}
