import type { SecretStore } from '../../main/core/ports';
import { MemorySecretStore } from '../helpers/memory-secret-store';

/** The SecretStore the bridge uses: the real keychain once it is wired, memory until then. */
export async function bridgeSecretStore(): Promise<SecretStore> {
  return new MemorySecretStore();
}
