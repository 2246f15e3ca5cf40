import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeStorageSecretStore } from '../../../main/electron/safe-storage-secret-store';
import type { SafeStorageLike } from '../../../main/electron/safe-storage-secret-store';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

/** safeStorage without Electron: a reversible byte transform stands in for the OS encryption. */
function fakeSafeStorage(backend: Backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    getSelectedStorageBackend: () => backend,
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (text) => flip(Buffer.from(`enc:${text}`, 'utf8')),
    decryptStringAsync: async (data) => ({ result: flip(data).toString('utf8').replace(/^enc:/, ''), shouldReEncrypt: false }),
  };
}

describe('SafeStorageSecretStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'safe-storage-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores, replaces, lists and deletes keys, writing only ciphertext', async () => {
    const file = join(dir, 'keys.json');
    const outcome = await SafeStorageSecretStore.open(fakeSafeStorage(), file, 'linux');
    if (!('store' in outcome)) throw new Error(outcome.unavailable);
    const store = outcome.store;
    await store.set('p1', 'sk-first-1234567');
    await store.set('p2', 'ключ-🔑');
    await store.set('p1', 'sk-second-7654321');
    expect(await store.get('p1')).toBe('sk-second-7654321');
    expect(await store.get('p2')).toBe('ключ-🔑');
    expect((await store.list()).sort()).toEqual(['p1', 'p2']);
    expect(readFileSync(file, 'utf8')).not.toContain('sk-second');
    expect(await store.delete('p1')).toBe(true);
    expect(await store.delete('p1')).toBe(false);
    expect(await store.get('p1')).toBeNull();
  });

  it('turns a key that no longer decrypts into a keychain error asking to set it again', async () => {
    const file = join(dir, 'keys.json');
    await new SafeStorageSecretStore(fakeSafeStorage(), file).set('p', 'k');
    const broken = { ...fakeSafeStorage(), decryptStringAsync: () => Promise.reject(new Error('bad decrypt')) };
    await expect(new SafeStorageSecretStore(broken, file).get('p')).rejects.toMatchObject({
      appError: { kind: 'keychain', message: expect.stringMatching(/Set the key again/) },
    });
  });

  it('survives concurrent sets without losing one', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), join(dir, 'keys.json'));
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.set(`p${i}`, `k${i}`)));
    expect((await store.list()).length).toBe(10);
  });

  it('refuses the basic_text backend on Linux (a hard-coded key is plain text in effect)', async () => {
    const outcome = await SafeStorageSecretStore.open(fakeSafeStorage('basic_text'), join(dir, 'k.json'), 'linux');
    expect(outcome).toEqual({ unavailable: expect.stringMatching(/basic_text/) });
  });

  it('refuses an unknown backend on Linux instead of trusting it', async () => {
    const outcome = await SafeStorageSecretStore.open(fakeSafeStorage('unknown'), join(dir, 'k.json'), 'linux');
    expect(outcome).toEqual({ unavailable: expect.stringMatching(/unknown/) });
  });

  it('uses the encrypted file on Linux with a keyring-backed backend', async () => {
    const outcome = await SafeStorageSecretStore.open(fakeSafeStorage('gnome_libsecret'), join(dir, 'k.json'), 'linux');
    expect('store' in outcome).toBe(true);
  });

  it('refuses when the OS offers no encryption', async () => {
    const outcome = await SafeStorageSecretStore.open(fakeSafeStorage('unknown', false), join(dir, 'k.json'), 'darwin');
    expect(outcome).toEqual({ unavailable: expect.stringMatching(/no encryption/) });
  });
});
