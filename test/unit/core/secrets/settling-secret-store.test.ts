import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../../main/core/core';
import type { Core } from '../../../../main/core/core';
import type { SecretChain } from '../../../../main/core/secrets/create-secret-store';
import { SettlingSecretStore } from '../../../../main/core/secrets/settling-secret-store';
import { MemorySecretStore } from '../../../helpers/memory-secret-store';
import { value } from '../../../helpers/result-value';
import { createTestPorts } from '../../../helpers/test-ports';
import type { TestPorts } from '../../../helpers/test-ports';

/** A keychain answer that the test gives when it chooses. */
function pendingChain(): { promise: Promise<SecretChain>; answer(chain: SecretChain): void; refuse(error: Error): void } {
  let answer!: (chain: SecretChain) => void;
  let refuse!: (error: Error) => void;
  const promise = new Promise<SecretChain>((resolve, reject) => {
    answer = resolve;
    refuse = reject;
  });
  return { promise, answer, refuse };
}

describe('SettlingSecretStore', () => {
  it('reads "checking" until the keychain answers, then where keys live', async () => {
    const chain = pendingChain();
    const store = new SettlingSecretStore(chain.promise);
    expect(store.status).toEqual({ backend: 'checking' });
    chain.answer({ store: new MemorySecretStore(), status: { backend: 'encrypted-file', warning: 'no keychain' } });
    await expect(store.settled).resolves.toEqual({ backend: 'encrypted-file', warning: 'no keychain' });
    expect(store.status).toEqual({ backend: 'encrypted-file', warning: 'no keychain' });
  });

  it('holds calls until the store is chosen, then sends them to it', async () => {
    const chain = pendingChain();
    const store = new SettlingSecretStore(chain.promise);
    const chosen = new MemorySecretStore();
    const setting = store.set('profile-1', 'secret-key-value');
    let listed: string[] | null = null;
    const listing = store.list().then((accounts) => (listed = accounts));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(listed).toBeNull();
    chain.answer({ store: chosen, status: { backend: 'keychain' } });
    await setting;
    await listing;
    expect(await chosen.get('profile-1')).toBe('secret-key-value');
    expect(await store.get('profile-1')).toBe('secret-key-value');
    expect(await store.delete('profile-1')).toBe(true);
  });

  it('keeps keys in memory for the session, saying why, if choosing fails', async () => {
    const chain = pendingChain();
    const store = new SettlingSecretStore(chain.promise);
    chain.refuse(new Error('probe crashed'));
    const status = await store.settled;
    expect(status.backend).toBe('session');
    expect(status.warning).toMatch(/^API keys are kept only until the app quits, .*: restart Export Manager to try the keychain again\.$/);
    expect(status.warningDetail).toBe('probe crashed');
    await store.set('profile-1', 'secret-key-value');
    expect(await store.get('profile-1')).toBe('secret-key-value');
  });
});

describe('core before the keychain answers', () => {
  let ports: TestPorts;
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    ports?.cleanup();
  });

  it('serves the window at once, says the keychain is being checked, and tells when it knows', async () => {
    const chain = pendingChain();
    const secrets = new SettlingSecretStore(chain.promise);
    ports = createTestPorts({ secrets });
    core = await createCore(ports, {
      identity: { name: 'Export Manager', version: '0.0.0-test', platform: process.platform },
      sampleBackend: false,
      secretsStatus: secrets.status,
      secretsSettled: secrets.settled,
    });
    expect((await value(core.api['settings.status'](undefined))).secretsBackend).toBe('checking');
    await value(core.api['profiles.list'](undefined));
    expect(ports.events.recorded.some((event) => event.name === 'settings.statusChanged')).toBe(false);

    chain.answer({ store: new MemorySecretStore(), status: { backend: 'keychain' } });
    await secrets.settled;
    await new Promise((resolve) => setImmediate(resolve));
    const told = ports.events.recorded.filter((event) => event.name === 'settings.statusChanged');
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toMatchObject({ secretsBackend: 'keychain', secretsWarning: null });
    expect((await value(core.api['settings.status'](undefined))).secretsBackend).toBe('keychain');
  });
});
