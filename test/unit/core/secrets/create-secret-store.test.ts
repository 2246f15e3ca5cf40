import { describe, expect, it } from 'vitest';
import { fail } from '../../../../main/core/app-error';
import { createSecretStore } from '../../../../main/core/secrets/create-secret-store';
import { SessionSecretStore } from '../../../../main/core/secrets/session-secret-store';
import { MemorySecretStore } from '../../../helpers/memory-secret-store';

/** A keychain whose every call fails the way an unreachable Secret Service does. */
function brokenKeychain(): MemorySecretStore {
  const store = new MemorySecretStore();
  store.list = async () => fail('keychain', 'No Secret Service is running in this session.');
  return store;
}

describe('createSecretStore', () => {
  it('uses the keychain when it answers', async () => {
    const keychain = new MemorySecretStore();
    const chain = await createSecretStore({ keychain, encryptedFile: async () => ({ store: new MemorySecretStore() }) });
    expect(chain.store).toBe(keychain);
    expect(chain.status).toEqual({ backend: 'keychain' });
  });

  it('falls back to the encrypted file with a warning when the keychain fails', async () => {
    const file = new MemorySecretStore();
    const chain = await createSecretStore({ keychain: brokenKeychain(), encryptedFile: async () => ({ store: file }) });
    expect(chain.store).toBe(file);
    expect(chain.status.backend).toBe('encrypted-file');
    expect(chain.status.warning).toBe(
      'The system keychain cannot be used, so API keys are kept in a file encrypted by the operating system, which the command line cannot read: to keep keys in the keychain, unlock it (on Linux, start a Secret Service such as GNOME Keyring) and restart Export Manager.',
    );
    // One sentence, one action; what failed is apart, in its own words.
    expect(chain.status.warning).not.toMatch(/\(.*\(/);
    expect(chain.status.warningDetail).toMatch(/^The keychain: .*No Secret Service/);
  });

  it('keeps keys for the session only, saying why, when the file would be plain text', async () => {
    const chain = await createSecretStore({
      keychain: brokenKeychain(),
      encryptedFile: async () => ({ unavailable: 'the only encryption available (basic_text) is plain text in effect.' }),
    });
    expect(chain.store).toBeInstanceOf(SessionSecretStore);
    expect(chain.status.backend).toBe('session');
    expect(chain.status.warning).toMatch(/^The system keychain cannot be used, nor an encrypted file, so API keys are kept only until the app quits: to keep keys in the keychain, unlock it .* and restart Export Manager\.$/);
    expect(chain.status.warning!.match(/\./g)).toHaveLength(1);
    expect(chain.status.warningDetail).toMatch(/^The keychain: .* The encrypted file: .*basic_text/);
    await chain.store.set('p', 'k');
    expect(await chain.store.get('p')).toBe('k');
  });

  it('keeps keys for the session when there is no fallback at all', async () => {
    const chain = await createSecretStore({ keychain: brokenKeychain() });
    expect(chain.status.backend).toBe('session');
  });
});
