import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../main/core/api';
import type { EventSink } from '../../../main/core/ports';
import { createKeysFeature } from '../../../main/core/keys/feature';
import type { SecretsStatus } from '../../../main/core/secrets/secret-store';
import { createHistoryFeature } from '../../../main/core/history/feature';
import { createProfilesFeature } from '../../../main/core/profiles/feature';
import { createSettingsFeature } from '../../../main/core/settings/feature';
import type { Store } from '../../../main/core/store/store';
import { FileGrants } from '../../../main/core/file-grants';
import { createTrackedFeature } from '../../../main/core/tracked/feature';
import { createStoreFixture } from '../../helpers/store-fixture';
import type { StoreFixture } from '../../helpers/store-fixture';
import { MemorySecretStore } from '../../helpers/memory-secret-store';
import { ScriptedDialogs } from '../../helpers/test-ports';

const KEY = 'sk-live-0123456789abcdef';

/** What the state features are built from, as core passes it. */
interface StateDeps {
  store: Store;
  secrets: MemorySecretStore;
  secretsStatus: SecretsStatus;
  dialogs: ScriptedDialogs;
  downloadsDir: string;
  events: EventSink;
  grants: FileGrants;
}

/** The handlers of profiles, keys, tracked, history and settings, composed as core does. */
function stateHandlers(deps: StateDeps) {
  return {
    ...createProfilesFeature(deps).handlers,
    ...createKeysFeature(deps).handlers,
    ...createTrackedFeature(deps).handlers,
    ...createHistoryFeature(deps).handlers,
    ...createSettingsFeature(deps).handlers,
  };
}

