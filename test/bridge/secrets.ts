import { createSecretStore } from '../../main/core/secrets/create-secret-store';
import type { SecretChain } from '../../main/core/secrets/create-secret-store';
import { KeytarSecretStore } from '../../main/core/secrets/keytar-secret-store';
import type { KeytarModule } from '../../main/core/secrets/keytar-secret-store';

/** Where the bridge keeps keys: the OS keychain as the app uses it, or memory as on a desktop without one. */
export type BridgeSecretBackend = 'keychain' | 'session';

/**
 * The bridge's keys: the real OS keychain, as the app uses it (in CI, the gnome-keyring of
 * the keyring session), falling back to memory with a warning where there is none.
 */
export function bridgeSecretStore(): Promise<SecretChain> {
  return createSecretStore({ keychain: new KeytarSecretStore() });
}

/** What libsecret says when the session bus has no Secret Service (a desktop without gnome-keyring or KeePassXC). */
const NO_SECRET_SERVICE = 'The name org.freedesktop.secrets was not provided by any .service files';

/**
 * keytar on a session with no Secret Service: every call fails as libsecret does there. The
 * machine running the tests usually has one, and one process cannot unplug its D-Bus, so this
 * stands in for the desktop alone; the keychain store, the chain, its warning and the core are
 * the app's own. (The collection probe is told there is nothing to ask, as with no bus.)
 */
function keychainWithoutSecretService(): KeytarSecretStore {
  const refuse = async (): Promise<never> => {
    throw new Error(NO_SECRET_SERVICE);
  };
  const keytar: KeytarModule = { getPassword: refuse, setPassword: refuse, deletePassword: refuse, findCredentials: refuse };
  return new KeytarSecretStore({ load: () => keytar, probe: async () => null });
}

/** The bridge's keys where the keychain cannot be used: the app's own chain falls back to this session only, with its warning. */
export function sessionOnlySecretStore(): Promise<SecretChain> {
  return createSecretStore({ keychain: keychainWithoutSecretService() });
}

/** The chain for `backend`. */
export function secretStoreFor(backend: BridgeSecretBackend): Promise<SecretChain> {
  return backend === 'session' ? sessionOnlySecretStore() : bridgeSecretStore();
}
