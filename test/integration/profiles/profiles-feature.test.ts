import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../main/core/api';
import { createProfilesFeature } from '../../../main/core/profiles/feature';
import { MemorySecretStore } from '../../helpers/memory-secret-store';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { createStoreFixture } from '../../helpers/store-fixture';
import type { StoreFixture } from '../../helpers/store-fixture';

let backends: SampleFixture;
let state: StoreFixture;
beforeEach(() => {
  backends = createSampleFixture();
  state = createStoreFixture();
});
afterEach(async () => {
  state.cleanup();
  await backends.cleanup();
});

describe('profiles.checkConnection in the profiles feature', () => {
  it("checks a profile's base URL with its own key from the key store", async () => {
    const backend = await backends.start({ apiKey: 'k' });
    const secrets = new MemorySecretStore();
    const api = createApi(createProfilesFeature({ store: state.store, secrets, events: { emit: () => {} } }).handlers);
    const profile = state.store.profiles.create('P', backend.url);
    await secrets.set(profile.id, 'bad');
    expect(await api['profiles.checkConnection']({ id: profile.id })).toMatchObject({ ok: true, value: { outcome: 'key-rejected', status: 403 } });
    await secrets.set(profile.id, 'k');
    expect(await api['profiles.checkConnection']({ id: profile.id })).toMatchObject({ ok: true, value: { outcome: 'reachable' } });
  });
});

describe('profiles.setBaseUrl and the key', () => {
  it('removes the key when the base URL moves to another origin, and says so', async () => {
    const secrets = new MemorySecretStore();
    const api = createApi(createProfilesFeature({ store: state.store, secrets, events: { emit: () => {} } }).handlers);
    const profile = state.store.profiles.create('Moving', 'https://prod.example.com/api');
    await secrets.set(profile.id, 'the-prod-key-123456');
    const samePlace = await api['profiles.setBaseUrl']({ id: profile.id, baseUrl: 'https://prod.example.com/v2/api' });
    expect(samePlace).toMatchObject({ ok: true, value: { baseUrl: 'https://prod.example.com/v2/api', keyRemoved: false } });
    expect(await secrets.get(profile.id)).toBe('the-prod-key-123456');
    const moved = await api['profiles.setBaseUrl']({ id: profile.id, baseUrl: 'https://other.example/api' });
    expect(moved).toMatchObject({ ok: true, value: { baseUrl: 'https://other.example/api', keyRemoved: true } });
    expect(moved.ok && moved.value.notice).toMatch(/API key was removed/);
    expect(await secrets.get(profile.id)).toBeNull();
  });
});
