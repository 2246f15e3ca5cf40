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
