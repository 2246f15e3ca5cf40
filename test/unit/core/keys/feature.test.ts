import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useStateFeatures, STATE_TEST_KEY as KEY } from '../../../helpers/state-features-fixture';

describe('the keys feature', () => {
  const state = useStateFeatures();
  const h = () => state.handlers();

  it('sets, replaces and removes a key, reporting only a masked hint', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    const set = await h()['keys.set']({ profileId: p.id, key: KEY });
    expect(set).toEqual({ hasKey: true, hint: '••••cdef', backend: 'keychain' });
    expect(JSON.stringify(set)).not.toContain(KEY.slice(0, 12));
    expect(await h()['keys.set']({ profileId: p.id, key: 'short-key' })).toMatchObject({ hint: '••••' });
    expect(await state.deps.secrets.get(p.id)).toBe('short-key');
    expect(await h()['keys.remove']({ profileId: p.id })).toEqual({ hasKey: false, hint: null, backend: 'keychain' });
    expect(state.emitted).toContain('keys.changed');
  });

  it('never writes a key into the database or the settings', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    await h()['keys.set']({ profileId: p.id, key: KEY });
    await h()['settings.set']({ activeProfileId: p.id });
    const files = [state.fx.store.path, `${state.fx.store.path}-wal`].filter((f) => existsSync(f));
    for (const file of files) expect(readFileSync(file).includes(Buffer.from(KEY))).toBe(false);
    expect(JSON.stringify(await h()['settings.get'](undefined))).not.toContain(KEY);
  });

  it('refuses a key for a plain-http profile on another host, and http for a profile with a key', async () => {
    const open = await h()['profiles.create']({ name: 'Open', baseUrl: 'http://intranet.example/api' });
    await expect(h()['keys.set']({ profileId: open.id, key: KEY })).rejects.toMatchObject({ appError: { kind: 'validation' } });
    expect(await state.deps.secrets.list()).toEqual([]);
    const safe = await h()['profiles.create']({ name: 'Safe', baseUrl: 'https://intranet.example/api' });
    await h()['keys.set']({ profileId: safe.id, key: KEY });
    await expect(h()['profiles.setBaseUrl']({ id: safe.id, baseUrl: 'http://intranet.example/api' })).rejects.toThrow(/clear text/);
    expect((await h()['profiles.setBaseUrl']({ id: safe.id, baseUrl: 'http://127.0.0.1:9/api' })).baseUrl).toBe('http://127.0.0.1:9/api');
  });
});
