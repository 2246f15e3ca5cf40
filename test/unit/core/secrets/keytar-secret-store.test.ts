import { describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../../main/core/secrets/keytar-secret-store';
import type { KeytarModule } from '../../../../main/core/secrets/keytar-secret-store';

const never = <T>() => new Promise<T>(() => {});

/** A keytar that never answers, like a keychain waiting on a prompt nobody sees. */
const hanging: KeytarModule = {
  getPassword: () => never(),
  setPassword: () => never(),
  deletePassword: () => never(),
  findCredentials: () => never(),
};

function failing(message: string): KeytarModule {
  const reject = () => Promise.reject(new Error(message));
  return { getPassword: reject, setPassword: reject, deletePassword: reject, findCredentials: reject };
}

describe('KeytarSecretStore', () => {
  it('gives up on every call after the timeout with a keychain error', async () => {
    const store = new KeytarSecretStore({ timeoutMs: 30, load: () => hanging });
    for (const call of [() => store.get('a'), () => store.set('a', 'secret-value'), () => store.delete('a'), () => store.list()]) {
      await expect(call()).rejects.toMatchObject({ appError: { kind: 'keychain', message: expect.stringMatching(/did not answer/) } });
    }
  });

  it('turns a module that fails to load into a keychain error with what to do', async () => {
    const store = new KeytarSecretStore({
      load: () => {
        throw new Error("Cannot find module 'keytar'");
      },
    });
    await expect(store.get('a')).rejects.toMatchObject({ appError: { kind: 'keychain', message: expect.stringMatching(/reinstall/) } });
  });

  it('explains a missing Secret Service and a locked keychain', async () => {
    const noService = new KeytarSecretStore({ load: () => failing('The name org.freedesktop.secrets was not provided by any .service files') });
    await expect(noService.list()).rejects.toMatchObject({ appError: { kind: 'keychain', message: expect.stringMatching(/gnome-keyring/) } });
    const locked = new KeytarSecretStore({ load: () => failing('Cannot create an item in a locked collection') });
    await expect(locked.set('a', 'the-secret-value')).rejects.toMatchObject({ appError: { message: expect.stringMatching(/unlock it/) } });
  });

  it('never puts the key into an error message', async () => {
    const store = new KeytarSecretStore({ load: () => failing('Cannot create an item in a locked collection') });
    const error = await store.set('a', 'sk-very-secret-0001').catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toContain('sk-very-secret-0001');
  });

  it('uses the export-manager service with the profile id as account', async () => {
    const calls: string[] = [];
    const store = new KeytarSecretStore({
      load: () => ({
        getPassword: async (service, account) => (calls.push(`${service}/${account}`), 'v'),
        setPassword: async () => {},
        deletePassword: async () => true,
        findCredentials: async () => [{ account: 'p1', password: 'x' }],
      }),
    });
    expect(await store.get('p1')).toBe('v');
    expect(calls).toEqual(['export-manager/p1']);
    expect(await store.list()).toEqual(['p1']);
  });
});

describe('KeytarSecretStore with a locked or missing default keyring', () => {
  const empty: KeytarModule = {
    getPassword: async () => null,
    setPassword: () => Promise.reject(new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”')),
    deletePassword: async () => false,
    findCredentials: () => Promise.reject(new Error('listing a locked keyring crashes keytar: must not be called')),
  };

  it('does not take "no key" at its word: a locked keyring is a keychain error saying to unlock it', async () => {
    const store = new KeytarSecretStore({ load: () => empty, probe: async () => 'locked' });
    for (const call of [() => store.get('a'), () => store.delete('a'), () => store.list()]) {
      await expect(call()).rejects.toMatchObject({ appError: { kind: 'keychain', message: expect.stringMatching(/locked\. Unlock it/) } });
    }
  });

  it('says to create a default keyring instead of showing a D-Bus object path', async () => {
    const store = new KeytarSecretStore({ load: () => empty, probe: async () => 'missing' });
    const error = await store.set('a', 'secret-value').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ appError: { kind: 'keychain', message: expect.stringMatching(/no default keyring.*Create one/) } });
    expect((error as Error).message).not.toMatch(/org\/freedesktop/);
  });

  it('answers "no key" when the keyring is usable', async () => {
    const store = new KeytarSecretStore({ load: () => empty, probe: async () => null });
    expect(await store.get('a')).toBeNull();
    expect(await store.delete('a')).toBe(false);
  });
});
