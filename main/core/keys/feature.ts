import type { KeyStatus } from '../../../shared/api/keys';
import { checkedApiKey } from '../http/api-key-format';
import { checkKeyAllowedFor } from '../http/key-policy';
import type { Feature, MethodsOf } from '../handlers';
import type { EventSink } from '../ports';
import type { Store } from '../store/store';
import { keyHint } from './key-hint';
import type { SecretStore, SecretsStatus } from '../secrets/secret-store';

/** `keys.*`: set, replace, remove and check a profile's key. No method returns a key. */
export function createKeysFeature(deps: {
  /** Where the profiles are, so a key is only ever set for one that exists. */
  store: Store;
  /** The key store the app settled on (see `createSecretStore`). */
  secrets: SecretStore;
  secretsStatus: SecretsStatus;
  events: EventSink;
}): Feature<MethodsOf<'keys'>> {
  const { store, secrets } = deps;
  const status = async (profileId: string): Promise<KeyStatus> => {
    const key = await secrets.get(profileId);
    return { hasKey: key !== null, hint: keyHint(key), backend: deps.secretsStatus.backend };
  };
  const changed = (profileId: string) => deps.events.emit('keys.changed', { profileId });
  return {
    handlers: {
      'keys.set': async ({ profileId, key }) => {
        checkKeyAllowedFor(store.profiles.require(profileId).baseUrl);
        // A key that cannot be a header value would be stored, then fail every download.
        await secrets.set(profileId, checkedApiKey(key));
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
    },
  };
}