describe('state features', () => {
  let fx: StoreFixture;
  let deps: StateDeps;
  let emitted: string[];
  beforeEach(() => {
    fx = createStoreFixture();
    emitted = [];
    deps = {
      store: fx.store,
      secrets: new MemorySecretStore(),
      secretsStatus: { backend: 'keychain' },
      dialogs: new ScriptedDialogs(),
      downloadsDir: fx.root,
      events: { emit: (name) => void emitted.push(name) },
      grants: new FileGrants(),
    };
  });
  afterEach(() => fx.cleanup());
  const h = () => stateHandlers(deps);

  it('sets, replaces and removes a key, reporting only a masked hint', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    const set = await h()['keys.set']({ profileId: p.id, key: KEY });
    expect(set).toEqual({ hasKey: true, hint: '••••cdef', backend: 'keychain' });
    expect(JSON.stringify(set)).not.toContain(KEY.slice(0, 12));
    expect(await h()['keys.set']({ profileId: p.id, key: 'short-key' })).toMatchObject({ hint: '••••' });
    expect(await deps.secrets.get(p.id)).toBe('short-key');
    expect(await h()['keys.remove']({ profileId: p.id })).toEqual({ hasKey: false, hint: null, backend: 'keychain' });
    expect(emitted).toContain('keys.changed');
  });

  it('never writes a key into the database or the settings', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    await h()['keys.set']({ profileId: p.id, key: KEY });
    await h()['settings.set']({ activeProfileId: p.id });
    const files = [fx.store.path, `${fx.store.path}-wal`].filter((f) => existsSync(f));
    for (const file of files) expect(readFileSync(file).includes(Buffer.from(KEY))).toBe(false);
    expect(JSON.stringify(await h()['settings.get'](undefined))).not.toContain(KEY);
  });

  it('refuses a key for a plain-http profile on another host, and http for a profile with a key', async () => {
    const open = await h()['profiles.create']({ name: 'Open', baseUrl: 'http://intranet.example/api' });
    await expect(h()['keys.set']({ profileId: open.id, key: KEY })).rejects.toMatchObject({ appError: { kind: 'validation' } });
    expect(await deps.secrets.list()).toEqual([]);
    const safe = await h()['profiles.create']({ name: 'Safe', baseUrl: 'https://intranet.example/api' });
    await h()['keys.set']({ profileId: safe.id, key: KEY });
    await expect(h()['profiles.setBaseUrl']({ id: safe.id, baseUrl: 'http://intranet.example/api' })).rejects.toThrow(/clear text/);
    expect((await h()['profiles.setBaseUrl']({ id: safe.id, baseUrl: 'http://127.0.0.1:9/api' })).baseUrl).toBe('http://127.0.0.1:9/api');
  });

  it('deletes a profile with its key and clears it as the active profile', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    await h()['keys.set']({ profileId: p.id, key: KEY });
    await h()['settings.set']({ activeProfileId: p.id });
    expect(await h()['profiles.delete']({ id: p.id })).toEqual({ keyRemoved: true });
    expect(await deps.secrets.list()).toEqual([]);
    expect((await h()['settings.get'](undefined)).activeProfileId).toBeNull();
  });

  it('names the first profile as active until one is chosen, and again when the chosen one is deleted', async () => {
    expect((await h()['settings.get'](undefined)).activeProfileId).toBeNull();
    const first = await h()['profiles.create']({ name: 'A first', baseUrl: 'https://a/api' });
    const second = await h()['profiles.create']({ name: 'B second', baseUrl: 'https://b/api' });
    expect((await h()['settings.get'](undefined)).activeProfileId).toBe(first.id);
    expect((await h()['settings.set']({ activeProfileId: second.id })).activeProfileId).toBe(second.id);
    expect((await h()['settings.get'](undefined)).activeProfileId).toBe(second.id);
    await h()['profiles.delete']({ id: second.id });
    expect((await h()['settings.get'](undefined)).activeProfileId).toBe(first.id);
  });

  it('still deletes the profile when the keychain fails, and says the key may remain', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    deps.secrets.delete = async () => {
      throw new Error('boom');
    };
    const result = await h()['profiles.delete']({ id: p.id });
    expect(result.keyRemoved).toBe(false);
    expect(result.warning).toMatch(/may still be in the keychain/);
    expect(fx.store.profiles.get(p.id)).toBeNull();
  });

  it('adds pasted text, imports a dropped file and exports the list in each format', async () => {
    const p = await h()['profiles.create']({ name: 'My P', baseUrl: 'https://p/api' });
    const added = await h()['tracked.add']({ profileId: p.id, text: '["https://h/a.png", {"sourceFileUrl": "https://h/b.png"}]' });
    expect(added).toMatchObject({ added: 2, duplicates: 0, invalid: 0 });
    const file = join(fx.root, 'drop.csv');
    writeFileSync(file, 'sourceFileUrl\nhttps://h/b.png\nhttps://h/c%20d.png\n');
    const dropped = deps.grants.grant(file, 'file').id;
    expect(await h()['tracked.import']({ profileId: p.id, fileId: dropped })).toMatchObject({ added: 1, duplicates: 1 });
    await expect(h()['tracked.import']({ profileId: p.id, fileId: file })).rejects.toMatchObject({ appError: { kind: 'validation' } });
    for (const format of ['txt', 'csv', 'json'] as const) {
      const target = join(fx.root, `out.${format}`);
      deps.dialogs.saveAnswers.push(target);
      const { file: saved } = await h()['tracked.export']({ profileId: p.id, format });
      expect(saved).toMatchObject({ path: target, name: `out.${format}` });
      // Each exported file imports back as the same three URLs.
      const again = fx.store.profiles.create(`again-${format}`, 'https://p/api');
      expect(await h()['tracked.import']({ profileId: again.id, fileId: saved!.id })).toMatchObject({ added: 3, invalid: 0 });
    }
    expect(readFileSync(join(fx.root, 'out.csv'), 'utf8').split('\r\n')[0]).toBe('sourceFileUrl,label,addedAt');
    expect(deps.dialogs.asked[0]!.options).toMatchObject({ defaultPath: join(fx.root, 'tracked-exports-My-P.txt') });
    deps.dialogs.saveAnswers.push(null);
    expect(await h()['tracked.export']({ profileId: p.id, format: 'txt' })).toEqual({ file: null });
  });

  it('exports the list atomically: a failed write keeps the old file whole and is a disk error naming it', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    await h()['tracked.add']({ profileId: p.id, text: 'https://h/a.png' });
    const target = join(fx.root, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'x'); // a non-empty folder where the list should go
    deps.dialogs.saveAnswers.push(target);
    await expect(h()['tracked.export']({ profileId: p.id, format: 'txt' })).rejects.toMatchObject({
      appError: { kind: 'disk', message: expect.stringContaining(target) },
    });
    expect(readdirSync(fx.root).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('imports the file chosen in the open dialog, or returns null when cancelled', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    const file = join(fx.root, 'list.txt');
    writeFileSync(file, 'https://h/a\n');
    deps.dialogs.openAnswers.push([file]);
    expect(await h()['tracked.chooseImportFile']({ profileId: p.id })).toMatchObject({ added: 1 });
    expect(await h()['tracked.chooseImportFile']({ profileId: p.id })).toBeNull();
  });

  it('validates payloads through the API and returns errors as data', async () => {
    const api = createApi(h());
    const bad = await api['profiles.create']({ name: '', baseUrl: 'https://x' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const missing = await api['tracked.list']({ profileId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const badSetting = await api['settings.set']({ theme: 'purple' });
    expect(badSetting).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('sets the default folder only through the folder dialog, and resets it to Downloads', async () => {
    deps.dialogs.folderAnswers.push('/home/ana/Exports');
    expect(await h()['settings.chooseDefaultFolder'](undefined)).toMatchObject({ defaultFolder: '/home/ana/Exports' });
    expect(deps.dialogs.asked.at(-1)!.options).toMatchObject({ defaultPath: fx.root });
    deps.dialogs.folderAnswers.push(null);
    expect(await h()['settings.chooseDefaultFolder'](undefined)).toMatchObject({ defaultFolder: '/home/ana/Exports' });
    expect(await h()['settings.set']({ defaultFolder: null })).toMatchObject({ defaultFolder: null });
    expect(emitted.filter((e) => e === 'settings.changed')).toHaveLength(2);
  });

  it('reports state status: recovered database, database path, secrets backend and warning', async () => {
    deps.secretsStatus = { backend: 'session', warning: 'kept until quit' };
    expect(await h()['settings.status'](undefined)).toEqual({
      recoveredFrom: null,
      recoveryNotice: null,
      databasePath: fx.store.path,
      secretsBackend: 'session',
      secretsWarning: 'kept until quit',
    });
  });

  it('lists, removes and clears history', async () => {
    for (let i = 0; i < 3; i++) {
      fx.store.history.record({
        jobId: `j${i}`, when: `2026-01-0${i + 1}T00:00:00.000Z`, profileId: 'p', profileName: 'P', itemCount: 1,
        mode: 'zip', result: 'success', errorKind: null, path: '/x.zip', bytes: 10, exportIds: null, sourceFileUrls: ['https://h/a'],
      });
    }
    const page = await h()['history.list']({ offset: 0, limit: 2 });
    expect(page.total).toBe(3);
    // The saved file comes with the id to show or inspect it.
    expect(deps.grants.resolve(page.items[0]!.fileId!, 'file')).toBe('/x.zip');
    expect(page.items.map((i) => i.jobId)).toEqual(['j2', 'j1']);
    expect(await h()['history.remove']({ id: page.items[0]!.id })).toEqual({ removed: true });
    expect(await h()['history.clear'](undefined)).toEqual({ removed: 2 });
    expect(emitted.filter((e) => e === 'history.changed')).toHaveLength(2);
  });

  it('records finished downloads through the history feature, which announces each one', async () => {
    const history = createHistoryFeature(deps);
    await history.downloadHistory.record({
      jobId: 'j', when: '2026-11-26T10:00:00.000Z', profileId: 'p', profileName: 'P', itemCount: 2, mode: 'urls',
      result: 'failed', errorKind: 'unauthorized', path: null, bytes: null, exportIds: ['4', '7'], sourceFileUrls: ['https://h/4', 'https://h/7'],
    });
    const [item] = fx.store.history.list().items;
    expect(item).toMatchObject({ jobId: 'j', result: 'failed', errorKind: 'unauthorized', exportIds: ['4', '7'], sourceFileUrls: ['https://h/4', 'https://h/7'] });
    expect(emitted).toEqual(['history.changed']);
  });

  it('answers profiles.checkConnection from the profiles feature, refusing an unknown profile', async () => {
    await expect(h()['profiles.checkConnection']({ id: 'nope' })).rejects.toMatchObject({ appError: { kind: 'not-found' } });
  });
});
