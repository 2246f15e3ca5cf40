import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../main/core/api';
import { createProfilesFeature } from '../../../main/core/store/profiles-feature';
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
