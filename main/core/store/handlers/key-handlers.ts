import type { KeyStatus, keysMethods } from '../../../../shared/api/keys';
import { fail } from '../../app-error';
import type { HandlerTable } from '../../handlers';
import { keyHint } from '../../secrets/key-hint';
import { keyAllowedFor } from '../source-urls';
import type { StoreHandlerDeps } from './deps';

/** Handlers for `keys.*`: set, replace, remove, status. None returns a key. */
export function createKeyHandlers(deps: StoreHandlerDeps): HandlerTable<keyof typeof keysMethods> {
  const { store, secrets } = deps;
  const status = async (profileId: string): Promise<KeyStatus> => {
    const key = await secrets.get(profileId);
    return { hasKey: key !== null, hint: keyHint(key), backend: deps.secretsStatus.backend };
  };
  const changed = (profileId: string) => deps.events?.emit('keys.changed', { profileId });
  return {
    'keys.set': async ({ profileId, key }) => {
      const profile = store.profiles.require(profileId);
      if (!keyAllowedFor(profile.baseUrl)) {
        fail(
          'validation',
          `This profile's base URL uses plain http to ${new URL(profile.baseUrl).hostname}, which would send the key in clear text. Change it to https:// first.`,
        );
      }
      await secrets.set(profileId, key);
      changed(profileId);
      return status(profileId);
    },
    'keys.remove': async ({ profileId }) => {
      store.profiles.require(profileId);
      await secrets.delete(profileId);
      changed(profileId);
      return status(profileId);
    },
    'keys.status': async ({ profileId }) => {
      store.profiles.require(profileId);
      return status(profileId);
    },
  };
}
