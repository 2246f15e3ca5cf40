import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure } from '../../../helpers/result-value';
import { useStateFeatures } from '../../../helpers/state-features-fixture';

describe('the tracked feature', () => {
  const state = useStateFeatures();
  const h = () => state.handlers();

  it('adds pasted text, imports a dropped file and exports the list in each format', async () => {
    const { fx, deps } = state;
    const p = await h()['profiles.create']({ name: 'My P', baseUrl: 'https://p/api' });
    const added = await h()['tracked.add']({ profileId: p.id, text: '["https://h/a.png", {"sourceFileUrl": "https://h/b.png"}]' });
    expect(added).toMatchObject({ added: 2, duplicates: 0, invalid: 0 });
    const file = join(fx.root, 'drop.csv');
    writeFileSync(file, 'sourceFileUrl\nhttps://h/b.png\nhttps://h/c%20d.png\n');
    const dropped = deps.grants.grant(file, 'file').id;
    expect(await h()['tracked.import']({ profileId: p.id, fileId: dropped })).toMatchObject({ added: 1, duplicates: 1 });
    // A path is not an id main handed out: the renderer must pick the file again.
    await expect(h()['tracked.import']({ profileId: p.id, fileId: file })).rejects.toMatchObject({ appError: { kind: 'state' } });
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
    const { fx, deps } = state;
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
    const file = join(state.fx.root, 'list.txt');
    writeFileSync(file, 'https://h/a\n');
    state.deps.dialogs.openAnswers.push([file]);
    expect(await h()['tracked.chooseImportFile']({ profileId: p.id })).toMatchObject({ added: 1 });
    expect(await h()['tracked.chooseImportFile']({ profileId: p.id })).toBeNull();
  });

  it('answers the list of a profile that does not exist through the API as an error, not a crash', async () => {
    expect(await failure(state.api()['tracked.list']({ profileId: 'nope' }))).toMatchObject({ kind: 'state' });
  });

  it('answers a label for an export removed meanwhile as a state, not as the backend\'s not-found', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    await h()['tracked.add']({ profileId: p.id, text: 'https://h/a.png' });
    const [item] = state.fx.store.tracked.list(p.id).items;
    await h()['tracked.remove']({ profileId: p.id, ids: [item!.id] });
    expect(await failure(state.api()['tracked.setLabel']({ profileId: p.id, id: item!.id, label: 'late' }))).toMatchObject({
      kind: 'state',
      message: expect.stringMatching(/no longer tracked/),
    });
  });

  it('answers an import of a file whose grant is gone as a state: the file must be chosen again', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    expect(await failure(state.api()['tracked.import']({ profileId: p.id, fileId: 'file-00000000-0000-0000-0000-000000000000' }))).toMatchObject({
      kind: 'state',
      message: expect.stringMatching(/choose it again/),
    });
  });
});
