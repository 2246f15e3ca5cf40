import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../shared/errors';
import { failure } from '../../../helpers/result-value';
import { useStateFeatures, STATE_TEST_KEY as KEY } from '../../../helpers/state-features-fixture';

describe('the profiles feature', () => {
  const state = useStateFeatures();
  const h = () => state.handlers();

  it('deletes a profile with its key and clears it as the active profile', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    await h()['keys.set']({ profileId: p.id, key: KEY });
    await h()['settings.set']({ activeProfileId: p.id });
    expect(await h()['profiles.delete']({ id: p.id })).toEqual({ keyRemoved: true });
    expect(await state.deps.secrets.list()).toEqual([]);
    expect((await h()['settings.get'](undefined)).activeProfileId).toBeNull();
  });

  it('still deletes the profile when the keychain fails, and says the key may remain', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    state.deps.secrets.delete = async () => {
      throw new Error('boom');
    };
    const result = await h()['profiles.delete']({ id: p.id });
    expect(result.keyRemoved).toBe(false);
    expect(result.warning).toMatch(/may still be in the keychain/);
    expect(state.fx.store.profiles.get(p.id)).toBeNull();
  });

  it('refuses a profile without a name through the API, as input that cannot be used', async () => {
    expect(await failure(state.api()['profiles.create']({ name: '', baseUrl: 'https://x' }))).toMatchObject({ kind: 'validation' });
  });

  it('answers profiles.checkConnection from the profiles feature, refusing an unknown profile', async () => {
    await expect(h()['profiles.checkConnection']({ id: 'nope' })).rejects.toMatchObject({ appError: { kind: 'state' } });
  });

  it('refuses to rename or delete the built-in profile as a state of the app, not as bad input', async () => {
    const { profile: sample } = state.fx.store.profiles.ensureSample('http://127.0.0.1:9/api');
    const api = state.api();
    // The name is fine; what forbids it is which profile this is.
    expect(await failure(api['profiles.rename']({ id: sample.id, name: 'Mine now' }))).toMatchObject({ kind: 'state', message: expect.stringMatching(/built-in/) });
    expect(await failure(api['profiles.delete']({ id: sample.id }))).toMatchObject({ kind: 'state', message: expect.stringMatching(/built-in/) });
    expect(state.fx.store.profiles.get(sample.id)).toMatchObject({ name: sample.name });
  });

  it('answers a call about a profile deleted meanwhile as a state, never as the backend\'s not-found', async () => {
    const p = await h()['profiles.create']({ name: 'Soon gone', baseUrl: 'https://p/api' });
    await h()['profiles.delete']({ id: p.id });
    const api = state.api();
    const calls: Array<Promise<Result<unknown>>> = [
      api['profiles.rename']({ id: p.id, name: 'Again' }),
      api['profiles.setBaseUrl']({ id: p.id, baseUrl: 'https://q/api' }),
      api['profiles.setMaxBatchSize']({ id: p.id, maxBatchSize: 5 }),
      api['profiles.checkConnection']({ id: p.id }),
      api['keys.set']({ profileId: p.id, key: KEY }),
      api['tracked.add']({ profileId: p.id, text: 'https://h/a.png' }),
    ];
    for (const gone of calls) {
      expect(await failure(gone)).toMatchObject({ kind: 'state', message: 'That profile no longer exists; pick another one.' });
    }
  });
});
