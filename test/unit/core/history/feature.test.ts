import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHistoryFeature } from '../../../../main/core/history/feature';
import type { HistoryEntry } from '../../../../main/core/store/history-repo';
import { useStateFeatures } from '../../../helpers/state-features-fixture';

const zipEntry = (jobId: string, path: string | null, when = '2026-01-01T00:00:00.000Z'): HistoryEntry => ({
  jobId, when, profileId: 'p', profileName: 'P', itemCount: 1, mode: 'zip', result: 'success', errorKind: null,
  path, bytes: 10, exportIds: null, sourceFileUrls: ['https://h/a'],
});

describe('the history feature', () => {
  const state = useStateFeatures();
  const h = () => state.handlers();
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  const folder = () => {
    const made = mkdtempSync(join(tmpdir(), 'history-feature-'));
    folders.push(made);
    return made;
  };

  it('lists, removes and clears history', async () => {
    for (let i = 0; i < 3; i++) state.fx.store.history.record(zipEntry(`j${i}`, null, `2026-01-0${i + 1}T00:00:00.000Z`));
    const page = await h()['history.list']({ offset: 0, limit: 2 });
    expect(page).toMatchObject({ total: 3, recorded: 3, profiles: [{ profileId: 'p', profileName: 'P' }] });
    expect(page.items.map((i) => i.jobId)).toEqual(['j2', 'j1']);
    expect(await h()['history.remove']({ id: page.items[0]!.id })).toEqual({ removed: true });
    expect(await h()['history.clear'](undefined)).toEqual({ removed: 2 });
    expect(state.emitted.filter((e) => e === 'history.changed')).toHaveLength(2);
  });

  it('filters in main: the page and its total are the matches, `recorded` every row', async () => {
    state.fx.store.history.record(zipEntry('zip', null));
    state.fx.store.history.record({ ...zipEntry('urls', null), mode: 'urls' });
    const page = await h()['history.list']({ offset: 0, limit: 10, mode: 'urls' });
    expect(page).toMatchObject({ total: 1, recorded: 2, items: [{ jobId: 'urls' }] });
  });

  it('offers a saved file by id only while it is still the file the job wrote', async () => {
    const dir = folder();
    const paths = ['kept', 'rewritten', 'deleted'].map((name) => join(dir, `${name}.zip`));
    for (const path of paths) writeFileSync(path, 'zip bytes');
    const history = createHistoryFeature(state.deps);
    for (const [index, path] of paths.entries()) await history.downloadHistory.record(zipEntry(`j${index}`, path));
    writeFileSync(paths[1]!, 'other bytes');
    utimesSync(paths[1]!, new Date(2030, 0, 1), new Date(2030, 0, 1));
    rmSync(paths[2]!);

    const { items } = await h()['history.list']({ offset: 0, limit: 10 });
    const byJob = Object.fromEntries(items.map((item) => [item.jobId, item]));
    expect(byJob.j0).toMatchObject({ fileState: 'saved', path: paths[0] });
    expect(state.deps.grants.resolve(byJob.j0!.fileId!, 'file')).toBe(paths[0]);
    expect(byJob.j1).toMatchObject({ fileState: 'changed', fileId: null });
    expect(byJob.j2).toMatchObject({ fileState: 'missing', fileId: null });
  });

  it('records finished downloads through the history feature, which announces each one', async () => {
    const history = createHistoryFeature(state.deps);
    await history.downloadHistory.record({
      jobId: 'j', when: '2026-11-26T10:00:00.000Z', profileId: 'p', profileName: 'P', itemCount: 2, mode: 'urls',
      result: 'failed', errorKind: 'unauthorized', path: null, bytes: null, exportIds: ['4', '7'], sourceFileUrls: ['https://h/4', 'https://h/7'],
    });
    const [item] = state.fx.store.history.list().items;
    expect(item).toMatchObject({ jobId: 'j', result: 'failed', errorKind: 'unauthorized', exportIds: ['4', '7'], sourceFileUrls: ['https://h/4', 'https://h/7'] });
    expect(state.emitted).toEqual(['history.changed']);
  });

  it('gives back the URLs a URL-mode row kept, by row for the window and by job for downloads', async () => {
    const history = createHistoryFeature(state.deps);
    const urlLists = { exportedUrls: ['https://cdn/a'], skipped: [] };
    await history.downloadHistory.record({ ...zipEntry('u', null), mode: 'urls', urlLists });
    const { items } = await h()['history.list']({ offset: 0, limit: 10 });
    expect(items[0]).toMatchObject({ exportedUrlCount: 1, urlsKept: true, fileState: null });
    expect(await h()['history.urls']({ id: items[0]!.id })).toEqual(urlLists);
    expect(history.downloadHistory.keptUrls?.('u')).toEqual({ ...urlLists, profileId: 'p', profileName: 'P' });
    expect(history.downloadHistory.keptUrls?.('other')).toBeNull();
  });
});
