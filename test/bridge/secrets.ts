import { createSecretStore } from '../../main/core/secrets/create-secret-store';
import type { SecretChain } from '../../main/core/secrets/create-secret-store';
import { KeytarSecretStore } from '../../main/core/secrets/keytar-secret-store';

/**
 * The bridge's keys: the real OS keychain, as the app uses it (in CI, the gnome-keyring of
 * the keyring session), falling back to memory with a warning where there is none.
 */
export function bridgeSecretStore(): Promise<SecretChain> {
  return createSecretStore({ keychain: new KeytarSecretStore() });
}
