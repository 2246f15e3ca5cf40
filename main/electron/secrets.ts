import { join } from 'node:path';
import { safeStorage } from 'electron';
import { createSecretStore } from '../core/secrets/create-secret-store';
import type { SecretChain } from '../core/secrets/create-secret-store';
import { KeytarSecretStore } from '../core/secrets/keytar-secret-store';
import type { Paths } from '../core/ports';
import { SafeStorageSecretStore } from './safe-storage-secret-store';

/**
 * The app's SecretStore: the OS keychain through keytar (shared with the command line), else
 * a file encrypted with Electron's safeStorage, else memory for this session only when even
 * that would be plain text (Linux `basic_text`). The chain's status tells the user which.
 */
export function createElectronSecretStore(paths: Paths): Promise<SecretChain> {
  return createSecretStore({
    keychain: new KeytarSecretStore(),
    encryptedFile: () => SafeStorageSecretStore.open(safeStorage, join(paths.dataDir, 'api-keys.encrypted.json')),
  });
}
