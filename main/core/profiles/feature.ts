import type { Feature, MethodsOf } from '../handlers';
import { appErrorOf } from '../app-error';
import { checkProfileBaseUrl, sameOrigin } from '../http/key-policy';
import type { EventSink } from '../ports';
import type { SecretStore } from '../secrets/secret-store';
import type { Store } from '../store/store';
import type { Network } from '../http/network/network';
import { whileBusy } from '../store/while-busy';

/** How long a connection check waits to connect, then for each read. */
const CHECK_TIMEOUTS = { connectMs: 10_000, idleMs: 15_000 };

/** `profiles.*`: backend profiles in the store, their keys' lifetime, and the connection check. */
export function createProfilesFeature(deps: { store: Store; secrets: SecretStore; events: EventSink; network?: Network }): Feature<MethodsOf<'profiles'>> {
  const { store, secrets } = deps;
  const changed = () => deps.events.emit('profiles.changed', null);
  return {
    handlers: {
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
        const before = store.profiles.require(id);
        const hasKey = (await secrets.get(id)) !== null;
        const moves = !sameOrigin(before.baseUrl, baseUrl.trim());
        // With a key, plain http to another machine is still refused (not a reason to drop it).
        const checked = checkProfileBaseUrl(baseUrl, hasKey);
        // The key was given for the old server: removed before the URL changes, so a keychain
        // failure leaves the profile as it was instead of pointing its key at the new one.
        const keyRemoved = hasKey && moves && (await secrets.delete(id));
        // Retried here rather than by running the call again: a second run would find no key and
        // not say that it was removed.
        const profile = await whileBusy(() => store.profiles.setBaseUrl(id, checked));
        changed();
        const notice = keyRemoved
          ? `The API key was removed: it belonged to ${new URL(before.baseUrl).origin}, and is never sent to another server. Set the key for ${new URL(checked).origin}.`
          : null;
        return { ...profile, keyRemoved, notice };
      },
      'profiles.setMaxBatchSize': ({ id, maxBatchSize }) => {
        const profile = store.profiles.setMaxBatchSize(id, maxBatchSize);
        changed();
        return profile;
      },
      'profiles.checkConnection': async ({ id }) => {
        const { baseUrl } = store.profiles.require(id);
        const apiKey = await secrets.get(id);
        // Loaded on first use: the HTTP client is heavy, and the command line's profile
        // commands (which build this feature) never check a connection.
        const { checkConnection } = await import('../http/check-connection');
        return checkConnection({ baseUrl, apiKey, timeouts: CHECK_TIMEOUTS, network: deps.network });
      },
      'profiles.delete': async ({ id }) => {
        store.deleteProfile(id);
        changed();
        // The profile is gone either way; a key left behind is reported, not hidden.
        try {
          return { keyRemoved: await secrets.delete(id) };
        } catch (error) {
          const reason = appErrorOf(error)?.message ?? 'the keychain could not be reached.';
          return { keyRemoved: false, warning: `The profile was deleted, but its API key may still be in the keychain: ${reason}` };
        }
      },
    },
  };
}
