import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import { fail } from '../core/app-error';
import type { FallbackOutcome } from '../core/secrets/create-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';

/** The part of Electron's safeStorage this store uses (the async API; the sync one is deprecated). */
export type SafeStorageLike = Pick<
  SafeStorage,
  'encryptStringAsync' | 'decryptStringAsync' | 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'
>;

/** The file's layout: account → base64 ciphertext. */
interface KeyFile {
  version: 1;
  keys: Record<string, string>;
}

/**
 * Keys encrypted with Electron's safeStorage in one JSON file (the fallback when the OS
 * keychain cannot be used through keytar). Only ciphertext is written; writes replace the file
 * atomically.
 */
export class SafeStorageSecretStore implements SecretStore {
  // Serialises read-modify-write cycles within this process.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: string,
  ) {}

  /**
   * Opens the store, or says why it cannot be used: encryption unavailable, or (on Linux) the
   * `basic_text` backend, which encrypts with a hard-coded key and so is plain text in effect.
   * Availability is asked first: the async encryptor starts lazily, and until it has, Linux
   * reports its backend as `unknown`, which is refused too rather than trusted.
   */
  static async open(safeStorage: SafeStorageLike, file: string, platform: NodeJS.Platform = process.platform): Promise<FallbackOutcome> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      return { unavailable: 'the operating system offers no encryption to the app.' };
    }
    const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
    if (backend === 'basic_text' || backend === 'unknown') {
      return {
        unavailable: `the only encryption available (${backend}) is not backed by a system keyring, which is no better than plain text.`,
      };
    }
    return { store: new SafeStorageSecretStore(safeStorage, file) };
  }

  private async readKeys(): Promise<Record<string, string>> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as Partial<KeyFile>;
      return parsed.keys && typeof parsed.keys === 'object' ? { ...parsed.keys } : {};
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return {};
      throw error;
    }
  }

  private async writeKeys(keys: Record<string, string>): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const body: KeyFile = { version: 1, keys };
    await writeFile(temp, JSON.stringify(body), { mode: 0o600 });
    await rename(temp, this.file);
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async get(account: string): Promise<string | null> {
    const cipher = (await this.readKeys())[account];
    if (cipher === undefined) return null;
    let decrypted: Awaited<ReturnType<SafeStorageLike['decryptStringAsync']>>;
    try {
      decrypted = await this.safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'));
    } catch (error) {
      // The OS key changed (another user account, a reset keyring): the stored key is lost for good.
      fail('keychain', 'The saved API key can no longer be decrypted (the system encryption key changed). Set the key again.', {
        cause: error,
      });
    }
    const { result, shouldReEncrypt } = decrypted;
    if (shouldReEncrypt) await this.set(account, result);
    return result;
  }

  set(account: string, secret: string): Promise<void> {
    return this.serial(async () => {
      const cipher = await this.safeStorage.encryptStringAsync(secret);
      const keys = await this.readKeys();
      keys[account] = cipher.toString('base64');
      await this.writeKeys(keys);
    });
  }

  delete(account: string): Promise<boolean> {
    return this.serial(async () => {
      const keys = await this.readKeys();
      if (!(account in keys)) return false;
      delete keys[account];
      await this.writeKeys(keys);
      return true;
    });
  }

  async list(): Promise<string[]> {
    return Object.keys(await this.readKeys());
  }
}
